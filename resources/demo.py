"""Demo Laboratory Resources for `seed_demo`: audiences, topics and a varied library.

Safe to run again: audiences and topics are matched on slug (or name), resources on slug, and a
resource that already exists is left exactly as staff last edited it. Document files are
generated (see demo_files) and attached only when the resource is first created.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.access import Visibility
from portal.demo_files import make_document
from resources.models import Audience, Resource, Topic
from resources.validators import validate_resource_file

AUDIENCES = [
    ("Medical Laboratory Scientists", "mls"),
    ("Medical Laboratory Technicians", "mlt"),
    ("Phlebotomists", "phlebotomist"),
    ("Students", "student"),
    ("Educators", "educator"),
    ("Managers", "manager"),
]

# The continuing education discipline categories, so resources and CE can share a vocabulary.
TOPICS = [
    (
        "Laboratory and patient safety",
        "safety",
        "Biosafety, chemical hygiene, patient identification and the habits that keep patients "
        "and staff safe.",
    ),
    (
        "Medical ethics",
        "ethics",
        "Confidentiality, honest reporting, consent and the other ethical questions laboratory "
        "work raises.",
    ),
    (
        "Blood bank and immunohematology",
        "blood-bank",
        "Transfusion medicine, antibody work-ups, compatibility testing and blood product "
        "handling.",
    ),
    (
        "Chemistry",
        "chemistry",
        "Clinical chemistry, immunoassays, quality control and point-of-care testing.",
    ),
    (
        "Hematology and coagulation",
        "hematology",
        "Blood counts, smear review, hemostasis and coagulation testing.",
    ),
    (
        "Microbiology",
        "microbiology",
        "Cultures, identification, susceptibility testing and infection prevention.",
    ),
    ("Immunology", "immunology", "Serology, autoimmune testing and immune function."),
    (
        "Molecular diagnostics",
        "molecular",
        "Nucleic acid testing, amplification and sequencing, and the quality practices they need.",
    ),
    (
        "Urinalysis and body fluids",
        "urinalysis",
        "Urine chemistry and microscopy, and cerebrospinal, synovial, serous and other fluids.",
    ),
    (
        "Phlebotomy",
        "phlebotomy",
        "Specimen collection, patient identification and the quality of what reaches the lab.",
    ),
    ("Histology", "histology", "Fixation, processing, embedding, sectioning and staining tissue."),
    ("Cytology", "cytology", "Cytopreparation, screening and specimen adequacy."),
    (
        "Management",
        "management",
        "Staffing, budgets, regulation, accreditation and leading a laboratory team.",
    ),
    (
        "Education",
        "education",
        "Teaching students and colleagues, clinical rotations and competency training.",
    ),
    (
        "Certification and careers",
        "careers",
        "Earning and keeping certification, continuing education and growing a career.",
    ),
]

DOCUMENT, LINK, VIDEO, WEB_PAGE = (
    Resource.Kind.DOCUMENT,
    Resource.Kind.LINK,
    Resource.Kind.VIDEO,
    Resource.Kind.WEB_PAGE,
)


@dataclass
class Item:
    slug: str
    title: str
    kind: str
    summary: str
    audiences: list[str]
    topics: list[str]
    days_ago: int  # published this many days before today
    reviewed_days_ago: int | None  # None: never reviewed
    members: bool = False
    featured: bool = False
    draft: bool = False
    url: str = ""
    # For documents: (extension, content for the generator in demo_files).
    document: tuple[str, list] | None = None
    body: str = ""


def seed(stdout):
    audiences = {}
    for order, (name, slug) in enumerate(AUDIENCES):
        audiences[slug] = _get_or_create(Audience, slug, name, order=order)
    topics = {}
    for order, (name, slug, description) in enumerate(TOPICS):
        topics[slug] = _get_or_create(Topic, slug, name, order=order, description=description)

    now = timezone.now()
    today = timezone.localdate()
    for item in RESOURCES:
        if Resource.objects.filter(slug=item.slug).exists():
            continue  # keep whatever staff have done with it
        _create_resource(item, audiences, topics, now, today)

    stdout.write(
        f"  resources: {Resource.objects.count()} resources, {Topic.objects.count()} topics, "
        f"{Audience.objects.count()} audiences"
    )


def _get_or_create(model, slug, name, **defaults):
    """Find by slug, then by name (staff may have changed one of them); create if neither."""
    found = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    return found or model.objects.create(slug=slug, name=name, **defaults)


def _create_resource(item, audiences, topics, now, today):
    resource = Resource(
        slug=item.slug,
        title=item.title,
        kind=item.kind,
        summary=item.summary,
        body=item.body,
        url=item.url,
        visibility=Visibility.MEMBERS if item.members else Visibility.PUBLIC,
        is_published=not item.draft,
        is_featured=item.featured,
        # A fixed offset per item: the spread over two years looks the same on every run.
        published_at=now - timedelta(days=item.days_ago, hours=item.days_ago % 9),
        last_reviewed=(
            None
            if item.reviewed_days_ago is None
            else today - timedelta(days=item.reviewed_days_ago)
        ),
    )
    resource.full_clean(exclude=["file"])
    if item.document:
        ext, content = item.document
        name = f"{item.slug}.{ext}"
        data = make_document(ext, item.title, content)
        # The same check an upload gets: real content of the type the extension claims.
        validate_resource_file(ContentFile(data, name=name))
        resource.file.save(name, ContentFile(data), save=False)
    resource.save()
    resource.audiences.set([audiences[slug] for slug in item.audiences])
    resource.topics.set([topics[slug] for slug in item.topics])
    return resource


RESOURCES = [
    # --- Documents --------------------------------------------------------------------------
    Item(
        slug="specimen-labeling-checklist-phlebotomists",
        title="Specimen labeling checklist for phlebotomists",
        kind=DOCUMENT,
        summary="A one-page bedside checklist for identifying the patient and labeling every "
        "tube before you leave the room.",
        audiences=["phlebotomist", "student"],
        topics=["phlebotomy", "safety"],
        days_ago=40,
        reviewed_days_ago=30,
        featured=True,
        document=(
            "pdf",
            [
                "Use this checklist at every draw, in every setting. A mislabeled or unlabeled "
                "specimen puts the patient at risk and usually means a second venipuncture.",
                "",
                "Before the draw",
                "- Ask the patient to state their full name and date of birth. Do not read them "
                "out and ask for a yes.",
                "- Compare both identifiers with the order and, where one is worn, the "
                "identification band.",
                "- If anything does not match, stop and resolve it before collecting.",
                "",
                "Right after the draw, at the bedside",
                "- Label each tube in front of the patient: never ahead of time, never later at "
                "the workstation.",
                "- Every label carries two identifiers, the collection date and time and your "
                "initials or ID, as your facility requires.",
                "- Check each label against the band or the identifiers the patient gave you.",
                "",
                "Before you leave",
                "- Count the tubes against the order and make sure every one is labeled.",
                "- Never relabel a specimen someone else collected; report problems as your "
                "laboratory's policy describes.",
                "",
                "Your facility's procedure always takes precedence over this checklist.",
            ],
        ),
    ),
    Item(
        slug="westgard-qc-rules-quick-reference",
        title="Quality control rules quick reference (Westgard)",
        kind=DOCUMENT,
        summary="The common multirule QC rules on one page: what each one detects and whether "
        "it warns or rejects the run.",
        audiences=["mls", "mlt", "student"],
        topics=["chemistry", "hematology"],
        days_ago=120,
        reviewed_days_ago=100,
        featured=True,
        document=(
            "pdf",
            [
                "Read these rules on a Levey-Jennings chart built from each control's "
                "established mean and standard deviation (SD). Your laboratory decides which "
                "rules apply to which test.",
                "",
                "- 1-2s: one result outside the mean ± 2 SD. A warning: check the other rules "
                "before accepting the run.",
                "- 1-3s: one result outside the mean ± 3 SD. Reject; usually random error.",
                "- 2-2s: two consecutive results beyond the same 2 SD limit. Reject; points to "
                "systematic error.",
                "- R-4s: in one run, one control above +2 SD and another below -2 SD. Reject; "
                "points to random error.",
                "- 4-1s: four consecutive results beyond the same 1 SD limit. Reject; points to "
                "systematic error such as a calibration shift.",
                "- 10x: ten consecutive results on the same side of the mean. Reject; points to "
                "a shift or drift.",
                "",
                "When a run is rejected",
                "- Hold patient results, find and correct the cause, rerun the controls and "
                "document what you did.",
                "- Repeating a control until it happens to pass is not troubleshooting.",
                "",
                "Use this card alongside your laboratory's QC procedure, not instead of it.",
            ],
        ),
    ),
    Item(
        slug="ascp-boc-mls-exam-study-plan",
        title="Preparing for the ASCP BOC MLS exam: study plan",
        kind=DOCUMENT,
        summary="A twelve-week plan for final-year students and new graduates getting ready "
        "for the MLS certification exam.",
        audiences=["student", "mls"],
        topics=["careers", "education"],
        days_ago=75,
        reviewed_days_ago=60,
        featured=True,
        document=(
            "docx",
            [
                "This plan assumes about twelve weeks and a few hours of study on most days. "
                "Stretch or compress it to fit your program and your work schedule.",
                "Weeks 1-2: Download the current examination content guideline from the ASCP "
                "Board of Certification and rate yourself in every subject area. Take a timed "
                "practice test to see where you are starting from.",
                "Weeks 3-8: Work through one or two subject areas a week, weakest first. Give "
                "the large clinical areas, such as blood bank, chemistry, hematology and "
                "microbiology, more than a week if you need it, and end each week with practice "
                "questions.",
                "Weeks 9-10: Review quality control, safety, laboratory operations and "
                "calculations, then mix questions from every area.",
                "Weeks 11-12: Take full-length timed practice exams, go over every question you "
                "missed until you understand why, and rest the day before the exam.",
                "Study with classmates when you can: explaining a concept out loud is a quick "
                "way to find out whether you really understand it.",
                "Once you are certified, the society's monthly webinars are free for members and "
                "count toward keeping your credential.",
            ],
        ),
    ),
    Item(
        slug="annual-competency-assessment-template",
        title="Annual competency assessment template",
        kind=DOCUMENT,
        summary="A workbook for recording each employee's competency assessment, one row per "
        "person and test system.",
        audiences=["manager", "educator"],
        topics=["management", "education"],
        days_ago=200,
        reviewed_days_ago=150,
        members=True,
        document=(
            "xlsx",
            [
                [
                    "Employee",
                    "Test system or method",
                    "Direct observation of routine testing",
                    "Monitoring of result recording and reporting",
                    "Review of worksheets, QC, PT and maintenance records",
                    "Direct observation of maintenance and function checks",
                    "Testing of previously analyzed, blind or PT samples",
                    "Problem-solving assessment",
                    "Assessor",
                    "Date",
                    "Outcome",
                ],
                [
                    "Example: A. Sample",
                    "Chemistry analyzer, basic panel",
                    "Met",
                    "Met",
                    "Met",
                    "Met",
                    "Met",
                    "Met",
                    "Supervisor initials",
                    "",
                    "Competent",
                ],
                [],
                [
                    "Record Met, Not met or N/A for each element and keep the evidence your "
                    "policy requires. Plan retraining for anything not met."
                ],
            ],
        ),
    ),
    Item(
        slug="lab-week-2026-presentation-kit",
        title="Lab Week 2026 presentation kit",
        kind=DOCUMENT,
        summary="An editable slide for Lab Week talks to colleagues, students or the public "
        "about who works in the laboratory and why it matters.",
        audiences=["mls", "mlt", "manager"],
        topics=["careers", "education"],
        days_ago=25,
        reviewed_days_ago=20,
        featured=True,
        document=(
            "pptx",
            [
                "Laboratory results inform diagnosis, treatment and monitoring every day",
                "Medical laboratory scientists and technicians are certified professionals",
                "Phlebotomists, histotechnicians and cytotechnologists are part of the team",
                "One title for the profession: Medical Laboratory Scientist (I AM MLS)",
                "Curious about a lab career? Look for accredited programs in Illinois",
                "Join ASCLS-Illinois: education, advocacy and colleagues across the state",
            ],
        ),
    ),
    Item(
        slug="mls-title-request-letter",
        title="Sample letter: asking your employer to adopt the MLS title",
        kind=DOCUMENT,
        summary="An editable letter that explains the standard title Medical Laboratory "
        "Scientist and asks your institution to update job titles.",
        audiences=["mls", "manager"],
        topics=["careers", "management"],
        days_ago=300,
        reviewed_days_ago=280,
        document=(
            "docx",
            [
                "[Date]",
                "Dear [name of the laboratory director or human resources lead],",
                "I am writing to ask [institution] to adopt the standardized professional title "
                "Medical Laboratory Scientist (MLS) for the laboratory professionals it employs.",
                "In 2020 the ASCP Board of Certification and the American Society for Clinical "
                "Laboratory Science published a joint position paper recommending one title for "
                "the profession, supported by organizations such as AABB, ASM and NSH. The "
                "national certifications themselves have been named MLS and MLT since 2009.",
                "Titles such as medical technologist and clinical laboratory scientist describe "
                "the same work. The variety confuses patients and other clinicians and hides the "
                "part laboratory professionals play in patient care.",
                "Updating job titles, badges and postings is a modest change that brings our "
                "laboratory in line with national certification. I would be glad to help.",
                "Sincerely,",
                "[Your name and credentials]",
            ],
        ),
    ),
    Item(
        slug="ascp-cmp-ce-points-tracker",
        title="CE points tracker for ASCP credential maintenance",
        kind=DOCUMENT,
        summary="Track continuing education points against the MLS(ASCP) and MLT(ASCP) "
        "Credential Maintenance Program requirements over your three-year cycle.",
        audiences=["mls", "mlt"],
        topics=["careers"],
        days_ago=150,
        reviewed_days_ago=90,
        members=True,
        document=(
            "xlsx",
            [
                ["Area", "Minimum points", "Points earned", "Notes"],
                ["Laboratory or patient safety", 1],
                ["Medical ethics", 1],
                ["Blood banking or transfusion medicine", 2],
                ["Chemistry", 2],
                ["Hematology", 2],
                ["Microbiology", 2],
                ["Specialty, immunology, molecular, management, education or other areas", 26],
                ["Total for the three-year cycle", 36],
                [],
                ["Activity log"],
                ["Date", "Activity title", "Provider", "Contact hours", "Area", "Certificate"],
                [],
                [
                    "One contact hour counts as one point. Keep each certificate (date, title, "
                    "provider, your name, hours) in case of an audit."
                ],
            ],
        ),
    ),
    Item(
        slug="antibody-identification-worksheet",
        title="Antibody identification worksheet",
        kind=DOCUMENT,
        summary="A printable worksheet that takes you through ruling out and confirming red "
        "cell antibodies, one step at a time.",
        audiences=["mls", "student"],
        topics=["blood-bank", "immunology"],
        days_ago=410,
        reviewed_days_ago=400,
        members=True,
        document=(
            "pdf",
            [
                "Work through the panel in order and record every decision, so that a second "
                "person can follow your reasoning.",
                "",
                "1. Patient and specimen",
                "- Identifiers, collection date, transfusion and pregnancy history, relevant "
                "medications.",
                "2. Screen and autocontrol",
                "- Record the phase and strength of each reaction and whether the autocontrol is "
                "positive.",
                "3. Rule-outs",
                "- Cross out antigens on nonreactive cells, following your laboratory's rules on "
                "dosage.",
                "4. Remaining candidates",
                "- List the antibodies not yet excluded and choose selected cells to tell them "
                "apart.",
                "5. Confirmation",
                "- Check that the reaction pattern fits the suspected antibody and that the "
                "patient's red cells lack the antigen.",
                "6. Review",
                "- A second qualified person reviews the work-up before units are selected.",
                "",
                "Follow your transfusion service's procedure; this worksheet does not replace it.",
            ],
        ),
    ),
    Item(
        slug="histology-formalin-safety-checklist",
        title="Formalin safety checklist for the histology bench",
        kind=DOCUMENT,
        summary="Everyday checks for working safely with formalin and other fixatives in "
        "grossing and histology areas.",
        audiences=["mlt", "manager"],
        topics=["histology", "safety"],
        days_ago=520,
        reviewed_days_ago=500,
        document=(
            "pdf",
            [
                "Formaldehyde is a hazardous chemical. Your chemical hygiene plan and the safety "
                "data sheets come first; treat this list as a daily reminder.",
                "",
                "- Open containers only in a fume hood or at a ventilated grossing station that "
                "has been checked.",
                "- Wear gloves suited to the chemical, a lab coat and eye protection; add a face "
                "shield when splashes are possible.",
                "- Keep containers closed and labeled when you are not using them.",
                "- Know where the spill kit, eyewash and safety shower are, and how to use them.",
                "- Take part in exposure monitoring when your laboratory schedules it.",
                "- Dispose of used fixative through your facility's hazardous waste procedure.",
                "- Report every spill, exposure or symptom to your supervisor.",
            ],
        ),
    ),
    Item(
        slug="cytology-specimen-adequacy-teaching-slide",
        title="Cytology specimen adequacy: teaching slide",
        kind=DOCUMENT,
        summary="A slide for teaching students how collection and preparation decide whether a "
        "cytology specimen can be interpreted.",
        audiences=["educator", "student"],
        topics=["cytology", "education"],
        days_ago=260,
        reviewed_days_ago=None,
        members=True,
        document=(
            "pptx",
            [
                "Adequacy depends on collection, fixation and preparation, not only on cells",
                "Prompt fixation preserves detail; drying artifact can hide it",
                "Correct labeling and clinical information are part of a usable specimen",
                "Report unsatisfactory specimens clearly so they can be recollected",
                "Discuss: what most often makes a specimen unsatisfactory in your lab?",
            ],
        ),
    ),
    Item(
        slug="urine-sediment-bench-guide",
        title="Urine sediment microscopy bench guide",
        kind=DOCUMENT,
        summary="A bench guide to preparing urine sediment and reporting what you see the same "
        "way every time.",
        audiences=["mlt", "student"],
        topics=["urinalysis"],
        days_ago=600,
        reviewed_days_ago=560,
        document=(
            "docx",
            [
                "Consistent technique makes sediment results comparable from one person to the "
                "next. Follow your laboratory's procedure for volumes, centrifuge settings and "
                "reporting ranges.",
                "Preparation: mix the specimen well, use the standard volume and centrifugation "
                "your procedure specifies, and examine the sediment promptly; cells and casts "
                "deteriorate as urine stands.",
                "Examination: scan under low power for casts and the overall picture, then use "
                "high power to identify cells and crystals. Lower the light to see faint "
                "elements such as hyaline casts.",
                "Correlation: compare the microscopy with the chemical strip. Results that do not "
                "fit together deserve a second look before you report them.",
                "Reporting: use your laboratory's terms and ranges, and set aside anything "
                "unusual for review by a senior colleague or pathologist.",
            ],
        ),
    ),
    Item(
        slug="susceptibility-reporting-inservice-slides",
        title="Antimicrobial susceptibility reporting: in-service slides",
        kind=DOCUMENT,
        summary="A short in-service on reporting susceptibility results in ways that support "
        "antimicrobial stewardship.",
        audiences=["mls", "educator"],
        topics=["microbiology", "education"],
        days_ago=180,
        reviewed_days_ago=170,
        members=True,
        document=(
            "pptx",
            [
                "Report results prescribers can act on, as agreed with your stewardship team",
                "Selective (cascade) reporting: release broader agents only when needed",
                "Use current interpretive breakpoints and revisit them when standards change",
                "Add comments that explain unusual or intrinsic resistance",
                "Call critical findings promptly and document each call",
            ],
        ),
    ),
    Item(
        slug="staffing-shift-coverage-planner",
        title="Laboratory staffing and shift coverage planner",
        kind=DOCUMENT,
        summary="A weekly grid for planning bench coverage by shift and checking that every "
        "section has a competent person on duty.",
        audiences=["manager"],
        topics=["management"],
        days_ago=90,
        reviewed_days_ago=45,
        members=True,
        document=(
            "xlsx",
            [
                ["Section and shift", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                ["Core laboratory, days"],
                ["Core laboratory, evenings"],
                ["Core laboratory, nights"],
                ["Blood bank, days"],
                ["Blood bank, evenings"],
                ["Blood bank, nights"],
                ["Microbiology, days"],
                ["Specimen processing, days"],
                [],
                [
                    "Enter initials. Flag any shift without someone competent in every test the "
                    "section runs."
                ],
            ],
        ),
    ),
    Item(
        slug="molecular-contamination-control-checklist",
        title="Molecular laboratory contamination control checklist",
        kind=DOCUMENT,
        summary="Daily and per-run checks that help keep amplified product out of places it "
        "should never reach.",
        audiences=["mls", "manager"],
        topics=["molecular", "safety"],
        days_ago=340,
        reviewed_days_ago=330,
        members=True,
        document=(
            "docx",
            [
                "Amplification methods are sensitive enough that a trace of product can cause a "
                "false positive. These checks support your laboratory's procedure; they do not "
                "replace it.",
                "Workflow: move in one direction, from reagent preparation to specimen "
                "preparation to amplification and detection. Do not carry materials or lab coats "
                "back against that flow.",
                "Daily: clean work surfaces and equipment with the agents your procedure "
                "specifies, change gloves often and use filtered pipette tips.",
                "Each run: include the negative and no-template controls your assays require, "
                "and investigate any unexpected signal before reporting.",
                "As scheduled: perform environmental wipe tests if your laboratory uses them, "
                "and record results and corrective actions.",
            ],
        ),
    ),
    Item(
        slug="clinical-rotation-evaluation-form",
        title="Clinical rotation student evaluation form",
        kind=DOCUMENT,
        summary="An editable form clinical instructors can use to evaluate MLS and MLT students "
        "at the end of a rotation.",
        audiences=["educator"],
        topics=["education"],
        days_ago=450,
        reviewed_days_ago=None,
        members=True,
        document=(
            "docx",
            [
                "Student: ______________________   Rotation: ______________   Dates: __________",
                "Clinical instructor: ______________________",
                "Rate each area as Exceeds, Meets or Not yet meeting expectations, and add a "
                "comment.",
                "Technical skills: performs procedures accurately and in the expected time.",
                "Quality and safety: follows QC, safety and specimen handling procedures without "
                "reminders.",
                "Professional conduct: is punctual, protects patient confidentiality and "
                "communicates respectfully.",
                "Problem solving: recognizes unexpected results and takes sensible next steps.",
                "Comments and goals for the next rotation:",
                "Instructor signature and date:",
                "Student signature and date:",
            ],
        ),
    ),
    Item(
        slug="laboratory-ethics-case-discussions",
        title="Case studies in laboratory ethics: discussion guide",
        kind=DOCUMENT,
        summary="Short scenarios for a class, journal club or staff meeting on the ethical "
        "choices laboratory professionals meet at work.",
        audiences=["educator", "student", "mls"],
        topics=["ethics", "education"],
        days_ago=130,
        reviewed_days_ago=125,
        document=(
            "pdf",
            [
                "Read each scenario, discuss the questions in small groups, then compare answers. "
                "There is rarely one perfect answer; the reasoning is the point.",
                "",
                "1. A friend asks you to look up a relative's test results.",
                "- Who may see patient results, and why? How would you say no kindly?",
                "2. A control fails at the end of a busy shift.",
                "- What pressures make it tempting to report anyway? What protects the patient?",
                "3. You notice a colleague skipping a required step.",
                "- How do you raise it, with whom, and when does it become a report?",
                "4. A specimen arrives with a label that does not quite match the order.",
                "- Whose responsibility is it to resolve, and what should never be done?",
                "",
                "Ethics activities can count toward the ethics requirement in many credential "
                "maintenance programs; check with your provider and certifying body.",
            ],
        ),
    ),
    # --- Links ------------------------------------------------------------------------------
    Item(
        slug="ascp-board-of-certification",
        title="ASCP Board of Certification",
        kind=LINK,
        url="https://www.ascp.org/",
        summary="Apply for MLS, MLT and other ASCP certification exams, and keep track of your "
        "Credential Maintenance Program.",
        audiences=["mls", "mlt", "student"],
        topics=["careers"],
        days_ago=700,
        reviewed_days_ago=200,
    ),
    Item(
        slug="ascls-national-society",
        title="American Society for Clinical Laboratory Science (ASCLS)",
        kind=LINK,
        url="https://ascls.org/",
        summary="The national society: membership, Labucate online CE, the CE Organizer and "
        "advocacy for the profession.",
        audiences=["mls", "mlt", "student"],
        topics=["careers", "education"],
        days_ago=710,
        reviewed_days_ago=380,
    ),
    Item(
        slug="clia-federal-rules-cms",
        title="CLIA: federal rules for clinical laboratories (CMS)",
        kind=LINK,
        url="https://www.cms.gov/medicare/quality/clinical-laboratory-improvement-amendments",
        summary="The Centers for Medicare & Medicaid Services pages on the Clinical Laboratory "
        "Improvement Amendments: certificates, personnel and inspections.",
        audiences=["manager", "mls"],
        topics=["management", "safety"],
        days_ago=650,
        reviewed_days_ago=420,
    ),
    Item(
        slug="naacls-program-directory",
        title="Find an accredited MLS or MLT program (NAACLS)",
        kind=LINK,
        url="https://www.naacls.org/",
        summary="NAACLS accredits and approves laboratory science programs; its directory lists "
        "MLS, MLT, histotechnology and phlebotomy programs, including those in Illinois.",
        audiences=["student", "educator"],
        topics=["education", "careers"],
        days_ago=560,
        reviewed_days_ago=120,
    ),
    Item(
        slug="cdc-laboratory-quality-safety",
        title="CDC laboratory quality and safety resources",
        kind=LINK,
        url="https://www.cdc.gov/labs/",
        summary="The CDC's laboratory pages: biosafety guidance, training and quality resources "
        "for clinical and public health laboratories.",
        audiences=["mls", "mlt", "manager"],
        topics=["safety", "microbiology"],
        days_ago=480,
        reviewed_days_ago=470,
    ),
    Item(
        slug="osha-bloodborne-pathogens",
        title="OSHA bloodborne pathogens standard",
        kind=LINK,
        url="https://www.osha.gov/bloodborne-pathogens",
        summary="The federal standard behind exposure control plans, sharps safety, hepatitis B "
        "vaccination and what happens after a needlestick.",
        audiences=["phlebotomist", "mlt", "manager"],
        topics=["safety", "phlebotomy"],
        days_ago=690,
        reviewed_days_ago=600,
    ),
    Item(
        slug="amt-certification-and-renewal",
        title="American Medical Technologists: certification and renewal",
        kind=LINK,
        url="https://www.americanmedtech.org/",
        summary="AMT certifies technologists, technicians and phlebotomists; its Certification "
        "Continuation Program sets annual renewal and CE points every three years.",
        audiences=["mlt", "phlebotomist"],
        topics=["careers"],
        days_ago=380,
        reviewed_days_ago=370,
    ),
    Item(
        slug="aabb-transfusion-medicine",
        title="AABB: transfusion medicine standards and education",
        kind=LINK,
        url="https://www.aabb.org/",
        summary="AABB (the Association for the Advancement of Blood & Biotherapies) publishes "
        "standards, accredits blood banks and transfusion services, and offers education.",
        audiences=["mls", "manager"],
        topics=["blood-bank"],
        days_ago=270,
        reviewed_days_ago=240,
    ),
    Item(
        slug="adlm-laboratory-medicine-education",
        title="ADLM (formerly AACC): laboratory medicine education",
        kind=LINK,
        url="https://www.myadlm.org/",
        summary="The Association for Diagnostics & Laboratory Medicine offers clinical chemistry "
        "and molecular diagnostics education accepted as continuing education.",
        audiences=["mls", "mlt"],
        topics=["chemistry", "molecular"],
        days_ago=230,
        reviewed_days_ago=210,
    ),
    Item(
        slug="american-society-for-microbiology",
        title="American Society for Microbiology",
        kind=LINK,
        url="https://asm.org/",
        summary="ASM's clinical and public health microbiology resources: guidance, journals "
        "and professional development.",
        audiences=["mls", "educator"],
        topics=["microbiology"],
        days_ago=160,
        reviewed_days_ago=150,
    ),
    Item(
        slug="national-society-for-histotechnology",
        title="National Society for Histotechnology",
        kind=LINK,
        url="https://www.nsh.org/",
        summary="The professional society for histotechnicians and histotechnologists: "
        "education, meetings and career information.",
        audiences=["mlt", "student"],
        topics=["histology"],
        days_ago=610,
        reviewed_days_ago=590,
    ),
    Item(
        slug="american-society-of-cytopathology",
        title="American Society of Cytopathology",
        kind=LINK,
        url="https://www.cytopathology.org/",
        summary="The society for cytopathologists and cytotechnologists: education, practice "
        "guidance and career resources.",
        audiences=["mls", "educator"],
        topics=["cytology"],
        days_ago=540,
        reviewed_days_ago=530,
    ),
    Item(
        slug="illinois-department-of-public-health",
        title="Illinois Department of Public Health",
        kind=LINK,
        url="https://dph.illinois.gov/",
        summary="The state health department: reportable disease rules, public health "
        "laboratory services and news that affects Illinois laboratories.",
        audiences=["manager", "mls"],
        topics=["microbiology", "management"],
        days_ago=330,
        reviewed_days_ago=310,
    ),
    Item(
        slug="bls-laboratory-career-outlook",
        title="Career outlook for clinical laboratory technologists and technicians (BLS)",
        kind=LINK,
        url="https://www.bls.gov/ooh/healthcare/clinical-laboratory-technologists-and-technicians.htm",
        summary="The U.S. Bureau of Labor Statistics' profile of the profession: what the work "
        "involves, education, pay and job outlook.",
        audiences=["student", "mlt"],
        topics=["careers"],
        days_ago=100,
        reviewed_days_ago=95,
    ),
    Item(
        slug="clsi-laboratory-standards",
        title="Clinical and Laboratory Standards Institute (CLSI)",
        kind=LINK,
        url="https://clsi.org/",
        summary="CLSI writes the consensus standards behind many laboratory procedures. Members "
        "get the society's notes on where to start.",
        audiences=["manager", "mls"],
        topics=["management", "chemistry"],
        days_ago=20,
        reviewed_days_ago=15,
        members=True,
        body="""<p>Many procedures in Illinois laboratories cite CLSI documents, from venous blood
