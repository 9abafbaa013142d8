"""The main navigation: the portal's sections in the order the header shows them."""

from dataclasses import dataclass

from django.urls import reverse

from portal import fragments
from portal.models import Page, Section


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url_name: str
    url_kwargs: tuple = ()

    @property
    def url(self):
        return reverse(self.url_name, kwargs=dict(self.url_kwargs))


MAIN_NAVIGATION = [
    NavItem(Section.RESOURCES, Section.RESOURCES.label, "resources:index"),
    NavItem(Section.CAREERS, Section.CAREERS.label, "careers:index"),
    NavItem(Section.CERTIFICATION, Section.CERTIFICATION.label, "certification:index"),
    NavItem(Section.ADVOCACY, Section.ADVOCACY.label, "advocacy:index"),
    NavItem(Section.MEMBERSHIP, Section.MEMBERSHIP.label, "membership"),
    NavItem(Section.ABOUT, Section.ABOUT.label, "page_detail", (("slug", "about"),)),
]

# URL namespaces whose pages belong to a section, for marking the current one in the header.
NAMESPACE_SECTIONS = {
    "resources": Section.RESOURCES,
    "careers": Section.CAREERS,
    "certification": Section.CERTIFICATION,
    "advocacy": Section.ADVOCACY,
}


def section_pages(section, exclude=None):
    """Published staff pages of a section that ``user`` may list (members-only ones included
    for everyone: their title is public, their body is not). Kept in the cache until staff
    save a page (portal/fragments.py)."""

    def build():
        pages = (
            Page.objects.published()
            .in_section(section)
            .only("title", "slug", "summary", "visibility", "section")
        )
        if exclude:
            pages = pages.exclude(slug=exclude)
        return list(pages)

    return fragments.cached(f"section-pages:{section}:{exclude}", build, topics=["pages"])
