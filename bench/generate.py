"""Benchmark data at a given scale, in a freshly migrated database.

1x is the demo (`seed_demo --force`). 10x and 100x add bulk-generated rows on top of it, so the
demo accounts the benchmark logs in as (member, seeker, employer) see the same things of their
own at every scale while everything around them grows. Rows go in with ``bulk_create``: no
``save()``, no signals and no simple-history rows, which is what keeps 100x within minutes;
PostgreSQL's triggers still fill the search vectors.

    from bench.generate import generate
    generate(100)                       # demo + about 50,000 jobs, 200,000 CE activities, …
    generate(counts=Counts(jobs=5))     # demo + exactly these rows (the harness's own test)
"""

import io
import random
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from datetime import time as clock
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from advocacy.models import Credential as PledgeCredential
from advocacy.models import Pledge
from careers.models import Application, ApplicationEvent, Employer, Job
from certification.models import (
    CEActivity,
    CECategory,
    CredentialHolding,
    Webinar,
    WebinarRegistration,
)
from certification.models import Credential as CertCredential
from portal.access import Visibility
from portal.models import Membership, MembershipCategory, User
from resources.models import Audience, Resource, Topic

BATCH_SIZE = 2000
# The demo employer whose account the benchmark logs in as, and whose job gets the applicants.
APPLICANTS_EMPLOYER_SLUG = "lakeshore-health-laboratories"


@dataclass(frozen=True)
class Counts:
    """Rows added on top of the demo."""

    employers: int = 0
    jobs: int = 0
    resources: int = 0
    pledges: int = 0
    members: int = 0
    ce_per_member: int = 40
    webinars: int = 0
    registrations_per_webinar: int = 25
    applicants: int = 0  # on the applicants page's job (applicants_job())
    applications: int = 0  # spread over other live jobs

    def any(self) -> bool:
        return any(
            value
            for name, value in asdict(self).items()
            if name not in ("ce_per_member", "registrations_per_webinar")
        )


AT_100X = Counts(
    employers=500,
    jobs=50_000,
    resources=20_000,
    pledges=30_000,
    members=5_000,
    webinars=200,
    applicants=200,
    applications=5_000,
)


def counts_for(scale: float) -> Counts:
    """1x is the demo alone; any other scale is that share of the 100x counts."""
    if scale == 1:
        return Counts()
    factor = scale / 100
    scaled = {}
    for name, value in asdict(AT_100X).items():
        if name in ("ce_per_member", "registrations_per_webinar"):
            scaled[name] = value
        else:
            scaled[name] = max(1, round(value * factor))
    return Counts(**scaled)


def applicants_job():
    """The live job whose applicants list is benchmarked (the demo employer's first)."""
    return (
        Job.objects.live()
        .filter(employer__slug=APPLICANTS_EMPLOYER_SLUG, apply_method="portal")
        .order_by("pk")
        .first()
    )


def generate(scale: float = 1, *, counts: Counts | None = None, out=print, seed: int = 10):
    """Fill the (migrated, empty) database; returns {step: seconds}."""
    timings = {}
    started = time.perf_counter()
    demo_output = io.StringIO()
    call_command("seed_demo", force=True, stdout=demo_output)
    timings["demo"] = time.perf_counter() - started
    out(f"  demo data in {timings['demo']:.1f} s")

    counts = counts if counts is not None else counts_for(scale)
    if counts.any():
        rng = random.Random(seed)  # noqa: S311 - made-up rows, the same on every run
        timings.update(_Bulk(counts, rng, out).run())
    if connection.vendor == "postgresql":
        step = time.perf_counter()
        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum would gather them on a live site; without them the
            # planner guesses on tables it believes empty, and autovacuum's own ANALYZE would land
            # in the middle of a measurement.
            cursor.execute("ANALYZE")
        timings["analyze"] = time.perf_counter() - step
    timings["total"] = time.perf_counter() - started
    out(f"  data for {scale:g}x ready in {timings['total']:.1f} s")
    return timings


