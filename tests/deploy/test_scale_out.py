"""Several app servers behind one address: two gunicorn servers (A and B, see conftest.py) with
production settings share PostgreSQL, Redis (REDIS_URL) and an S3-compatible bucket
(AWS_STORAGE_BUCKET_NAME). Everything here goes through real HTTP, as a load balancer sending a
person's requests to either server would: what one server did, the other must honour."""

import re
from html.parser import HTMLParser

import requests

from tests.factories import MINIMAL_PDF

TIMEOUT = 10
RESUME = MINIMAL_PDF + b"%% Jordan Seeker, MLS(ASCP), night shift resume\n"


# --- A person at a browser ------------------------------------------------------------------------


def browser_via_load_balancer(cluster) -> requests.Session:
    """A browser whose requests reach A or B as a load balancer passes them on: with the site's
    own host name in ``Host``, whichever server answers (allauth's count of failed logins and
    the page cache are kept per host name)."""
    browser = requests.Session()
    browser.headers["Host"] = cluster.host
    return browser


class _FormFields(HTMLParser):
    """The fields a browser would send from the form with ``form_id``."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in ("submit", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if "checked" in attrs else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append([self._select, attrs.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, form_id: str) -> dict:
    parser = _FormFields(form_id)
    parser.feed(html)
    assert parser.fields, f"No form #{form_id} on the page"
    return dict(parser.fields)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "The page has no CSRF-protected form"
    return match.group(1)


def log_in(browser, server, email, password):
    """Fill in the real log-in form on ``server``."""
    form = browser.get(server.url + "/accounts/login/", timeout=TIMEOUT)
    return browser.post(
        server.url + "/accounts/login/",
        data={
            "csrfmiddlewaretoken": csrf_token(form.text),
            "login": email,
            "password": password,
        },
        timeout=TIMEOUT,
    )


def signed_in_as(browser, server, full_name) -> bool:
    page = browser.get(server.url + "/accounts/profile/", timeout=TIMEOUT, allow_redirects=False)
    return page.status_code == 200 and full_name in page.text


# --- The tests ----------------------------------------------------------------------------------


def test_a_login_on_one_server_is_honoured_by_the_other_and_a_logout_on_either_ends_it(cluster):
    people = cluster.people
    browser = browser_via_load_balancer(cluster)
    response = log_in(browser, cluster.a, people["seeker"], people["password"])
    assert response.url.endswith("/accounts/profile/"), response.text[:500]

    # The load balancer sends the next requests to B: still signed in, with the same session.
    assert signed_in_as(browser, cluster.b, "Jordan Seeker")
    dashboard = browser.get(cluster.b.url + "/careers/my/", timeout=TIMEOUT)
    assert dashboard.status_code == 200
    assert "/accounts/login/" not in dashboard.url

    # Logging out through B ends the session on A too: a copy of the old cookie (the session as
    # A's cache layer knew it) is no longer a way in.
    old_session = browser.cookies.get("sessionid")
    logout_form = browser.get(cluster.b.url + "/accounts/logout/", timeout=TIMEOUT)
    browser.post(
        cluster.b.url + "/accounts/logout/",
        data={"csrfmiddlewaretoken": csrf_token(logout_form.text)},
        timeout=TIMEOUT,
    )
    replay = browser_via_load_balancer(cluster)
    replay.cookies.set("sessionid", old_session)
    assert not signed_in_as(replay, cluster.a, "Jordan Seeker")
    assert not signed_in_as(browser, cluster.a, "Jordan Seeker")


def test_wrong_passwords_sent_to_both_servers_count_towards_one_lockout(cluster):
    people = cluster.people
    servers = [cluster.a, cluster.b, cluster.a, cluster.b, cluster.a]
    for attempt, server in enumerate(servers, start=1):
        response = log_in(
            browser_via_load_balancer(cluster), server, people["locked"], f"wrong guess {attempt}"
        )
        assert "The email address and/or password you specified are not correct." in response.text
        assert "Too many failed login attempts" not in response.text

    # Neither server alone saw five failures (A three, B two), but together they did: allauth's
    # limit of five a person turns even the right password away, on either server.
    for server in (cluster.b, cluster.a):
        browser = browser_via_load_balancer(cluster)
        response = log_in(browser, server, people["locked"], people["password"])
        assert "Too many failed login attempts. Try again later." in response.text
        assert not signed_in_as(browser, server, "Casey Guessed")

    # Someone else from the same address still logs in.
    browser = browser_via_load_balancer(cluster)
    log_in(browser, cluster.b, people["other"], people["password"])
    assert signed_in_as(browser, cluster.a, "Riley Other")


def test_a_resume_uploaded_through_one_server_is_downloaded_through_the_other_only_by_who_may(
    cluster,
):
    people = cluster.people
    seeker = browser_via_load_balancer(cluster)
    log_in(seeker, cluster.a, people["seeker"], people["password"])

    # Upload through A, then apply with it through A.
    upload_form = seeker.get(cluster.a.url + "/careers/my/resumes/", timeout=TIMEOUT)
    uploaded = seeker.post(
        cluster.a.url + "/careers/my/resumes/",
        data={"csrfmiddlewaretoken": csrf_token(upload_form.text), "title": "Night shift resume"},
        files={"file": ("Jordan Seeker CV.pdf", RESUME, "application/pdf")},
        timeout=TIMEOUT,
    )
    assert "“Night shift resume” is uploaded." in uploaded.text
    [(resume_id, resume_key)] = cluster.query(
        "SELECT r.id, r.file FROM careers_resume r JOIN portal_user u ON u.id = r.owner_id "
        "WHERE u.email = %s",
        [people["seeker"]],
    )
    job_page = seeker.get(f"{cluster.a.url}/careers/jobs/{people['job_slug']}/", timeout=TIMEOUT)
    applied = seeker.post(
        f"{cluster.a.url}/careers/jobs/{people['job_slug']}/apply/",
        data={
            "csrfmiddlewaretoken": csrf_token(job_page.text),
            "apply-resume": str(resume_id),
            "apply-cover_note": "Five years on nights.",
        },
        timeout=TIMEOUT,
    )
    assert applied.status_code == 200 and "/careers/my/applications/" in applied.url
    [(application_id, copy_key)] = cluster.query(
        "SELECT id, resume_file FROM careers_application WHERE resume_name = %s",
        ["Jordan Seeker CV.pdf"],
    )

    # The owner downloads it through B: the same bytes, under the name it was uploaded with.
    own = seeker.get(f"{cluster.b.url}/careers/my/resumes/{resume_id}/download/", timeout=TIMEOUT)
    assert own.status_code == 200
    assert own.content == RESUME
    assert 'filename="Jordan Seeker CV.pdf"' in own.headers["Content-Disposition"]
    assert own.headers["Cache-Control"] == "private, no-store"

    # The employer it was sent to downloads the copy through B.
    recruiter = browser_via_load_balancer(cluster)
    log_in(recruiter, cluster.b, people["recruiter"], people["password"])
    sent = recruiter.get(
        f"{cluster.b.url}/careers/employer/applications/{application_id}/resume/", timeout=TIMEOUT
    )
    assert sent.status_code == 200
    assert sent.content == RESUME

    # Another job seeker, the employer at the seeker's own resume, and anyone not signed in are
    # refused on both servers, and get none of the file.
    other = browser_via_load_balancer(cluster)
    log_in(other, cluster.a, people["other"], people["password"])
    anonymous = browser_via_load_balancer(cluster)
    for server in (cluster.a, cluster.b):
        for browser, path in [
            (other, f"/careers/my/resumes/{resume_id}/download/"),
            (other, f"/careers/employer/applications/{application_id}/resume/"),
            (recruiter, f"/careers/my/resumes/{resume_id}/download/"),
        ]:
            refused = browser.get(server.url + path, timeout=TIMEOUT, allow_redirects=False)
            assert refused.status_code in (403, 404), (server.name, path, refused.status_code)
            assert b"Jordan Seeker, MLS" not in refused.content
        for path in (
            f"/careers/my/resumes/{resume_id}/download/",
            f"/careers/employer/applications/{application_id}/resume/",
        ):
            refused = anonymous.get(server.url + path, timeout=TIMEOUT, allow_redirects=False)
            assert refused.status_code == 302
            assert "/accounts/login/" in refused.headers["Location"]

    # In the bucket, under the private prefix, and not readable without a signature.
    s3 = cluster.s3()
    for key in (resume_key, copy_key):
        stored = s3.get_object(Bucket=cluster.bucket, Key=f"private/{key}")
        assert stored["Body"].read() == RESUME
        plain = requests.get(f"{cluster.s3_endpoint}/{cluster.bucket}/private/{key}", timeout=5)
        assert plain.status_code == 403
        assert b"Jordan Seeker, MLS" not in plain.content
    public = s3.list_objects_v2(Bucket=cluster.bucket, Prefix="public/")
    assert public.get("KeyCount", 0) == 0


def test_a_staff_edit_through_one_server_replaces_the_page_the_other_kept(cluster):
    people = cluster.people
    path = f"/pages/{people['page_slug']}/"
    visitor = browser_via_load_balancer(cluster)

    first = visitor.get(cluster.b.url + path, timeout=TIMEOUT)
    assert "Booth opening hours will be announced soon." in first.text
    again = visitor.get(cluster.b.url + path, timeout=TIMEOUT)
    assert again.headers.get("X-Page-Cache") == "hit"
    assert "Booth opening hours will be announced soon." in again.text
    # One cache for both: A answers from the copy B kept.
    assert visitor.get(cluster.a.url + path, timeout=TIMEOUT).headers.get("X-Page-Cache") == "hit"

    # A content editor changes the page in the admin, through A.
    editor = browser_via_load_balancer(cluster)
    log_in(editor, cluster.a, people["editor"], people["password"])
    change_url = f"{cluster.a.url}/admin/portal/page/{people['page_id']}/change/"
    form = form_fields(editor.get(change_url, timeout=TIMEOUT).text, "page_form")
    form["body"] = "<p>The booth is open 9 to 5 in the atrium, all week.</p>"
    form["_save"] = "Save"
    saved = editor.post(change_url, data=form, timeout=TIMEOUT)
    assert "/admin/portal/page/" in saved.url and "was changed successfully" in saved.text

    # The very next visit, to either server, shows the new text.
    for server in (cluster.b, cluster.a):
        fresh = visitor.get(server.url + path, timeout=TIMEOUT)
        assert "The booth is open 9 to 5 in the atrium, all week." in fresh.text, server.name
        assert "Booth opening hours will be announced soon." not in fresh.text