collection to susceptibility breakpoints and method verification.</p>
<ul>
<li>Start with the documents your own procedures already reference.</li>
<li>Ask your institution whether it holds a CLSI membership before buying documents yourself.</li>
<li>When a standard is revised, review the procedures that cite it.</li>
</ul>""",
    ),
    Item(
        slug="cap-inspection-preparation",
        title="Preparing for a CAP inspection",
        kind=LINK,
        url="https://www.cap.org/",
        summary="The College of American Pathologists accredits laboratories through peer "
        "inspection. Members' notes on getting ready.",
        audiences=["manager"],
        topics=["management"],
        days_ago=6,
        reviewed_days_ago=None,
        members=True,
        draft=True,
        body="""<p>Most of the work happens long before the inspectors arrive.</p>
<ul>
<li>Work through the current checklists section by section and keep the evidence together.</li>
<li>Make sure procedures are reviewed and signed as your policy requires.</li>
<li>Practise with a mock inspection led by someone from another section.</li>
</ul>""",
    ),
    # --- Videos -----------------------------------------------------------------------------
    Item(
        slug="labucate-monthly-webinars",
        title="Labucate: monthly CE webinars",
        kind=VIDEO,
        url="https://ascls.org/",
        summary="ASCLS's online continuing education. Members attend the monthly webinars at no "
        "cost and earn CE credit on topics across the laboratory.",
        audiences=["mls", "mlt", "educator"],
        topics=["careers", "education"],
        days_ago=10,
        reviewed_days_ago=8,
    ),
    Item(
        slug="aabb-transfusion-webinars",
        title="Transfusion medicine webinars from AABB",
        kind=VIDEO,
        url="https://www.aabb.org/",
        summary="Recorded education programs on transfusion practice and immunohematology "
        "for blood bank staff and supervisors.",
        audiences=["mls", "manager"],
        topics=["blood-bank", "immunology"],
        days_ago=280,
        reviewed_days_ago=260,
        members=True,
    ),
    Item(
        slug="labce-online-courses",
        title="Online CE courses with video: LabCE",
        kind=VIDEO,
        url="https://www.labce.com/",
        summary="Self-paced online courses, many with video and images, from phlebotomy "
        "technique to blood cell morphology, with your credits tracked in one place.",
        audiences=["mlt", "phlebotomist"],
        topics=["phlebotomy", "hematology"],
        days_ago=350,
        reviewed_days_ago=345,
    ),
    Item(
        slug="asm-microbiology-webinars",
        title="Clinical microbiology webinars (ASM)",
        kind=VIDEO,
        url="https://asm.org/",
        summary="ASM webinars on clinical microbiology and molecular methods, from culture "
        "workflows to new diagnostic technology.",
        audiences=["mls", "student"],
        topics=["microbiology", "molecular"],
        days_ago=220,
        reviewed_days_ago=200,
        members=True,
    ),
    Item(
        slug="adlm-chemistry-immunoassay-webinars",
        title="Chemistry and immunoassay webinars from ADLM",
        kind=VIDEO,
        url="https://www.myadlm.org/",
        summary="Recorded sessions on clinical chemistry and immunoassays for MLS and MLT "
        "staff, many of them eligible for continuing education credit.",
        audiences=["mls", "mlt"],
        topics=["chemistry", "immunology"],
        days_ago=400,
        reviewed_days_ago=390,
        members=True,
    ),
    Item(
        slug="nsh-histotechnology-webinars",
        title="Histotechnology webinars (NSH)",
        kind=VIDEO,
        url="https://www.nsh.org/",
        summary="Webinars from the National Society for Histotechnology on processing, "
        "staining and safety in the histology laboratory.",
        audiences=["mlt", "educator"],
        topics=["histology", "education"],
        days_ago=470,
        reviewed_days_ago=460,
        members=True,
    ),
    Item(
        slug="nih-videocast-lectures",
        title="NIH VideoCast: lectures in molecular biology and immunology",
        kind=VIDEO,
        url="https://videocast.nih.gov/",
        summary="Free recorded lectures from the National Institutes of Health, useful "
        "background for molecular diagnostics and immunology.",
        audiences=["mls", "educator"],
        topics=["molecular", "immunology"],
        days_ago=630,
        reviewed_days_ago=None,
    ),
    # --- Web pages --------------------------------------------------------------------------
    Item(
        slug="i-am-mls-one-title",
        title="I AM MLS: one title for the profession",
        kind=WEB_PAGE,
        summary="Why the profession is standardizing on the title Medical Laboratory Scientist, "
        "and how you can help your employer make the change.",
        audiences=["mls", "mlt", "manager"],
        topics=["careers", "management"],
        days_ago=55,
        reviewed_days_ago=50,
        featured=True,
        body="""<p>Medical technologist, clinical laboratory scientist, medical laboratory
