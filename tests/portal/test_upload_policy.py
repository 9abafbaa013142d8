"""The upload policy itself (portal.uploads): sizes before content, content before names, Office
archives opened safely, CSV text checked, stored names generated, and the upload handler that
stops storing a file larger than anything the portal accepts."""

import io
import os
import re
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory

from portal import filetypes
from portal.uploads import (
    ATTENDANCE,
    CERTIFICATE,
    KINDS,
    LARGEST_UPLOAD_BYTES,
    POLICIES,
    RESOURCE,
    RESUME,
    SAMPLE_LETTER_PDF,
    SAMPLE_LETTER_WORD,
    OversizedUpload,
    generated_name,
    human_size,
    validate_upload,
)
from tests.factories import MINIMAL_PDF
from tests.upload_samples import (
    JPEG_BYTES,
    LINUX_PROGRAM,
    MB,
    PNG_BYTES,
    WEB_PAGE,
    WINDOWS_PROGRAM,
    csv_of_size,
    office_bytes,
    pdf_of_size,
    with_encryption_flag,
    with_lying_sizes,
    zip_bomb,
)


def _upload(name, data):
    return SimpleUploadedFile(name, data)


def _refusal(policy, name, data) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        validate_upload(_upload(name, data), policy)
    return error.value


# --- What each policy accepts ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "name", "data", "kind"),
    [
        (RESUME, "Jordan Lee CV.pdf", MINIMAL_PDF, "pdf"),
        (RESUME, "cv.DOCX", office_bytes("docx"), "docx"),
        (
            RESUME,
            "old.doc",
            filetypes.OLE2_SIGNATURE + b"\0" * 100 + "WordDocument".encode("utf-16-le"),
            "doc",
        ),
        (CERTIFICATE, "scan.jpeg", JPEG_BYTES, "jpg"),
        (CERTIFICATE, "scan.png", PNG_BYTES, "png"),
        (RESOURCE, "slides.pptx", office_bytes("pptx"), "pptx"),
        (RESOURCE, "tracker.xlsx", office_bytes("xlsx"), "xlsx"),
        (SAMPLE_LETTER_WORD, "letter.docx", office_bytes("docx"), "docx"),
        (ATTENDANCE, "zoom.csv", "\ufeffEmail\nzoë@example.com\n".encode(), "csv"),
    ],
)
def test_real_files_of_an_allowed_kind_are_accepted(policy, name, data, kind):
    assert validate_upload(_upload(name, data), policy).name == kind


def test_every_policy_names_its_kinds_extensions_and_limit():
    for policy in POLICIES:
        assert policy.kinds and all(kind in KINDS for kind in policy.kinds)
        assert 0 < policy.max_bytes <= LARGEST_UPLOAD_BYTES
        assert policy.empty and policy.too_big and policy.allowed and policy.what_to_do
    assert LARGEST_UPLOAD_BYTES == RESOURCE.max_bytes == 25 * MB
    assert RESUME.accept.startswith(".pdf,.doc,.docx,application/pdf")


# --- Size, before anything is read --------------------------------------------------------------


class _Unreadable(SimpleUploadedFile):
    def read(self, *args):  # pragma: no cover - the point is that it is never called
        raise AssertionError("the file was read before its size was checked")


def test_size_is_checked_before_the_file_is_read():
    big = _Unreadable("huge.pdf", b"")
    big.size = RESUME.max_bytes + 1
    with pytest.raises(ValidationError) as error:
        validate_upload(big, RESUME)
    assert error.value.code == "too_big"


@pytest.mark.parametrize("policy", [RESUME, CERTIFICATE, RESOURCE, SAMPLE_LETTER_PDF])
def test_a_file_exactly_at_the_limit_passes_and_one_byte_more_is_refused(policy):
    assert validate_upload(_upload("doc.pdf", pdf_of_size(policy.max_bytes)), policy).name == "pdf"

    error = _refusal(policy, "doc.pdf", pdf_of_size(policy.max_bytes + 1))
    limit = human_size(policy.max_bytes)
    assert error.code == "too_big"
    # Not "5.0 MB; at most 5 MB", which would read as a contradiction.
    assert f"just over {limit}" in error.messages[0]
    assert f"at most {limit}" in error.messages[0] or f"the {limit} limit" in error.messages[0]


def test_csv_exactly_at_the_limit_passes_and_one_byte_more_is_refused():
    assert validate_upload(_upload("a.csv", csv_of_size(ATTENDANCE.max_bytes)), ATTENDANCE)
    error = _refusal(ATTENDANCE, "a.csv", csv_of_size(ATTENDANCE.max_bytes + 1))
    assert "The file is just over 2 MB, larger than 2 MB." in error.messages[0]


