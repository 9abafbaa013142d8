"""Demo content for Certification & CE, loaded by `seed_demo` after portal's accounts.

CE categories, certifying bodies with their credentials and renewal rules, the CE options guide,
the FAQ, a year of past webinars and a few upcoming ones, and for member@example.org an
MLT(ASCP) credential nine points short of renewal (microbiology and medical ethics still
missing), partly earned at three society webinars.

Safe to run again: everything is matched on its slug (or name, or question), and a row that
exists is left as staff last edited it. Renewal rules and the member's hand-logged CE are only
made together with the credential or holding they belong to.

Where the content facts mark a figure unverified (PBT(ASCP), AAB, NHA) the rule is stored with
``needs_review=True`` so the pages flag it and staff find it under "Unverified — to check". For
the AAB Board of Registry, which is reported to ask for no CE at all, the rule is kept as a
yearly renewal with a total of 0 points rather than left out: a missing rule means "nothing
recorded" (as for NCCT), while this one records what is reported and can carry the
unverified flag.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from certification.models import (
    CategoryMinimum,
    CEActivity,
    CECategory,
    CEOption,
    CEOptionType,
    CertifyingBody,
    Credential,
    CredentialHolding,
    FAQEntry,
    RenewalRule,
    Webinar,
    WebinarRegistration,
)
from certification.services.webinars import registration_mark_attended
from portal.models import User

MEMBER_EMAIL = "member@example.org"

# (name, slug): the same slugs as the resource library's topics, so both share a vocabulary.
CATEGORIES = [
    ("Laboratory and patient safety", "safety"),
    ("Medical ethics", "ethics"),
    ("Blood bank and immunohematology", "blood-bank"),
    ("Chemistry", "chemistry"),
    ("Hematology and coagulation", "hematology"),
    ("Microbiology", "microbiology"),
    ("Immunology", "immunology"),
    ("Molecular diagnostics", "molecular"),
    ("Urinalysis and body fluids", "urinalysis"),
    ("Phlebotomy", "phlebotomy"),
    ("Histology", "histology"),
    ("Cytology", "cytology"),
    ("Management", "management"),
    ("Education", "education"),
    ("Other", "other"),
]

# --- Certifying bodies, credentials and renewal rules --------------------------------------------


@dataclass
class Rule:
    total: str
    years: int = 3
    minimums: list[tuple[str, str]] = field(default_factory=list)  # (category slug, points)
    annual: bool = False
    college: bool = True  # False: this guide does not convert college courses for the body
    unverified: bool = False
    notes: str = ""


@dataclass
class Cred:
    name: str
    slug: str
    title: str
    rule: Rule | None
    description: str = ""


CMP_CORE = [("safety", "1"), ("ethics", "1"), ("blood-bank", "2"), ("chemistry", "2"),
            ("hematology", "2"), ("microbiology", "2")]  # fmt: skip
CMP_CORE_NOTE = (
    "The medical ethics point is required in cycles from 2023 on. Routine staff meetings and "
    "orientation do not earn points. Keep a certificate for each activity showing the date, "
    "title, provider, your name and the hours, in case your declaration is audited."
)
HISTOLOGY_NOTE = "The 8 points in histology are required in cycles from 2024 on."
CATEGORICAL_NOTE = (
    "From 2024, a categorical credential needs 8 points in the area it certifies each cycle. "
    "If you also hold another ASCP credential, the same activity can count toward both."
)
AMT_NOTE = (
    "Points must be earned inside the three-year period and do not carry over to the next one. "
    "AMT audits a random selection of renewals, so keep your certificates."
)


def _categorical(name, slug, title, category):
    return Cred(name, slug, title, Rule("8", minimums=[(category, "8")], notes=CATEGORICAL_NOTE))


BODIES = [
    {
        "name": "ASCP Board of Certification",
        "abbreviation": "ASCP BOC",
        "slug": "ascp-boc",
        "website": "https://www.ascp.org/content/board-of-certification",
        "description": (
            "<p>The ASCP Board of Certification awards the Medical Laboratory Scientist and "
            "Medical Laboratory Technician credentials, as well as categorical, specialist, "
            "histotechnology, cytotechnology and phlebotomy credentials.</p>"
            "<p>Its credentials are kept through the Credential Maintenance Program (CMP): in "
            "each three-year cycle you earn points of continuing education, some of them in set "
            "subjects, and declare them before the credential's expiry date. One contact hour "
            "of 50 to 60 minutes is one point. Finishing CMP adds the CM superscript to your "
            "credential, as in MLS(ASCP)<sup>CM</sup>.</p>"
            "<p>Points can come from many sources, among them ASCLS P.A.C.E. programs, ASCP, "
            "ADLM (formerly AACC), ACCME-accredited programs, state and local societies and "
            "universities. One activity can count toward more than one ASCP credential.</p>"
        ),
        "credentials": [
            Cred("MLS(ASCP)", "mls-ascp", "Medical Laboratory Scientist",
                 Rule("36", minimums=CMP_CORE, notes=CMP_CORE_NOTE),
                 "<p>The bachelor's-level credential for generalist laboratory scientists.</p>"),
            Cred("MLT(ASCP)", "mlt-ascp", "Medical Laboratory Technician",
                 Rule("36", minimums=CMP_CORE, notes=CMP_CORE_NOTE),
                 "<p>The associate-level credential for laboratory technicians.</p>"),
            Cred("HT(ASCP)", "ht-ascp", "Histotechnician",
                 Rule("36", minimums=[("safety", "1"), ("ethics", "1"), ("histology", "8")],
                      notes=HISTOLOGY_NOTE)),
            Cred("HTL(ASCP)", "htl-ascp", "Histotechnologist",
                 Rule("36", minimums=[("safety", "1"), ("ethics", "1"), ("histology", "8")],
                      notes=HISTOLOGY_NOTE)),
            _categorical("BB(ASCP)", "bb-ascp", "Technologist in Blood Banking", "blood-bank"),
            _categorical("C(ASCP)", "c-ascp", "Technologist in Chemistry", "chemistry"),
            _categorical("H(ASCP)", "h-ascp", "Technologist in Hematology", "hematology"),
            _categorical("M(ASCP)", "m-ascp", "Technologist in Microbiology", "microbiology"),
            _categorical("MB(ASCP)", "mb-ascp", "Technologist in Molecular Biology", "molecular"),
            _categorical("I(ASCP)", "i-ascp", "Technologist in Immunology", "immunology"),
            _categorical("CT(ASCP)", "ct-ascp", "Cytotechnologist", "cytology"),
            Cred("PBT(ASCP)", "pbt-ascp", "Phlebotomy Technician",
                 Rule("9", unverified=True,
                      notes="Nine points every three years is the figure usually quoted; staff "
                      "have not yet confirmed it, or any topic requirements, with the ASCP BOC.")),
        ],
    },
    {
        "name": "American Medical Technologists",
        "abbreviation": "AMT",
        "slug": "amt",
        "website": "https://americanmedtech.org/",
        "description": (
            "<p>American Medical Technologists certifies medical technologists, laboratory "
            "technicians, phlebotomy technicians and other allied health professionals.</p>"
            "<p>Its Certification Continuation Program (CCP) has two parts: a renewal with a "
            "fee every year, and a number of CE points to show every three years.</p>"
        ),
        "credentials": [
            Cred("MT(AMT)", "mt-amt", "Medical Technologist",
                 Rule("45", annual=True, college=False, notes=AMT_NOTE)),
            Cred("MLT(AMT)", "mlt-amt", "Medical Laboratory Technician",
                 Rule("45", annual=True, college=False, notes=AMT_NOTE)),
            Cred("CLC(AMT)", "clc-amt", "Certified Laboratory Consultant",
                 Rule("45", annual=True, college=False, notes=AMT_NOTE)),
            Cred("RPT(AMT)", "rpt-amt", "Registered Phlebotomy Technician",
                 Rule("24", annual=True, college=False, notes=AMT_NOTE)),
        ],
    },
    {
        "name": "AAB Board of Registry",
        "abbreviation": "AAB BOR",
        "slug": "aab-bor",
        "website": "https://www.aab.org/",
        "description": (
            "<p>The Board of Registry of the American Association of Bioanalysts certifies "
            "laboratory technologists, technicians and other laboratory personnel.</p>"
        ),
        "credentials": [
            Cred("MT(AAB)", "mt-aab", "Medical Technologist",
                 Rule("0", years=1, annual=True, college=False, unverified=True,
                      notes="Reported as a yearly renewal with no continuing education "
                      "required. Staff are confirming this with AAB.")),
            Cred("MLT(AAB)", "mlt-aab", "Medical Laboratory Technician",
                 Rule("0", years=1, annual=True, college=False, unverified=True,
                      notes="Reported as a yearly renewal with no continuing education "
                      "required. Staff are confirming this with AAB.")),
        ],
    },
    {
        "name": "National Healthcareer Association",
        "abbreviation": "NHA",
        "slug": "nha",
        "website": "https://www.nhanow.com/",
        "description": (
            "<p>The National Healthcareer Association certifies allied health workers, among "
            "them phlebotomy technicians.</p>"
        ),
        "credentials": [
            Cred("CPT(NHA)", "cpt-nha", "Certified Phlebotomy Technician",
                 Rule("10", years=2, college=False, unverified=True,
                      notes="Reported as 10 CE credits every two years. Staff are confirming "
                      "this, and any topic requirements, with NHA.")),
        ],
    },
    {
        "name": "National Center for Competency Testing",
        "abbreviation": "NCCT",
        "slug": "ncct",
        "website": "https://www.ncctinc.com/",
        "description": (
            "<p>The National Center for Competency Testing certifies phlebotomy technicians, "
            "medical assistants and other allied health workers.</p>"
        ),
        "credentials": [
            Cred("NCPT(NCCT)", "ncpt-ncct", "National Certified Phlebotomy Technician", None),
            Cred("NCMA(NCCT)", "ncma-ncct", "National Certified Medical Assistant", None),
        ],
    },
]  # fmt: skip

# --- The CE options guide -----------------------------------------------------------------------

OPTION_TYPES = [
    (
        "certification-renewal",
        "Certification renewal requirements",
        "What ASCP, AMT and other bodies ask for, and how to plan CE around it.",
        "<p>Every certifying body sets its own rules for keeping a credential, and knowing them "
        "is the first step in choosing CE. The ASCP Board of Certification asks an MLT(ASCP) for "
        "36 points every three years through its Credential Maintenance Program, with a few "
        "points required in named subjects. AMT combines a yearly renewal with a set number of "
        "points every three years.</p>"
        "<p>Before you sign up for anything, check that the topic fits your body's categories "
        "and that the provider is one it accepts, and keep the certificate. The credential "
        "pages in this section spell out each body's figures.</p>",
    ),
    (
        "online-platforms",
        "Online CE platforms",
        "Self-paced courses and webinars you can take from home, often with credit tracking.",
        "<p>Online platforms are the most flexible way to earn CE. Most courses are self-paced, "
        "so you can fit them around shifts, and many platforms keep a running record of your "
        "credit and issue a certificate for each course.</p>"
        "<p>Libraries cover the whole laboratory, from hematology and microbiology to quality "
        "control and safety. Look for P.A.C.E. approval or another provider your certifying "
        "body accepts, and note whether the price is per course or a yearly subscription.</p>",
    ),
    (
        "certificate-programs",
        "Specialized certificate programs",
        "Structured study in one field, such as molecular diagnostics or transfusion medicine.",
        "<p>A certificate program goes deeper than a single course: a series of classes, and "
        "sometimes supervised practice, in one area such as molecular diagnostics, clinical "
        "chemistry, transfusion medicine or phlebotomy.</p>"
        "<p>Community colleges, universities and hospital laboratories run them. Besides CE "
        "credit, a certificate can prepare you for a specialist or categorical exam or for a "
        "lead or supervisory role. College credit earned this way may count toward CMP points "
        "at the college-course rate.</p>",
    ),
    (
        "workshops",
        "Workshops and in-person seminars",
        "Hands-on sessions run by hospitals, societies and instrument makers.",
        "<p>Workshops teach by doing: calibrating and troubleshooting an analyzer, reviewing "
        "smears under a teaching microscope, or rehearsing infection control practice. "
        "Hospitals, professional societies and diagnostic equipment companies hold them, often "
        "for a day or an afternoon.</p>"
        "<p>Sessions that state objectives and issue certificates can meet structured CE "
        "requirements. Ask the organizer beforehand how many contact hours they award and "
        "whether the session is P.A.C.E.-approved.</p>",
    ),
    (
        "conferences",
        "Conferences and professional meetings",
        "National and state meetings with lectures, posters, exhibits and networking.",
        "<p>Meetings of ASCLS, AMT, ADLM (formerly AACC) and CLMA pack many hours of CE into a "
        "few days: lectures, poster sessions, product demonstrations and the chance to meet "
        "colleagues from other laboratories.</p>"
        "<p>Most award CE credit session by session, so keep the attendance record for each "
        "one. The ASCLS-Illinois state meeting is a closer, cheaper way to get the same "
        "mix.</p>",
    ),
    (
        "advanced-degrees",
        "Advanced degree pathways",
        "From MLT to a bachelor's degree, or from a bachelor's to a master's.",
        "<p>A degree is the longest road and the one that changes the most. An MLT can go on to "
        "a bachelor's degree in Medical Laboratory Science, biology or healthcare management; "
        "an MLS can study for a master's in laboratory leadership, clinical research or public "
        "health.</p>"
        "<p>These degrees lead toward teaching, administration and supervision. Lab-related "
        "college courses also count as CE for many credentials, up to each body's limit on "
        "academic credit.</p>",
    ),
    (
        "employer-training",
        "Employer-sponsored training",
        "In-service sessions, paid subscriptions and tuition help from your workplace.",
        "<p>Many laboratories support CE directly: in-service sessions on new methods or "
        "instruments, skill refreshers, a paid subscription to an online CE platform, tuition "
        "reimbursement, or time and money to attend a workshop.</p>"
        "<p>Ask your supervisor or education coordinator what is on offer. Note that routine "
        "staff meetings and orientation usually do not count toward certification CE, while "
        "structured in-service education with objectives and a certificate often does.</p>",
    ),
    (
        "volunteering",
        "Volunteering and professional involvement",
        "Presenting, writing, committee work and mentoring students.",
        "<p>Giving back can also keep you learning. Presenting a talk or poster, writing "
        "educational material or case studies, serving on a CE committee or task force, and "
        "mentoring students on their clinical rotations all build skills and a network.</p>"
        "<p>Some certifying bodies give points for presenting or writing; check their rules "
        "before you count it. ASCLS-Illinois is always glad to hear from volunteers.</p>",
    ),
]


@dataclass
class Option:
    type: str
    name: str
    provider: str
    format: str
    topics: list[str]
    description: str
    url: str = ""
    cost: str = ""
    pace: bool = False
    ascp: bool = False


ONLINE, IN_PERSON, HYBRID = (
    CEActivity.Format.ONLINE,
    CEActivity.Format.IN_PERSON,
    CEActivity.Format.HYBRID,
)

OPTIONS = [
    # Certification renewal requirements
    Option("certification-renewal", "ASCP BOC Credential Maintenance Program",
           "ASCP Board of Certification", ONLINE, ["safety", "ethics", "blood-bank", "chemistry",
           "hematology", "microbiology"],
           "The three-year program that keeps ASCP credentials current: earn the points, "
           "meet the subject minimums, then declare them online before the credential expires.",
           "https://www.ascp.org/content/board-of-certification", "Fee paid with the declaration"),
    Option("certification-renewal", "AMT Certification Continuation Program",
           "American Medical Technologists", ONLINE, ["other"],
           "AMT's yearly renewal plus a set number of CE points in each three-year period, "
           "recorded in your AMT account.",
           "https://americanmedtech.org/", "Yearly renewal fee"),
    # Online CE platforms
    Option("online-platforms", "Labucate webinars", "ASCLS", ONLINE,
           ["hematology", "microbiology", "chemistry", "management", "ethics"],
           "ASCLS's online CE, including monthly live webinars that members attend at no cost.",
           "https://ascls.org/", "Free for ASCLS members", pace=True, ascp=True),
    Option("online-platforms", "ASCLS CE Organizer", "ASCLS", ONLINE, ["other"],
           "An online record of your P.A.C.E. credit that can pass it on to the ASCP BOC when "
           "you renew.", "https://ascls.org/"),
    Option("online-platforms", "LabCE course library", "LabCE", ONLINE,
           ["hematology", "microbiology", "chemistry", "blood-bank", "urinalysis", "safety",
            "ethics"],
           "Self-paced courses across the laboratory with credit tracking and certificates.",
           "https://www.labce.com/", "Per course or yearly subscription", pace=True, ascp=True),
    Option("online-platforms", "MediaLab online CE", "MediaLab", ONLINE,
           ["safety", "ethics", "microbiology", "hematology", "management"],
           "Online courses, including compliance and safety topics laboratories often require.",
           "https://www.medialab.com/", "Per course or yearly subscription", pace=True,
           ascp=True),
    Option("online-platforms", "AMT Learning Center", "American Medical Technologists", ONLINE,
           ["phlebotomy", "hematology", "chemistry", "safety"],
           "Articles and courses for AMT certificants, with credit added to the AMT record.",
           "https://americanmedtech.org/", "Some content included with AMT certification"),
    Option("online-platforms", "ASCP online learning", "American Society for Clinical Pathology",
           ONLINE, ["molecular", "cytology", "histology", "management"],
           "Courses and webinars from ASCP across laboratory disciplines.",
           "https://www.ascp.org/", "Member and non-member prices", ascp=True),
    Option("online-platforms", "ASCLS-Illinois member webinars", "ASCLS-Illinois", ONLINE,
           ["hematology", "chemistry", "microbiology", "safety", "ethics"],
           "The society's own hour-long webinars, with a CE record added to your tracker when "
           "you attend.", "", "Free for members", pace=True, ascp=True),
    # Specialized certificate programs
    Option("certificate-programs", "Molecular diagnostics certificate",
           "Lakeview Community College", HYBRID, ["molecular"],
           "Four courses on nucleic acid extraction, amplification, sequencing and quality, "
           "with a lab practicum.", "https://lakeview.example.org/molecular",
           "Tuition per credit hour"),
    Option("certificate-programs", "Clinical chemistry certificate",
           "Central Illinois University, Continuing Studies", ONLINE, ["chemistry"],
           "Online study of method evaluation, immunoassays and quality management.",
           "https://ciu.example.org/chemistry", "Tuition per credit hour"),
    Option("certificate-programs", "Transfusion medicine certificate",
           "Prairie Regional Medical Center", HYBRID, ["blood-bank"],
           "A hospital-based program in antibody work-ups and blood product management.",
           "https://prairie-regional.example.org/transfusion", "Free for staff; fee for others"),
    Option("certificate-programs", "Phlebotomy skills certificate", "Riverbend Community College",
           IN_PERSON, ["phlebotomy", "safety"],
           "Venipuncture, capillary collection and specimen handling, with supervised draws.",
           "https://riverbend.example.org/phlebotomy", "Course fee"),
    Option("certificate-programs", "Laboratory management certificate",
           "Central Illinois University, Continuing Studies", ONLINE, ["management"],
           "Budgets, staffing, regulation and quality systems for new and aspiring leaders.",
           "https://ciu.example.org/lab-management", "Tuition per credit hour"),
    Option("certificate-programs", "Histotechnology certificate", "Lakeview Community College",
           IN_PERSON, ["histology"],
           "Tissue processing, embedding, microtomy and special stains.",
           "https://lakeview.example.org/histotechnology", "Tuition per credit hour"),
    # Workshops and in-person seminars
    Option("workshops", "Analyzer calibration and troubleshooting workshop",
           "Heartland Diagnostics", IN_PERSON, ["chemistry", "hematology"],
           "A vendor-led day on calibration, maintenance and working through instrument flags.",
           "https://heartland-dx.example.org/workshops", "Free for customers"),
    Option("workshops", "Infection control in the laboratory", "Fox Valley Health System",
           IN_PERSON, ["microbiology", "safety"],
           "A half-day seminar on infection prevention practice at the bench.",
           "https://foxvalley.example.org/education", "Free"),
    Option("workshops", "Hands-on blood smear review", "ASCLS-Illinois", IN_PERSON,
           ["hematology"],
           "A microscope workshop on red cell, white cell and platelet morphology.",
           "", "Member rate available", pace=True, ascp=True),
    Option("workshops", "New techniques in molecular testing", "Lakeshore Health Laboratories",
           HYBRID, ["molecular", "microbiology"],
           "Demonstrations and talks on methods recently brought into the laboratory.",
           "https://lakeshore-labs.example.org/seminars", "Free"),
    # Conferences and professional meetings
    Option("conferences", "ASCLS Annual Meeting", "ASCLS", IN_PERSON,
           ["management", "education", "hematology", "microbiology", "chemistry"],
           "The national meeting of clinical laboratory science, with sessions across every "
           "discipline.", "https://ascls.org/", "Registration fee; member rates",
           pace=True, ascp=True),
    Option("conferences", "ASCLS-Illinois state meeting", "ASCLS-Illinois", IN_PERSON,
           ["management", "education", "blood-bank", "chemistry"],
           "The society's yearly meeting: a day or two of sessions close to home.",
           "", "Registration fee; student rates", pace=True, ascp=True),
    Option("conferences", "ADLM Annual Meeting", "ADLM (formerly AACC)", IN_PERSON,
           ["chemistry", "molecular", "management"],
           "A large meeting focused on laboratory medicine and clinical chemistry, with a big "
           "exhibit hall.", "https://www.myadlm.org/", "Registration fee", ascp=True),
    Option("conferences", "AMT national meeting", "American Medical Technologists", IN_PERSON,
           ["phlebotomy", "hematology", "chemistry"],
           "AMT's yearly meeting with educational sessions for its certificants.",
           "https://americanmedtech.org/", "Registration fee"),
    Option("conferences", "CLMA leadership sessions", "CLMA", HYBRID, ["management"],
           "Programs for laboratory managers and leaders.", "https://www.clma.org/",
           "Registration fee"),
    # Advanced degree pathways
    Option("advanced-degrees", "MLT to MLS bachelor's completion",
           "Central Illinois University", ONLINE, ["hematology", "chemistry", "microbiology",
           "blood-bank"],
           "Builds on an associate degree toward a bachelor's in Medical Laboratory Science.",
           "https://ciu.example.org/mls-completion", "Tuition; employer help often available"),
    Option("advanced-degrees", "Bachelor's in healthcare management",
           "Central Illinois University", ONLINE, ["management"],
           "A degree route toward supervisory and administrative roles.",
           "https://ciu.example.org/healthcare-management", "Tuition"),
    Option("advanced-degrees", "Master's in laboratory leadership", "Lakeshore University",
           HYBRID, ["management", "education"],
           "Graduate study in leadership, quality and teaching for experienced MLSs.",
           "https://lakeshore-u.example.org/lab-leadership", "Tuition"),
    Option("advanced-degrees", "Master's in public health", "Lakeshore University", ONLINE,
           ["other", "microbiology"],
           "A route into surveillance, public health laboratories and epidemiology.",
           "https://lakeshore-u.example.org/mph", "Tuition"),
    # Employer-sponsored training
    Option("employer-training", "In-service education and skill refreshers", "Your employer",
           IN_PERSON, ["safety", "hematology", "chemistry"],
           "Structured sessions on new methods, instruments and procedures, with certificates.",
           "", "Usually free to staff"),
    Option("employer-training", "CE subscriptions and tuition reimbursement", "Your employer",
           ONLINE, ["other"],
           "Many laboratories pay for a CE platform or part of your tuition; ask what is "
           "offered.", "", "Paid by the employer"),
    # Volunteering and professional involvement
    Option("volunteering", "Present at a society meeting or webinar", "ASCLS-Illinois", HYBRID,
           ["education"],
           "Share a case, a project or a method with colleagues; the society helps first-time "
           "presenters.", "", "Free"),
    Option("volunteering", "Write educational material", "ASCLS-Illinois", ONLINE,
           ["education"],
           "Case studies, quizzes and articles for the society's members.", "", "Free"),
    Option("volunteering", "Join a CE committee or task force", "ASCLS-Illinois", HYBRID,
           ["management", "education"],
           "Help plan the society's webinars and meetings.", "", "Free"),
    Option("volunteering", "Mentor MLS and MLT students", "Your laboratory or program", IN_PERSON,
           ["education"],
           "Support students during their clinical rotations and first jobs.", "", "Free"),
]  # fmt: skip

# --- FAQ -----------------------------------------------------------------------------------------


def _faq():
    options = reverse("certification:options")
    pace = reverse("certification:pace")
    tracker = reverse("certification:tracker")
    index = reverse("certification:index")
    return [
        (
            "What continuing education options are there for MLTs?",
            f"<p>Plenty. Online platforms and webinars, certificate programs in one specialty, "
            f"hands-on workshops, conferences, degree programs, training paid for by your "
            f"employer, and volunteer work such as presenting or mentoring can all earn CE. The "
            f'<a href="{options}">CE options directory</a> explains each kind and lists places '
            f"to start.</p>",
        ),
        (
            "Why does continuing education matter?",
            "<p>Laboratory methods, instruments and standards keep changing, and patients are "
            "treated on the strength of the results we report. CE keeps your practice current "
            "and safe, it is what keeps most credentials valid, and it opens the way to new "
            "roles and responsibilities.</p>",
        ),
        (
            "Which programs are popular with laboratory professionals?",
            "<p>Certificates in molecular biology, histotechnology and laboratory management "
            "are in demand, and so are courses in immunology, hematology and microbiology, "
            "where methods are changing fast.</p>",
        ),
        (
            "How does an MLT keep certification current?",
            f"<p>By meeting the renewal rules of the body that certified you. An MLT(ASCP) "
            f"earns 36 points every three years, with minimums in safety, ethics and the main "
            f"disciplines, and declares them before the credential expires. An MLT(AMT) renews "
            f"every year and shows 45 points every three years. The "
            f'<a href="{index}">credential pages</a> give each body\'s figures, and members can '
            f'follow their progress in the <a href="{tracker}">CE tracker</a>.</p>',
        ),
        (
            "How does certification help my career?",
            "<p>Illinois does not license laboratory staff, so certification is how employers "
            "know you have the knowledge the job needs. It makes you easier to hire, it is often "
            "required for promotion, and it tends to be reflected in pay.</p>",
        ),
        (
            "What counts as one CMP point?",
            f"<p>For the ASCP Credential Maintenance Program, one contact hour of 50 to 60 "
            f"minutes of instruction is one point. Accepted sources include "
            f'<a href="{pace}">ASCLS P.A.C.E.</a> programs, ASCP, ADLM (formerly AACC), '
            f"ACCME-accredited programs, state and local societies and universities. Routine "
            f"staff meetings and orientation do not count.</p>",
        ),
        (
            "Do college courses count toward CMP points?",
            "<p>Yes, if the course relates to laboratory work. One semester hour is worth 15 "
            "points and one quarter hour 10 points, but academic credit can make up at most half "
            "of the points you declare.</p>",
        ),
        (
            "What do I need to keep in case of a CMP audit?",
            "<p>A certificate or other proof for each activity that shows the date, the title, "
            "the provider, your name and the number of hours. Only activities completed within "
            "your current cycle count.</p>",
        ),
        (
            "Can one activity count toward more than one credential?",
            "<p>Yes. If you hold, for example, MLS(ASCP) and a categorical credential such as "
            "BB(ASCP), a blood bank course counts toward both.</p>",
        ),
    ]


# --- Webinars ------------------------------------------------------------------------------------


@dataclass
class Talk:
    slug: str
    title: str
    presenter: str
    category: str
    level: str
    days: int  # from today: negative for past webinars
    summary: str
    objectives: list[str]
    hours: str = "1"
    attended: bool = False  # member@example.org attended it


BASIC, INTERMEDIATE, ADVANCED = (
    Webinar.Level.BASIC,
    Webinar.Level.INTERMEDIATE,
    Webinar.Level.ADVANCED,
)

WEBINARS = [
    Talk("autoimmune-serology-ana-patterns", "Autoimmune serology: ANA patterns and what follows",
         "Priya Raman, MLS(ASCP)CM", "immunology", INTERMEDIATE, -352,
         "How indirect immunofluorescence patterns guide the follow-up tests a physician orders.",
         ["Name the common ANA patterns", "Match each pattern to its usual follow-up tests"]),
    Talk("precepting-students-at-the-bench", "Precepting students at the bench",
         "Angela Brooks, MS, MLS(ASCP)CM", "education", BASIC, -322,
         "Practical ways to teach, observe and give feedback during clinical rotations.",
         ["Plan a rotation day", "Give feedback a student can act on"]),
    Talk("coagulation-testing-anticoagulant-monitoring",
         "Coagulation testing for anticoagulant monitoring",
         "Marcus Lee, PhD", "hematology", INTERMEDIATE, -293,
         "Which tests follow which anticoagulants, and where the results mislead.",
         ["Choose the test for each common anticoagulant", "Recognize preanalytical errors"]),
    Talk("leading-through-staffing-shortages",
         "Leading a laboratory team through staffing shortages",
         "Teresa Gomez, MBA, MLS(ASCP)", "management", INTERMEDIATE, -262,
         "Scheduling, cross-training and retention ideas from Illinois laboratories.",
         ["Describe three retention strategies", "Build a cross-training plan"]),
    Talk("pcr-to-sequencing-infectious-disease",
         "From PCR to sequencing: molecular methods in infectious disease",
         "Kevin Osei, MB(ASCP)", "molecular", INTERMEDIATE, -233,
         "A tour of the molecular methods now common in the microbiology laboratory.",
         ["Compare PCR panels with sequencing", "Explain contamination controls"]),
    Talk("urine-sediment-casts-crystals", "Urine sediment: casts, crystals and look-alikes",
         "Linda Novak, MLT(ASCP)", "urinalysis", BASIC, -205,
         "An image-rich review of urine microscopy and the artifacts that fool us.",
         ["Identify common casts and crystals", "Tell artifacts from real elements"]),
    Talk("antibody-identification-panels", "Antibody identification: working through panels",
         "Rachel Kim, MLS(ASCP)SBB", "blood-bank", INTERMEDIATE, -176,
         "A step-by-step approach to ruling out and confirming red cell antibodies.",
         ["Apply rule-out technique to a panel", "Decide when more testing is needed"], "1.5"),
    Talk("ethics-honest-reporting-under-pressure",
         "Ethics at the bench: honest reporting under pressure",
         "Daniel Price, MA, clinical ethicist", "ethics", INTERMEDIATE, -147,
         "Cases where speed, workload and pride collide with accurate reporting.",
         ["Recognize pressures that lead to errors", "Describe how to report a mistake"]),
    Talk("carbapenem-resistance-detection",
         "Carbapenem resistance: detection in the routine micro lab",
         "Sofia Alvarez, PhD, D(ABMM)", "microbiology", ADVANCED, -118,
         "Phenotypic and molecular methods for finding carbapenemase producers.",
         ["Compare detection methods", "Report results that support infection control"]),
    Talk("bloodborne-pathogens-safety-refresher",
         "Bloodborne pathogens at the bench: a safety refresher",
         "Janet Okoro, MLS(ASCP), CHSP", "safety", BASIC, -89,
         "Exposure control, personal protective equipment and what to do after an exposure.",
         ["List the parts of an exposure control plan", "Describe post-exposure steps"],
         attended=True),
    Talk("point-of-care-glucose-quality", "Point-of-care glucose testing: where quality slips",
         "Brian Walsh, MLS(ASCP)CM", "chemistry", INTERMEDIATE, -60,
         "Common sources of error in bedside glucose testing and how a POC program controls them.",
         ["Name common error sources", "Design competency checks for operators"],
         attended=True),
    Talk("peripheral-smear-red-cell-morphology",
         "Reading the peripheral smear: red cell morphology that matters",
         "Dana Whitfield, MLS(ASCP)CM", "hematology", BASIC, -31,
         "Which red cell changes to report, and which point to a diagnosis.",
         ["Identify clinically important red cell shapes", "Grade morphology consistently"],
         "1.5", attended=True),
    # Upcoming
    Talk("blood-culture-contamination-collection",
         "Blood culture contamination: collection practices that lower it",
         "Maria Santos, PBT(ASCP)", "phlebotomy", BASIC, 9,
         "How collection technique drives contamination rates, and what works to lower them.",
         ["Describe the main causes of contamination", "Apply a best-practice collection"]),
    Talk("sepsis-biomarkers-procalcitonin-lactate",
         "Sepsis biomarkers: procalcitonin and lactate in practice",
         "Alan Fischer, PhD, DABCC", "chemistry", INTERMEDIATE, 37,
         "What these markers can and cannot tell a clinician, with Illinois case examples.",
         ["Interpret procalcitonin and lactate trends", "Explain their limits"]),
    Talk("fungal-identification-for-the-generalist", "Fungal identification for the generalist",
         "Grace Liu, M(ASCP)", "microbiology", INTERMEDIATE, 65,
         "Yeasts and moulds a generalist meets most often, and when to send out.",
         ["Identify common yeasts", "Decide when to refer an isolate"], "1.5"),
    Talk("patient-identification-errors", "Patient identification errors: root causes and fixes",
         "Janet Okoro, MLS(ASCP), CHSP", "safety", BASIC, 93,
         "Why mislabeled specimens happen and the safeguards that prevent them.",
         ["Describe root causes of ID errors", "Choose safeguards for your laboratory"]),
]  # fmt: skip

# --- The member's hand-logged CE (with the three webinars above: 27 of 36 points) ---------------

# (title, provider, category slug, hours, days ago, format, P.A.C.E. number)
MEMBER_ACTIVITIES = [
    ("Antibody identification case studies", "LabCE", "blood-bank", "3", 840, ONLINE, ""),
    ("Coagulation testing update", "MediaLab", "hematology", "2", 760, ONLINE, ""),
    ("Introduction to real-time PCR", "ASCP", "molecular", "3", 690, ONLINE, ""),
    ("Laboratory leadership sessions, ASCLS Annual Meeting", "ASCLS", "management", "6", 600,
     IN_PERSON, ""),
    ("Urine microscopy refresher", "LabCE", "urinalysis", "2", 520, ONLINE, ""),
    ("Autoimmune serology basics", "MediaLab", "immunology", "2", 430, ONLINE, ""),
    ("Lipids and cardiac markers", "Labucate (ASCLS)", "chemistry", "2", 330, ONLINE,
     "ASCLS-25-0412"),
    ("Teaching students at the bench", "Prairie Regional Medical Center", "education", "1.5",
     250, IN_PERSON, ""),
    ("Quality control rules in practice", "LabCE", "chemistry", "2", 150, ONLINE, ""),
]  # fmt: skip
MEMBER_CYCLE_END_IN_DAYS = 122  # about four months


# --- Seeding -------------------------------------------------------------------------------------


def seed(stdout):
    categories = {}
    for order, (name, slug) in enumerate(CATEGORIES):
        categories[slug] = _by_slug_or_name(CECategory, slug, name, order=order)
    credentials = _seed_bodies(categories)
    _seed_options(categories)
    for order, (question, answer) in enumerate(_faq()):
        FAQEntry.objects.get_or_create(
            question=question, defaults={"answer": answer, "order": (order + 1) * 10}
        )
    webinars = _seed_webinars(categories)
    _seed_member(categories, credentials, webinars)
    stdout.write(
        f"  certification: {CertifyingBody.objects.count()} bodies, "
        f"{Credential.objects.count()} credentials, {CEOption.objects.count()} CE options, "
        f"{Webinar.objects.count()} webinars, {FAQEntry.objects.count()} FAQ entries"
    )


def _by_slug_or_name(model, slug, name, **defaults):
    """Find by slug, then by name (staff may have changed one of them); create if neither."""
    found = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    return found or model.objects.create(slug=slug, name=name, **defaults)


def _seed_bodies(categories) -> dict[str, Credential]:
    credentials = {}
    for body_order, data in enumerate(BODIES):
        body = _by_slug_or_name(
            CertifyingBody,
            data["slug"],
            data["name"],
            abbreviation=data["abbreviation"],
            website=data["website"],
            description=data["description"],
            order=body_order,
        )
        for order, cred in enumerate(data["credentials"]):
            credential = Credential.objects.filter(slug=cred.slug).first()
            if credential is None:
                credential = Credential.objects.create(
                    body=body,
                    name=cred.name,
                    slug=cred.slug,
                    title=cred.title,
                    description=cred.description,
                    order=order,
                )
                if cred.rule:
                    _create_rule(credential, cred.rule, categories)
            credentials[cred.slug] = credential
    return credentials


def _create_rule(credential, rule: Rule, categories):
    renewal = RenewalRule.objects.create(
        credential=credential,
        cycle_years=rule.years,
        total_points=Decimal(rule.total),
        annual_renewal=rule.annual,
        needs_review=rule.unverified,
        notes=rule.notes,
        **({} if rule.college else {"academic_share_limit": Decimal(0)}),
    )
    for slug, points in rule.minimums:
        CategoryMinimum.objects.create(
            rule=renewal, category=categories[slug], points=Decimal(points)
        )


def _seed_options(categories):
    types = {}
    for order, (slug, name, summary, explanation) in enumerate(OPTION_TYPES):
        types[slug] = _by_slug_or_name(
            CEOptionType, slug, name, summary=summary, explanation=explanation, order=order
        )
    for option in OPTIONS:
        if CEOption.objects.filter(name=option.name).exists():
            continue
        created = CEOption.objects.create(
            type=types[option.type],
            name=option.name,
            provider=option.provider,
            url=option.url,
            format=option.format,
            cost_note=option.cost,
            description=option.description,
            awards_pace=option.pace,
            ascp_accepted=option.ascp,
        )
        created.topics.set([categories[slug] for slug in option.topics])


def _webinar_start(days: int) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _seed_webinars(categories) -> dict[str, Webinar]:
    webinars = {}
    for number, talk in enumerate(WEBINARS, start=1):
        webinar = Webinar.objects.filter(slug=talk.slug).first()
        if webinar is None:
            starts_at = _webinar_start(talk.days)
            objectives = "".join(f"<li>{o}.</li>" for o in talk.objectives)
            webinar = Webinar.objects.create(
                slug=talk.slug,
                title=talk.title,
                presenter=talk.presenter,
                description=(
                    f"<p>{talk.summary}</p><p>By the end of the session you will be able "
                    f"to:</p><ul>{objectives}</ul>"
                ),
                starts_at=starts_at,
                duration_minutes=int(Decimal(talk.hours) * 60),
                contact_hours=Decimal(talk.hours),
                category=categories[talk.category],
                level=talk.level,
                pace_number=f"IL-{starts_at.year}-{number:03d}",
                registration_opens=starts_at - timedelta(days=60),
                registration_closes=starts_at,
                join_url=f"https://example.org/webinar/{talk.slug}",
                recording_url=(
                    f"https://example.org/webinar/{talk.slug}/recording" if talk.days < 0 else ""
                ),
            )
        webinars[talk.slug] = webinar
    return webinars


def _seed_member(categories, credentials, webinars):
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    if member is None:
        return
    today = timezone.localdate()
    _holding, created = CredentialHolding.objects.get_or_create(
        user=member,
        credential=credentials["mlt-ascp"],
        defaults={"cycle_end": today + timedelta(days=MEMBER_CYCLE_END_IN_DAYS)},
    )
    if created:
        for title, provider, category, hours, days_ago, fmt, pace in MEMBER_ACTIVITIES:
            CEActivity.objects.create(
                user=member,
                title=title,
                provider=provider,
                completed_on=today - timedelta(days=days_ago),
                amount=Decimal(hours),
                category=categories[category],
                format=fmt,
                pace_number=pace,
            )
    for talk in WEBINARS:
        if not talk.attended:
            continue
        registration, _ = WebinarRegistration.objects.get_or_create(
            webinar=webinars[talk.slug], user=member
        )
        registration_mark_attended(registration=registration)
