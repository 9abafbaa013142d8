"""What kind of document an upload really is, judged from its bytes, never from its name."""

import zipfile

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of legacy .doc/.xls files
# Office Open XML files are ZIP archives; the folder inside tells Word, Excel and PowerPoint apart.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def sniff_document_type(fileobj) -> str | None:
    """Return 'pdf', 'ole2' (legacy Office), 'docx', 'xlsx' or 'pptx', or None for anything
    else. The file position is left at the start."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head == OLE2_SIGNATURE:
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names:
            for kind, folder in OOXML_PARTS.items():
                if any(n.startswith(folder) for n in names):
                    return kind
    return None
