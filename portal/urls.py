from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from portal import health, views, views_discovery, views_privacy
from portal.sitemaps import collect_sitemaps

SITEMAPS = collect_sitemaps()

admin.site.site_header = "ASCLS-Illinois portal administration"
admin.site.site_title = "ASCLS-Illinois admin"
admin.site.index_title = "Society content and members"

urlpatterns = [
    path("", views.home, name="home"),
    path("membership/", views.membership, name="membership"),
    path("search/", views.search, name="search"),
    path("pages/<slug:slug>/", views.page_detail, name="page_detail"),
    path("accounts/profile/", views.profile, name="account_profile"),
    path("accounts/profile/data.json", views_privacy.export_data, name="account_data_export"),
    path("accounts/profile/files.zip", views_privacy.export_files, name="account_files_export"),
    path("accounts/profile/delete/", views_privacy.delete_account, name="account_delete"),
    path("accounts/", include("allauth.urls")),
    path("resources/", include("resources.urls")),
    path("careers/", include("careers.urls")),
    path("certification/", include("certification.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on every page that does not name one (the admin).
    path("favicon.ico", views.favicon),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", views_discovery.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]

handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
# Not a Django hook: allauth looks for it here when an account form is over its rate limit.
handler429 = "portal.ratelimit.allauth_too_many_requests"
