"""Shared by bench/http_load.py and bench/nginx_front.py: running wrk and reading its output,
preparing the report form posts for bench/report_post.lua, describing the machine, and
writing a section of docs/benchmarks-http.md."""

import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import requests
from bench_env import replace_section

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DOCS = ROOT / "docs" / "benchmarks-http.md"
POST_SCRIPT = BENCH / "report_post.lua"
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def require_wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        sys.exit(
            "wrk is not installed. Install it with `apt-get install -y wrk` (Debian/Ubuntu) "
            "and run this script again."
        )
    return found


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --------------------------------------------------------------------------- wrk


@dataclass
class WrkResult:
    name: str
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    requests: int = 0
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)  # only from report_post.lua
    tokens_wrapped: int = 0
    load_before: str = ""
    load_after: str = ""
    output: str = ""


def milliseconds(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value)
    if not match:
        raise ValueError(f"unreadable wrk duration {value!r}")
    return float(match.group(1)) * UNITS_MS[match.group(2)]


def parse_wrk(name: str, output: str) -> WrkResult:
    result = WrkResult(name=name, output=output)
    if match := re.search(r"Requests/sec:\s+([\d.]+)", output):
        result.rps = float(match.group(1))
    if match := re.search(r"^\s+50%\s+(\S+)", output, re.M):
        result.p50_ms = milliseconds(match.group(1))
    if match := re.search(r"^\s+99%\s+(\S+)", output, re.M):
        result.p99_ms = milliseconds(match.group(1))
    if match := re.search(r"(\d+) requests in", output):
        result.requests = int(match.group(1))
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        result.non_2xx_3xx = int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        result.socket_errors = sum(int(n) for n in match.groups())
    for status, count in re.findall(r"^STATUS (\d+) (\d+)$", output, re.M):
        result.statuses[int(status)] = int(count)
    if match := re.search(r"^TOKENS_WRAPPED (\d+)$", output, re.M):
        result.tokens_wrapped = int(match.group(1))
    return result


def run_wrk(name: str, url: str, *, duration: int, threads: int, connections: int,
            script: Path | None = None, script_args: tuple = ()) -> WrkResult:  # fmt: skip
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    command += ["--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *map(str, script_args)]
    before = load_average()
    finished = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if finished.returncode != 0:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr.strip()}")
    result = parse_wrk(name, finished.stdout)
    result.load_before, result.load_after = before, load_average()
    print(
        f"  {name:<22} {result.rps:9.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms  non-2xx/3xx {result.non_2xx_3xx}  "
        f"socket errors {result.socket_errors}  load {before} → {result.load_after}",
        flush=True,
    )
    return result


# --------------------------------------------------------------------------- report posts


