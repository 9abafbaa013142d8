"""How fast site search is over a large library, on PostgreSQL.

Everything happens inside one transaction that is rolled back at the end: the generated rows,
and the statistics ANALYZE gathers for them, never outlive the command (the space they took is
reused after VACUUM, which the command runs first). Run it against a migrated scratch database,
empty or a copy of production's:

    DATABASE_URL=postgres://... python manage.py benchmark_search --rows 100000
"""

import cProfile
import io
import pstats
import random
import statistics
import time
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from careers.models import Employer, Job
from portal.access import Visibility
from portal.models import Page, User
from portal.search import _matches, parse_query, search_sources, site_search
from resources.models import Resource

BATCH = 2000

# A mix of what people type: common and rare words, phrases, exclusions, "or", a misspelling
# (the similar-titles fallback) and a word nothing contains (the fallback finding nothing).
QUERIES = [
    "hematology",
    "coagulation testing",
    "blood bank",
    '"quality control"',
    "microbiology -virology",
    "competency assessment",
    "specimen rejection",
    "procalcitonin",
    "westgard rules",
    "CLIA proficiency",
    "phlebotomy or venipuncture",
    "molecular",
    "urinalysis sediment",
    "antibody identification",
    "mass spectrometry",
    "night shift",
    "laboratory",
    "safety",
    "hematolgy",
    "zebrafish",
]

# Each generated item is about one subject: its title names it and its body uses the subject's
# own terms, as a real library's documents do, besides general laboratory words and plain English.
SUBJECTS = {
    "Hematology": "hematology anemia differential smear morphology leukocytosis reticulocyte",
    "Coagulation": "coagulation prothrombin fibrinogen d-dimer heparin warfarin inr aptt",
    "Microbiology": "microbiology culture gram stain organism colony isolate incubation",
    "Clinical chemistry": "chemistry glucose creatinine electrolytes lipase bilirubin enzyme",
    "Immunohematology": "immunohematology antibody identification panel antigen dat eluate",
    "Blood bank": "blood bank crossmatch transfusion compatibility plasma platelet",
    "Urinalysis": "urinalysis sediment casts crystals dipstick microscopy specific gravity",
    "Molecular diagnostics": "molecular pcr sequencing extraction amplification primer probe",
    "Serology": "serology titer agglutination immunoassay hepatitis syphilis",
    "Toxicology": "toxicology drug screen confirmation opiate immunoassay chain custody",
    "Phlebotomy": "phlebotomy venipuncture tourniquet needle capillary order draw hemolysis",
    "Histology": "histology fixation embedding microtomy staining paraffin block",
    "Cytology": "cytology pap smear fine needle aspiration screening slide",
    "Virology": "virology viral load respiratory panel influenza antigen swab",
    "Mycology": "mycology fungus yeast mold candida aspergillus",
    "Parasitology": "parasitology ova parasite malaria giardia concentration",
    "Point-of-care testing": "point-of-care glucometer cartridge operator bedside waived",
    "Laboratory safety": "safety biosafety cabinet spill exposure chemical hygiene ppe",
    "Quality control": "quality control westgard rules levey-jennings shift trend",
    "Proficiency testing": "proficiency testing survey ungraded referral clia cap",
    "Method validation": "validation verification linearity precision accuracy reportable",
    "Specimen collection": "specimen collection labeling rejection transport stability",
    "Flow cytometry": "flow cytometry immunophenotyping gating cd4 leukemia lymphoma",
    "Mass spectrometry": "mass spectrometry maldi-tof lc-ms ionization calibration",
    "Antimicrobial susceptibility": "susceptibility antimicrobial mic breakpoint resistance",
    "Body fluid analysis": "body fluid cerebrospinal synovial pleural cell count",
    "Transfusion medicine": "transfusion reaction massive protocol component irradiated",
    "Laboratory informatics": "informatics lis interface middleware autoverification barcode",
    "Laboratory management": "management staffing budget turnaround productivity leadership",
    "Sepsis testing": "sepsis procalcitonin lactate blood culture contaminant",
}
KINDS = [
    "guide", "checklist", "procedure", "case study", "fact sheet", "policy template",
    "competency assessment", "webinar recording", "review", "quick reference", "workbook",
    "position statement", "training module", "troubleshooting notes",
]  # fmt: skip
QUALIFIERS = [
    "for new graduates", "for small hospital laboratories", "in the core laboratory",
    "on the night shift", "for MLT students", "for supervisors", "under CLIA",
    "for CAP inspections", "in rural hospitals", "for point-of-care coordinators",
    "in pediatric patients", "for the blood bank", "after an instrument change",
]  # fmt: skip
# General laboratory words, most common first: drawn with Zipf-like weights, so "laboratory"
# is in nearly every body and the last words in a few percent of them.
LAB_WORDS = """
laboratory patient test result sample testing clinical staff specimen quality procedure
report review method instrument analyzer value reference range physician nurse training
competency policy documentation error critical turnaround time department hospital shift
supervisor technologist scientist accreditation inspection standard calibration
maintenance reagent lot storage temperature label tube criteria contamination incident
corrective action survey bias imprecision delta check outreach courier retraining
sterile interface downtime backup escalation notification callback repeat dilution
""".split()  # noqa: SIM905 - a list of words reads better as text
ENGLISH = """
the of and to in a is for with on that as be are by this from or at an it can should when
each all before after must not your their new any more most used also within during how
what which who where these those first every other only same both between under over
""".split()  # noqa: SIM905


