"""Career Center demo content for `seed_demo`: employers, jobs in every state, seekers with
resumes and applications in every status. Deterministic and safe to run again."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from careers.models import (
    Application,
    ApplicationEvent,
    CareerServiceRequest,
    Employer,
    Job,
    Resume,
)
from portal.demo import demo_account
from portal.demo_files import make_document
from portal.models import User

EMPLOYERS = [
    ("Lakeshore Health Laboratories", "Chicago", "https://lakeshore-labs.example.org/",
     "A hospital laboratory network on Chicago's North Side, running a 24/7 core lab and a "
     "regional microbiology service.", "employer@example.org"),
    ("Prairie Regional Medical Center", "Springfield", "https://prairie-regional.example.org/",
     "A 400-bed teaching hospital serving central Illinois, with a full blood bank and a "
     "molecular pathology laboratory.", None),
    ("Heartland Reference Laboratory", "Peoria", "https://heartland-ref.example.org/",
     "An independent reference laboratory testing for clinics and hospitals across the state.",
     None),
    ("Rock River Community Hospital", "Rockford", "https://rockriver.example.org/",
     "A community hospital whose generalist laboratory staff cover every bench.", None),
    ("Fox Valley Health System", "Aurora", "https://foxvalley.example.org/",
     "Three hospitals and twelve outpatient draw sites in the western suburbs.", None),
]  # fmt: skip

CITIES = ["Chicago", "Evanston", "Oak Lawn", "Naperville", "Aurora", "Joliet", "Rockford",
          "Peoria", "Springfield", "Champaign", "Urbana", "Bloomington", "Carbondale", "Quincy",
          "Decatur", "Moline"]  # fmt: skip

# (title, discipline, credential, hourly pay range or None)
ROLES = [
    ("Medical Laboratory Scientist, core laboratory", "generalist", "mls", (34, 46)),
    ("Medical Laboratory Technician, generalist", "generalist", "mlt", (26, 35)),
    ("Microbiology Medical Laboratory Scientist", "microbiology", "mls", (35, 47)),
    ("Blood Bank Technologist", "blood_bank", "mls", (36, 49)),
    ("Specialist in Blood Banking (SBB), transfusion service lead", "blood_bank", "sbb", (44, 58)),
    ("Chemistry Medical Laboratory Scientist", "chemistry", "mls", (34, 46)),
    ("Hematology and coagulation MLS", "hematology", "mls", (34, 45)),
    ("Molecular Diagnostics Scientist", "molecular", "mls", (38, 52)),
    ("Histotechnician", "histology", "ht_htl", (27, 36)),
    ("Cytotechnologist", "cytology", "other", (38, 50)),
    ("Phlebotomist", "phlebotomy", "pbt", (18, 24)),
    ("Point-of-care Testing Coordinator", "point_of_care", "mls", (38, 50)),
    ("Laboratory Supervisor, night shift", "management", "mls", (42, 55)),
    ("MLS Program Clinical Instructor", "education", "mls", None),
]
SHIFTS = ["day", "evening", "night", "rotating", "weekend"]
TYPES = ["full_time", "full_time", "part_time", "per_diem", "contract", "temporary"]

SEEKERS = [
    ("member@example.org", None),
    ("visitor@example.org", None),
    ("seeker.alvarez@example.org", "Rosa Alvarez"),
    ("seeker.nguyen@example.org", "Minh Nguyen"),
    ("seeker.okafor@example.org", "Chidi Okafor"),
    ("seeker.kowalski@example.org", "Anna Kowalski"),
]


def _description(title, employer_name, shift):
    return (
        f"<p>{employer_name} is looking for a {title.lower()} to join a team that takes pride "
        f"in accurate, timely results.</p>"
        "<h3>What you will do</h3><ul>"
        "<li>Perform and verify patient testing, following the laboratory's procedures.</li>"
        "<li>Run quality control, maintain instruments and document corrective action.</li>"
        "<li>Communicate critical values and work closely with nursing and providers.</li></ul>"
        "<h3>What you bring</h3><ul>"
        "<li>The credential named in this post, or eligibility to earn it within a year.</li>"
        f"<li>Willingness to work the {shift} shift and the occasional holiday.</li></ul>"
        "<p>Continuing education support, tuition help and paid time for the society's "
        "webinars are part of the package.</p>"
    )


def _status_plan(index):
    """Most jobs are live; the rest cover every other state a post can be in."""
    plan = {40: "pending", 41: "pending", 42: "draft", 43: "rejected", 44: "closed",
            45: "expired", 46: "expired", 47: "pending"}  # fmt: skip
    return plan.get(index, "published")


# Past posts for the I AM MLS campaign page's chart: per quarter back from this one, the titles
# employers used. Older quarters lean on outdated titles, recent ones on the standard titles.
# (title, discipline, credential)
OUTDATED_ROLES = [
    ("Medical Technologist, core laboratory", "generalist", "mls"),
    ("Clinical Laboratory Scientist, microbiology", "microbiology", "mls"),
    ("MT (ASCP), blood bank, evenings", "blood_bank", "mls"),
    ("Lab Tech, hematology", "hematology", "mlt"),
]
STANDARD_ROLES = [
    ("Medical Laboratory Scientist, core laboratory", "generalist", "mls"),
    ("Medical Laboratory Scientist, microbiology", "microbiology", "mls"),
    ("Medical Laboratory Technician, hematology", "hematology", "mlt"),
]
# quarters back: (posts with an outdated title, posts with the standard title)
TITLE_HISTORY = {7: (5, 1), 6: (5, 2), 5: (4, 2), 4: (4, 3), 3: (3, 4), 2: (2, 5), 1: (1, 6)}


def _quarters_back(day, quarters):
    index = day.year * 12 + day.month - 1 - 3 * quarters
    return day.replace(year=index // 12, month=3 * ((index % 12) // 3) + 1, day=1)


def _seed_title_history(employers, now, today):
    """Expired posts from past quarters, so the campaign page's chart has a story: Rock River
    Community Hospital switched from "Medical Technologist" to the standard title (a moderator
    can suggest it for the institutions list), and a live post and one in review still use an
    outdated title (the moderation queue's filter)."""
    switched = employers[3]  # Rock River Community Hospital: only outdated titles in the past
    still_outdated = employers[2]  # Heartland Reference Laboratory: its newest post too
    others = [e for e in employers if e not in (switched, still_outdated)]
    for back, (outdated, standard) in TITLE_HISTORY.items():
        start = _quarters_back(today, back)
        published = timezone.make_aware(datetime.combine(start + timedelta(days=20), time(9)))
        titles = [(OUTDATED_ROLES[i % len(OUTDATED_ROLES)], True) for i in range(outdated)]
        titles += [(STANDARD_ROLES[i % len(STANDARD_ROLES)], False) for i in range(standard)]
        for n, ((title, discipline, credential), is_outdated) in enumerate(titles):
            if is_outdated:
                employer = switched if n % 2 == 0 else still_outdated
            else:
                employer = others[(back + n) % len(others)]
            _history_job(
                employer, title, discipline, credential,
                slug=slugify(f"{title} {employer.name} q{back}-{n}")[:200],
                published=published + timedelta(days=n * 4), status="expired",
            )  # fmt: skip
    _history_job(
        still_outdated, "Medical Technologist (MT/CLS), evening shift", "generalist", "mls",
        slug="medical-technologist-mt-cls-evening-heartland", published=now - timedelta(days=1),
        status="published", closes_on=today + timedelta(days=45),
    )  # fmt: skip
    _history_job(
        employers[4], "Clinical Laboratory Scientist, blood bank", "blood_bank", "mls",
        slug="clinical-laboratory-scientist-blood-bank-fox-valley", published=None,
        status="pending",
    )  # fmt: skip


def _history_job(employer, title, discipline, credential, *, slug, published, status,
                 closes_on=None):  # fmt: skip
    Job.objects.get_or_create(
        slug=slug,
        defaults={
            "employer": employer, "title": title,
            "description": _description(title, employer.name, "day"),
            "city": employer.city, "state": "IL", "discipline": discipline,
            "credential": credential, "employment_type": "full_time", "shift": "day",
            "apply_method": "portal", "status": status,
            "submitted_at": (published or timezone.now()) - timedelta(days=1),
            "published_at": published, "first_published_at": published,
            "closes_on": closes_on
            or ((published.date() + timedelta(days=60)) if published else None),
        },
    )  # fmt: skip


def seed(stdout):
    now = timezone.now()
    today = timezone.localdate()
    employers = []
    for name, city, website, description, member_email in EMPLOYERS:
        employer, _ = Employer.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name, "city": city, "state": "IL", "website": website,
                "description": description, "contact_name": "Recruiting team",
                "contact_email": f"recruiting@{slugify(name)}.example.org",
                "status": Employer.Status.APPROVED, "approved_at": now - timedelta(days=200),
            },
        )  # fmt: skip
        if member_email:
            employer.members.add(User.objects.get(email=member_email))
        employers.append(employer)
    pending_employer, _ = Employer.objects.get_or_create(
        slug="little-egypt-clinic-lab",
        defaults={
            "name": "Little Egypt Clinic Laboratory", "city": "Carbondale", "state": "IL",
            "contact_name": "Office manager", "contact_email": "office@little-egypt.example.org",
            "status": Employer.Status.PENDING,
            "description": "A physician office laboratory asking to post its first job.",
        },
    )  # fmt: skip
    pending_employer.members.add(demo_account("clinic@example.org", "Cody Clinic"))

    jobs = []
    for index in range(48):
        title, discipline, credential, pay = ROLES[index % len(ROLES)]
        employer = employers[index % len(employers)]
        city = employer.city if index % 3 == 0 else CITIES[index % len(CITIES)]
        status = _status_plan(index)
        published = now - timedelta(days=index % 28, hours=index)
        shift = SHIFTS[index % len(SHIFTS)]
        slug = slugify(f"{title} {employer.name} {index}")[:200]
        defaults = {
            "employer": employer, "title": title, "description": _description(
                title, employer.name, shift), "city": city, "state": "IL",
            "workplace": "hybrid" if discipline in ("management", "education") and index % 2
            else ("remote" if index == 25 else "on_site"),
            "discipline": discipline, "credential": credential,
            "employment_type": TYPES[index % len(TYPES)], "shift": shift,
            "salary_min": Decimal(pay[0]) if pay else None,
            "salary_max": Decimal(pay[1]) if pay else None, "salary_period": "hour",
            "apply_method": "url" if index % 11 == 5
            else ("email" if index % 13 == 7 else "portal"),
            "apply_url": f"{employer.website}careers/{index}" if index % 11 == 5 else "",
            "apply_email": employer.contact_email if index % 13 == 7 else "",
            "status": status, "is_featured": index in (0, 9, 17),
            "submitted_at": published - timedelta(days=1),
            "published_at": None if status in ("draft", "pending") else published,
            "first_published_at": None if status in ("draft", "pending") else published,
            "closes_on": today + timedelta(days=60 - index % 28),
        }  # fmt: skip
        if status == "rejected":
            defaults["rejection_reason"] = (
                "Please add the shift hours and say which credential you require."
            )
        if status == "closed":
            defaults["closed_at"] = now - timedelta(days=2)
        if status == "expired":
            defaults["closes_on"] = today - timedelta(days=3 + index % 5)
        job, _ = Job.objects.get_or_create(slug=slug, defaults=defaults)
        jobs.append(job)

    _seed_title_history(employers, now, today)

    seekers = []
    for email, full_name in SEEKERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = demo_account(email, full_name, credentials="MLS(ASCP)", state="IL")
        seekers.append(user)
        if not user.resumes.exists():
            name = user.full_name or email
            data = make_document("pdf", f"{name} — resume", [
                "Medical Laboratory Scientist, MLS(ASCP)", "",
                "Experience: core laboratory, blood bank, microbiology.",
                "Education: B.S. Medical Laboratory Science.",
            ])  # fmt: skip
            resume = Resume(owner=user, title="Laboratory resume", original_name="resume.pdf",
                            is_default=True)  # fmt: skip
            resume.file.save("resume.pdf", ContentFile(data), save=False)
            resume.save()

    statuses = [s for s, _ in Application.Status.choices]
    lakeshore_live = [j for j in jobs if j.employer == employers[0] and j.status == "published"
                      and j.apply_method == "portal"]  # fmt: skip
    other_live = [j for j in jobs if j.employer != employers[0] and j.status == "published"
                  and j.apply_method == "portal"]  # fmt: skip
    pairs = []
    for i, seeker in enumerate(seekers):
        for k, job in enumerate(lakeshore_live[:4]):
            pairs.append((seeker, job, statuses[(i + k) % len(statuses)]))
        pairs.append((seeker, other_live[i % len(other_live)], statuses[i % len(statuses)]))
    for seeker, job, status in pairs:
        if Application.objects.filter(job=job, applicant=seeker).exists():
            continue
        resume = seeker.resumes.get(is_default=True)
        submitted = now - timedelta(days=5)
        application = Application(job=job, applicant=seeker, resume_name=resume.original_name,
                                  cover_note="I would welcome the chance to join your team.",
                                  status=status, submitted_at=submitted,
                                  status_changed_at=submitted + timedelta(days=2))  # fmt: skip
        resume.file.open("rb")
        application.resume_file.save(resume.original_name, ContentFile(resume.file.read()),
                                     save=False)  # fmt: skip
        resume.file.close()
        application.save()
        ApplicationEvent.objects.create(application=application, status="submitted", at=submitted)
        if status != "submitted":
            ApplicationEvent.objects.create(
                application=application, status=status, at=submitted + timedelta(days=2)
            )

    CareerServiceRequest.objects.get_or_create(
        requester=seekers[0], service=CareerServiceRequest.Service.RESUME_REVIEW,
        defaults={"message": "I am moving from MLT to MLS and would like my resume reviewed."},
    )  # fmt: skip
    stdout.write(
        f"  careers: {Employer.objects.count()} employers, {Job.objects.count()} jobs, "
        f"{Application.objects.count()} applications"
    )
