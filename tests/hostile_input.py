"""Hostile input for the property tests of the public forms (tests/*/test_forms_under_abuse.py).

Strategies for what people and bots really send: any Unicode (no lone surrogates: a browser
cannot encode them), right-to-left marks, emoji, combining characters, control characters and
NUL bytes, very long strings, missing fields and values of the wrong type. Plus the checks every
form must pass whatever it is sent: never a 500, and either the thing is saved (a redirect) or the
page comes back with a clear error and nothing is saved.
"""

import os
from urllib.parse import urlencode

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st

# Shared by every property test: no example database (a shared checkout, and each run should
# explore afresh), no deadline (the first request of a run renders cold templates), and the
# function-scoped fixtures (client, db) are meant to be shared by all examples of one test.
# 30 keeps the whole run near a minute; HOSTILE_EXAMPLES=500 digs deeper before a release.
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "30"))
abuse_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NUL = "\x00"
NASTY_PIECES = [
    NUL,
    "\x00\x00\x00",
    "\x1b[31mred\x1b[0m",  # terminal escape
    "\r",
    "\r\n",
    "\n\n\n",
    "\t",
    "\x0b\x0c",
    "\x7f",
    "\x85",  # NEL
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200e\u200f",  # LTR and RTL marks
    "\u202e",  # right-to-left override
    "\u2066\u2067\u2068\u2069",  # bidi isolates
    "\ufeff",  # byte order mark
    "\ufffd",
    "\uffff",  # a non-character
    "مختبر",  # Arabic, right to left
    "מעבדה",  # Hebrew
    "实验室",
    "검사실",
    "e\u0301\u0301\u0301",  # stacked combining accents
    "Z̸̢̛̖̰̗͔̿̏̀ả̷̡̙̟͓̓l̵̛̰̓g̵̢̓ǒ̶̰",
    "👩‍🔬",  # emoji with a zero-width joiner
    "🧪🩸🔬",
    "🇺🇸",
    "\U0001f600" * 3,
    "\U000e0001",  # language tag
    "\U0010fffd",  # the last plane
    "\uff46\uff55\uff4c\uff4c",  # full-width letters
    "\uff19\uff19",  # full-width digits
    "<script>alert(1)</script>",
    "<b",  # repeated, thousands of unclosed tags
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "'; DROP TABLE portal_user; --",
    "{{ 7*7 }}{% debug %}",
    "%s%s%s%n",
    "${jndi:ldap://x}",
    "../../../etc/passwd",
    "\\",
    "None",
    "null",
    "NaN",
    "-Infinity",
    "1e309",
    "-1",
    "0",
    "9" * 40,
    "9" * 5000,  # past Python's limit for turning digits into an int
    "\u00b2",  # superscript two: isdigit() but not a number int() reads
    "2026-02-30",
    "0000-00-00",
    "javascript:alert(1)",
    "mailto:x@example.com",
    "a@b",
    "@",
    " ",
]

# Full Unicode without lone surrogates (category Cs), control characters included.
any_unicode = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)
nasty_piece = st.sampled_from(NASTY_PIECES)
nasty_mix = st.lists(st.one_of(nasty_piece, any_unicode), min_size=1, max_size=6).map("".join)


@st.composite
def very_long_text(draw, min_size=10_000, max_size=100_000):
    """10k–100k characters built by repeating a short hostile seed (quick to generate)."""
    seed = draw(st.one_of(nasty_piece, st.text(min_size=1, max_size=12)).filter(bool))
    size = draw(st.integers(min_size, max_size))
    return (seed * (size // len(seed) + 1))[:size]


hostile_text = st.one_of(any_unicode, nasty_piece, nasty_mix, very_long_text())


MISSING = object()
# A field sent twice (``?state=IL&state=XX``): the form reads the last one.
repeated = st.lists(st.one_of(nasty_piece, any_unicode), min_size=2, max_size=3)
spoiled = st.one_of(hostile_text, hostile_text, repeated, st.just(MISSING))


@st.composite
def form_data(draw, fields: dict, *, required=(), max_spoiled=3):
    """Posted values: a plausible submission (random Unicode where the field is free text),
    with up to ``max_spoiled`` fields replaced by hostile text, sent twice, or left out.

    ``fields`` maps each field name to a strategy of plausible values (None: the field is only
    ever sent spoiled). Fields not in ``required`` are left out now and then, as people do.
    """
    data = {}
    for name, plausible in fields.items():
        if plausible is not None and (name in required or draw(st.booleans())):
            data[name] = draw(plausible)
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=max_spoiled, unique=True)):
        value = draw(spoiled)
        if value is MISSING:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def encoded(data: dict) -> str:
    """The body a browser sends for a form without files."""
    return urlencode(data, doseq=True)


def post_like_a_browser(client, url, data, **kwargs):
    return client.post(
        url, encoded(data), content_type="application/x-www-form-urlencoded", **kwargs
    )


def posted(data: dict, name: str) -> str:
    """The value a form reads for ``name``: the last one when it was sent several times."""
    value = data.get(name, "")
    return value[-1] if isinstance(value, list) else value


def has_nul(data: dict, names=None) -> bool:
    names = data.keys() if names is None else names
    return any(NUL in posted(data, name) for name in names)


def too_long(data: dict, limits: dict) -> bool:
    """Is any field over its max_length (after the strip every CharField does)?"""
    return any(len(posted(data, name).strip()) > limit for name, limit in limits.items())


def blank(data: dict, names) -> bool:
    return any(not posted(data, name).strip() for name in names)


ERROR_MARKERS = ('class="field-errors"', 'class="form-errors"', 'role="alert"')


def assert_no_crash(response):
    assert response.status_code < 500, response.content[:2000]


def assert_saved_or_clear_error(response, *, saved: bool, must_fail: bool = False):
    """A redirect means the submission was taken; any other answer is the form again with a
    clear error, and nothing stored."""
    assert_no_crash(response)
    # Shown by --hypothesis-show-statistics: how many examples got as far as a save.
    event("saved" if response.status_code == 302 else "refused with an error")
    if response.status_code == 302:
        assert not must_fail, "An invalid submission was accepted"
        assert saved, "A redirect, but nothing was saved"
        return
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    assert any(marker in html for marker in ERROR_MARKERS), "No error shown on the page"
    assert not saved, "The page shows an error, yet something was saved"
