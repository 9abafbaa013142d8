"""The sample letter: the page, the personalized letter and the ready-made downloads."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from advocacy.forms_letter import LETTER_FORMATS, PersonalizeLetterForm, chosen_format
from advocacy.letters import (
    CONTENT_TYPES,
    SAMPLE_DOWNLOAD_NAMES,
    SAMPLE_LABELS,
    letter_filename,
    letter_preview,
    personalized_letter,
    sample_downloads,
    sample_file,
)
from advocacy.models import SampleLetter
from portal.files import private_file_response


def letter(request):
    sample = SampleLetter.load()
    form = PersonalizeLetterForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            kind = chosen_format(request.POST)
            details = form.details()
            response = HttpResponse(
                personalized_letter(sample, details, kind), content_type=CONTENT_TYPES[kind]
            )
            response["Content-Disposition"] = content_disposition_header(
                True, letter_filename(details, kind)
            )
            # The file carries the person's details: never keep it in a shared cache.
            response["Cache-Control"] = "private, no-store"
            return response
        messages.error(
            request, "Your letter was not made yet. Please correct the fields marked below."
        )
    context = {
        "form": form,
        "downloads": sample_downloads(sample),
        "preview": letter_preview(sample),
        "formats": LETTER_FORMATS,
    }
    return render(request, "advocacy/letter.html", context)


def sample_letter_file(request, kind):
    if kind not in SAMPLE_DOWNLOAD_NAMES:
        raise Http404("The sample letter comes as .docx or .pdf only.")
    field = sample_file(SampleLetter.load(), kind)
    if field is None:
        context = {"kind": kind, "label": SAMPLE_LABELS[kind]}
        return render(request, "advocacy/letter_missing.html", context, status=404)
    response = private_file_response(field, download_name=SAMPLE_DOWNLOAD_NAMES[kind])
    response["Content-Type"] = CONTENT_TYPES[kind]
    return response
