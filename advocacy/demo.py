"""I AM MLS demo content for `seed_demo`: the campaign texts, an FAQ, eight months of pledges,
institutions that have adopted the title (and two suggestions waiting for review) and the
sample letter with its Word and PDF files.

Deterministic and safe to run again: the pledges come from a fixed random seed and are matched
on their email, institutions on their name, FAQ entries on their question; the campaign and the
sample letter are only created when there is none, so whatever staff have edited stays.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from advocacy.content import DEFAULT_CAMPAIGN, DEFAULT_LETTER
from advocacy.letters import LetterDetails, letter_docx, letter_pdf
from advocacy.models import Campaign, Credential, FAQEntry, Institution, Pledge, SampleLetter

SEED = 2020  # the year of the position paper; any fixed number gives the same people every run
CONFIRMED_PLEDGES = 160
PENDING_PLEDGES = 5
SPREAD_DAYS = 240  # about eight months

FIRST_NAMES = [
    "Aaliyah", "Abdul", "Adriana", "Alicia", "Amara", "Andre", "Anjali", "Bao", "Beatriz",
    "Brandon", "Caroline", "Chidi", "Daniela", "Darnell", "Deepa", "Diego", "Elena", "Emeka",
    "Erin", "Fatima", "Gabriel", "Grace", "Hannah", "Hyun", "Imani", "Isaac", "Jamal", "Janelle",
    "Jasmine", "Javier", "Jenna", "Joanna", "Kaitlyn", "Kenji", "Kwame", "Laila", "Lauren",
    "Lucia", "Malik", "Mariana", "Megan", "Mei", "Miguel", "Mónica", "Nadia", "Nathan", "Nia",
    "Noah", "Olga", "Omar", "Priya", "Rachel", "Rafael", "Rosa", "Samir", "Sarah", "Simone",
    "Sofia", "Tamika", "Thanh", "Tomasz", "Valeria", "Victor", "Wei", "Yolanda", "Zainab",
]  # fmt: skip
LAST_NAMES = [
    "Abernathy", "Adeyemi", "Alvarez", "Anderson", "Banerjee", "Bauer", "Brooks", "Castillo",
    "Chen", "Coleman", "Dabrowski", "Delgado", "Dubois", "Edwards", "Fernández", "Fischer",
    "Garcia", "Gupta", "Hayes", "Hernandez", "Hoffman", "Ibrahim", "Jackson", "Jankowski",
    "Johnson", "Kaminski", "Kim", "Kowalczyk", "Lee", "Lopez", "Mahmoud", "Martinez", "McCarthy",
    "Mensah", "Morales", "Murphy", "Nguyen", "Novak", "Okafor", "Olson", "Patel", "Petrov",
    "Ramirez", "Reyes", "Robinson", "Rossi", "Schmidt", "Shah", "Sullivan", "Tanaka", "Thompson",
    "Torres", "Tran", "Vargas", "Walker", "Washington", "Williams", "Wójcik", "Yamamoto", "Zhang",
]  # fmt: skip

# (credential, weight, credentials people list, job titles they are still given at work)
CREDENTIALS = [
    (Credential.MLS, 46, ["MLS(ASCP)CM", "MLS(ASCP)", "MLS(ASCP)CM, SBB", "MLS(ASCP)CM, SM"],
     ["Medical Technologist", "Medical Laboratory Scientist", "Clinical Laboratory Scientist",
      "Laboratory Technologist II", "Generalist Technologist"]),
    (Credential.MLT, 20, ["MLT(ASCP)", "MLT(ASCP)CM", "MLT(AMT)"],
     ["Laboratory Technician", "Medical Laboratory Technician", "Lab Tech II"]),
    (Credential.MT, 8, ["MT(ASCP)", "MT(AMT)", "MT(AAB)"],
     ["Medical Technologist", "Senior Medical Technologist"]),
    (Credential.CLS, 5, ["CLS", "MLS(ASCP)CM"],
     ["Clinical Laboratory Scientist", "Lead Technologist"]),
    (Credential.CLT, 2, ["CLT(HHS)"], ["Laboratory Technician"]),
    (Credential.SPECIALIST, 4, ["SBB(ASCP)CM", "SM(ASCP)CM", "SH(ASCP)CM"],
     ["Blood Bank Specialist", "Microbiology Lead", "Hematology Specialist"]),
    (Credential.HISTO, 3, ["HTL(ASCP)CM", "HT(ASCP)"], ["Histotechnologist", "Histology Tech"]),
    (Credential.CYTO, 2, ["CT(ASCP)CM"], ["Cytotechnologist"]),
    (Credential.MB, 2, ["MB(ASCP)CM"], ["Molecular Technologist"]),
    (Credential.PBT, 3, ["PBT(ASCP)"], ["Phlebotomist", "Patient Service Technician"]),
    (Credential.STUDENT, 3, [""], ["MLS student", "Clinical rotation student"]),
    (Credential.EDUCATOR, 2, ["MLS(ASCP)CM, MS"], ["Program Director", "MLS Instructor"]),
]  # fmt: skip

ILLINOIS_CITIES = [
    ("Chicago", 30), ("Evanston", 3), ("Oak Lawn", 3), ("Naperville", 4), ("Aurora", 3),
    ("Joliet", 3), ("Rockford", 4), ("Peoria", 5), ("Springfield", 5), ("Champaign", 3),
    ("Urbana", 2), ("Bloomington", 3), ("Normal", 1), ("Carbondale", 2), ("Quincy", 2),
    ("Decatur", 2), ("Moline", 2), ("Elgin", 2), ("Maywood", 2), ("Belleville", 1),
]  # fmt: skip
OTHER_CITIES = [
    ("Indianapolis", "IN"), ("Milwaukee", "WI"), ("Madison", "WI"), ("St. Louis", "MO"),
    ("Davenport", "IA"), ("Iowa City", "IA"), ("Detroit", "MI"), ("Columbus", "OH"),
    ("Louisville", "KY"), ("Minneapolis", "MN"), ("Houston", "TX"), ("Denver", "CO"),
]  # fmt: skip
EMPLOYERS = [
    "Lakeshore Health Laboratories", "Prairie Regional Medical Center",
    "Heartland Reference Laboratory", "Rock River Community Hospital", "Fox Valley Health System",
    "Sangamon Valley Hospital", "Kankakee River Medical Center", "Illini Prairie Health",
    "Three Rivers Regional Laboratory", "Lincolnland Clinics", "Cardinal Point Hospital",
    "Midwest Outreach Laboratory Services", "Northshore Community Hospital",
    "University teaching hospital",
]  # fmt: skip

INSTITUTIONS = [
    ("Sangamon Valley Hospital", "Springfield", 2021,
     "Changed every laboratory job description and badge when its HR system was replaced."),
    ("Prairie Star Medical Center", "Champaign", 2020,
     "One of the first in the state: the title changed the month the position paper came out."),
    ("Kankakee River Medical Center", "Kankakee", 2022,
     "Laboratory staff asked for the change with the society's sample letter."),
    ("Illini Prairie Health", "Bloomington", 2023,
     "All four hospitals in the system now post laboratory jobs under the MLS and MLT titles."),
    ("Three Rivers Regional Laboratory", "Joliet", 2022,
     "A reference laboratory that adopted the title together with a new career ladder."),
    ("Lakeshore Health Laboratories", "Chicago", 2024,
     "Its core laboratory and microbiology service use the standard title on badges."),
    ("Rock River Community Hospital", "Rockford", 2025,
     "Made the change after a vote of its laboratory practice council."),
    ("Cardinal Point Hospital", "Quincy", 2021,
     "Updated its job postings first and its name badges at the next reissue."),
    ("Little Wabash Health Center", "Effingham", 2026,
     "The newest on the list: the change took effect this year."),
    ("Lincolnland Clinics Laboratory", "Decatur", 2023,
     "An outpatient laboratory network that also renamed its student rotation program."),
]  # fmt: skip
SUGGESTED = [
    ("Fox Valley Health System", "Aurora", 2025,
     "I think all three hospitals changed titles this spring, worth checking.",
     "Dana Reyes", "dana.reyes@example.org"),
    ("Heartland Reference Laboratory", "Peoria", None,
     "Our postings say Medical Laboratory Scientist now.",
     "Omar Shah", "omar.shah@example.org"),
]  # fmt: skip

# Filled into the sample letter's placeholders for the downloadable files.
LETTER_BLANKS = LetterDetails(
    your_name="[Your name]",
    credential="[Your credential]",
    institution="[Institution]",
    department="[Department]",
    recipient_name="[Recipient's name]",
    recipient_title="[Recipient's job title]",
    current_title="[Title used today]",
)


def _faq():
    letter = reverse("advocacy:letter")
    wall = reverse("advocacy:wall")
    institutions = reverse("advocacy:institutions")
    paper = DEFAULT_CAMPAIGN["position_paper_url"]
    return [
        ("What is the I AM MLS pledge?",
         "<p>A short promise: you call yourself a Medical Laboratory Scientist or Technician, as "
         "your credential allows, and you ask your employer to use the standard title too. It "
         "takes a minute, and each confirmed pledge shows employers how many people in the "
         "profession want the change.</p>"),
        ("Why “Medical Laboratory Scientist” and not another title?",
         "<p>It is the title the ASCP Board of Certification has issued since 2009, and the one "
         "ASCLS and the Board of Certification recommended together in their 2020 position "
         "paper. Settling on one name lets patients and other clinicians recognise the people "
         "behind their test results, whatever the hospital.</p>"),
        ("I am an MLT. Does the pledge include me?",
         "<p>Yes. The standard titles come as a pair: Medical Laboratory Scientist for the "
         "bachelor's-level credential and Medical Laboratory Technician for the associate "
         "level. Pledge with the title your credential gives you.</p>"),
        ("My employer calls me an MT or a CLS. Can I still take the pledge?",
         "<p>Yes, and you are exactly who the campaign is for. Give the title you use at work "
         "today on the form; it helps the society see which titles are still common. Then use "
         f'the <a href="{letter}">sample letter</a> to ask for the change.</p>'),
        ("Will my name be shown publicly?",
         "<p>Only if you tick the box that allows it. Even then the "
         f'<a href="{wall}">pledge wall</a> shows just your first name, last initial, '
         "credential and city. Your email address and employer are never shown.</p>"),
        ("Can I withdraw my pledge?",
         "<p>Yes, at any time. The email confirming your pledge has a link that removes it "
         "straight away, and the society can delete it for you if you write to us.</p>"),
        ("How do I ask my employer to adopt the title?",
         f'<p>Start with the <a href="{letter}">sample letter</a>: fill in your details and send '
         "it to your laboratory director or human resources. It explains the position paper "
         "and asks for the change at the next review of job descriptions. The "
         f'<a href="{institutions}">list of institutions</a> that have already changed can help '
         "make the case.</p>"),
        ("Where can I read the position paper?",
         f'<p>ASCP keeps it on its <a href="{paper}">I am MLS site</a>, together with answers to '
         "common questions. The campaign page here sums it up in a few paragraphs.</p>"),
    ]  # fmt: skip


@dataclass(frozen=True)
class PlannedPledge:
    full_name: str
    email: str
    credential: str
    other_credentials: str
    job_title: str
    institution: str
    city: str
    state: str
    show_publicly: bool
    campaign_emails: bool
    days_ago: float


def _plan_pledges() -> list[PlannedPledge]:
    """The same people every run, whatever is in the database already."""
    rng = random.Random(SEED)  # noqa: S311 - made-up demo people, not a secret
    credentials = [c for c, *_ in CREDENTIALS]
    weights = [w for _, w, *_ in CREDENTIALS]
    details = {c: (held, titles) for c, _, held, titles in CREDENTIALS}
    cities = [c for c, _ in ILLINOIS_CITIES]
    city_weights = [w for _, w in ILLINOIS_CITIES]
    plan = []
    for n in range(1, CONFIRMED_PLEDGES + PENDING_PLEDGES + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        credential = rng.choices(credentials, weights)[0]
        held, titles = details[credential]
        if rng.random() < 0.85:
            city, state = rng.choices(cities, city_weights)[0], "IL"
        else:
            city, state = rng.choice(OTHER_CITIES)
        # More pledges lately than at the start, with a long tail back to eight months.
        days_ago = rng.triangular(0, SPREAD_DAYS, SPREAD_DAYS * 0.15)
        ascii_name = f"{first}.{last}".lower().translate(str.maketrans("óéá", "oea"))
        plan.append(
            PlannedPledge(
                full_name=f"{first} {last}",
                email=f"{ascii_name}{n}@example.org",
                credential=credential,
                other_credentials=rng.choice(held),
                job_title=rng.choice(titles),
                institution=rng.choice(EMPLOYERS),
                city=city,
                state=state,
                show_publicly=rng.random() < 0.8,
                campaign_emails=rng.random() < 0.3,
                days_ago=days_ago,
            )
        )
    return plan


def _seed_pledges(now: datetime) -> None:
    plan = _plan_pledges()
    existing = {e.lower() for e in Pledge.objects.values_list("email", flat=True)}
    new = []
    for index, planned in enumerate(plan):
        if planned.email in existing:
            continue
        fields = {k: v for k, v in vars(planned).items() if k != "days_ago"}
        if index < CONFIRMED_PLEDGES:
            confirmed_at = now - timedelta(days=planned.days_ago)
            created_at = confirmed_at - timedelta(minutes=7 + index % 50 * 29)
            new.append(Pledge(**fields, created_at=created_at,
                              confirmation_sent_at=created_at + timedelta(seconds=20),
                              confirmed_at=confirmed_at))  # fmt: skip
        else:
            # Waiting for the person to click the link in their email.
            created_at = now - timedelta(hours=3 + (index % 5) * 11)
            new.append(Pledge(**fields, created_at=created_at,
                              confirmation_sent_at=created_at + timedelta(seconds=20)))  # fmt: skip
    Pledge.objects.bulk_create(new)


def _seed_institutions(now: datetime) -> None:
    for index, (name, city, year, note) in enumerate(INSTITUTIONS):
        Institution.objects.get_or_create(
            name=name,
            defaults={"city": city, "state": "IL", "year_adopted": year, "note": note,
                      "status": Institution.Status.LISTED,
                      "created_at": now - timedelta(days=300 - index * 20),
                      "reviewed_at": now - timedelta(days=298 - index * 20)},
        )  # fmt: skip
    for index, (name, city, year, note, by_name, by_email) in enumerate(SUGGESTED):
        Institution.objects.get_or_create(
            name=name,
            defaults={"city": city, "state": "IL", "year_adopted": year, "note": note,
                      "status": Institution.Status.SUGGESTED, "suggested_by_name": by_name,
                      "suggested_by_email": by_email,
                      "created_at": now - timedelta(days=2 + index * 3)},
        )  # fmt: skip


def _seed_letter() -> None:
    if SampleLetter.objects.exists():
        return
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.word_file.save(
        "i-am-mls-sample-letter.docx", ContentFile(letter_docx(letter, LETTER_BLANKS)), save=False
    )
    letter.pdf_file.save(
        "i-am-mls-sample-letter.pdf", ContentFile(letter_pdf(letter, LETTER_BLANKS)), save=False
    )
    letter.save()


def seed(stdout):
    now = timezone.now()
    if not Campaign.objects.exists():
        Campaign.objects.create(**DEFAULT_CAMPAIGN)
    for order, (question, answer) in enumerate(_faq()):
        FAQEntry.objects.get_or_create(
            question=question, defaults={"answer": answer, "order": (order + 1) * 10}
        )
    _seed_pledges(now)
    _seed_institutions(now)
    _seed_letter()
    stdout.write(
        f"  advocacy: {Pledge.objects.confirmed().count()} confirmed pledges "
        f"({Pledge.objects.pending().count()} pending), "
        f"{Institution.objects.listed().count()} listed institutions, "
        f"{FAQEntry.objects.count()} FAQ entries"
    )