class HiddenInputs(HTMLParser):
    """name → value of the hidden inputs of the page's forms."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def hidden_inputs(html: str) -> dict[str, str]:
    parser = HiddenInputs()
    parser.feed(html)
    return parser.values


def report_fields() -> dict[str, str]:
    """A valid anonymous report, as tests/support/report_form.valid_report() fills it in."""
    return {
        "category": "secret-discharge",
        "district": "xingshan",
        "place": "兴山区某某路与某某街交口东侧排污口（基准测试）",
        "occurred_on": (date.today() - timedelta(days=2)).isoformat(),
        "occurred_time": "",
        "subject": "",
        "description": "基准测试提交的合成举报：每天夜里十点以后，厂区北墙外的暗管向河里排放"
        "黑色污水，气味刺鼻。",
        "identity": "anonymous",
        "name": "",
        "phone": "",
        "email": "",
        "consent": "y",
        "website": "",
    }


def prepare_posts(base: str, app, count: int, path: Path) -> float:
    """Write the file bench/report_post.lua reads: the session cookie and the form as a
    browser would send it after GET /report (the CSRF token scraped from that page), then
    COUNT form tokens, issued with the app's key exactly as GET /report issues them, one
    per POST so that every POST is a new report (a token seen before only shows the earlier
    receipt again). Returns the time the tokens were issued."""
    from portal.services.reports import form_tokens

    page = requests.get(f"{base}/report", timeout=10)
    page.raise_for_status()
    csrf = hidden_inputs(page.text)["csrf_token"]
    cookie = "; ".join(f"{name}={value}" for name, value in page.cookies.items())
    body = urlencode({"csrf_token": csrf} | report_fields())
    issued = time.time()
    with app.test_request_context():
        tokens = [form_tokens.issue() for _ in range(count)]
    path.write_text("\n".join([cookie, body, *tokens]) + "\n")
    return issued


def wait_min_fill(issued: float, min_seconds: float) -> None:
    """A form posted back sooner than a person could fill it in is dropped as automated."""
    remaining = issued + min_seconds + 0.5 - time.time()
    if remaining > 0:
        time.sleep(remaining)


def settled_count(database, patience: float = 60) -> int:
    """The reports table's size once the requests in flight when wrk stopped have finished
    on the server (it stops changing)."""
    deadline = time.monotonic() + patience
    count = database.count_reports()
    while time.monotonic() < deadline:
        time.sleep(1.5)
        now = database.count_reports()
        if now == count:
            break
        count = now
    return count


def post_and_check(name: str, base: str, database, app, work: Path, *, duration: int,
                   threads: int, connections: int) -> tuple[WrkResult, str]:  # fmt: skip
    """wrk POST /report with fresh form tokens, then compare the reports table with what wrk
    counted. Returns the result and a note, which starts with FAILED when they disagree."""
    tokens = max(20_000, duration * 3_000)
    issued = prepare_posts(base, app, tokens, work / "posts.txt")
    wait_min_fill(issued, app.config["REPORT_MIN_FILL_SECONDS"])
    before = database.count_reports()
    result = run_wrk(name, base, script=POST_SCRIPT, script_args=(work / "posts.txt", threads),
                     duration=duration, threads=threads, connections=connections)  # fmt: skip
    grown = settled_count(database) - before
    redirects = result.statuses.get(303, 0)
    others = {s: n for s, n in result.statuses.items() if s != 303}
    note = (
        f"url-encoded form (no file) with the CSRF token of one GET /report and its session "
        f"cookie, a fresh signed form token per request; wrk counted {redirects:,} × 303 "
        f"(receipt) and {others or 'no other statuses'}; the reports table grew by {grown:,}"
    )
    in_flight = grown - redirects
    ok = not others and not result.tokens_wrapped and 0 <= in_flight <= connections
    if in_flight:
        note += f" ({in_flight} finished after wrk stopped counting, at most one per connection)"
    if result.tokens_wrapped:
        note += f"; tokens ran out {result.tokens_wrapped} times"
    return result, ("" if ok else "FAILED: ") + note


# --------------------------------------------------------------------------- machine and docs


def machine_info(database_version: str) -> str:
    cpu = platform.processor() or "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    wrk_version = (wrk.stdout or wrk.stderr).split(" [")[0].strip() or "wrk"
    return (
        f"{platform.system()} {platform.release()} {platform.machine()}, {cpu}, "
        f"{os.cpu_count()} cores, {memory} RAM; Python {platform.python_version()}; "
        f"{database_version}; {wrk_version}"
    )


def contention_note(results: list[WrkResult]) -> str | None:
    """A warning when other processes competed for the CPU while wrk ran."""
    loads = [float(v.split()[0]) for r in results for v in (r.load_before, r.load_after) if v]
    cores = os.cpu_count() or 1
    if not loads or max(loads) <= cores:
        return None
    return (
        f"**Shared machine:** the 1-minute load average reached {max(loads):.1f} on {cores} "
        "cores while wrk ran: other processes competed for the CPU, so these numbers are lower "
        "(and the latencies higher) than the same machine would give the portal alone"
    )


def results_table(results: list[WrkResult], floor: float | None) -> str:
    """The wrk results; with a floor, a column of each route's req/s ÷ the floor's."""
    ratio_head, ratio_align = ("× floor | ", "---:|") if floor else ("", "")
    lines = [
        f"| Route | Req/s | p50 ms | p99 ms | {ratio_head}Requests | Non-2xx/3xx | Socket errors "
        "| Load (1/5/15 min) before → after |",
        f"|---|---:|---:|---:|{ratio_align}---:|---:|---:|---|",
    ]
    for r in results:
        ratio = f"{r.rps / floor:.2f} | " if floor else ""
        lines.append(
            f"| {r.name} | {r.rps:,.1f} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | {ratio}"
            f"{r.requests:,} | {r.non_2xx_3xx} | {r.socket_errors} "
            f"| {r.load_before} → {r.load_after} |"
        )
    return "\n".join(lines)


INTRO = """# HTTP benchmarks

Generated by `bench/http_load.py` (gunicorn alone: the floor route and the public pages,
`.venv/bin/python bench/http_load.py [--engine postgresql]`) and `bench/nginx_front.py`
(nginx with deploy/nginx-hegang-portal.conf in front: end-to-end checks, then a short load
test), on loopback, against a throwaway database with 10,000 sample exposures and 1,000,000
SYNTHETIC reports. Rerunning a script replaces its section.

How to read the tables: *Req/s*, *p50* and *p99* come from wrk (`--latency`), a closed loop
of connections (gunicorn's sync workers close each connection after the response, so straight
to gunicorn every request includes a loopback TCP connect; nginx keeps the client's
connection open but still opens a new one to gunicorn per request); *× floor* divides a
route's req/s by that of `/_bench/hello`, a constant-text route in the same app
(bench/floor_wsgi.py), so it shows what the page itself costs on top of gunicorn, Flask and
the portal's request hooks. wrk runs on the same machine as the server and takes part of
the CPU. The load average before and after each run is recorded because the machine may be
shared: numbers taken under a load above the core count are lower bounds. gunicorn runs with
deploy/gunicorn.conf.py, whose `max_requests = 2000` (± 200) replaces a worker after that many
requests; with `preload_app` the new worker is forked from the loaded master, so a run that
passes it (the floor, at a thousand req/s for 10 s) shows the swap as a p99 of a few hundred
milliseconds at most (a full re-import, before preload, showed as a second or more).
"""


def write_section(title: str, body: str) -> None:
    """Replace the section with this title (or append it), keeping the rest of the file."""
    replace_section(DOCS, f"## {title}\n\n{body.strip()}\n", INTRO, refresh_intro=True)
    print(f"updated {DOCS.relative_to(ROOT)}", flush=True)
