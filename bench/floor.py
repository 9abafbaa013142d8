"""The floor: the cheapest page the project can serve through its own middleware.

It answers with ``size`` bytes of HTML built once and kept in memory: no database, no template,
no session. A page's latency over the floor's, for a response of the same size, is what the page
itself costs on top of Django, the middleware and the network.
"""

from functools import lru_cache

from django.http import HttpResponse

from portal.pagecache import never_page_cached

_HEAD = b"<!doctype html><html lang=en><title>Floor</title><p>"
_TAIL = b"</p></html>\n"
_FILLER = b"The floor page weighs exactly what the page it stands for weighs. "
MAX_SIZE = 10 * 1024 * 1024


@lru_cache(maxsize=64)
def floor_body(size: int) -> bytes:
    """Exactly ``size`` bytes: HTML while it fits, filler text otherwise."""
    frame = len(_HEAD) + len(_TAIL)
    if size < frame:
        return (_FILLER * (size // len(_FILLER) + 1))[:size]
    inner = size - frame
    return _HEAD + (_FILLER * (inner // len(_FILLER) + 1))[:inner] + _TAIL


# Never stored by the anonymous page cache: the floor is what Django and the middleware cost to
# build a response, so a cached page may come in under it (a ratio below 1).
@never_page_cached
def floor(request, size):
    if size > MAX_SIZE:
        size = MAX_SIZE
    return HttpResponse(floor_body(size), content_type="text/html; charset=utf-8")
