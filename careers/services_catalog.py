"""The career services the society offers, as the pages describe them."""

from dataclasses import dataclass

from careers.models import CareerServiceRequest

Service = CareerServiceRequest.Service


@dataclass(frozen=True)
class CareerService:
    key: str
    slug: str
    title: str
    summary: str
    what: str
    who: str


CAREER_SERVICES = [
    CareerService(
        Service.RESUME_REVIEW,
        "resume-review",
        "Resume writing review",
        "A laboratory professional reads your resume and tells you how to make it stronger.",
        "Send us your resume and the kind of position you are aiming for. A reviewer points out "
        "what a laboratory hiring manager looks for first — credentials, bench experience, "
        "instruments and specialties — and suggests clear wording and layout. You get written "
        "comments you can act on.",
        "Experienced society members who hire and supervise laboratory staff volunteer as "
        "reviewers.",
    ),
    CareerService(
        Service.REFERENCE_CHECK,
        "reference-checking",
        "Reference checking",
        "Find out how your references come across before an employer calls them.",
        "Tell us who your references are. We contact them the way an employer would and tell you "
        "what they said in general terms, so you can choose the references who serve you best "
        "and prepare them for the call.",
        "Trained society volunteers make the calls and keep what they hear confidential.",
    ),
    CareerService(
        Service.COACHING,
        "coaching",
        "Professional coaching",
        "One-to-one conversations about your next step in laboratory science.",
        "Whether you are a student choosing a first job, an MLT thinking about a bachelor's "
        "degree, or a scientist moving into supervision or education, a coach helps you set goals "
        "and plan how to reach them. Sessions are by phone or video.",
        "Society members with long careers in laboratory practice, management and education.",
    ),
]
SERVICES_BY_SLUG = {s.slug: s for s in CAREER_SERVICES}