scientist: the same work goes by many names, and that confuses patients and other clinicians.
In 2020 the ASCP Board of Certification and ASCLS published a joint position paper recommending
one title, <strong>Medical Laboratory Scientist (MLS)</strong>, and many professional
organizations supported it.</p>
<h2>How you can take part</h2>
<ul>
<li>Take the I am MLS pledge on the <a href="https://www.ascp.org/">ASCP</a> website.</li>
<li>Share the campaign with colleagues and with employers that still use older titles.</li>
<li>Send your institution the society's sample letter asking it to adopt the standard
title.</li>
</ul>""",
    ),
    Item(
        slug="illinois-certification-not-licensure",
        title="Working in Illinois: certification, not licensure",
        kind=WEB_PAGE,
        summary="Illinois does not license laboratory personnel, so national certification is "
        "what employers here look for.",
        audiences=["mls", "mlt", "student"],
        topics=["careers"],
        days_ago=500,
        reviewed_days_ago=380,
        body="""<p>Illinois does not issue state licenses to laboratory personnel. Employers in
Illinois ask for national certification instead, such as MLS(ASCP) or MLT(ASCP) from the ASCP
Board of Certification, or a credential from American Medical Technologists.</p>
<p>About ten states do license laboratory staff, among them California, Florida, New York and
Tennessee, as does Puerto Rico. If you plan to move or to work across state lines, check the
rules of that state before you apply.</p>""",
    ),
    Item(
        slug="ascp-credential-maintenance-explained",
        title="Keeping your ASCP credential: the Credential Maintenance Program explained",
        kind=WEB_PAGE,
        summary="How many CE points MLS(ASCP) and MLT(ASCP) holders need every three years, and "
        "in which areas.",
        audiences=["mls", "mlt"],
        topics=["careers", "safety"],
        days_ago=240,
        reviewed_days_ago=35,
        body="""<p>The ASCP Board of Certification's Credential Maintenance Program (CMP) runs in
