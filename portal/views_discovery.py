"""What the portal tells search engine crawlers: robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Paths crawlers should leave alone: staff and account pages, each person's own pages (their
# career dashboard, CE tracker, certificates, pledge links) and the forms and results that
# exist for one visitor at a time. The public pages, and the sitemap, are everything else.
# "*" stands for one slug; Google, Bing and the other large crawlers understand it.
PRIVATE_PATHS = [
    "/admin/",
    "/accounts/",
    "/search/",
    # Career Center: job seekers, employers, applying, alert links
    "/careers/my/",
    "/careers/employer/",
    "/careers/employers/request/",
    "/careers/jobs/*/apply/",
    "/careers/jobs/*/save/",
    "/careers/alerts/unsubscribe/",
    # Certification & CE: the tracker, certificates and their check, webinar sign-up, reminders
    "/certification/tracker/",
    "/certification/certificates/",
    "/certification/verify/",
    "/certification/webinars/*/register/",
    "/certification/webinars/*/cancel/",
    "/certification/reminders/",
    # I AM MLS: each pledge's confirm and withdraw links and the steps after a pledge
    "/advocacy/pledge/confirm/",
    "/advocacy/pledge/withdraw/",
    "/advocacy/pledge/check-your-email/",
    "/advocacy/pledge/resend/",
    "/advocacy/pledge/thank-you/",
    "/advocacy/institutions/suggest/thank-you/",
]


def robots_txt_lines(*, sitemap_url: str) -> list[str]:
    return [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in PRIVATE_PATHS),
        "",
        f"Sitemap: {sitemap_url}",
    ]


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap_index"))
    text = "\n".join(robots_txt_lines(sitemap_url=sitemap_url)) + "\n"
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
