"""Forms for webinars: checking a certificate code (public) and uploading attendance (staff)."""

from pathlib import PurePath

from django import forms

ATTENDANCE_MAX_BYTES = 2 * 1024 * 1024


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
        error_messages={"required": "Choose the CSV file of attendees to upload."},
    )

    def clean_attendees(self):
        upload = self.cleaned_data["attendees"]
        if PurePath(upload.name or "").suffix.lower() not in {".csv", ".txt"}:
            raise forms.ValidationError(
                "Upload a .csv file (a spreadsheet saved as “CSV”).", code="not_csv"
            )
        if upload.size > ATTENDANCE_MAX_BYTES:
            raise forms.ValidationError(
                "That file is larger than 2 MB. Keep only the email column and try again.",
                code="too_big",
            )
        data = upload.read()
        if b"\x00" in data[:4096]:
            raise forms.ValidationError(
                "That doesn’t look like a CSV file. Save the spreadsheet as CSV and try again.",
                code="binary",
            )
        return data