three-year cycles. Completing it keeps your credential current and earns the CM superscript, as
in MLS(ASCP)CM.</p>
<h2>MLS(ASCP) and MLT(ASCP): 36 points per cycle</h2>
<ul>
<li>At least 1 point in laboratory or patient safety and 1 in medical ethics.</li>
<li>At least 2 points each in blood banking or transfusion medicine, chemistry, hematology and
microbiology.</li>
<li>The remaining 26 in your specialty, immunology, molecular diagnostics, management,
education or other laboratory areas.</li>
</ul>
<p>Points must be earned inside your current cycle, and you declare them before your credential
expires.</p>""",
    ),
    Item(
        slug="what-counts-as-a-ce-point",
        title="What counts as a CE point, and what does not",
        kind=WEB_PAGE,
        summary="Contact hours, college courses, staff meetings and certificates: how continuing "
        "education is counted for credential maintenance.",
        audiences=["mls", "mlt", "phlebotomist"],
        topics=["careers"],
        days_ago=190,
        reviewed_days_ago=180,
        members=True,
        body="""<p>For the ASCP program, one contact hour of 50 to 60 minutes earns one point.
Accepted sources include ASCLS P.A.C.E., ASCP, ADLM, ACCME, state and local societies and
universities.</p>
<ul>
<li>A laboratory-related college course counts too: 15 points per semester hour or 10 per
quarter hour, for at most half of your total.</li>
<li>Routine staff meetings and orientation do not count.</li>
<li>Keep every certificate: date, title, provider, your name and the hours.</li>
<li>One activity can count toward more than one credential.</li>
</ul>""",
    ),
    Item(
        slug="pace-continuing-education",
        title="P.A.C.E.: how ASCLS approves continuing education",
        kind=WEB_PAGE,
        summary="What the P.A.C.E. program is, what a P.A.C.E. contact hour means and how your "
        "credits reach ASCP.",
        audiences=["educator", "mls"],
        topics=["education", "careers"],
        days_ago=440,
        reviewed_days_ago=300,
        body="""<p>Professional Acknowledgment for Continuing Education (P.A.C.E.) is ASCLS's
