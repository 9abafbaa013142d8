from django.urls import reverse

from advocacy.services.pledges import pledge_count
from portal.home import Highlight
from portal.models import Section


def highlight(request):
    count = pledge_count()
    if not count:
        return Highlight(
            Section.ADVOCACY, "Be the first to take the pledge.", reverse("advocacy:pledge"),
            "Take the pledge",
        )  # fmt: skip
    people = "laboratory professional has" if count == 1 else "laboratory professionals have"
    return Highlight(
        Section.ADVOCACY,
        f"{count:,} {people} taken the pledge so far.",
        reverse("advocacy:pledge"),
        "Take the pledge",
    )
