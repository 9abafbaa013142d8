from portal.models import Section
from portal.views import section_placeholder


def index(request):
    return section_placeholder(request, Section.CAREERS, "careers/index.html")