def _went_live(moment) -> dict:
    """A post approved once: first published when it was last published."""
    return {"published_at": moment, "first_published_at": moment}


def _body(rng, subject, weights):
    topic = SUBJECTS[subject].split()
    paragraphs = []
    for _ in range(rng.randint(2, 5)):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            words = []
            for _ in range(rng.randint(8, 18)):
                draw = rng.random()
                if draw < 0.55:
                    words.append(rng.choice(ENGLISH))
                elif draw < 0.85:
                    words.append(rng.choices(LAB_WORDS, weights=weights)[0])
                else:
                    words.append(rng.choice(topic))
            if rng.random() < 0.2:
                words[-1] = f"<strong>{words[-1]}</strong>"
            sentences.append(" ".join(words).capitalize() + ".")
        paragraphs.append("<p>" + " ".join(sentences) + "</p>")
    return "\n".join(paragraphs)


def _summary(rng, subject, weights):
    words = rng.choices(LAB_WORDS, weights=weights, k=rng.randint(4, 10))
    words += rng.sample(SUBJECTS[subject].split(), 2)
    rng.shuffle(words)
    return f"{subject}: " + " ".join(words) + "."


def _title(rng, subject):
    title = f"{subject} {rng.choice(KINDS)}"
    if rng.random() < 0.6:
        title += f" {rng.choice(QUALIFIERS)}"
    return title