def _batches(items, size=BATCH_SIZE):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(model, items):
    """bulk_create in batches from a generator; returns the created objects (with their pk)."""
    created = []
    with transaction.atomic():
        for batch in _batches(items):
            created.extend(model.objects.bulk_create(batch, batch_size=BATCH_SIZE))
    return created


# --- Vocabulary --------------------------------------------------------------------------------

FIRST_NAMES = ["Aaliyah", "Ben", "Carmen", "Dev", "Elena", "Farah", "Grace", "Hector", "Ines",
               "Jamal", "Keiko", "Liam", "Maya", "Nadia", "Omar", "Priya", "Quinn", "Rosa",
               "Samuel", "Tara", "Uma", "Victor", "Wen", "Yusuf", "Zoe"]  # fmt: skip
LAST_NAMES = ["Adeyemi", "Brooks", "Chen", "Dubois", "Estrada", "Fischer", "Garcia", "Hughes",
              "Ibrahim", "Jensen", "Kowalski", "Lopez", "Murphy", "Nguyen", "Okafor", "Patel",
              "Quintero", "Rossi", "Schmidt", "Thompson", "Usman", "Vargas", "Walsh",
              "Young"]  # fmt: skip
CITIES = ["Chicago", "Evanston", "Oak Lawn", "Naperville", "Aurora", "Joliet", "Rockford",
          "Peoria", "Springfield", "Champaign", "Urbana", "Bloomington", "Carbondale", "Quincy",
          "Decatur", "Moline", "Elgin", "Waukegan", "Cicero", "Schaumburg"]  # fmt: skip
OTHER_PLACES = [("Milwaukee", "WI"), ("St. Louis", "MO"), ("Indianapolis", "IN"),
                ("Davenport", "IA"), ("Gary", "IN"), ("Madison", "WI")]  # fmt: skip
EMPLOYER_KINDS = ["Regional Medical Center", "Community Hospital", "Reference Laboratory",
                  "Health System", "Clinic Laboratory", "Blood Center", "Pathology Associates",
                  "Children's Hospital", "University Hospital",
                  "Outpatient Laboratory"]  # fmt: skip
# (title, discipline, credential, hourly pay range)
ROLES = [
    ("Medical Laboratory Scientist, core laboratory", "generalist", "mls", (34, 46)),
    ("Medical Laboratory Technician, generalist", "generalist", "mlt", (26, 35)),
    ("Microbiology Medical Laboratory Scientist", "microbiology", "mls", (35, 47)),
    ("Blood Bank Technologist", "blood_bank", "mls", (36, 49)),
    ("Transfusion Service Lead (SBB)", "blood_bank", "sbb", (44, 58)),
    ("Chemistry Medical Laboratory Scientist", "chemistry", "mls", (34, 46)),
    ("Hematology and Coagulation MLS", "hematology", "mls", (34, 45)),
    ("Molecular Diagnostics Scientist", "molecular", "mls", (38, 52)),
    ("Histotechnician", "histology", "ht_htl", (27, 36)),
    ("Cytotechnologist", "cytology", "other", (38, 50)),
    ("Phlebotomist", "phlebotomy", "pbt", (18, 24)),
    ("Point-of-care Testing Coordinator", "point_of_care", "mls", (38, 50)),
    ("Laboratory Supervisor", "management", "mls", (42, 55)),
    ("MLS Program Clinical Instructor", "education", "mls", (36, 48)),
]
SHIFTS = ["day", "day", "evening", "night", "rotating", "weekend"]
EMPLOYMENT_TYPES = ["full_time", "full_time", "full_time", "part_time", "per_diem", "contract"]
DUTIES = [
    "Perform and verify patient testing, following the laboratory's written procedures.",
    "Run quality control, maintain instruments and document corrective action.",
    "Communicate critical values promptly to nursing staff and providers.",
    "Take part in proficiency testing and competency assessment every year.",
    "Train students and new staff on the bench and in the blood bank.",
    "Troubleshoot analyzers and work with vendors on service calls.",
    "Review specimen acceptability and reject samples that would give a wrong result.",
]
BENEFITS = [
    "Continuing education support and paid time for the society's webinars.",
    "Tuition help for MLT-to-MLS programs and specialist certification.",
    "Medical, dental and vision cover from the first day, and a retirement plan with a match.",
    "Shift differentials for evenings, nights and weekends.",
]
SUBJECTS = ["specimen labeling", "blood culture contamination", "antibody identification",
            "coagulation testing", "urinalysis microscopy", "critical value reporting",
            "point-of-care glucose testing", "molecular assay validation", "Westgard rules",
            "hemolyzed specimens", "transfusion reactions", "Gram stain interpretation",
            "peripheral blood smears", "proficiency testing", "biosafety cabinets",
            "chain of custody", "tissue processing", "Pap test screening",
            "the order of draw", "instrument maintenance", "blood bank inventory",
            "laboratory math"]  # fmt: skip
