# ruff: noqa: E501 - the matrix is a table, as wide as it has columns
"""The access-control matrix: every URL of the portal, asked for by twelve kinds of person.

Every URL pattern the resolver knows (ours, allauth's and the admin's) must have an entry here,
so a new URL cannot go live without someone deciding who may reach it. For each pattern the
tables below say what each person gets, and every response (pages, files, feeds, site maps,
CSV and zip downloads) is checked for the markers of private things that person may not see
(``access_matrix_world.MARKERS``): nothing private reaches anyone not allowed, not the page, not
the file, not a snippet.

Reading the tables: one column per person (the header names them), one row per URL pattern
(``name`` or ``name#case`` when one pattern is tried on more than one object). Outcomes:

    OK     200, and the page or file (where the row names a marker, that marker is in it)
    LOGIN  sent to log in (and brought back afterwards)
    ADMIN  sent to the admin's log-in page
    REDIR  sent somewhere else (a form that only answers POST sends people back to the page)
    403    refused, with a page saying why (members-only, renewal, no permission)
    404    not found: someone else's things are a 404, so nobody learns they exist
    405    the URL only answers POST
    410    gone (an expired link)

The world is built once for the module inside a transaction that is rolled back at the end.
"""

import io
import re
import uuid
import zipfile
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.urls import SITEMAPS
from tests.portal.access_matrix_world import MARKERS, NAME_A, ROLES, SEARCH_WORDS, build_world

COLUMNS = ("anon", "nonm", "exp", "memb", "seekA", "seekB", "empA", "empB", "edit", "mgr",
           "mod", "super")  # fmt: skip
COLUMN_ROLE = dict(zip(COLUMNS, ROLES, strict=True))
# Each test runs in a savepoint inside the module's transaction, so a POST that wrongly changed
# something is undone before the next test.
pytestmark = pytest.mark.django_db

OUTCOMES = {"OK", "LOGIN", "ADMIN", "REDIR", "403", "404", "405", "410"}


# --- The world, once for the module -------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_media():
    """Replaces the suite's per-test media folders: the world's files live in the module's own
    folders for all its tests (see ``world``)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("access-matrix")
    from django.conf import settings

    storages = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "portal.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(root / "private"), "base_url": None},
        },
    }
    with (
        override_settings(
            MEDIA_ROOT=root / "media", PRIVATE_MEDIA_ROOT=root / "private", STORAGES=storages
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = build_world()
        yield built
        transaction.set_rollback(True)


def client_for(world, role):
    client = Client()
    if world.users[role] is not None:
        client.force_login(world.users[role])
    return client


# --- Every URL pattern --------------------------------------------------------------------------


def all_patterns(resolver=None, prefix="", namespace=None):
    """``(key, route)`` for every pattern: the namespaced name, or the route when unnamed."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from all_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield route, route


# --- Outcomes and leaks ---------------------------------------------------------------------------


