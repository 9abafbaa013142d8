"""Small but genuinely valid documents for the demo resources (PDF, DOCX, XLSX, PPTX).

Everything is written by hand with the standard library, so the demo needs no office libraries:
a one-page PDF with Helvetica text and a correct cross-reference table, and minimal Office Open
XML packages (ZIP archives) that Word, Excel, PowerPoint and LibreOffice open.
"""

import io
import re
import textwrap
import zipfile
from xml.sax.saxutils import escape

# --- PDF ------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT = 612, 792  # US Letter, in points
MARGIN = 72
BODY_SIZE, BODY_LEADING = 11, 15
TITLE_SIZE = 16
WRAP_COLUMNS = 88  # about what fits in 6.5 inches of 11 pt Helvetica

# Typographic characters our own text uses, spelled in WinAnsi (cp1252) or plain ASCII.
_PDF_REPLACEMENTS = {"\u2192": "->", "\u2264": "<=", "\u2265": ">="}


def _pdf_text(value: str) -> bytes:
    """A PDF literal string (without the parentheses) in WinAnsiEncoding."""
    for char, replacement in _PDF_REPLACEMENTS.items():
        value = value.replace(char, replacement)
    data = value.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF 1.4 document: a bold title and wrapped body lines.

    Lines starting with "- " become bullets; an empty string leaves a blank line. Text that does
    not fit on the page is cut off rather than spilling onto a second page.
    """
    body_lines: list[str] = []
    for line in lines:
        if not line:
            body_lines.append("")
        elif line.startswith("- "):
            wrapped = textwrap.wrap(line[2:], WRAP_COLUMNS - 4) or [""]
            body_lines.append("\u2022 " + wrapped[0])
            body_lines.extend("   " + rest for rest in wrapped[1:])
        else:
            body_lines.extend(textwrap.wrap(line, WRAP_COLUMNS) or [""])
    max_lines = (PAGE_HEIGHT - 2 * MARGIN - 2 * TITLE_SIZE) // BODY_LEADING
    body_lines = body_lines[:max_lines]

    top = PAGE_HEIGHT - MARGIN
    stream = [
        b"BT",
        b"/F2 %d Tf" % TITLE_SIZE,
        b"%d %d Td" % (MARGIN, top),
        b"(" + _pdf_text(title) + b") Tj",
        b"/F1 %d Tf" % BODY_SIZE,
        b"%d TL" % BODY_LEADING,
        b"0 -%d Td" % (2 * TITLE_SIZE),
    ]
    for index, line in enumerate(body_lines):
        if index:
            stream.append(b"T*")
        if line:
            stream.append(b"(" + _pdf_text(line) + b") Tj")
    stream.append(b"ET")
    content = b"\n".join(stream)

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        # Document information strings are not WinAnsi: UTF-16BE with a byte order mark.
        b"<< /Title <FEFF%s> /Producer (ASCLS-Illinois portal demo) >>"
        % title.encode("utf-16-be").hex().upper().encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


# --- Office Open XML: shared parts ----------------------------------------------------------

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_PREFIX = "application/vnd.openxmlformats-officedocument."
CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

# Characters XML 1.0 does not allow at all (control characters other than tab and newlines).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _x(value) -> str:
    """Text content or attribute value, escaped for XML."""
    return escape(_XML_INVALID.sub("", str(value)), {'"': "&quot;"})


def _content_types(overrides: dict[str, str]) -> str:
    parts = "".join(
        f'<Override PartName="{name}" ContentType="{ctype}"/>' for name, ctype in overrides.items()
    )
    return (
        f'{XML_DECL}<Types xmlns="{NS_CT}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{parts}</Types>"
    )


def _relationships(rels: list[tuple[str, str]]) -> str:
    """rels: (type, target) pairs, given ids rId1, rId2, … in order."""
    items = "".join(
        f'<Relationship Id="rId{i}" Type="{rtype if "://" in rtype else REL_TYPE + rtype}" '
        f'Target="{target}"/>'
        for i, (rtype, target) in enumerate(rels, start=1)
    )
    return f'{XML_DECL}<Relationships xmlns="{NS_PKG_REL}">{items}</Relationships>'


def _core_properties(title: str) -> str:
    return (
        f"{XML_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_x(title)}</dc:title><dc:creator>ASCLS-Illinois</dc:creator>"
        "</cp:coreProperties>"
    )


def _package(main_part: str, parts: dict[str, str], types: dict[str, str]) -> bytes:
    """Zip the parts with [Content_Types].xml and the package relationships first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _content_types(types))
        archive.writestr(
            "_rels/.rels",
            _relationships([("officeDocument", main_part), (REL_CORE, "docProps/core.xml")]),
        )
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()


