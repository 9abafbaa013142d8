"""Forms for webinars: checking a certificate code (public) and uploading attendance (staff)."""

from django import forms

from portal.uploads import ATTENDANCE, validate_upload

ATTENDANCE_MAX_BYTES = ATTENDANCE.max_bytes


class CertificateVerifyForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        max_length=40,
        help_text="You’ll find it at the bottom of the certificate, for example 3F9A0C12DE.",
        error_messages={
            "required": "Type the code printed on the certificate.",
            "max_length": "That’s longer than any certificate code. Please check it and try again.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )


class AttendanceUploadForm(forms.Form):
    attendees = forms.FileField(
        label="Attendee list (CSV)",
        help_text="A CSV file with one attendee per line: either a column headed “Email” (as "
        "attendee reports from Zoom or Teams have it) or the email address in the first column. "
        "At most 2 MB.",
        widget=forms.FileInput(attrs={"accept": ATTENDANCE.accept}),
        error_messages={
            "required": "Choose the CSV file of attendees to upload.",
            "empty": ATTENDANCE.empty,
        },
    )

    def clean_attendees(self):
        upload = self.cleaned_data["attendees"]
        # Size first, then content (UTF-8 text, no NUL bytes) and the .csv name.
        validate_upload(upload, ATTENDANCE)
        return upload.read()
