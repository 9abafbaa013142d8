"""The performance budgets of issue 10, checked against measured pages, and the tables."""

import math
from dataclasses import dataclass

ANONYMOUS_RATIO = 1.5  # anonymous public pages: p50 within 1.5x the floor's
LOGGED_IN_RATIO = 3.0  # logged-in pages: within 3x
P95_GROWTH = 1.3  # at the largest scale, p95 within 1.3x the page's own p95 at 1x
MAX_QUERIES = 10  # SQL queries per request, and the same at every scale
FIRST_VISIT_BYTES = 100_000  # home page's first-visit transfer, compressed


@dataclass(frozen=True)
class PageResult:
    name: str
    path: str
    logged_in: bool
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    floor_p50_ms: float
    queries: int
    body_bytes: int
    compressed_bytes: int
    errors: int = 0
    # In-process median time to build the page with the page cache off (what a first visit costs).
    built_ms: float = 0.0

    @property
    def ratio(self) -> float:
        return self.p50_ms / self.floor_p50_ms if self.floor_p50_ms else math.inf

    @property
    def ratio_limit(self) -> float:
        return LOGGED_IN_RATIO if self.logged_in else ANONYMOUS_RATIO


@dataclass(frozen=True)
class Check:
    budget: str
    passed: bool
    where: str = ""  # "home at 10x"
    measured: str = ""  # "2.1x floor"


def _scale(scale) -> str:
    return f"{scale:g}x"


def check_budgets(results: dict, first_visit: dict | None = None) -> list[Check]:
    """``results`` maps a scale to its PageResults, ``first_visit`` a scale to bytes."""
    checks = []
    for scale, pages in sorted(results.items()):
        for page in pages:
            where = f"{page.name} at {_scale(scale)}"
            kind = "logged-in" if page.logged_in else "anonymous"
            checks.append(
                Check(
                    f"{kind} p50 ≤ {page.ratio_limit:g}x floor",
                    page.ratio <= page.ratio_limit,
                    where,
                    f"{page.ratio:.2f}x",
                )
            )
            checks.append(
                Check(
                    f"queries ≤ {MAX_QUERIES}",
                    page.queries <= MAX_QUERIES,
                    where,
                    f"{page.queries} queries",
                )
            )
            checks.append(
                Check("answers without errors", page.errors == 0, where, f"{page.errors} errors")
            )
    scales = sorted(results)
    if len(scales) > 1:
        low, high = scales[0], scales[-1]
        before = {page.name: page for page in results[low]}
        for page in results[high]:
            if page.name not in before:
                continue
            first = before[page.name]
            growth = page.p95_ms / first.p95_ms if first.p95_ms else math.inf
            checks.append(
                Check(
                    f"p95 at {_scale(high)} ≤ {P95_GROWTH:g}x p95 at {_scale(low)}",
                    growth <= P95_GROWTH,
                    page.name,
                    f"{first.p95_ms:.1f} → {page.p95_ms:.1f} ms ({growth:.2f}x)",
                )
            )
            checks.append(
                Check(
                    f"queries the same at {_scale(low)} and {_scale(high)}",
                    page.queries == first.queries,
                    page.name,
                    f"{first.queries} → {page.queries}",
                )
            )
    for scale, size in sorted((first_visit or {}).items()):
        checks.append(
            Check(
                f"home first visit < {FIRST_VISIT_BYTES // 1000} KB",
                size < FIRST_VISIT_BYTES,
                f"at {_scale(scale)}",
                f"{size / 1000:.1f} KB",
            )
        )
    return checks


def failed(checks) -> bool:
    return any(not check.passed for check in checks)


def render_table(pages) -> str:
    lines = [
        "| page | req/s | p50 ms | p95 ms | floor p50 ms | ratio | queries | built ms "
        "| KB compressed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for p in pages:
        marker = " (logged in)" if p.logged_in else ""
        lines.append(
            f"| {p.name}{marker} | {p.requests_per_second:.0f} | {p.p50_ms:.1f} | "
            f"{p.p95_ms:.1f} | {p.floor_p50_ms:.1f} | {p.ratio:.2f}x | {p.queries} | "
            f"{p.built_ms:.1f} | {p.compressed_bytes / 1000:.1f} |"
        )
    return "\n".join(lines)


def render_checks(checks) -> str:
    """One line per budget: PASS, or FAIL with every place it failed."""
    budgets = {}
    for check in checks:
        budgets.setdefault(check.budget, []).append(check)
    lines = []
    for budget, group in budgets.items():
        failures = [c for c in group if not c.passed]
        if failures:
            detail = "; ".join(f"{c.where} ({c.measured})" for c in failures)
            lines.append(f"- **FAIL** {budget}: {detail}")
        else:
            lines.append(f"- PASS {budget} ({len(group)} checked)")
    return "\n".join(lines)