system, in use since 1977, for approving continuing education providers and recording the credit
participants earn.</p>
<ul>
<li>One contact hour is 50 minutes of instruction.</li>
<li>Every approved program states its level (basic, intermediate or advanced) and has
measurable objectives.</li>
<li>Programs carry a provider number and a program number.</li>
</ul>
<p>The ASCLS CE Organizer records your P.A.C.E. credits and can send them on to ASCP when you
declare your credential maintenance.</p>""",
    ),
    Item(
        slug="continuing-education-options-for-mlts",
        title="Continuing education options for MLTs",
        kind=WEB_PAGE,
        summary="Online courses, certificate programs, conferences, degrees and more: the ways "
        "medical laboratory technicians keep learning and keep certified.",
        audiences=["mlt", "manager"],
        topics=["careers", "education"],
        days_ago=110,
        reviewed_days_ago=105,
        body="""<p>MLT(ASCP) holders need 36 points every three years; AMT-certified MLTs renew
every year and earn points over a three-year cycle. Whichever body certifies you, check that each
activity meets its topic and provider rules.</p>
<ul>
<li><strong>Online platforms</strong> such as the ASCLS CE Organizer, LabCE, MediaLab and the AMT
Learning Center: self-paced, and most track your credits.</li>
<li><strong>Certificate programs</strong> in molecular diagnostics, clinical chemistry,
transfusion medicine or phlebotomy from colleges, universities and hospitals.</li>
<li><strong>Workshops and conferences</strong> run by hospitals, societies and instrument
vendors, which usually award CE.</li>
<li><strong>Degree pathways</strong>, from MLT to a bachelor's in medical laboratory science and
on to a master's.</li>
</ul>
<p>Ask your employer about in-service sessions and tuition support, and consider volunteering:
presenting, mentoring students and committee work all build skills.</p>""",
    ),
    Item(
        slug="blood-culture-contamination",
        title="Blood culture contamination: reducing false positives",
        kind=WEB_PAGE,
        summary="Why contaminated blood cultures matter and the collection practices that "
        "keep skin bacteria out of the bottle.",
        audiences=["phlebotomist", "mls", "manager"],
        topics=["microbiology", "phlebotomy"],
        days_ago=140,
        reviewed_days_ago=130,
        body="""<p>A contaminated blood culture can lead to unnecessary antibiotics, extra tests
