"""The benchmark harness's own parts (bench/), without load: no wrk and no gunicorn here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.budgets import PageResult, check_budgets, failed, render_checks
from bench.floor import floor_body
from bench.generate import Counts, applicants_job, counts_for, generate
from bench.transfer import css_asset_urls, first_visit, page_asset_urls
from bench.wrk import WrkResult, median_of_rounds, parse_wrk, wrk_command

WRK_OUTPUT = """\
Running 5s test @ http://127.0.0.1:8001/careers/?discipline=blood_bank&state=IL
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    12.51ms    3.20ms  41.02ms   80.00%
    Req/Sec   160.21     20.11   200.00     70.00%
  Latency Distribution
     50%   11.90ms
     75%   13.80ms
     90%   16.20ms
     99%   30.05ms
  1602 requests in 5.01s, 9.53MB read
Requests/sec:    319.76
Transfer/sec:      1.90MB
BENCH requests=1602 duration_us=5010000 p50_us=11903 p95_us=19876 p99_us=30051 \
errors_connect=0 errors_read=0 errors_write=0 errors_status=3 errors_timeout=0
"""


@pytest.mark.urls("bench.urls")
@pytest.mark.parametrize("size", [1, 40, 4096, 123_457])
def test_floor_view_answers_exactly_the_bytes_asked_for(client, size):
    response = client.get(f"/bench/floor/{size}/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert len(response.content) == size


@pytest.mark.urls("bench.urls")
def test_floor_view_goes_through_the_sites_middleware_without_the_database(client):
    # No db fixture: pytest-django fails the test if the request touches the database.
    response = client.get("/bench/floor/5000/")

    assert response.content.startswith(b"<!doctype html>")
    # The security middleware's headers are there, as on every page of the site.
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_floor_is_not_in_the_production_url_map(client, db):
    assert client.get("/bench/floor/100/").status_code == 404


def test_floor_body_is_html_when_it_fits():
    body = floor_body(300)
    assert body.startswith(b"<!doctype html>") and body.endswith(b"</html>\n")


def test_wrk_output_gives_throughput_percentiles_and_errors():
    result = parse_wrk(WRK_OUTPUT)

    assert result.requests_per_second == 319.76
    assert result.p50_ms == pytest.approx(11.903)
    assert result.p95_ms == pytest.approx(19.876)
    assert result.p99_ms == pytest.approx(30.051)
    assert result.requests == 1602
    assert result.errors == 3
    assert not result.ok


def test_wrk_output_without_the_report_script_still_gives_p50_from_its_table():
    plain = "\n".join(line for line in WRK_OUTPUT.splitlines() if "BENCH" not in line)
    plain = plain.replace("errors_connect", "")  # the continuation line of the BENCH report
    plain += "\n  Non-2xx or 3xx responses: 7\n"

    result = parse_wrk(plain)

    assert result.p50_ms == pytest.approx(11.9)
    assert result.p99_ms == pytest.approx(30.05)
    assert result.errors == 7


def test_wrk_command_sends_the_session_cookie_and_the_report_script():
    command = wrk_command("http://127.0.0.1:9/x/", duration=3, cookie="sessionid=abc")

    assert command[0] == "wrk" and command[-1] == "http://127.0.0.1:9/x/"
    assert "-d3s" in command and "--latency" in command
    assert command[command.index("-H") + 1] == "Cookie: sessionid=abc"
    assert command[command.index("-s") + 1].endswith("wrk_report.lua")


def test_rounds_combine_to_their_median_so_one_noisy_run_does_not_set_the_p95():
    def run(p95_ms, errors=0):
        return WrkResult(2000.0 + p95_ms, 1.5, p95_ms, p95_ms * 2, 6000, errors)

    combined = median_of_rounds([run(2.0), run(3.4), run(2.1, errors=2)])

    assert combined.p95_ms == pytest.approx(2.1)  # the 3.4 ms burst is left out
    assert combined.p99_ms == pytest.approx(4.2)
    assert combined.requests_per_second == pytest.approx(2002.1)
    assert combined.requests == 18000
    assert combined.errors == 2  # errors of any round still fail the page
    with pytest.raises(ValueError):
        median_of_rounds([])


def test_not_wrk_output_is_an_error():
    with pytest.raises(ValueError, match="Not wrk output"):
        parse_wrk("wrk: connection refused")


def _page(name="home", *, logged_in=False, p50=3.0, p95=5.0, floor=2.0, queries=3):
    return PageResult(
        name=name,
        path="/",
        logged_in=logged_in,
        requests_per_second=500,
        p50_ms=p50,
        p95_ms=p95,
        floor_p50_ms=floor,
        queries=queries,
        body_bytes=20_000,
        compressed_bytes=5_000,
    )


def test_budget_checker_passes_pages_within_every_budget():
    results = {
        1: [_page(), _page("CE dashboard", logged_in=True, p50=5.9)],
        100: [_page(p95=6.4), _page("CE dashboard", logged_in=True, p50=5.9)],
    }

    checks = check_budgets(results, {1: 60_000})

    assert not failed(checks)
    assert "FAIL" not in render_checks(checks)


def test_budget_checker_marks_each_page_that_misses_a_budget():
    results = {
        1: [_page(), _page("CE dashboard", logged_in=True, p50=5.0, queries=4)],
        # Home over 1.5x its floor and slower at p95; the dashboard grew a query per activity.
        100: [_page(p50=3.2, p95=7.0), _page("CE dashboard", logged_in=True, p50=5.0, queries=44)],
    }

    checks = check_budgets(results, {1: 120_000})
    report = render_checks(checks)

    assert failed(checks)
    assert "**FAIL** anonymous p50 ≤ 1.5x floor: home at 100x (1.60x)" in report
    assert "**FAIL** p95 at 100x ≤ 1.3x p95 at 1x: home (5.0 → 7.0 ms (1.40x))" in report
    assert "**FAIL** queries ≤ 10: CE dashboard at 100x (44 queries)" in report
    assert "**FAIL** queries the same at 1x and 100x: CE dashboard (4 → 44)" in report
    assert "**FAIL** home first visit < 100 KB: at 1x (120.0 KB)" in report
    # Logged-in pages have the looser ratio: 2.5x passes for the dashboard.
    assert "PASS logged-in p50 ≤ 3x floor" in report


def test_counts_scale_from_the_100x_plan():
    assert not counts_for(1).any()  # 1x is the demo alone
    assert counts_for(100).jobs == 50_000
    assert counts_for(10).jobs == 5_000
    assert counts_for(10).members * counts_for(10).ce_per_member == 20_000


def test_home_first_visit_counts_what_the_page_and_its_stylesheets_name():
    files = {
        "/": (b'<link rel="stylesheet" href="/static/site.css"><link rel="icon" href="/i.svg">'
              b'<script src="/static/app.js" defer></script><img src="/static/logo.svg" alt="">'
              b'<a href="/about/">not fetched</a>', "text/html"),
        "/static/site.css": (b'@import "more.css"; body{background:url(bg.png)}'
                             b'@font-face{font-family:X;src:url(x.woff2) format("woff2"),'
                             b'url(x.woff) format("woff")}', "text/css"),
        "/static/more.css": (b".a{background:url('data:image/png;base64,AA')}", "text/css"),
        "/static/app.js": (b"1", "text/javascript"),
        "/i.svg": (b"<svg/>", "image/svg+xml"),
        "/static/logo.svg": (b"<svg/>", "image/svg+xml"),
        "/static/bg.png": (b"png", "image/png"),
        "/static/x.woff2": (b"woff2", "font/woff2"),
    }  # fmt: skip

    def fetch(url, compressed):
        return files[url.removeprefix("http://127.0.0.1")]

    assets = first_visit("http://127.0.0.1/", fetch)
    paths = {a.url.removeprefix("http://127.0.0.1") for a in assets}

    # The woff fallback is never downloaded by a browser that takes the woff2.
    assert paths == set(files)
    assert {a.kind for a in assets} >= {"html", "stylesheet", "icon", "script", "font", "image"}


def test_asset_parsers_resolve_relative_addresses():
    assert page_asset_urls('<link rel="preload" href="f.woff2">', "http://h/a/") == [
        ("preload", "http://h/a/f.woff2")
    ]
    assert css_asset_urls("p{background:url(../img/x.png)}", "http://h/static/css/s.css") == [
        ("image", "http://h/static/img/x.png")
    ]


@pytest.mark.django_db
def test_generator_adds_the_promised_rows_on_top_of_the_demo():
    from allauth.account.models import EmailAddress

    from advocacy.models import Pledge
    from careers.models import Application, Job
    from certification.models import CEActivity, Webinar, WebinarRegistration
    from portal.models import Membership
    from resources.models import Resource

    counts = Counts(
        employers=3,
        jobs=40,
        resources=12,
        pledges=25,
        members=6,
        ce_per_member=4,
        webinars=2,
        registrations_per_webinar=3,
        applicants=5,
        applications=4,
    )
    lines = []

    timings = generate(counts=counts, out=lines.append)

    bench = "@bench.example.org"
    assert Job.objects.filter(employer__contact_email__endswith=bench).count() == 40
    assert Job.objects.filter(slug__endswith="-39").exists()
    generated = Resource.objects.filter(summary__startswith="Practical help with")
    assert generated.count() == 12
    assert all(r.topics.exists() and r.audiences.exists() for r in generated)
    assert Pledge.objects.filter(email__endswith=bench).count() == 25
    assert Membership.objects.filter(email__endswith=bench, user__isnull=False).count() == 6
    assert EmailAddress.objects.filter(email__endswith=bench, verified=True).count() == 6
    assert CEActivity.objects.filter(user__email__endswith=bench).count() == 6 * 4
    assert Webinar.objects.filter(slug__startswith="bench-webinar-").count() == 2
    assert WebinarRegistration.objects.filter(user__email__endswith=bench).count() == 2 * 3
    job = applicants_job()
    assert job.employer.name == "Lakeshore Health Laboratories"
    assert job.applications.filter(applicant__email__endswith=bench).count() == 5
    # The applicants' resumes point at a real file the demo stored.
    application = job.applications.filter(applicant__email__endswith=bench).first()
    assert application.resume_file.storage.exists(application.resume_file.name)
    assert Application.objects.filter(applicant__email__endswith=bench).count() >= 5
    assert timings["total"] >= timings["demo"] > 0
    assert any(line.startswith("  jobs: 40 rows") for line in lines)


def test_build_cost_counts_a_signed_in_page_built_past_the_page_cache(settings, client, member):
    from bench.run import build_cost, session_cookie

    url = reverse("certification:tracker")
    client.force_login(member)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    built = len(captured)  # now: the next request empties the log it is read from
    settings.PAGE_CACHE_SECONDS = 60
    cookie = session_cookie(member.email)

    queries, built_ms = build_cost(url, cookie)

    # The page's own queries, not the none of a copy kept for the session.
    assert built > 0
    assert queries == built
    assert built_ms > 0
    assert "csrftoken=" in cookie
