"""What a browser downloads on its first visit to a page: the HTML and every stylesheet, script,
preload, icon and image it names, then the fonts and images the stylesheets name (through
@import too), each counted compressed as the server sends it."""

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# A browser fetches these <link> relations on load.
FETCHED_LINKS = {"stylesheet", "preload", "modulepreload", "icon"}
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""")
_FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
_SRC = re.compile(r"(?:^|;)\s*src\s*:([^;]*)", re.IGNORECASE)


@dataclass(frozen=True)
class Asset:
    url: str
    kind: str
    bytes: int  # as transferred (compressed when the server compresses it)


class _PageAssets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []  # (kind, url)

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        rels = FETCHED_LINKS & set(attrs.get("rel", "").lower().split())
        if tag == "link" and rels and attrs.get("href"):
            self.found.append((sorted(rels)[0], attrs["href"]))
        elif tag == "script" and attrs.get("src"):
            self.found.append(("script", attrs["src"]))
        elif tag in ("img", "source"):
            if attrs.get("src"):
                self.found.append(("image", attrs["src"]))
            elif attrs.get("srcset"):
                self.found.append(("image", attrs["srcset"].split(",")[0].split()[0]))


def page_asset_urls(html: str, base_url: str) -> list[tuple[str, str]]:
    parser = _PageAssets()
    parser.feed(html)
    return [(kind, urljoin(base_url, url)) for kind, url in parser.found]


def css_asset_urls(css: str, base_url: str) -> list[tuple[str, str]]:
    """Imports, and the fonts and images a stylesheet names. Of an @font-face's src list only
    the first source counts: a browser stops at the first format it supports."""
    found = []
    for target in _IMPORT.findall(css):
        found.append(("stylesheet", urljoin(base_url, target)))
    skipped = set()
    for block in _FONT_FACE.findall(css):
        for src in _SRC.findall(block):
            urls = [u for _, u in _URL.findall(src)]
            if urls:
                found.append(("font", urljoin(base_url, urls[0])))
                skipped.update(urljoin(base_url, u) for u in urls[1:])
    without_imports = _IMPORT.sub("", css)
    for _, target in _URL.findall(without_imports):
        if target.startswith("data:"):
            continue
        url = urljoin(base_url, target)
        if url not in skipped and not any(url == u for _, u in found):
            found.append(("image", url))
    return found


def first_visit(url: str, fetch) -> list[Asset]:
    """``fetch(url, compressed: bool) -> (body bytes, content type)``: with compressed=True the
    body as transferred when the client accepts gzip, otherwise the plain body."""
    html, _ = fetch(url, False)
    # Django leaves compressing HTML to the proxy in front of it; gzip -6 is what nginx sends.
    assets = [Asset(url, "html", len(gzip.compress(html, compresslevel=6)))]
    origin = urlsplit(url).netloc
    queue = page_asset_urls(html.decode("utf-8", "replace"), url)
    seen = {url}
    while queue:
        kind, asset_url = queue.pop(0)
        if asset_url in seen or urlsplit(asset_url).netloc != origin:
            continue
        seen.add(asset_url)
        transferred, content_type = fetch(asset_url, True)
        assets.append(Asset(asset_url, kind, len(transferred)))
        if "css" in content_type or asset_url.split("?")[0].endswith(".css"):
            plain, _ = fetch(asset_url, False)
            queue.extend(css_asset_urls(plain.decode("utf-8", "replace"), asset_url))
    return assets