and a longer stay. Most contaminants are skin bacteria picked up during collection, so the
collector has the most influence.</p>
<ul>
<li>Clean the skin with the antiseptic your procedure names and let it dry fully.</li>
<li>Disinfect the bottle tops before inoculating.</li>
<li>Collect the volume and number of sets your laboratory specifies, from separate
venipunctures where policy says so.</li>
<li>Avoid drawing through existing lines unless your procedure calls for it.</li>
</ul>
<p>Laboratories that track contamination rates and share them with collectors can see where
retraining helps.</p>""",
    ),
    Item(
        slug="first-year-mls-survival-guide",
        title="Cap and gown to bench: first-year MLS survival guide",
        kind=WEB_PAGE,
        summary="Practical advice for new graduates starting their first laboratory job, from "
        "people who remember theirs.",
        audiences=["student", "mls"],
        topics=["careers", "education"],
        days_ago=65,
        reviewed_days_ago=60,
        body="""<p>Your first year on the bench is a second education. Nobody expects you to know
everything, but everyone expects you to ask.</p>
<ul>
<li>Keep your own notes on the instruments, the computer system and the calls you make often.</li>
<li>Find a mentor, in your laboratory or through the society.</li>
<li>Learn why each quality control step exists, not only how to do it.</li>
<li>Start logging continuing education early: your credential maintenance cycle has already
begun.</li>
</ul>
<p>Members can join the monthly webinars at no cost, which is an easy way to start.</p>""",
    ),
    Item(
        slug="difficult-draws-tips-for-phlebotomists",
        title="Difficult draws: tips for phlebotomists",
        kind=WEB_PAGE,
        summary="Preparing for and handling difficult venipunctures calmly and safely, and "
        "knowing when to ask for help.",
        audiences=["phlebotomist", "student"],
        topics=["phlebotomy"],
        days_ago=210,
        reviewed_days_ago=200,
        members=True,
        body="""<p>A calm start makes a difficult draw easier for both of you. Explain what you
