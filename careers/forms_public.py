from django import forms

from careers.models import CareerServiceRequest
from portal.uploads import RESUME


class CareerServiceRequestForm(forms.ModelForm):
    class Meta:
        model = CareerServiceRequest
        fields = ["preferred_contact", "phone", "message", "resume_file"]
        labels = {
            "preferred_contact": "How should we contact you?",
            "phone": "Phone number",
            "message": "What would you like help with?",
            "resume_file": "Your resume (optional)",
        }
        help_texts = {
            "phone": "Only needed if you prefer a call.",
            "resume_file": "PDF, DOC or DOCX, at most 5 MB.",
        }
        error_messages = {"resume_file": {"empty": RESUME.empty}}
        widgets = {
            "resume_file": forms.ClearableFileInput(attrs={"accept": RESUME.accept}),
            "preferred_contact": forms.RadioSelect,
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(
            "preferred_contact"
        ) == CareerServiceRequest.Contact.PHONE and not cleaned.get("phone"):
            self.add_error("phone", "Add a phone number so we can call you, or choose email.")
        return cleaned