def _core_types(extra: dict[str, str]) -> dict[str, str]:
    return {**extra, "/docProps/core.xml": CT_CORE}


# --- Word -----------------------------------------------------------------------------------


def _w_paragraph(text: str, *, bold=False, size=None) -> str:
    props = ""
    if bold or size:
        props = "<w:rPr>" + ("<w:b/>" if bold else "")
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
        props += "</w:rPr>"
    return f'<w:p><w:r>{props}<w:t xml:space="preserve">{_x(text)}</w:t></w:r></w:p>'


def make_docx(title: str, paragraphs: list[str]) -> bytes:
    """A Word document: a bold 16 pt title, then one paragraph per string ("" for a gap)."""
    body = _w_paragraph(title, bold=True, size=32)
    body += "".join(_w_paragraph(text) for text in paragraphs)
    document = (
        f'{XML_DECL}<w:document xmlns:w="{NS_W}" xmlns:r="{NS_REL}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
        'w:header="720" w:footer="720" w:gutter="0"/></w:sectPr>'
        "</w:body></w:document>"
    )
    return _package(
        "word/document.xml",
        {"word/document.xml": document, "docProps/core.xml": _core_properties(title)},
        _core_types(
            {"/word/document.xml": CT_PREFIX + "wordprocessingml.document.main+xml"},
        ),
    )


# --- Excel ----------------------------------------------------------------------------------


def _column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_name(title: str) -> str:
    """Excel's rules: at most 31 characters, none of [ ] : * ? / \\, no leading quote."""
    name = " ".join(re.sub(r"[\[\]:*?/\\]", " ", title).split()).strip("'")
    if len(name) > 31:
        name = name[:32].rsplit(" ", 1)[0] if " " in name[:32] else name[:31]
    return name or "Sheet1"


def make_xlsx(title: str, rows: list[list]) -> bytes:
    """An Excel workbook with one sheet: the title in bold in A1, a blank row, then the rows.

    Numbers stay numbers; everything else is written as an inline string. The first of the
    given rows is treated as a header and made bold.
    """
    all_rows = [[title], [], *rows]
    # Style 1: bold (the title); style 2: bold and wrapped (the header row).
    row_styles = {1: ' s="1"', 3: ' s="2"'}
    xml_rows = []
    for r, row in enumerate(all_rows, start=1):
        style = row_styles.get(r, "")
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                cells.append(
                    f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">'
                    f"{_x(value)}</t></is></c>"
                )
            else:
                cells.append(f'<c r="{ref}"{style}><v>{value}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    # Size each column to its longest value, ignoring one-cell rows (the title and notes),
    # which may run on across the empty cells to their right.
    widths = [10] * max((len(row) for row in all_rows), default=1)
    for row in all_rows:
        if len(row) > 1:
            for c, value in enumerate(row):
                widths[c] = max(widths[c], min(len(str(value)) + 2, 40))
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{width}" customWidth="1"/>'
        for c, width in enumerate(widths, start=1)
    )
    sheet = (
        f'{XML_DECL}<worksheet xmlns="{NS_S}" xmlns:r="{NS_REL}">'
        f"<cols>{cols}</cols>"
        f"<sheetData>{''.join(xml_rows)}</sheetData></worksheet>"
    )
    workbook = (
        f'{XML_DECL}<workbook xmlns="{NS_S}" xmlns:r="{NS_REL}"><sheets>'
        f'<sheet name="{_x(_sheet_name(title))}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    styles = (
        f'{XML_DECL}<styleSheet xmlns="{NS_S}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" '
        'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    return _package(
        "xl/workbook.xml",
        {
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": _relationships(
                [("worksheet", "worksheets/sheet1.xml"), ("styles", "styles.xml")]
            ),
            "xl/worksheets/sheet1.xml": sheet,
            "xl/styles.xml": styles,
            "docProps/core.xml": _core_properties(title),
        },
        _core_types(
            {
                "/xl/workbook.xml": CT_PREFIX + "spreadsheetml.sheet.main+xml",
                "/xl/worksheets/sheet1.xml": CT_PREFIX + "spreadsheetml.worksheet+xml",
                "/xl/styles.xml": CT_PREFIX + "spreadsheetml.styles+xml",
            }
        ),
    )


