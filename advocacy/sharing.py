"""Share links for the campaign: plain links to each service's own share page, so no
third-party script or tracking pixel ever loads on the portal."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    service: str
    label: str
    url: str


def share_links(*, url: str, message: str, subject: str) -> list[ShareLink]:
    mail_body = f"{message}\n\n{url}"
    return [
        ShareLink("email", "Email", f"mailto:?subject={quote(subject)}&body={quote(mail_body)}"),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        ),
        ShareLink(
            "x", "X", "https://x.com/intent/post?" + urlencode({"text": message, "url": url})
        ),
    ]