def test_an_empty_file_is_refused_with_the_policys_own_words():
    assert _refusal(RESUME, "cv.pdf", b"").messages == [RESUME.empty]
    assert _refusal(CERTIFICATE, "c.pdf", b"").messages == [CERTIFICATE.empty]


# --- Content, whatever the name says ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (WINDOWS_PROGRAM, "It is a Windows program"),
        (LINUX_PROGRAM, "It is a Linux program"),
        (WEB_PAGE, "It is a web page (HTML)"),
        (b"just some words", ""),
    ],
)
@pytest.mark.parametrize("policy", [RESUME, CERTIFICATE, RESOURCE, SAMPLE_LETTER_PDF])
def test_a_disguised_file_is_refused_and_said_for_what_it_is(policy, data, said):
    error = _refusal(policy, "harmless.pdf", data)
    assert error.code == "wrong_type"
    message = error.messages[0]
    assert message.startswith(f"This file is not {policy.allowed}, whatever its name says.")
    assert policy.what_to_do in message
    assert said in message


def test_a_legacy_office_container_that_is_not_word_is_not_a_resume():
    # An installer (.msi) or an old Excel file uses the same container as a .doc.
    error = _refusal(RESUME, "cv.doc", filetypes.OLE2_SIGNATURE + b"\0" * 200)
    assert error.code == "wrong_type"


def test_a_legacy_doc_is_a_resume_only():
    doc = filetypes.OLE2_SIGNATURE + b"\0" * 100 + "WordDocument".encode("utf-16-le")
    assert _refusal(RESOURCE, "policy.doc", doc).code == "wrong_type"
    assert _refusal(SAMPLE_LETTER_WORD, "letter.doc", doc).code == "wrong_type"


def test_a_name_that_does_not_match_the_content_is_refused_with_the_fix():
    error = _refusal(RESUME, "cv.pdf", office_bytes("docx"))
    assert error.code == "wrong_extension"
    assert error.messages == [
        "The file's content is Word (.docx) but its name ends in .pdf; rename it to .docx and "
        "upload it again."
    ]
    assert "ends in .?" in _refusal(CERTIFICATE, "scan", PNG_BYTES).messages[0]


def test_an_office_file_of_a_kind_the_policy_does_not_allow_is_refused():
    assert _refusal(RESUME, "sheet.xlsx", office_bytes("xlsx")).code == "wrong_type"
    assert _refusal(CERTIFICATE, "cert.docx", office_bytes("docx")).code == "wrong_type"


# --- Office archives ------------------------------------------------------------------------------


@pytest.mark.parametrize("policy", [RESUME, RESOURCE, SAMPLE_LETTER_WORD])
def test_a_zip_bomb_is_refused_quickly_without_unpacking_it_to_disk(policy, tmp_path):
    bomb = zip_bomb("docx", unpacked_mb=120)
    assert len(bomb) < 1 * MB  # small to send, huge to open

    started = time.monotonic()
    error = _refusal(policy, "cv.docx", bomb)

    assert error.code == "unsafe_archive"
    assert "unpacks to more than" in error.messages[0]
    assert "save it again and upload the copy." in error.messages[0]
    assert time.monotonic() - started < 2


def test_a_bomb_whose_archive_lies_about_its_sizes_is_still_refused():
    # The written sizes say 10 bytes; only unpacking (in memory, a chunk at a time) tells.
    liar = with_lying_sizes(zip_bomb("docx", unpacked_mb=60))
    error = _refusal(RESUME, "cv.docx", liar)
    assert error.code == "unsafe_archive"
    assert "unpacks to more than 50 MB" in error.messages[0] or "damaged" in error.messages[0]


def test_a_part_packed_impossibly_tightly_is_refused_even_under_the_total_bound():
    tight = office_bytes("docx", extra=[("word/media/blank.bin", bytes(3 * MB))])
    error = _refusal(RESUME, "cv.docx", tight)
    assert error.code == "unsafe_archive"
    assert re.search(r"packed about \d+ times smaller", error.messages[0])