# --- PowerPoint -----------------------------------------------------------------------------

SLIDE_CX, SLIDE_CY = 12192000, 6858000  # 16:9, in EMU

_EMPTY_TREE = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
    '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)
_P_ROOT = f'xmlns:a="{NS_A}" xmlns:r="{NS_REL}" xmlns:p="{NS_P}"'

_CLR_MAP = (
    'bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
    'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
    'hlink="hlink" folHlink="folHlink"'
)


def _theme() -> str:
    colors = [
        ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
        ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
        ("dk2", '<a:srgbClr val="1F3A5F"/>'),
        ("lt2", '<a:srgbClr val="E7ECF2"/>'),
        ("accent1", '<a:srgbClr val="2E6DA4"/>'),
        ("accent2", '<a:srgbClr val="C0504D"/>'),
        ("accent3", '<a:srgbClr val="9BBB59"/>'),
        ("accent4", '<a:srgbClr val="8064A2"/>'),
        ("accent5", '<a:srgbClr val="4BACC6"/>'),
        ("accent6", '<a:srgbClr val="F79646"/>'),
        ("hlink", '<a:srgbClr val="0563C1"/>'),
        ("folHlink", '<a:srgbClr val="954F72"/>'),
    ]
    scheme = "".join(f"<a:{name}>{value}</a:{name}>" for name, value in colors)
    fonts = '<a:latin typeface="{0}"/><a:ea typeface=""/><a:cs typeface=""/>'
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = '<a:ln w="{0}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
    return (
        f'{XML_DECL}<a:theme xmlns:a="{NS_A}" name="Portal"><a:themeElements>'
        f'<a:clrScheme name="Portal">{scheme}</a:clrScheme>'
        '<a:fontScheme name="Portal">'
        f"<a:majorFont>{fonts.format('Calibri')}</a:majorFont>"
        f"<a:minorFont>{fonts.format('Calibri')}</a:minorFont></a:fontScheme>"
        '<a:fmtScheme name="Portal">'
        f"<a:fillStyleLst>{solid * 3}</a:fillStyleLst>"
        f"<a:lnStyleLst>{line.format(6350)}{line.format(12700)}{line.format(19050)}</a:lnStyleLst>"
        "<a:effectStyleLst>"
        + "<a:effectStyle><a:effectLst/></a:effectStyle>"
        * 3
        + "</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst>"
        "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def _text_box(shape_id: int, name: str, y: int, cy: int, paragraphs: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="685800" y="{y}"/><a:ext cx="{SLIDE_CX - 2 * 685800}" '
        f'cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        "<a:noFill/></p:spPr>"
        '<p:txBody><a:bodyPr wrap="square" rtlCol="0"><a:normAutofit/></a:bodyPr><a:lstStyle/>'
        f"{paragraphs}</p:txBody></p:sp>"
    )