def outcome_of(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path == reverse("admin:login"):
            return "ADMIN"
        if path == reverse("account_login"):
            return "LOGIN"
        return "REDIR"
    return "OK" if response.status_code == 200 else str(response.status_code)


def body_of(response) -> str:
    """Everything the person received, as text: a page, a file, or each file in a zip."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [raw]
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                parts += [info.filename.encode(), archive.read(info)]
    return b"\n".join(parts).decode("utf-8", errors="replace")


def leaks(text, role, allowed=()) -> list[str]:
    return [
        marker
        for marker, roles in MARKERS.items()
        if role not in roles and marker not in allowed and marker in text
    ]


# --- Which object each parameterised URL is tried on -----------------------------------------------
# The interesting case: A's things, so B (and everyone else without a reason) must be refused.

UNKNOWN_UUID = uuid.UUID("00000000-0000-4000-8000-000000000000")
SITEMAP_SECTIONS = sorted(SITEMAPS)


def _pk(name, obj):
    return lambda w: reverse(name, kwargs={"pk": getattr(w, obj).pk})


def _slug(name, obj):
    return lambda w: reverse(name, kwargs={"slug": getattr(w, obj).slug})


def _reminders_token(w):
    from certification.services.tracker import reminders_token

    return reminders_token(w.users["seeker_a"])


def _pledge_confirm_token(w):
    from advocacy.services.pledges import pledge_confirm_token

    return pledge_confirm_token(w.pledge_a)


URLS = {
    "page_detail": _slug("page_detail", "member_page"),
    "page_detail#draft": _slug("page_detail", "draft_page"),
    "account_confirm_email": lambda w: reverse("account_confirm_email", args=["not-a-key"]),
    "account_reset_password_from_key": lambda w: reverse(
        "account_reset_password_from_key", kwargs={"uidb36": "1", "key": "not-a-key"}
    ),
    "resources:detail": _slug("resources:detail", "member_resource"),
    "resources:detail#draft": _slug("resources:detail", "draft_resource"),
    "resources:download": _slug("resources:download", "member_resource"),
    "resources:download#public": _slug("resources:download", "public_resource"),
    "careers:job_detail": _slug("careers:job_detail", "draft_job_a"),
    "careers:job_detail#live": _slug("careers:job_detail", "job_a"),
    "careers:service_request": lambda w: reverse(
        "careers:service_request", kwargs={"service": "resume-review"}
    ),
    "careers:apply": _slug("careers:apply", "job_a"),
    "careers:toggle_saved_job": _slug("careers:toggle_saved_job", "job_a"),
    "careers:resume_edit": _pk("careers:resume_edit", "resume_a"),
    "careers:resume_delete": _pk("careers:resume_delete", "resume_a"),
    "careers:resume_download": _pk("careers:resume_download", "resume_a"),
    "careers:application_detail": _pk("careers:application_detail", "app_a"),
    "careers:application_withdraw": _pk("careers:application_withdraw", "app_a"),
    "careers:application_resume_download": _pk("careers:application_resume_download", "app_a"),
    "careers:alert_delete": _pk("careers:alert_delete", "alert_a"),
    # The token in the email is the permission: whoever has it may unsubscribe.
    "careers:alert_unsubscribe": lambda w: reverse(
        "careers:alert_unsubscribe", kwargs={"token": w.alert_a.token}
    ),
    "careers:alert_unsubscribe#unknown": lambda w: reverse(
        "careers:alert_unsubscribe", kwargs={"token": UNKNOWN_UUID}
    ),
    "careers:job_edit": _pk("careers:job_edit", "draft_job_a"),
    "careers:job_submit": _pk("careers:job_submit", "draft_job_a"),
    "careers:job_close": _pk("careers:job_close", "job_a"),
    "careers:job_renew": _pk("careers:job_renew", "job_a"),
    "careers:applicants": _pk("careers:applicants", "job_a"),
    "careers:applicants_csv": _pk("careers:applicants_csv", "job_a"),
    "careers:applicant_detail": _pk("careers:applicant_detail", "app_a"),
    "careers:applicant_resume_download": _pk("careers:applicant_resume_download", "app_a"),
    "certification:body_detail": _slug("certification:body_detail", "body"),
    "certification:credential_detail": _slug("certification:credential_detail", "credential"),
    "certification:option_type": _slug("certification:option_type", "option_type"),
    "certification:webinar_detail": _slug("certification:webinar_detail", "webinar"),
    "certification:webinar_register": _slug("certification:webinar_register", "webinar"),
    "certification:webinar_cancel": _slug("certification:webinar_cancel", "webinar"),
    "certification:webinar_ics": _slug("certification:webinar_ics", "webinar"),
    "certification:certificate_download": _pk("certification:certificate_download", "cert_a"),
    "certification:holding_edit": _pk("certification:holding_edit", "holding_a"),
    "certification:holding_delete": _pk("certification:holding_delete", "holding_a"),
    "certification:transcript_csv": _pk("certification:transcript_csv", "holding_a"),
    "certification:transcript_pdf": _pk("certification:transcript_pdf", "holding_a"),
    "certification:activity_edit": _pk("certification:activity_edit", "activity_a"),
    "certification:activity_delete": _pk("certification:activity_delete", "activity_a"),
    "certification:activity_certificate": _pk("certification:activity_certificate", "activity_a"),
    # As with alerts, the signed token in the reminder email is the permission.
    "certification:reminders_unsubscribe": lambda w: reverse(
        "certification:reminders_unsubscribe", kwargs={"token": _reminders_token(w)}
    ),
    "certification:reminders_unsubscribe#unknown": lambda w: reverse(
        "certification:reminders_unsubscribe", kwargs={"token": "not-a-token"}
    ),
    "advocacy:pledge_confirm": lambda w: reverse(
        "advocacy:pledge_confirm", kwargs={"signed_token": _pledge_confirm_token(w)}
    ),
    "advocacy:pledge_confirm#unknown": lambda w: reverse(
        "advocacy:pledge_confirm", kwargs={"signed_token": "not-a-token"}
    ),
    "advocacy:pledge_withdraw": lambda w: reverse(
        "advocacy:pledge_withdraw", kwargs={"token": w.pledge_a.token}
    ),
    "advocacy:pledge_withdraw#unknown": lambda w: reverse(
        "advocacy:pledge_withdraw", kwargs={"token": UNKNOWN_UUID}
    ),
    "advocacy:sample_letter": lambda w: reverse("advocacy:sample_letter", kwargs={"kind": "pdf"}),
    "django.contrib.sitemaps.views.sitemap": lambda w: [
        reverse("django.contrib.sitemaps.views.sitemap", kwargs={"section": section})
        for section in SITEMAP_SECTIONS
    ],
    "favicon.ico": lambda w: "/favicon.ico",
}

# Markers a row's page shows to whoever holds the token from the email: the alert or pledge the
# link is about (only its owner was sent the link).
ROW_REVEALS = {
    "careers:alert_unsubscribe": {"MKR_A_ALERT"},
    "advocacy:pledge_confirm": {NAME_A, "MKR_A_PLEDGE_JOB"},
    "advocacy:pledge_withdraw": {NAME_A, "MKR_A_PLEDGE_JOB"},
}

# What an OK must contain: the right thing was served, not just a 200.
ROW_SHOWS = {
    "page_detail": "MKR_MEMBER_PAGE_BODY",
    "page_detail#draft": "MKR_DRAFT_PAGE_BODY",
    "resources:detail": "MKR_MEMBER_RESOURCE_BODY",
    "resources:detail#draft": "MKR_DRAFT_RESOURCE_BODY",
    "resources:download": "MKR_MEMBER_RESOURCE_FILE",
    "careers:job_detail": "MKR_EA_DRAFT_JOB",
    "careers:resume_edit": "MKR_A_RESUME_TITLE",
    "careers:resume_delete": "MKR_A_RESUME_TITLE",
    "careers:resume_download": "MKR_A_RESUME_FILE",
    "careers:application_detail": "MKR_A_APP_NOTE",
    "careers:application_resume_download": "MKR_A_APP_FILE",
    "careers:job_edit": "MKR_EA_DRAFT_JOB",
    "careers:applicants": NAME_A,
    "careers:applicants_csv": NAME_A,
    "careers:applicant_detail": "MKR_EA_NOTES",
    "careers:applicant_resume_download": "MKR_A_APP_FILE",
    "certification:transcript_csv": "MKR_A_CE_TITLE",
    "certification:activity_edit": "MKR_A_CE_TITLE",
    "certification:activity_delete": "MKR_A_CE_TITLE",
    "certification:activity_certificate": "MKR_A_CE_FILE",
    # Each person's own data, and only theirs (the leak check refuses anyone else's, and the
    # employer's private notes on their application).
    "account_data_export": {
        "seeker_a": ("MKR_A_RESUME_TITLE", "MKR_A_APP_NOTE", "MKR_A_CE_TITLE", "MKR_A_PLEDGE_JOB"),
        "seeker_b": ("MKR_B_RESUME_TITLE", "MKR_B_APP_NOTE", "MKR_B_CE_TITLE", "MKR_B_PLEDGE_JOB"),
    },
    "account_files_export": {
        "seeker_a": ("MKR_A_RESUME_FILE", "MKR_A_CE_FILE"),
        "seeker_b": ("MKR_B_RESUME_FILE", "MKR_B_CE_FILE"),
    },
    "account_delete": "<form",
}


# --- The admin: one rule per model ------------------------------------------------------------------

# The record each model's admin pages are tried on: A's, for private records.
ADMIN_OBJECTS = {
    "portal.user": lambda w: w.users["seeker_a"],
    "portal.membership": lambda w: w.membership_a,
    "portal.page": lambda w: w.member_page,
    "resources.resource": lambda w: w.member_resource,
    "careers.job": lambda w: w.draft_job_a,
    "careers.application": lambda w: w.app_a,
    "careers.resume": lambda w: w.resume_a,
    "careers.jobalert": lambda w: w.alert_a,
    "careers.careerservicerequest": lambda w: w.csr_a,
    "certification.ceactivity": lambda w: w.activity_a,
    "certification.credentialholding": lambda w: w.holding_a,
    "certification.webinar": lambda w: w.webinar,
    "certification.webinarregistration": lambda w: w.cert_a,
    "advocacy.pledge": lambda w: w.pledge_a,
    "account.emailaddress": lambda w: w.email_address,
}

# Admin URL names are "<app>_<model>_<suffix>"; the permission each suffix needs (v view,
# a add, c change, d delete, i import the roster). "redirect" is the bare "<id>/" URL, which
# sends staff on to the change page.
ADMIN_SUFFIX_NEEDS = {
    "changelist": "vc",
    "add": "a",
    "change": "vc",
    "history": "vc",
    "simple_history": "vc",
    "delete": "d",
    "redirect": "",
    "file": "vc",
    "export": "vc",
    "statistics": "vc",
    "attendance": "vc",
    "import": "i",
    "password_change": "c",
}


def admin_models():
    """``{"app.model": (app_label, model_name)}`` for every model registered in the admin."""
    return {
        f"{m._meta.app_label}.{m._meta.model_name}": (m._meta.app_label, m._meta.model_name)
        for m in admin.site._registry
    }


def admin_model_pattern(key):
    """``(model label, suffix)`` when ``key`` is one of a model's admin URLs, else ``None``."""
    if key == "admin:auth_user_password_change":  # Django's UserAdmin names it so
        return "portal.user", "password_change"
    for label, (app_label, model_name) in admin_models().items():
        if key == f"admin/{app_label}/{model_name}/<path:object_id>/":
            return label, "redirect"
        prefix = f"admin:{app_label}_{model_name}_"
        if key.startswith(prefix):
            return label, key.removeprefix(prefix)
    return None


def admin_object(world, label):
    if label in ADMIN_OBJECTS:
        return ADMIN_OBJECTS[label](world)
    from django.apps import apps

    return apps.get_model(label)._default_manager.order_by("pk").first()


def admin_url(world, key, label, suffix):
    if suffix in {"changelist", "add", "import", "export", "statistics"}:
        return reverse(key)
    obj = admin_object(world, label)
    if suffix == "redirect":
        app_label, model_name = label.split(".")
        return f"/admin/{app_label}/{model_name}/{obj.pk}/"
    if suffix == "simple_history":
        return reverse(key, args=[obj.pk, obj.history.order_by("pk").first().history_id])
    return reverse(key, args=[obj.pk])


def _view_on_site(w):
    from django.contrib.contenttypes.models import ContentType

    page_type = ContentType.objects.get_for_model(w.member_page)
    return reverse("admin:view_on_site", args=[page_type.pk, w.member_page.pk])


URLS |= {
    "admin:view_on_site": _view_on_site,
    "admin/(?P<url>.*)$": lambda w: "/admin/no-such-page/",
}
for _app_label in sorted({app for app, _ in admin_models().values()}):
    URLS[f"admin:app_list#{_app_label}"] = lambda w, app=_app_label: reverse(
        "admin:app_list", kwargs={"app_label": app}
    )


# --- Walking it ---------------------------------------------------------------------------------------


def row_urls(world, row_key):
    """The URLs a row asks for: its builder's, else the pattern reversed without arguments."""
    pattern_key = row_key.split("#")[0]
    if row_key in URLS:
        urls = URLS[row_key](world)
    else:
        found = admin_model_pattern(pattern_key)
        urls = admin_url(world, pattern_key, *found) if found is not None else reverse(pattern_key)
    return urls if isinstance(urls, list) else [urls]


def fetch(client, url):
    """``(outcome, body)``; a crash is an outcome too, so one bad page does not hide the rest."""
    try:
        response = client.get(url)
    except Exception as error:
        return f"ERROR {type(error).__name__}: {error}", ""
    return outcome_of(response), body_of(response)


def row_keys(world):
    """Every row: each pattern once, or once per case where the pattern lists cases."""
    keys = []
    for key, _route in all_patterns():
        cases = [k for k in URLS if k.split("#")[0] == key and "#" in k]
        keys += ([key] if key in URLS or not cases else []) + cases
    return keys


# --- What each person gets: every pattern but the admin's per-model pages -----------------------------
# Staff preview drafts and read member-only content (portal.access). The privacy pages
# (account_data_export, account_files_export, account_delete) give each person their own data
# only. alert_unsubscribe, reminders_unsubscribe, pledge_confirm and pledge_withdraw carry a
# token from an email: the token is the permission, so whoever holds it gets the page.

TABLE = """
pattern                                     anon  nonm  exp   memb  seekA seekB empA  empB  edit  mgr   mod   super
# The portal
home                                        OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
membership                                  OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
search                                      OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
page_detail                                 LOGIN 403   403   OK    OK    OK    403   403   OK    OK    OK    OK
page_detail#draft                           404   404   404   404   404   404   404   404   OK    OK    OK    OK
# Accounts (ours, then allauth's)
account_profile                             LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_data_export                         LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_files_export                        LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_delete                              LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_login                               OK    REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
account_logout                              REDIR OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_inactive                            OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_signup                              OK    REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
account_reauthenticate                      LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_email                               LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_email_verification_sent             OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_change_password                     LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_set_password                        LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
account_reset_password                      OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_confirm_login_code                  LOGIN REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
account_confirm_email                       OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_reset_password_from_key_done        OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_reset_password_from_key             OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
account_reset_password_done                 OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
# Laboratory Resources
resources:index                             OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
resources:library                           OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
resources:feed                              OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
resources:detail                            LOGIN 403   403   OK    OK    OK    403   403   OK    OK    OK    OK
resources:detail#draft                      404   404   404   404   404   404   404   404   OK    OK    OK    OK
resources:download                          LOGIN 403   403   OK    OK    OK    403   403   OK    OK    OK    OK
resources:download#public                   OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
# Career Center
careers:index                               OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:job_detail                          404   404   404   404   404   404   OK    404   OK    OK    OK    OK
careers:job_detail#live                     OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:feed                                OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:services                            OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:service_request                     OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:apply                               LOGIN 405   405   405   405   405   405   405   405   405   405   405
careers:toggle_saved_job                    LOGIN 405   405   405   405   405   405   405   405   405   405   405
careers:seeker_dashboard                    LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:resume_upload                       LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:resume_edit                         LOGIN 404   404   404   OK    404   404   404   404   404   404   404
careers:resume_delete                       LOGIN 404   404   404   OK    404   404   404   404   404   404   404
careers:resume_download                     LOGIN 404   404   404   OK    404   404   404   404   404   404   404
careers:application_detail                  LOGIN 404   404   404   OK    404   404   404   404   404   404   404
careers:application_withdraw                LOGIN 405   405   405   405   405   405   405   405   405   405   405
careers:application_resume_download         LOGIN 404   404   404   OK    404   404   404   404   404   404   404
careers:alert_create                        LOGIN 405   405   405   405   405   405   405   405   405   405   405
careers:alert_delete                        LOGIN 405   405   405   405   405   405   405   405   405   405   405
careers:alert_unsubscribe                   OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:alert_unsubscribe#unknown           404   404   404   404   404   404   404   404   404   404   404   404
careers:employer_request                    LOGIN OK    OK    OK    OK    OK    REDIR REDIR OK    OK    OK    OK
careers:employer_dashboard                  LOGIN OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
careers:job_create                          LOGIN REDIR REDIR REDIR REDIR REDIR OK    OK    REDIR REDIR REDIR REDIR
careers:job_edit                            LOGIN 404   404   404   404   404   OK    404   404   404   404   404
careers:title_check                         405   405   405   405   405   405   405   405   405   405   405   405
careers:job_submit                          405   405   405   405   405   405   405   405   405   405   405   405
careers:job_close                           405   405   405   405   405   405   405   405   405   405   405   405
careers:job_renew                           405   405   405   405   405   405   405   405   405   405   405   405
careers:applicants                          LOGIN 404   404   404   404   404   OK    404   404   404   404   404
careers:applicants_csv                      LOGIN 404   404   404   404   404   OK    404   404   404   404   404
careers:applicant_detail                    LOGIN 404   404   404   404   404   OK    404   404   404   404   404
careers:applicant_resume_download           LOGIN 404   404   404   404   404   OK    404   404   404   404   404
# Certification & CE
certification:index                         OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:body_detail                   OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:credential_detail             OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:options                       OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:option_type                   OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:pace                          OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:faq                           OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:webinar_list                  OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:webinar_detail                OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:webinar_register              REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
certification:webinar_cancel                REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
certification:webinar_ics                   OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:certificate_download          LOGIN 404   404   404   OK    404   404   404   OK    404   404   OK
certification:certificate_verify            OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:tracker                       LOGIN 403   403   OK    OK    OK    403   403   OK    OK    OK    OK
certification:holding_add                   LOGIN 403   403   OK    OK    OK    403   403   OK    OK    OK    OK
certification:holding_edit                  LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:holding_delete                LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:transcript_csv                LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:transcript_pdf                LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:activity_add                  LOGIN 403   403   OK    OK    OK    403   403   OK    OK    OK    OK
certification:activity_edit                 LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:activity_delete               LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:activity_certificate          LOGIN 403   403   404   OK    404   403   403   404   404   404   404
certification:reminders_unsubscribe         OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
certification:reminders_unsubscribe#unknown 404   404   404   404   404   404   404   404   404   404   404   404
# I AM MLS
advocacy:index                              OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:pledge                             OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:pledge_check_email                 OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:pledge_resend                      OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:pledge_confirm                     OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:pledge_confirm#unknown             404   404   404   404   404   404   404   404   404   404   404   404
advocacy:pledge_withdraw                    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:pledge_withdraw#unknown            404   404   404   404   404   404   404   404   404   404   404   404
advocacy:pledge_thanks                      OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:wall                               OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:letter                             OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:sample_letter                      OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:institutions                       OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:institution_suggest                OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
advocacy:institution_suggest_thanks         OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
# The admin's own pages (its models follow the ADMIN_ACCESS rule below)
admin:index                                 ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    OK    OK    OK
admin:login                                 OK    OK    OK    OK    OK    OK    OK    OK    REDIR REDIR REDIR REDIR
admin:logout                                REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR 405   405   405   405
admin:password_change                       ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    OK    OK    OK
admin:password_change_done                  ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    OK    OK    OK
admin:autocomplete                          ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN 403   403   403   403
admin:jsi18n                                ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    OK    OK    OK
admin:view_on_site                          ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN REDIR REDIR REDIR REDIR
admin:app_list#account                      ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN 404   404   404   OK
admin:app_list#advocacy                     ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    404   404   OK
admin:app_list#auth                         ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN 404   404   404   OK
admin:app_list#careers                      ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN 404   404   OK    OK
admin:app_list#certification                ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    404   404   OK
admin:app_list#django_tasks_database        ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN 404   404   404   OK
admin:app_list#portal                       ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    OK    OK    OK
admin:app_list#resources                    ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN OK    404   404   OK
admin/(?P<url>.*)$                          ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN ADMIN 404   404   404   404
# For machines
favicon.ico                                 REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR REDIR
healthz                                     OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
robots_txt                                  OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
sitemap_index                               OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
django.contrib.sitemaps.views.sitemap       OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK    OK
"""

# --- The admin's per-model pages ---------------------------------------------------------------------
# What each staff group may do with each model in the admin (v view, a add, c change, d delete,
# i import the roster), as portal/groups.py grants it and each ModelAdmin narrows it: some
# records are never added by hand (resumes, applications, CE records: people submit them), some
# are never deleted (an application an employer received). Everyone else is sent to the admin's
# log-in page. From the letters, each admin URL's outcome follows (ADMIN_SUFFIX_NEEDS): OK with
# the permission, 403 without.

ADMIN_ACCESS = """
model                                   edit  mgr   mod   super
auth.group                              -     -     -     vacd
portal.user                             -     v     v     vacd
portal.membershipcategory               -     vacd  -     vacd
portal.membership                       -     vacdi -     vacdi
portal.rosterimport                     -     v     -     vd
portal.accountdeletion                  -     -     -     v
portal.page                             vacd  -     -     vacd
resources.resource                      vacd  -     -     vacd
resources.audience                      vacd  -     -     vacd
resources.topic                         vacd  -     -     vacd
careers.employer                        -     -     vacd  vacd
careers.job                             -     -     vacd  vacd
careers.application                     -     -     vc    vc
careers.resume                          -     -     v     v
careers.jobalert                        -     -     v     vd
careers.careerservicerequest            -     -     vc    vcd
careers.outdatedtitle                   -     -     vacd  vacd
certification.cecategory                vacd  -     -     vacd
certification.certifyingbody            vacd  -     -     vacd
certification.credential                vacd  -     -     vacd
certification.renewalrule               vacd  -     -     vacd
certification.ceoptiontype              vacd  -     -     vacd
certification.ceoption                  vacd  -     -     vacd
certification.faqentry                  vacd  -     -     vacd
certification.credentialholding         -     -     -     vd
certification.ceactivity                -     -     -     vd
certification.webinar                   vacd  -     -     vacd
certification.webinarregistration       vacd  -     -     vacd
advocacy.sampleletter                   vc    -     -     vc
advocacy.institution                    vacd  -     -     vacd
advocacy.campaign                       vc    -     -     vc
advocacy.faqentry                       vacd  -     -     vacd
advocacy.pledge                         vd    -     -     vacd
account.emailaddress                    -     -     -     vacd
django_tasks_database.dbtaskresult      -     -     -     v
"""
ADMIN_STAFF_COLUMNS = {"edit": "editor", "mgr": "manager", "mod": "moderator", "super": "superuser"}
# One record each: their list page sends staff straight to it.
SINGLE_RECORD_MODELS = {"advocacy.campaign", "advocacy.sampleletter"}

# What the admin must show to those who may see it: A's record, on its change page and its file.
ADMIN_SHOWS = {
    ("portal.user", "change"): NAME_A,
    ("portal.membership", "change"): "MKRAMEMBERID",
    ("portal.rosterimport", "changelist"): "MKR_ROSTER_FILE",
    ("portal.page", "change"): "MKR_MEMBER_PAGE_BODY",
    ("resources.resource", "file"): "MKR_MEMBER_RESOURCE_FILE",
    ("careers.job", "change"): "MKR_EA_DRAFT_JOB",
    ("careers.application", "change"): "MKR_A_APP_NOTE",
    ("careers.application", "file"): "MKR_A_APP_FILE",
    ("careers.resume", "changelist"): "MKR_A_RESUME_TITLE",
    ("careers.resume", "file"): "MKR_A_RESUME_FILE",
    ("careers.jobalert", "changelist"): "MKR_A_ALERT",
    ("careers.careerservicerequest", "change"): "MKR_A_CSR_MSG",
    ("careers.careerservicerequest", "file"): "MKR_A_CSR_FILE",
    ("certification.ceactivity", "changelist"): "MKR_A_CE_TITLE",
    ("advocacy.pledge", "change"): "MKR_A_PLEDGE_JOB",
}


def parse_table(text, columns):
    """``{row: {column: cell}}`` from an aligned table whose first line names the columns."""
    lines = [line.split() for line in text.strip().splitlines() if not line.startswith("#")]
    header, rows = lines[0], lines[1:]
    assert tuple(header[1:]) == tuple(columns), header
    parsed = {}
    for cells in rows:
        assert len(cells) == len(header), f"row {cells[0]} has {len(cells) - 1} columns"
        assert cells[0] not in parsed, f"row {cells[0]} is in the table twice"
        parsed[cells[0]] = dict(zip(columns, cells[1:], strict=True))
    return parsed


EXPECTED = {
    key: {COLUMN_ROLE[column]: cell for column, cell in row.items()}
    for key, row in parse_table(TABLE, COLUMNS).items()
}
ADMIN_EXPECTED = {
    label: {ADMIN_STAFF_COLUMNS[column]: cell.strip("-") for column, cell in row.items()}
    for label, row in parse_table(ADMIN_ACCESS, tuple(ADMIN_STAFF_COLUMNS)).items()
}


def expected_outcome(row_key, role):
    """The table's outcome for ``role`` at ``row_key``, or ``None`` when no table has the row."""
    if row_key in EXPECTED:
        return EXPECTED[row_key][role]
    found = admin_model_pattern(row_key)
    if found is None or found[0] not in ADMIN_EXPECTED:
        return None
    label, suffix = found
    if role not in ADMIN_STAFF_COLUMNS.values():
        return "ADMIN"
    if suffix not in ADMIN_SUFFIX_NEEDS:
        return None
    needs = ADMIN_SUFFIX_NEEDS[suffix]
    may = ADMIN_EXPECTED[label][role]
    if needs and not set(needs) & set(may):
        return "403"
    if suffix == "redirect" or (suffix == "changelist" and label in SINGLE_RECORD_MODELS):
        return "REDIR"
    return "OK"


def must_show(row_key, role) -> tuple:
    """What an OK for ``role`` at ``row_key`` must contain."""
    shows = ROW_SHOWS.get(row_key)
    if shows is None:
        found = admin_model_pattern(row_key)
        shows = ADMIN_SHOWS.get(found) if found else None
    if isinstance(shows, dict):
        shows = shows.get(role)
    if shows is None:
        return ()
    return (shows,) if isinstance(shows, str) else shows


# --- The tests --------------------------------------------------------------------------------------


def test_every_url_pattern_has_an_expected_outcome_for_everyone(world):
    missing = []
    for key in row_keys(world):
        try:
            row_urls(world, key)
        except Exception as error:
            missing.append(f"{key}: no way to build its URL ({error}); add it to URLS")
            continue
        if any(expected_outcome(key, role) is None for role in ROLES):
            found = admin_model_pattern(key)
            where = (
                f"ADMIN_ACCESS (model {found[0]}) or ADMIN_SUFFIX_NEEDS ({found[1]})"
                if found
                else "TABLE"
            )
            missing.append(f"{key}: no expected outcome; add it to {where}")
    assert not missing, "URL patterns nobody has reviewed:\n" + "\n".join(missing)


def test_the_tables_name_only_what_exists(world):
    keys = set(row_keys(world))
    stale = [key for key in EXPECTED if key not in keys]
    stale += [label for label in ADMIN_EXPECTED if label not in admin_models()]
    assert not stale, f"rows for URLs or admin models that no longer exist: {stale}"
    for row in EXPECTED.values():
        assert set(row.values()) <= OUTCOMES, row


def test_the_leak_check_reads_inside_files_and_zips():
    from django.http import FileResponse, HttpResponse

    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("resume.pdf", b"%PDF-1.4 MKR_A_RESUME_FILE" * 50)
    zipped_response = HttpResponse(archive.getvalue(), content_type="application/zip")
    file_response = FileResponse(io.BytesIO(b"MKR_A_CE_FILE"))

    assert leaks(body_of(zipped_response), "seeker_b") == ["MKR_A_RESUME_FILE"]
    assert leaks(body_of(file_response), "moderator") == ["MKR_A_CE_FILE"]
    assert leaks(body_of(file_response), "seeker_a") == []


@pytest.mark.parametrize("role", ROLES)
def test_what_each_person_gets_at_every_url(world, role):
    client = client_for(world, role)
    problems = []
    for key in row_keys(world):
        wanted = expected_outcome(key, role)
        if wanted is None:
            continue  # reported by the test above
        for url in row_urls(world, key):
            got, body = fetch(client, url)
            if got != wanted:
                problems.append(f"{key} {url}: expected {wanted}, got {got}")
            if got == "OK":
                for text in must_show(key, role):
                    if text not in body:
                        problems.append(f"{key} {url}: OK but without {text!r}")
            leaked = leaks(body, role, allowed=ROW_REVEALS.get(key, ()))
            if leaked:
                problems.append(f"{key} {url}: LEAKS {leaked}")
            if "logout" in key:  # a log-out page must not leave the rest of the walk anonymous
                client = client_for(world, role)
    assert not problems, f"{role}:\n" + "\n".join(problems)


# --- Posting as the wrong person ---------------------------------------------------------------------
# Each case: the URL, what is posted, and the state that must not change; who tries it and what
# they get. A's things, tried by people who are not A (and by the employer who is not theirs).


def _state(model_label, pk, *fields):
    def read(w):
        from django.apps import apps

        row = apps.get_model(model_label).objects.filter(pk=pk(w)).values(*fields).first()
        return row  # None once deleted

    return read


def _obj_pk(name):
    return lambda w: getattr(w, name).pk


WRONG_OWNER_POSTS = {
    "careers:resume_delete": ({}, _state("careers.Resume", _obj_pk("resume_a"), "title"),
                              {"seeker_b": "404", "employer_a": "404", "moderator": "404", "anon": "LOGIN"}),
    "careers:resume_edit": ({"title": "Taken over"}, _state("careers.Resume", _obj_pk("resume_a"), "title", "is_default"),
                            {"seeker_b": "404", "employer_a": "404", "anon": "LOGIN"}),
    "careers:application_withdraw": ({}, _state("careers.Application", _obj_pk("app_a"), "status"),
                                     {"seeker_b": "404", "employer_a": "404", "employer_b": "404", "anon": "LOGIN"}),
    "careers:alert_delete": ({}, _state("careers.JobAlert", _obj_pk("alert_a"), "name"),
                             {"seeker_b": "404", "moderator": "404", "anon": "LOGIN"}),
    "careers:alert_unsubscribe#unknown": ({}, _state("careers.JobAlert", _obj_pk("alert_a"), "is_active"),
                                          {"seeker_b": "404", "anon": "404"}),
    "careers:job_edit": ({"title": "Taken over"}, _state("careers.Job", _obj_pk("draft_job_a"), "title", "status"),
                         {"employer_b": "404", "seeker_a": "404", "moderator": "404", "anon": "LOGIN"}),
    "careers:job_submit": ({}, _state("careers.Job", _obj_pk("draft_job_a"), "status"),
                           {"employer_b": "404", "seeker_a": "404", "anon": "LOGIN"}),
    "careers:job_close": ({}, _state("careers.Job", _obj_pk("job_a"), "status", "closed_at"),
                          {"employer_b": "404", "seeker_a": "404", "editor": "404", "anon": "LOGIN"}),
    "careers:job_renew": ({}, _state("careers.Job", _obj_pk("job_a"), "status", "closes_on"),
                          {"employer_b": "404", "seeker_a": "404", "anon": "LOGIN"}),
    "careers:applicant_detail": ({"action": "notes", "notes-employer_notes": "Taken over"},
                                 _state("careers.Application", _obj_pk("app_a"), "employer_notes", "status"),
                                 {"employer_b": "404", "seeker_a": "404", "moderator": "404", "anon": "LOGIN"}),
    "certification:holding_delete": ({}, _state("certification.CredentialHolding", _obj_pk("holding_a"), "cycle_end"),
                                     {"seeker_b": "404", "member": "404", "editor": "404", "anon": "LOGIN"}),
    "certification:activity_edit": ({"title": "Taken over"}, _state("certification.CEActivity", _obj_pk("activity_a"), "title"),
                                    {"seeker_b": "404", "anon": "LOGIN"}),
    "certification:activity_delete": ({}, _state("certification.CEActivity", _obj_pk("activity_a"), "title"),
                                      {"seeker_b": "404", "member": "404", "expired": "403", "anon": "LOGIN"}),
    # Cancelling is always of one's own seat: B cancelling leaves A's registration alone.
    "certification:webinar_cancel": ({}, _state("certification.WebinarRegistration", _obj_pk("registration_a"), "user"),
                                     {"seeker_b": "REDIR", "anon": "LOGIN"}),
    "advocacy:pledge_withdraw#unknown": ({}, _state("advocacy.Pledge", _obj_pk("pledge_a"), "confirmed_at"),
                                         {"seeker_b": "404", "anon": "404"}),
    # In the admin: staff whose group may not delete these records.
    "admin:careers_resume_delete": ({"post": "yes"}, _state("careers.Resume", _obj_pk("resume_a"), "title"),
                                    {"editor": "403", "moderator": "403", "seeker_a": "ADMIN"}),
    "admin:careers_application_delete": ({"post": "yes"}, _state("careers.Application", _obj_pk("app_a"), "status"),
                                         {"moderator": "403", "employer_a": "ADMIN"}),
    "admin:certification_ceactivity_delete": ({"post": "yes"}, _state("certification.CEActivity", _obj_pk("activity_a"), "title"),
                                              {"editor": "403", "manager": "403", "moderator": "403"}),
    "admin:advocacy_pledge_delete": ({"post": "yes"}, _state("advocacy.Pledge", _obj_pk("pledge_a"), "job_title"),
                                     {"manager": "403", "moderator": "403", "seeker_a": "ADMIN"}),
    "admin:portal_membership_delete": ({"post": "yes"}, _state("portal.Membership", _obj_pk("membership_a"), "member_id"),
                                       {"editor": "403", "moderator": "403"}),
}  # fmt: skip


@pytest.mark.parametrize("row_key", WRONG_OWNER_POSTS)
def test_posting_to_someone_elses_thing_is_refused_and_changes_nothing(world, row_key):
    data, state, tries = WRONG_OWNER_POSTS[row_key]
    (url,) = row_urls(world, row_key)
    before = state(world)
    assert before is not None
    problems = []
    for role, wanted in tries.items():
        try:
            got = outcome_of(client_for(world, role).post(url, data))
        except Exception as error:
            got = f"ERROR {error!r}"
        if got != wanted:
            problems.append(f"{role}: expected {wanted}, got {got}")
        if state(world) != before:
            problems.append(f"{role}: the record changed: {before} -> {state(world)}")
    assert not problems, f"POST {row_key} {url}:\n" + "\n".join(problems)


# --- Search: private words find nothing for those who may not read them ------------------------------

NOWHERE = "xqzjvkwz"
# (search page, a word from a private text, the title of what holds it where those who may read
# it find it). Drafts and private records are found by nobody.
SEARCH_PROBES = [
    ("search", "xqzjvkwa", "Members bulletin"),
    ("search", "xqzjvkwb", "Members benchmarking report"),
    *[("search", word, None) for word in ("xqzjvkwc", "xqzjvkwd", "xqzjvkwe", "xqzjvkwf",
                                          "xqzjvkwg", "xqzjvkwh", "xqzjvkwi")],
    ("resources:library", "xqzjvkwb", "Members benchmarking report"),
    ("resources:library", "xqzjvkwd", None),
    ("careers:index", "xqzjvkwe", None),
    ("careers:index", "xqzjvkwg", None),
]  # fmt: skip


def _comparable(html, query):
    """The page as the person reads it, with the query and per-request tokens taken out."""
    html = html.replace(query, NOWHERE)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("role", ROLES)
def test_searching_for_private_words_finds_nothing_not_even_a_count(world, role):
    """For someone who may not read it, searching for a private word gives exactly the page a
    word found nowhere gives: no result, no teaser, no count; for those who may, it is found."""
    client = client_for(world, role)
    nothing = {
        page: _comparable(client.get(reverse(page), {"q": NOWHERE}).content.decode(), NOWHERE)
        for page in {page for page, _, _ in SEARCH_PROBES}
    }
    problems = []
    for page, word, title in SEARCH_PROBES:
        html = client.get(reverse(page), {"q": word}).content.decode()
        if title and role in MARKERS[SEARCH_WORDS[word]]:
            if title not in html:
                problems.append(f"{page}?q={word}: {title!r} not found")
        elif _comparable(html, word) != nothing[page]:
            problems.append(f"{page}?q={word}: differs from a search for a word found nowhere")
        leaked = leaks(html, role)
        if leaked:
            problems.append(f"{page}?q={word}: LEAKS {leaked}")
    assert not problems, f"{role}:\n" + "\n".join(problems)


# --- Counts: an employer sees the number of their own applicants only -------------------------------


def test_each_employer_dashboard_counts_only_its_own_applicants(world):
    alpha = client_for(world, "employer_a").get(reverse("careers:employer_dashboard"))
    beta = client_for(world, "employer_b").get(reverse("careers:employer_dashboard"))
    alpha_html, beta_html = alpha.content.decode(), beta.content.decode()

    assert '1<span class="visually-hidden"> application to Alpha bench scientist' in alpha_html
    assert '7<span class="visually-hidden"> applications to Beta bench scientist' in beta_html
    assert "Beta bench scientist" not in alpha_html
    assert "applications to" not in alpha_html  # no other job's plural count
    assert "Alpha bench scientist" not in beta_html