RESOURCE_TITLES = ["{Subject}: a bench checklist", "A quick guide to {subject}",
                   "{Subject}: what every new hire should know", "Competency assessment for "
                   "{subject}", "Case studies in {subject}", "Troubleshooting {subject}",
                   "Quality control for {subject}", "Study guide: {subject}",
                   "Teaching {subject} to students", "Policy template: {subject}"]  # fmt: skip
CE_TITLES = ["Blood bank case review", "Lab safety annual update", "Ethics in the laboratory",
             "Hematology morphology workshop", "Antimicrobial stewardship", "Coagulation update",
             "Molecular methods primer", "Quality management essentials",
             "Point-of-care compliance", "Urinalysis refresher"]  # fmt: skip
CE_PROVIDERS = ["ASCLS-Illinois", "ASCLS", "ASCP", "LabCE", "MediaLab", "CDC", "AABB"]


def _paragraphs(rng, *sentences_pools):
    return "".join(
        "<p>" + " ".join(rng.sample(pool, k=min(3, len(pool)))) + "</p>" for pool in sentences_pools
    )


class _Bulk:
    def __init__(self, counts: Counts, rng: random.Random, out):
        self.counts = counts
        self.rng = rng
        self.out = out
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.user_ids = []
        self.employer_rows = []

    def run(self):
        timings = {}
        steps = [
            ("members", self.members),
            ("ce_activities", self.ce_activities),
            ("employers", self.employers),
            ("jobs", self.jobs),
            ("applications", self.applications),
            ("resources", self.resources),
            ("pledges", self.pledges),
            ("webinars", self.webinars),
        ]
        for name, step in steps:
            started = time.perf_counter()
            created = step()
            timings[name] = time.perf_counter() - started
            self.out(f"  {name}: {created:,} rows in {timings[name]:.1f} s")
        return timings

    # --- People ------------------------------------------------------------------------------

    def members(self):
        rng, n = self.rng, self.counts.members
        # One real hash for everyone: hashing 5,000 passwords would take longer than the rest.
        password = make_password("labportal-demo")
        names = [(rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) for _ in range(n)]
        users = _insert(
            User,
            (
                User(
                    email=f"member{i}@bench.example.org",
                    full_name=f"{first} {last}",
                    credentials=rng.choice(["MLS(ASCP)", "MLT(ASCP)", "MLS(ASCP)CM", "PBT(ASCP)"]),
                    employer=f"{rng.choice(CITIES)} {rng.choice(EMPLOYER_KINDS)}",
                    city=rng.choice(CITIES),
                    state="IL",
                    password=password,
                )
                for i, (first, last) in enumerate(names)
            ),
        )
        self.user_ids = [u.pk for u in users]
        _insert(
            EmailAddress,
            (EmailAddress(user_id=u.pk, email=u.email, verified=True, primary=True) for u in users),
        )
        categories = list(MembershipCategory.objects.values_list("pk", flat=True))
        _insert(
            Membership,
            (
                Membership(
                    member_id=f"BN-{i:06d}",
                    first_name=first,
                    last_name=last,
                    email=u.email,
                    category_id=rng.choice(categories),
                    start_date=self.today - timedelta(days=rng.randint(30, 3000)),
                    # Most are current; some lapsed, as on the real roster.
                    expiry_date=self.today + timedelta(days=rng.randint(-400, 700)),
                    user_id=u.pk,
                )
                for i, (u, (first, last)) in enumerate(zip(users, names, strict=True))
            ),
        )
        credentials = list(CertCredential.objects.values_list("pk", flat=True))
        _insert(
            CredentialHolding,
            (
                CredentialHolding(
                    user_id=u.pk,
                    credential_id=rng.choice(credentials),
                    cycle_end=self.today + timedelta(days=rng.randint(30, 1000)),
                )
                for u in users
            ),
        )
        return len(users) * 4

    def ce_activities(self):
        rng = self.rng
        categories = list(CECategory.objects.values_list("pk", flat=True))
        per = self.counts.ce_per_member

        def rows():
            for user_id in self.user_ids:
                for _ in range(per):
                    yield CEActivity(
                        user_id=user_id,
                        title=rng.choice(CE_TITLES),
                        provider=rng.choice(CE_PROVIDERS),
                        completed_on=self.today - timedelta(days=rng.randint(0, 1100)),
                        amount=Decimal(rng.choice(["0.5", "1", "1", "1.5", "2", "3"])),
                        category_id=rng.choice(categories),
                        format=rng.choice(["online", "online", "in_person", "hybrid"]),
                        pace_number=f"IL-{rng.randint(2022, 2026)}-{rng.randint(1, 999):03d}",
                    )

        return len(_insert(CEActivity, rows()))

    # --- Careers -----------------------------------------------------------------------------

    def employers(self):
        rng = self.rng
        employers = _insert(
            Employer,
            (
                Employer(
                    name=f"{city} {kind}" + (f" {i // 200 + 1}" if i >= 200 else ""),
                    slug=f"{slugify(city)}-{slugify(kind)}-{i}",
                    website=f"https://{slugify(city)}-{i}.example.org/",
                    city=city,
                    state="IL",
                    description=f"A {kind.lower()} serving {city} and the surrounding counties.",
                    contact_name="Recruiting team",
                    contact_email=f"jobs{i}@bench.example.org",
                    # A few are still waiting for staff to approve them.
                    status="approved" if rng.random() < 0.96 else "pending",
                    approved_at=self.now - timedelta(days=rng.randint(10, 900)),
                )
                for i in range(self.counts.employers)
                for city, kind in [(rng.choice(CITIES), rng.choice(EMPLOYER_KINDS))]
            ),
        )
        self.employer_rows = [e for e in employers if e.status == "approved"] or employers
        return len(employers)

    def jobs(self):
        rng = self.rng
        employers = self.employer_rows or list(Employer.objects.approved())

        def rows():
            for i in range(self.counts.jobs):
                title, discipline, credential, (low, high) = rng.choice(ROLES)
                employer = rng.choice(employers)
                if rng.random() < 0.15:
                    city, state = rng.choice(OTHER_PLACES)
                else:
                    city, state = (
                        (employer.city if rng.random() < 0.5 else rng.choice(CITIES)),
                        "IL",
                    )
                shift = rng.choice(SHIFTS)
                roll = rng.random()
                # Most are live; the rest in every other state a post can be in.
                status = (
                    "published"
                    if roll < 0.80
                    else "expired"
                    if roll < 0.90
                    else "closed"
                    if roll < 0.94
                    else rng.choice(["draft", "pending", "rejected"])
                )
                age = rng.randint(0, 55)
                published = self.now - timedelta(days=age, minutes=rng.randint(0, 1440))
                closes = self.today + timedelta(days=rng.randint(1, 60))
                if status == "expired":
                    published -= timedelta(days=70)
                    closes = self.today - timedelta(days=rng.randint(1, 60))
                hourly = rng.random() < 0.7
                salary_min = Decimal(rng.randint(low, (low + high) // 2))
                salary_max = Decimal(rng.randint((low + high) // 2, high))
                if not hourly:
                    salary_min, salary_max = salary_min * 2080, salary_max * 2080
                method = rng.choices(["portal", "url", "email"], [8, 1, 1])[0]
                yield Job(
                    employer_id=employer.pk,
                    title=title,
                    slug=f"{slugify(title)}-{slugify(city)}-{i}",
                    description=(
                        f"<p>{employer.name} is hiring a {title.lower()} for its {city} "
                        f"laboratory, on the {shift} shift.</p>"
                        "<h3>What you will do</h3>"
                        + _paragraphs(rng, DUTIES)
                        + "<h3>What we offer</h3>"
                        + _paragraphs(rng, BENEFITS)
                    ),
                    city=city,
                    state=state,
                    workplace="on_site" if rng.random() < 0.9 else rng.choice(["hybrid", "remote"]),
                    discipline=discipline,
                    credential=credential,
                    employment_type=rng.choice(EMPLOYMENT_TYPES),
                    shift=shift,
                    salary_min=salary_min,
                    salary_max=salary_max,
                    salary_period="hour" if hourly else "year",
                    apply_method=method,
                    apply_url=f"{employer.website}careers/{i}" if method == "url" else "",
                    apply_email=employer.contact_email if method == "email" else "",
                    status=status,
                    is_featured=status == "published" and rng.random() < 0.01,
                    closes_on=closes,
                    submitted_at=published - timedelta(days=1),
                    published_at=None if status in ("draft", "pending") else published,
                    first_published_at=None if status in ("draft", "pending") else published,
                    closed_at=self.now - timedelta(days=2) if status == "closed" else None,
                )

        return len(_insert(Job, rows()))

    def applications(self):
        rng = self.rng
        resume_name = (
            Application.objects.exclude(resume_file="")
            .values_list("resume_file", flat=True)
            .first()
        )
        target = applicants_job()
        applicants = self.user_ids[: self.counts.applicants] if target else []
        pairs = [(target.pk, user_id) for user_id in applicants]
        live = list(
            Job.objects.live()
            .filter(apply_method="portal")
            .exclude(pk=getattr(target, "pk", None))
            .values_list("pk", flat=True)[:5000]
        )
        seen = set(pairs)
        for _ in range(self.counts.applications if live and self.user_ids else 0):
            pair = (rng.choice(live), rng.choice(self.user_ids))
            if pair not in seen:
                seen.add(pair)
                pairs.append(pair)
        statuses = [s for s, _ in Application.Status.choices]

        def rows():
            for job_id, user_id in pairs:
                submitted = self.now - timedelta(days=rng.randint(0, 50), hours=rng.randint(0, 23))
                yield Application(
                    job_id=job_id,
                    applicant_id=user_id,
                    # One small real file for everyone: the list never opens it.
                    resume_file=resume_name,
                    resume_name="resume.pdf",
                    cover_note="I would welcome the chance to join your laboratory team.",
                    status=rng.choices(statuses, [6, 3, 2, 1, 1, 2, 1])[0],
                    submitted_at=submitted,
                    status_changed_at=submitted + timedelta(days=1),
                )

        created = _insert(Application, rows())
        _insert(
            ApplicationEvent,
            (
                ApplicationEvent(application_id=a.pk, status="submitted", at=a.submitted_at)
                for a in created
            ),
        )
        return len(created) * 2

    # --- Resources, pledges, webinars -------------------------------------------------------

    def resources(self):
        rng = self.rng
        document = (
            Resource.objects.filter(kind="document").exclude(file="").values_list("file", flat=True)
        ).first()
        kinds = ["webpage", "link", "video"] + (["document"] if document else [])

        def rows():
            for i in range(self.counts.resources):
                subject = rng.choice(SUBJECTS)
                title = rng.choice(RESOURCE_TITLES).format(
                    subject=subject, Subject=subject[0].upper() + subject[1:]
                )
                kind = rng.choice(kinds)
                yield Resource(
                    title=title,
                    slug=f"{slugify(title)[:180]}-{i}",
                    kind=kind,
                    summary=f"Practical help with {subject} for the bench, the classroom and "
                    "the supervisor's office.",
                    body=(
                        f"<p>This resource covers {subject} as it comes up in a working "
                        "clinical laboratory.</p>" + _paragraphs(rng, DUTIES, BENEFITS[:2])
                    ),
                    file=document if kind == "document" else "",
                    url=f"https://example.org/resources/{i}" if kind in ("link", "video") else "",
                    visibility=Visibility.MEMBERS if rng.random() < 0.3 else Visibility.PUBLIC,
                    is_published=rng.random() < 0.95,
                    is_featured=rng.random() < 0.005,
                    published_at=self.now - timedelta(days=rng.randint(0, 1100)),
                    last_reviewed=self.today - timedelta(days=rng.randint(0, 700)),
                )

        created = _insert(Resource, rows())
        topics = list(Topic.objects.values_list("pk", flat=True))
        audiences = list(Audience.objects.values_list("pk", flat=True))
        links = 0
        for through, field, choices, most in (
            (Resource.topics.through, "topic_id", topics, 3),
            (Resource.audiences.through, "audience_id", audiences, 2),
        ):
            links += len(
                _insert(
                    through,
                    (
                        through(resource_id=r.pk, **{field: choice})
                        for r in created
                        for choice in rng.sample(choices, k=min(rng.randint(1, most), len(choices)))
                    ),
                )
            )
        return len(created) + links

    def pledges(self):
        rng = self.rng
        credentials = [c for c, _ in PledgeCredential.choices]

        def rows():
            for i in range(self.counts.pledges):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                city, state = (
                    (rng.choice(CITIES), "IL") if rng.random() < 0.85 else rng.choice(OTHER_PLACES)
                )
                created = self.now - timedelta(days=rng.triangular(0, 240, 30))
                confirmed = rng.random() < 0.9
                yield Pledge(
                    full_name=f"{first} {last}",
                    email=f"pledger{i}@bench.example.org",
                    credential=rng.choice(credentials),
                    job_title="Medical Laboratory Scientist",
                    institution=f"{rng.choice(CITIES)} {rng.choice(EMPLOYER_KINDS)}",
                    city=city,
                    state=state,
                    show_publicly=rng.random() < 0.8,
                    campaign_emails=rng.random() < 0.3,
                    created_at=created,
                    confirmation_sent_at=created + timedelta(seconds=20),
                    confirmed_at=created + timedelta(hours=1) if confirmed else None,
                )

        return len(_insert(Pledge, rows()))

    def webinars(self):
        rng = self.rng
        categories = list(CECategory.objects.values_list("pk", flat=True))

        def rows():
            for i in range(self.counts.webinars):
                subject = rng.choice(SUBJECTS)
                day = self.today + timedelta(days=rng.randint(-700, 180))
                starts = timezone.make_aware(datetime.combine(day, clock(12, 0)))
                yield Webinar(
                    title=f"Monthly webinar: {subject}",
                    slug=f"bench-webinar-{slugify(subject)}-{i}",
                    presenter=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}, MLS(ASCP)",
                    description=f"<p>An hour on {subject}, with time for questions.</p>",
                    starts_at=starts,
                    category_id=rng.choice(categories),
                    pace_number=f"IL-{starts.year}-{i + 100:03d}",
                    registration_opens=starts - timedelta(days=60),
                    registration_closes=starts,
                    join_url=f"https://example.org/webinar/{i}",
                    recording_url=f"https://example.org/webinar/{i}/recording"
                    if starts < self.now
                    else "",
                )

        webinars = _insert(Webinar, rows())
        per = min(self.counts.registrations_per_webinar, len(self.user_ids))
        registrations = _insert(
            WebinarRegistration,
            (
                WebinarRegistration(
                    webinar_id=w.pk,
                    user_id=user_id,
                    attended=w.starts_at < self.now and rng.random() < 0.7,
                )
                for w in webinars
                for user_id in rng.sample(self.user_ids, k=per)
            ),
        )
        return len(webinars) + len(registrations)