def test_an_archive_with_an_absurd_number_of_parts_is_refused_before_it_is_listed():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for number in range(filetypes.MAX_ARCHIVE_MEMBERS + 1):
            archive.writestr(f"word/p{number}.xml", "")
    error = _refusal(RESOURCE, "big.docx", buffer.getvalue())
    assert f"holds {filetypes.MAX_ARCHIVE_MEMBERS + 2} parts" in error.messages[0]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (with_encryption_flag(office_bytes("docx")), "password-protected"),
        (office_bytes("docx", extra=[("word/vbaProject.bin", b"macro")]), "contains macros"),
        (office_bytes("docx", extra=[("../../etc/cron.d/x", b"")]), "unusual part"),
        (office_bytes("docx", extra=[("C:\\evil.txt", b"")]), "unusual part"),
        (
            office_bytes("docx")[:-60] + b"\0" * 60,  # the archive's index cut off
            "is not a PDF",
        ),
    ],
    ids=["encrypted", "macros", "path-outside", "windows-path", "truncated"],
)
def test_odd_office_archives_are_refused_with_a_reason(data, words):
    error = _refusal(RESOURCE, "policy.docx", data)
    assert words in error.messages[0]


def test_sniffing_leaves_the_file_where_it_was_found():
    handle = io.BytesIO(office_bytes("xlsx"))
    assert filetypes.inspect_office_archive(handle, max_unpacked_bytes=MB) == "xlsx"
    assert handle.tell() == 0
    assert filetypes.sniff_document_type(handle) == "xlsx"
    assert handle.tell() == 0


# --- CSV text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("list.csv", b"email\nann@example.com\x00\n", "This file is not a CSV file"),
        ("list.csv", WINDOWS_PROGRAM, "It is a Windows program"),
        ("list.csv", WEB_PAGE, "It is a web page (HTML)"),
        ("list.csv", "email\nzoë@example.com\n".encode("latin-1"), "not UTF-8 text"),
        ("list.xlsx", office_bytes("xlsx"), "Upload a .csv file"),
        ("list.txt", b"email\nann@example.com\n", "Upload a .csv file"),
        ("list.pdf", WEB_PAGE, "Upload a .csv file"),
    ],
)
def test_csv_uploads_must_be_utf8_text_named_csv(name, data, words):
    assert words in _refusal(ATTENDANCE, name, data).messages[0]


# --- Stored names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "extension"),
    [
        ("Jordan Lee CV.PDF", "pdf"),
        ("scan.JPEG", "jpg"),
        ("../../etc/passwd", "bin"),
        ("<script>.docx", "docx"),
        ("no extension", "bin"),
    ],
)
def test_stored_names_are_generated_and_keep_only_the_checked_extension(filename, extension):
    name = generated_name("resumes/7/", filename)
    assert re.fullmatch(rf"resumes/7/[0-9a-f]{{32}}\.{extension}", name)
    assert generated_name("resumes/7", filename) != name


# --- The upload handler -----------------------------------------------------------------------


def _multipart_request(name, size, **extra_fields):
    factory = RequestFactory()
    upload = SimpleUploadedFile(name, b"%PDF-" + b"0" * (size - 5), "application/pdf")
    return factory.post("/upload/", {"file": upload, **extra_fields})


def test_the_handler_stops_storing_a_file_larger_than_any_upload_and_keeps_the_other_fields(
    tmp_path, settings
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    request = _multipart_request("atlas.pdf", LARGEST_UPLOAD_BYTES + 1, title="Lab atlas")

    received = request.FILES["file"]

    assert isinstance(received, OversizedUpload)
    assert received.name == "atlas.pdf"
    assert received.size == LARGEST_UPLOAD_BYTES + 1
    assert received.read() == b""
    assert request.POST["title"] == "Lab atlas"
    # Nothing of the huge file is left behind in the upload folder.
    del received, request
    assert os.listdir(tmp_path) == []


def test_the_handler_passes_a_file_at_the_largest_limit_on_to_django(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    request = _multipart_request("atlas.pdf", LARGEST_UPLOAD_BYTES)

    received = request.FILES["file"]

    assert isinstance(received, TemporaryUploadedFile)
    assert received.size == LARGEST_UPLOAD_BYTES
    assert received.read(5) == b"%PDF-"


def test_a_stopped_upload_is_refused_as_too_big_by_every_policy():
    stopped = OversizedUpload(name="cv.pdf", content_type="application/pdf", size=30 * MB)
    for policy in POLICIES:
        with pytest.raises(ValidationError) as error:
            validate_upload(stopped, policy)
        assert error.value.code == "too_big"
        assert "30 MB" in error.value.messages[0]


def test_a_csv_whose_first_address_starts_like_a_program_signature_is_still_text():
    upload = _upload("zoom.csv", b"MZhang@example.com\n#!bang@example.com\n")
    assert validate_upload(upload, ATTENDANCE).name == "csv"