def make_pptx(title: str, bullets: list[str]) -> bytes:
    """A PowerPoint presentation with one slide: the title and a bulleted list.

    The package holds the minimal set PowerPoint requires: presentation, one slide master with
    one (blank) layout, a theme and the slide.
    """
    title_para = (
        '<a:p><a:r><a:rPr lang="en-US" sz="3600" b="1" dirty="0">'
        '<a:solidFill><a:schemeClr val="tx2"/></a:solidFill></a:rPr>'
        f"<a:t>{_x(title)}</a:t></a:r></a:p>"
    )
    bullet_paras = (
        "".join(
            '<a:p><a:pPr marL="342900" indent="-342900"><a:buFont typeface="Arial"/>'
            '<a:buChar char="&#8226;"/></a:pPr>'
            f'<a:r><a:rPr lang="en-US" sz="2200" dirty="0"/><a:t>{_x(text)}</a:t></a:r></a:p>'
            for text in bullets
        )
        or '<a:p><a:endParaRPr lang="en-US"/></a:p>'
    )
    slide = (
        f"{XML_DECL}<p:sld {_P_ROOT}><p:cSld><p:spTree>{_EMPTY_TREE}"
        + _text_box(2, "Title", 457200, 1143000, title_para)
        + _text_box(3, "Content", 1828800, SLIDE_CY - 1828800 - 457200, bullet_paras)
        + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    )
    layout = (
        f'{XML_DECL}<p:sldLayout {_P_ROOT} type="blank" preserve="1">'
        f'<p:cSld name="Blank"><p:spTree>{_EMPTY_TREE}</p:spTree></p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    )
    master = (
        f'{XML_DECL}<p:sldMaster {_P_ROOT}><p:cSld><p:bg><p:bgRef idx="1001">'
        '<a:schemeClr val="bg1"/></p:bgRef></p:bg>'
        f"<p:spTree>{_EMPTY_TREE}</p:spTree></p:cSld>"
        f"<p:clrMap {_CLR_MAP}/>"
        '<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst>'
        "</p:sldMaster>"
    )
    presentation = (
        f'{XML_DECL}<p:presentation {_P_ROOT} saveSubsetFonts="1">'
        '<p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>'
        '<p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst>'
        f'<p:sldSz cx="{SLIDE_CX}" cy="{SLIDE_CY}"/><p:notesSz cx="6858000" cy="9144000"/>'
        "</p:presentation>"
    )
    ct = CT_PREFIX + "presentationml."
    return _package(
        "ppt/presentation.xml",
        {
            "ppt/presentation.xml": presentation,
            "ppt/_rels/presentation.xml.rels": _relationships(
                [
                    ("slideMaster", "slideMasters/slideMaster1.xml"),
                    ("slide", "slides/slide1.xml"),
                    ("theme", "theme/theme1.xml"),
                ]
            ),
            "ppt/slideMasters/slideMaster1.xml": master,
            "ppt/slideMasters/_rels/slideMaster1.xml.rels": _relationships(
                [
                    ("slideLayout", "../slideLayouts/slideLayout1.xml"),
                    ("theme", "../theme/theme1.xml"),
                ]
            ),
            "ppt/slideLayouts/slideLayout1.xml": layout,
            "ppt/slideLayouts/_rels/slideLayout1.xml.rels": _relationships(
                [("slideMaster", "../slideMasters/slideMaster1.xml")]
            ),
            "ppt/slides/slide1.xml": slide,
            "ppt/slides/_rels/slide1.xml.rels": _relationships(
                [("slideLayout", "../slideLayouts/slideLayout1.xml")]
            ),
            "ppt/theme/theme1.xml": _theme(),
            "docProps/core.xml": _core_properties(title),
        },
        _core_types(
            {
                "/ppt/presentation.xml": ct + "presentation.main+xml",
                "/ppt/slideMasters/slideMaster1.xml": ct + "slideMaster+xml",
                "/ppt/slideLayouts/slideLayout1.xml": ct + "slideLayout+xml",
                "/ppt/slides/slide1.xml": ct + "slide+xml",
                "/ppt/theme/theme1.xml": CT_PREFIX + "theme+xml",
            }
        ),
    )


MAKERS = {"pdf": make_pdf, "docx": make_docx, "xlsx": make_xlsx, "pptx": make_pptx}


def make_document(ext: str, title: str, content: list) -> bytes:
    """Dispatch on the extension: pdf, docx, xlsx or pptx."""
    return MAKERS[ext](title, content)