class Command(BaseCommand):
    help = (
        "Time site search over many generated rows on PostgreSQL. Nothing is kept: the rows "
        "are created in a transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000, help="Resources to generate.")
        parser.add_argument("--jobs", type=int, default=10_000, help="Live jobs to generate.")
        parser.add_argument("--pages", type=int, default=1_000, help="Pages to generate.")
        parser.add_argument("--repeat", type=int, default=5, help="Runs of each search.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--statements",
            action="store_true",
            help="Also list each SQL statement of one search with its time.",
        )
        parser.add_argument(
            "--profile",
            action="store_true",
            help="Also show where one search spends its time in Python (cProfile).",
        )

    def handle(self, *args, rows, jobs, pages, repeat, seed, statements, profile, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "benchmark_search measures PostgreSQL's full-text search and its indexes; "
                "SQLite has neither. Set DATABASE_URL to a PostgreSQL database."
            )
        if not connection.in_atomic_block:  # VACUUM cannot run inside a transaction
            with connection.cursor() as cursor:
                # Clears what an earlier run rolled back, so runs are comparable.
                cursor.execute("VACUUM (ANALYZE) resources_resource, careers_job, portal_page")
        with transaction.atomic():
            rng = random.Random(seed)  # noqa: S311 - generated test data, not a secret
            self._generate(rng, rows, jobs, pages)
            self._run(repeat)
            if statements:
                self._statements("coagulation testing")
            if profile:
                self._profile("coagulation testing")
            transaction.set_rollback(True)
        self.stdout.write("Rolled back: nothing generated was kept.")

    # --- Data --------------------------------------------------------------------------------

    def _generate(self, rng, rows, jobs, pages):
        weights = [1 / (rank + 1) for rank in range(len(LAB_WORDS))]
        now = timezone.now()
        started = time.perf_counter()
        self._bulk(
            rng,
            Resource,
            rows,
            lambda i, subject: Resource(
                title=_title(rng, subject),
                slug=f"benchmark-resource-{i}",
                kind=Resource.Kind.WEB_PAGE,
                summary=_summary(rng, subject, weights),
                body=_body(rng, subject, weights),
                visibility=Visibility.MEMBERS if rng.random() < 0.25 else Visibility.PUBLIC,
                published_at=now - timedelta(days=rng.randint(0, 3650)),
            ),
        )
        employers = Employer.objects.bulk_create(
            Employer(
                name=f"Benchmark Hospital {i}",
                slug=f"benchmark-hospital-{i}",
                city="Chicago",
                contact_name="Benchmark",
                contact_email="benchmark@example.com",
                status=Employer.Status.APPROVED,
            )
            for i in range(50)
        )
        cities = ["Chicago", "Springfield", "Peoria", "Rockford", "Naperville", "Joliet"]
        self._bulk(
            rng,
            Job,
            jobs,
            lambda i, subject: Job(
                employer=rng.choice(employers),
                title=f"{subject} {rng.choice(['MLS', 'MLT', 'technologist'])}"
                f"{rng.choice(['', ', night shift', ', weekends', ' II', ' lead'])}",
                slug=f"benchmark-job-{i}",
                description=_body(rng, subject, weights),
                city=rng.choice(cities),
                discipline="generalist",
                credential="mls",
                status=Job.Status.PUBLISHED,
                **_went_live(now - timedelta(days=rng.randint(0, 60))),
                closes_on=timezone.localdate() + timedelta(days=rng.randint(1, 60)),
            ),
        )
        self._bulk(
            rng,
            Page,
            pages,
            lambda i, subject: Page(
                title=f"{subject} {rng.choice(['news', 'committee', 'awards'])} {i}",
                slug=f"benchmark-page-{i}",
                summary=_summary(rng, subject, weights),
                body=_body(rng, subject, weights),
                visibility=Visibility.MEMBERS if rng.random() < 0.3 else Visibility.PUBLIC,
            ),
        )
        self.stdout.write(
            f"Generated {rows:,} resources, {jobs:,} jobs and {pages:,} pages "
            f"in {time.perf_counter() - started:.0f} s."
        )
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load: move the GIN indexes' pending
            # entries into the index proper, and gather the planner's statistics.
            for index in [
                "resources_resource_search_gin",
                "resources_resource_teaser_gin",
                "careers_job_site_search_gin",
                "portal_page_search_gin",
                "portal_page_teaser_gin",
                "resources_resource_title_trgm",
                "careers_job_title_trgm",
                "portal_page_title_trgm",
            ]:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            for table in ["resources_resource", "careers_job", "portal_page"]:
                cursor.execute(f"ANALYZE {table}")

    def _bulk(self, rng, model, count, make):
        subjects = list(SUBJECTS)
        for start in range(0, count, BATCH):
            model.objects.bulk_create(
                make(i, rng.choice(subjects)) for i in range(start, min(start + BATCH, count))
            )

    # --- Timing ------------------------------------------------------------------------------

    def _run(self, repeat):
        anonymous, member = AnonymousUser(), User(email="benchmark@example.com", is_staff=True)
        for label, user in [("anonymous", anonymous), ("member (sees member-only bodies)", member)]:
            self.stdout.write(f"\nsite_search as {label}, {repeat} runs each:")
            all_times = []
            for query in QUERIES:
                times = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    outcome = site_search(query, user=user)
                    times.append((time.perf_counter() - started) * 1000)
                all_times += times
                note = " (similar titles)" if outcome.similar_titles else ""
                self.stdout.write(
                    f"  {query!r:32} {outcome.total:>7,} results{note:17} "
                    f"median {statistics.median(times):7.1f} ms"
                )
            self._summary(all_times)

        source = next(s for s in search_sources() if s.key == "resources")
        self.stdout.write(
            f"\nThe resource library's query alone (first 20 and count), {repeat} runs:"
        )
        all_times = []
        for query in QUERIES:
            matched = _matches(
                source, source.queryset(anonymous), query, parse_query(query), bodies=False
            )
            for _ in range(repeat):
                started = time.perf_counter()
                list(matched.order_by("-search_rank", "-published_at", "-pk")[:20])
                matched.count()
                all_times.append((time.perf_counter() - started) * 1000)
        self._summary(all_times)

        query = "coagulation testing"
        matched = _matches(
            source, source.queryset(anonymous), query, parse_query(query), bodies=False
        ).order_by("-search_rank", "-published_at", "-pk")[:20]
        self.stdout.write(f"\nEXPLAIN ANALYZE of the resource query for {query!r}:")
        self.stdout.write(matched.explain(analyze=True, buffers=True))

    def _statements(self, query):
        timings = []

        def timed(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append(((time.perf_counter() - started) * 1000, sql))

        started = time.perf_counter()
        with connection.execute_wrapper(timed):
            site_search(query, user=AnonymousUser())
        total = (time.perf_counter() - started) * 1000
        self.stdout.write(f"\nThe SQL of one anonymous search for {query!r} ({total:.1f} ms):")
        for ms, sql in timings:
            self.stdout.write(f"  {ms:7.1f} ms  {' '.join(sql.split())[:150]}")
        sql_ms = sum(ms for ms, _sql in timings)
        self.stdout.write(f"  {sql_ms:7.1f} ms in SQL, {total - sql_ms:.1f} ms in Python")

    def _profile(self, query):
        profiler = cProfile.Profile()
        profiler.runcall(site_search, query, user=AnonymousUser())
        self.stdout.write(f"\nWhere one anonymous search for {query!r} spends its time:")
        report = io.StringIO()
        pstats.Stats(profiler, stream=report).sort_stats("cumulative").print_stats(30)
        self.stdout.write(report.getvalue())

    def _summary(self, times):
        times = sorted(times)
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        self.stdout.write(
            f"  min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, "
            f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
        )
