"""Check whether the address of a link or video resource still answers.

Standard library only, so the checker runs anywhere the portal runs (cron included) without
pulling in an HTTP client.
"""

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote, urlsplit, urlunsplit

USER_AGENT = "ASCLS-Illinois-portal link checker"
WEB_SCHEMES = ("http", "https")

# Status codes urllib's redirect handler follows; one reaching us as an error means it gave up
# (a loop, too many hops, or no Location header), which a visitor would see as a dead end.
REDIRECT_CODES = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class LinkResult:
    ok: bool
    status: int | None
    reason: str


class _NonWebRedirect(urllib.error.URLError):
    pass


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        # urllib would follow a redirect to ftp:// too; a visitor's browser would not, and the
        # checker should never be steered off the web by a server it does not control.
        if urlsplit(newurl).scheme.lower() not in WEB_SCHEMES:
            raise _NonWebRedirect(f"redirects to a non-web address ({newurl})")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        # Python 3.11 turns a redirected HEAD into a GET, which would download whole videos.
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def check_link(url: str, timeout: float) -> LinkResult:
    """Ask the server at url whether it answers, the way a visitor's browser would.

    timeout applies to each network wait (connecting, waiting for the answer), in seconds.
    """
    scheme = urlsplit(url).scheme.lower()
    if scheme not in WEB_SCHEMES:
        # URLField also accepts ftp://, which current browsers no longer open.
        return LinkResult(False, None, f"not a web address ({scheme or 'no'} scheme)")
    try:
        url = _ascii_url(url)
    except UnicodeError:
        return LinkResult(False, None, "host name is not valid")

    result = _request(url, "HEAD", timeout)
    # Some servers do not implement HEAD at all; only then is the (possibly large) GET worth it.
    if result.status in (HTTPStatus.METHOD_NOT_ALLOWED, HTTPStatus.NOT_IMPLEMENTED):
        result = _request(url, "GET", timeout)
    return result


def _request(url: str, method: str, timeout: float) -> LinkResult:
    # A fresh opener per call so proxy settings come from the environment at the time of the
    # check, and our redirect rules apply.
    opener = urllib.request.build_opener(_RedirectHandler)
    # check_link has limited the scheme to http/https, and _RedirectHandler keeps it there.
    request = urllib.request.Request(  # noqa: S310
        url, method=method, headers={"User-Agent": USER_AGENT}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            status = response.status
            final_url = response.url
    except _NonWebRedirect as error:
        return LinkResult(False, None, str(error.reason))
    except urllib.error.HTTPError as error:
        if error.code in REDIRECT_CODES:
            return LinkResult(False, error.code, f"redirect loop or dead end (HTTP {error.code})")
        return LinkResult(error.code < 400, error.code, _describe_status(error.code))
    except urllib.error.URLError as error:
        return LinkResult(False, None, _describe_network_error(error.reason, timeout))
    except (OSError, http.client.HTTPException) as error:
        # Raised unwrapped by urllib while waiting for the answer rather than while sending.
        return LinkResult(False, None, _describe_network_error(error, timeout))
    except ValueError as error:
        return LinkResult(False, None, f"address not usable: {error}")

    reason = _describe_status(status)
    if final_url != url:
        reason += f" (redirected to {final_url})"
    return LinkResult(status < 400, status, reason)


def _describe_status(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _describe_network_error(error, timeout: float) -> str:
    if isinstance(error, TimeoutError):
        return f"timed out after {timeout:g} s"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, socket.gaierror):
        return "host name not found (DNS)"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"certificate not trusted: {error.verify_message}"
    if isinstance(error, ssl.SSLError):
        return f"secure connection failed: {error.reason or error}"
    if isinstance(error, http.client.RemoteDisconnected):
        return "server closed the connection without answering"
    if isinstance(error, http.client.HTTPException):
        return f"not a valid HTTP answer: {error}"
    if isinstance(error, OSError):
        return f"connection error: {error.strerror or error}"
    return f"connection error: {error}"


def _ascii_url(url: str) -> str:
    """Encode an internationalised address the way a browser would before sending it.

    http.client refuses non-ASCII request lines, and URLField accepts them.
    """
    if url.isascii():
        return url
    parts = urlsplit(url)
    return urlunsplit(
        (
            parts.scheme,
            parts.netloc.encode("idna").decode("ascii"),
            quote(parts.path, safe="/%;:@&=+$,!~*'()"),
            quote(parts.query, safe="/%;:@&=+$,!~*'()?"),
            quote(parts.fragment, safe="/%;:@&=+$,!~*'()?#"),
        )
    )
