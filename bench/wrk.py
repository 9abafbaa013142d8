"""Running wrk against one URL and reading what it prints."""

import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")
THREADS, CONNECTIONS = 2, 4


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int  # connect, read, write and timeout errors, and 4xx/5xx answers

    @property
    def ok(self) -> bool:
        return self.requests > 0 and self.errors == 0


def wrk_command(url, *, duration, cookie=None, wrk="wrk"):
    command = [
        wrk,
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "30s",
        "-s",
        str(REPORT_SCRIPT),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return [*command, url]


def run_wrk(url, *, duration, cookie=None, wrk="wrk") -> WrkResult:
    completed = subprocess.run(  # noqa: S603 - our own command line, no shell
        wrk_command(url, duration=duration, cookie=cookie, wrk=wrk),
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"wrk failed on {url}: {completed.stderr or completed.stdout}")
    return parse_wrk(completed.stdout)


def median_of_rounds(rounds) -> WrkResult:
    """One result from several wrk runs on the same URL: the median of each figure.

    A p95 of a 2 ms page moves by a few tenths of a millisecond when something else on the
    machine wakes up during one run; the median of three runs made minutes apart keeps what the
    page costs and drops that. Requests and errors are totals, so one failed run still fails.
    """
    rounds = list(rounds)
    if not rounds:
        raise ValueError("No wrk runs to combine")
    return WrkResult(
        requests_per_second=statistics.median(r.requests_per_second for r in rounds),
        p50_ms=statistics.median(r.p50_ms for r in rounds),
        p95_ms=statistics.median(r.p95_ms for r in rounds),
        p99_ms=statistics.median(r.p99_ms for r in rounds),
        requests=sum(r.requests for r in rounds),
        errors=sum(r.errors for r in rounds),
    )


_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS_MS[unit]


def parse_wrk(output: str) -> WrkResult:
    """Requests per second and latency percentiles from wrk's output.

    The percentiles come from the BENCH line that wrk_report.lua prints (microseconds, exact);
    without it (wrk run by hand with --latency only) p50 and p99 come from wrk's own table and
    p95 is unknown (NaN).
    """
    rps = re.search(r"^Requests/sec:\s*([\d.]+)", output, re.MULTILINE)
    if rps is None:
        raise ValueError(f"Not wrk output:\n{output}")
    report = re.search(r"^BENCH (.*)$", output, re.MULTILINE)
    if report:
        values = dict(pair.split("=", 1) for pair in report.group(1).split())
        numbers = {key: int(float(value)) for key, value in values.items()}
        return WrkResult(
            requests_per_second=float(rps.group(1)),
            p50_ms=numbers["p50_us"] / 1000,
            p95_ms=numbers["p95_us"] / 1000,
            p99_ms=numbers["p99_us"] / 1000,
            requests=numbers["requests"],
            errors=sum(v for k, v in numbers.items() if k.startswith("errors_")),
        )
    table = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.MULTILINE))
    total = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return WrkResult(
        requests_per_second=float(rps.group(1)),
        p50_ms=_ms(table["50"]) if "50" in table else float("nan"),
        p95_ms=float("nan"),
        p99_ms=_ms(table["99"]) if "99" in table else float("nan"),
        requests=int(total.group(1)) if total else 0,
        errors=errors,
    )