are doing, ask the patient which arm has worked before, and take the time to find a good
vein.</p>
<ul>
<li>Warm the site and position the arm comfortably below heart level.</li>
<li>Choose equipment that suits the vein rather than the one you use most.</li>
<li>Respect your facility's limit on attempts, then hand over to a colleague.</li>
<li>Never probe blindly; withdraw and reassess instead.</li>
</ul>""",
    ),
    Item(
        slug="calling-critical-values",
        title="Calling critical values: a communication checklist",
        kind=WEB_PAGE,
        summary="A checklist for reporting critical results quickly and in a way the receiving "
        "caregiver cannot misunderstand.",
        audiences=["mls", "mlt"],
        topics=["safety", "chemistry"],
        days_ago=250,
        reviewed_days_ago=240,
        members=True,
        body="""<p>Critical results need to reach someone who can act on them, quickly and
accurately.</p>
<ol>
<li>Confirm the result follows your laboratory's policy on repeat testing.</li>
<li>Identify the patient with two identifiers when you call.</li>
<li>Ask the receiver to read the result back, and confirm it.</li>
<li>Document who received it, when, and the read-back.</li>
<li>Escalate as your policy describes if you cannot reach anyone in time.</li>
</ol>""",
    ),
    Item(
        slug="coagulation-specimen-quality",
        title="Coagulation specimens: getting the pre-analytical steps right",
        kind=WEB_PAGE,
        summary="Fill, mix and deliver citrate tubes correctly so coagulation results reflect "
        "the patient, not the collection.",
        audiences=["phlebotomist", "mlt"],
        topics=["hematology", "phlebotomy"],
        days_ago=290,
        reviewed_days_ago=285,
        members=True,
        body="""<p>Coagulation tests are very sensitive to how the specimen was collected.</p>
<ul>
<li>Fill citrate tubes to the mark: the blood-to-anticoagulant ratio matters.</li>
<li>When using a winged collection set, draw a discard tube first so the tubing's air does not
underfill the citrate tube.</li>
<li>Invert gently the number of times the manufacturer recommends; do not shake.</li>
<li>Reject clotted or hemolyzed specimens as your procedure describes and deliver promptly.</li>
</ul>""",
    ),
    Item(
        slug="ethics-at-the-bench",
        title="Ethics at the bench: confidentiality, honesty and speaking up",
        kind=WEB_PAGE,
        summary="The everyday ethical questions in laboratory work, and why the profession "
        "treats them as part of competence.",
        audiences=["mls", "mlt", "student"],
        topics=["ethics"],
        days_ago=170,
        reviewed_days_ago=160,
        body="""<p>Laboratory professionals see private information every day and produce results
that decide treatment. That is why ethics is part of credential maintenance, not an extra.</p>
<ul>
<li><strong>Confidentiality:</strong> look up results only when your work requires it.</li>
<li><strong>Honesty:</strong> report what the test shows, and say so when a result cannot be
trusted.</li>
<li><strong>Speaking up:</strong> raise concerns about unsafe practice through the channels your
employer provides.</li>
</ul>""",
    ),
    Item(
        slug="immunoassay-interferences",
        title="Immunoassay interferences: what to watch for",
        kind=WEB_PAGE,
        summary="Common reasons an immunoassay result does not fit the clinical picture, and "
        "what the laboratory can do about it.",
        audiences=["mls", "mlt"],
        topics=["immunology", "chemistry"],
        days_ago=320,
        reviewed_days_ago=315,
        body="""<p>When an immunoassay result does not match the patient's condition, consider
interference before assuming the patient has changed.</p>
<ul>
<li>Very high analyte concentrations can give falsely low results in some assays (the high-dose
hook effect); dilution helps to reveal it.</li>
<li>Heterophile and other interfering antibodies can push results either way.</li>
<li>High-dose biotin supplements can interfere with assays that use biotin and streptavidin.</li>
</ul>
<p>Talk with the ordering clinician and follow your laboratory's procedure for investigating and
commenting on suspect results.</p>""",
    ),
    Item(
        slug="non-gynecologic-cytology-specimen-handling",
        title="Non-gynecologic cytology specimens: handling basics",
        kind=WEB_PAGE,
        summary="How collection, fixation, storage and delivery affect fluid and brushing "
        "specimens for cytology.",
        audiences=["mlt", "mls"],
        topics=["cytology", "safety"],
        days_ago=380,
        reviewed_days_ago=360,
        body="""<p>Cells start to degenerate once a specimen is collected, so handling in the first
hours decides what the cytotechnologist and pathologist can see.</p>
<ul>
<li>Label containers and slides fully and include the clinical information requested.</li>
<li>Fix or preserve as your laboratory's instructions describe for that specimen type.</li>
<li>Deliver promptly, and follow the storage instructions if there will be a delay.</li>
<li>Treat every fluid as potentially infectious.</li>
</ul>""",
    ),
    Item(
        slug="body-fluid-cell-count-pitfalls",
        title="Body fluid cell counts: common pitfalls",
        kind=WEB_PAGE,
        summary="Avoiding the errors that most often affect cell counts and differentials on "
        "cerebrospinal, serous and synovial fluids.",
        audiences=["mls", "mlt"],
        topics=["urinalysis", "hematology"],
        days_ago=160,
        reviewed_days_ago=140,
        body="""<p>Body fluids are often irreplaceable, so getting the count right the first time
matters.</p>
<ul>
<li>Count promptly: cells in fluids break down faster than in blood.</li>
<li>Mix gently but thoroughly and look for clots before you start.</li>
<li>Record any dilution and check your calculation.</li>
<li>Refer unusual or suspicious cells for review by a pathologist.</li>
</ul>""",
    ),
    Item(
        slug="suspected-transfusion-reaction-workup",
        title="Suspected transfusion reactions: the laboratory work-up",
        kind=WEB_PAGE,
        summary="What the blood bank checks when a transfusion reaction is suspected, and what "
        "it needs from the clinical team.",
        audiences=["mls", "manager"],
        topics=["blood-bank", "safety"],
        days_ago=95,
        reviewed_days_ago=85,
        body="""<p>When a reaction is suspected, the clinical team stops the transfusion and
notifies the blood bank. The laboratory's first job is to rule out a mistake in identification.
</p>
<ul>
<li>Clerical check of the patient, the unit and the paperwork.</li>
<li>A new post-transfusion specimen, inspected for hemolysis.</li>
<li>A direct antiglobulin test on the post-transfusion specimen.</li>
<li>Further testing as your transfusion service's procedure directs.</li>
</ul>
<p>Ask for the bag, the tubing and any attached segments to be returned.</p>""",
    ),
    Item(
        slug="lab-week-2026-event-ideas",
        title="Lab Week 2026: event ideas for your laboratory",
        kind=WEB_PAGE,
        summary="Ideas for celebrating Lab Week with your team and showing the rest of the "
        "hospital what the laboratory does.",
        audiences=["manager", "educator"],
        topics=["careers", "management"],
        days_ago=2,
        reviewed_days_ago=None,
        draft=True,
        body="""<p>Lab Week is a chance to thank your team and to show colleagues elsewhere what
happens behind the specimen window.</p>
<ul>
<li>Offer short laboratory tours or a virtual tour for other departments.</li>
<li>Invite students from local programs to meet working professionals.</li>
<li>Use the society's presentation kit for a talk at a school or community group.</li>
</ul>""",
    ),
]
