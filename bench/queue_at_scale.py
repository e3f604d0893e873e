"""Benchmark: the moderation queue (/admin/reports) at a million reports.

A script, not a test. It builds a throwaway database (a SQLite file in a temporary directory,
or a uniquely named PostgreSQL database that is dropped at the end), runs the migrations,
imports content/, bulk-loads N SYNTHETIC reports, then times queue_page() under each filter
and dashboard(), runs EXPLAIN on every query, prints a Markdown table and writes it into
docs/benchmarks.md (replacing the section for the same engine and size, keeping the rest).

Usage:
    .venv/bin/python bench/queue_at_scale.py --engine sqlite --reports 1000000
    .venv/bin/python bench/queue_at_scale.py --engine postgresql --reports 1000000 \\
        [--server-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Options: --runs (timed runs per case, default 5, after one warm-up), --seed, --keep (leave
the database behind for inspection), --no-docs (print only), --sqlite-analyze (run ANALYZE
after loading; off by default because the portal never runs it on SQLite).

Every row this script writes is synthetic benchmark data ("SYNTHETIC BENCHMARK ROW" in its
place/description, a dummy receipt hash, no contact details); it exists only in the
throwaway database.
"""

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_env import (  # noqa: E402 - beside this script
    DEFAULT_SERVER_URL,
    DOCS,
    ROOT,
    database_size,
    engine_version,
    load_average,
    machine_info,
    postgresql_database,
    sqlite_database,
    write_docs,
)
from flask_migrate import upgrade  # noqa: E402
from query_plans import Plan, captured_sql, explain  # noqa: E402 - beside this script
from sqlalchemy import func, select, text  # noqa: E402
from synthetic_reports import (  # noqa: E402 - beside this script
    SPAN_DAYS,
    S,
    load_postgresql,
    load_sqlite,
    log,
    synthetic_reports,
)

from portal import create_app  # noqa: E402
from portal.clock import CITY_TZ  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Channel, District, Report, ReportCategory  # noqa: E402
from portal.services.common.cursor import encode_cursor  # noqa: E402
from portal.services.plan.content_import import import_content  # noqa: E402
from portal.services.reports.deadlines import TimeLimits  # noqa: E402
from portal.services.reports.queue import (  # noqa: E402
    PAGE_SIZE,
    QueueFilters,
    dashboard,
    queue_page,
)
from portal.settings import settings

SLOW_MS = 50.0
# --------------------------------------------------------------------------- cases


@dataclass
class Case:
    name: str
    run: object  # () -> result
    note: str = ""
    median_ms: float = 0.0
    min_ms: float = 0.0
    rows: str = ""
    plans: list[Plan] = field(default_factory=list)


def timed(case: Case, runs: int) -> None:
    with captured_sql() as statements:
        case.run()  # warm-up; its SQL is the SQL we explain
    db.session.remove()
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = case.run()
        times.append(time.perf_counter() - started)
        db.session.remove()
    case.median_ms = statistics.median(times) * 1000
    case.min_ms = min(times) * 1000
    if hasattr(result, "next_cursor"):
        case.rows = f"{len(result.items)}{'+' if result.next_cursor else ''}"
    else:
        case.rows = f"total {result.total:,}"
    case.plans = [explain(statement, parameters) for statement, parameters in statements]


def queue(filters: QueueFilters, cursor: str | None, now: datetime, limits: TimeLimits):
    return lambda: queue_page(filters, cursor, now, limits)


def walk_cursor(filters: QueueFilters, pages: int, now, limits) -> str | None:
    """The cursor that leads to page `pages` (1-based), by following next links."""
    cursor = None
    for _ in range(pages - 1):
        cursor = queue_page(filters, cursor, now, limits).next_cursor
        db.session.remove()
        if cursor is None:
            break
    return cursor


def deep_cursor(offset: int) -> str:
    """A cursor positioned `offset` reports from the newest (as if the moderator had walked
    there page by page)."""
    stamp, ident = db.session.execute(
        select(Report.submitted_at, Report.id)
        .order_by(Report.submitted_at.desc(), Report.id.desc())
        .offset(offset)
        .limit(1)
    ).one()
    db.session.remove()
    return encode_cursor((stamp, ident))


def build_cases(now: datetime, limits: TimeLimits, n: int) -> list[Case]:
    category_id = db.session.scalars(select(ReportCategory.id).order_by(ReportCategory.id)).first()
    department_id = db.session.scalar(
        select(Report.department_id).where(Report.id == max(n // 3, 1))
    )
    middle = db.session.scalar(select(Report.number).where(Report.id == max(n // 2, 1)))
    old_day = db.session.scalar(select(Report.number).where(Report.id == max(n // 4, 1)))
    db.session.remove()
    year_ago = (now - timedelta(days=365)).astimezone(CITY_TZ).date()
    day_prefix = old_day[:10]  # HGyyyymmdd: every report of that (local) day
    log(f"  walking {100 - 1} pages to reach page 100 …")
    page_100 = walk_cursor(QueueFilters(), 100, now, limits)
    deep = deep_cursor(n // 2)
    log(f"  walking {100 - 1} pages of the days-left order …")
    due_100 = walk_cursor(QueueFilters(by_due=True), 100, now, limits)
    q = QueueFilters
    cases = [
        Case("no filter, first page", queue(q(), None, now, limits)),
        Case("no filter, page 100 (followed cursors)", queue(q(), page_100, now, limits)),
        Case(f"no filter, deep cursor (row {n // 2:,})", queue(q(), deep, now, limits)),
        Case("status = submitted", queue(q(status=S.SUBMITTED), None, now, limits)),
        Case("status = resolved", queue(q(status=S.RESOLVED), None, now, limits)),
        Case(f"category = {category_id}", queue(q(category_id=category_id), None, now, limits)),
        Case("district = luobei", queue(q(district=District.LUOBEI), None, now, limits)),
        Case("channel = letter", queue(q(channel=Channel.LETTER), None, now, limits)),
        Case(
            f"department = {department_id}",
            queue(q(department_id=department_id), None, now, limits),
        ),
        Case(
            f"date range {year_ago - timedelta(days=30)} – {year_ago}",
            queue(
                q(submitted_from=year_ago - timedelta(days=30), submitted_to=year_ago),
                None,
                now,
                limits,
            ),
        ),
        Case("overdue", queue(q(overdue=True), None, now, limits)),
        Case("unread replies", queue(q(replies=True), None, now, limits)),
        Case(f"number exact {middle}", queue(q(number=middle), None, now, limits)),
        Case(f"number prefix {day_prefix}", queue(q(number=day_prefix), None, now, limits)),
        Case("number prefix HG2 (matches all)", queue(q(number="HG2"), None, now, limits)),
        Case("number prefix HG1 (matches none)", queue(q(number="HG1"), None, now, limits)),
        Case("oldest first", queue(q(oldest_first=True), None, now, limits)),
        Case(
            "status = submitted + district = luobei",
            queue(q(status=S.SUBMITTED, district=District.LUOBEI), None, now, limits),
        ),
        Case(
            "status = investigating + department, oldest first",
            queue(
                q(status=S.INVESTIGATING, department_id=department_id, oldest_first=True),
                None,
                now,
                limits,
            ),
        ),
        Case("days left (soonest due first)", queue(q(by_due=True), None, now, limits)),
        Case("days left, page 100 (followed cursors)", queue(q(by_due=True), due_100, now, limits)),
        Case("days left + overdue", queue(q(by_due=True, overdue=True), None, now, limits)),
        Case("督办 (supervised)", queue(q(supervised=True), None, now, limits)),
        Case("督办, days left", queue(q(supervised=True, by_due=True), None, now, limits)),
        Case("催办 (urged)", queue(q(urged=True), None, now, limits)),
        Case("复核 (status = review)", queue(q(status=S.REVIEW), None, now, limits)),
        Case("dashboard()", lambda: dashboard(now, limits)),
    ]
    return cases


# --------------------------------------------------------------------------- report


def cell(text_: str) -> str:
    return text_.replace("|", "\\|").replace("\n", "<br>")


def markdown_table(cases: list[Case]) -> str:
    lines = [
        "| Case | Median ms | Min ms | Rows | Index used | Access to `reports` |",
        "|---|---:|---:|---:|---|---|",
    ]
    for case in cases:
        verdict = " / ".join(p.verdict for p in case.plans)
        access = " · ".join("; ".join(p.reports_access) for p in case.plans)
        median = f"{case.median_ms:.1f}"
        if case.median_ms > SLOW_MS:
            median = f"**{median}**"
        lines.append(
            f"| {cell(case.name)} | {median} | {case.min_ms:.1f} | {case.rows} | {verdict} "
            f"| {cell(access)} |"
        )
    return "\n".join(lines)


def section(title: str, meta: list[str], cases: list[Case]) -> str:
    plans = []
    for case in cases:
        for number, plan in enumerate(case.plans, start=1):
            suffix = f" (query {number})" if len(case.plans) > 1 else ""
            plans.append(f"-- {case.name}{suffix}\n{plan.text}")
    body = "\n\n".join(plans)
    return (
        f"## {title}\n\n"
        + "\n".join(f"- {line}" for line in meta)
        + "\n\n"
        + markdown_table(cases)
        + "\n\nRows: reports on the page (`+` = a next cursor exists). **Bold** median: over "
        f"{SLOW_MS:.0f} ms. Index used: *seek* = an index narrows the rows (SQLite SEARCH, "
        "PostgreSQL Index Cond); *index walk* = an index only supplies the order and rows are "
        "checked one by one until the page is full (fine when matches are dense and recent, "
        "linear otherwise); *full scan* = no index on `reports`; *+ sort* = the matches are "
        "sorted before the LIMIT.\n\n<details><summary>Full query plans</summary>\n\n"
        "```text\n" + body + "\n```\n\n</details>\n"
    )


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--server-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-docs", action="store_true", help="do not touch docs/benchmarks.md")
    parser.add_argument("--sqlite-analyze", action="store_true", help="ANALYZE after loading")
    args = parser.parse_args()
    if args.reports < PAGE_SIZE * 100:
        parser.error(f"--reports must be at least {PAGE_SIZE * 100} (page 100 must exist)")

    began = time.perf_counter()
    if args.engine == "sqlite":
        database = sqlite_database(args.keep)
    else:
        database = postgresql_database(args.server_url or DEFAULT_SERVER_URL, args.keep)
    with database as (url, directory):
        app = create_app(
            {
                "SECRET_KEY": "queue-benchmark",
                "SQLALCHEMY_DATABASE_URI": url,
                "INSTANCE_PATH": str(directory / "instance"),
                "UPLOAD_DIR": str(directory / "uploads"),
            }
        )
        try:
            with app.app_context():
                return run(args, directory, began)
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()


def run(args, directory: Path, began: float) -> int:
    engine_label = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[args.engine]
    log("migrating …")
    upgrade()
    log("importing content/ …")
    import_content(ROOT / "content")
    categories = dict(
        db.session.execute(select(ReportCategory.id, ReportCategory.default_department_id)).all()
    )
    departments = sorted(db.session.scalars(text("SELECT id FROM departments")).all())
    db.session.remove()

    now = datetime.now(UTC)
    limits = settings().time_limits
    log(f"loading {args.reports:,} synthetic reports over {SPAN_DAYS} days …")
    loaded = time.perf_counter()
    rows = synthetic_reports(args.reports, now, categories, departments, args.seed, limits)
    if args.engine == "sqlite":
        load_sqlite(rows, args.reports, args.sqlite_analyze)
    else:
        load_postgresql(rows, args.reports)
    load_seconds = time.perf_counter() - loaded
    count = db.session.scalar(select(func.count()).select_from(Report))
    db.session.remove()
    size = database_size(directory)
    log(f"loaded {count:,} reports in {load_seconds:.0f} s; database {size}")

    cases = build_cases(now, limits, args.reports)
    log(f"timing {len(cases)} cases ({args.runs} runs each after a warm-up) …")
    for case in cases:
        timed(case, args.runs)
        flag = "  << SLOW" if case.median_ms > SLOW_MS else ""
        log(f"  {case.median_ms:8.1f} ms  {case.name}{flag}")
    counts = dashboard(now, limits)
    db.session.remove()
    spread = ", ".join(f"{s.value} {c / counts.total:.1%}" for s, c in counts.by_status.items())

    title = f"Moderation queue at {args.reports:,} reports ({engine_label})"
    meta = [
        f"Measured {date.today().isoformat()} by `.venv/bin/python bench/queue_at_scale.py "
        f"--engine {args.engine} --reports {args.reports}`"
        + (" --sqlite-analyze" if args.sqlite_analyze else ""),
        f"Machine: {machine_info(engine_version())}; {load_average()} at the end",
        f"Data: {count:,} synthetic reports over {SPAN_DAYS} days (loaded in {load_seconds:.0f} s, "
        f"database {size}); {spread}; overdue {counts.overdue:,}, unread replies "
        f"{counts.unread_replies:,}",
        f"Statistics: {planner_note(args)}",
        f"Timing: median and best of {args.runs} runs after one warm-up, warm cache, a fresh "
        f"session per run; each run is the whole `queue_page()` call (query + ORM objects with "
        f"category and department, page size {PAGE_SIZE}).",
    ]
    text_ = section(title, meta, cases)
    print()
    print(text_)
    if not args.no_docs:
        write_docs(title, text_)
        log(f"updated {DOCS.relative_to(ROOT)}")
    log(f"total {time.perf_counter() - began:.0f} s")
    return 0


def planner_note(args) -> str:
    if args.engine == "postgresql":
        return "VACUUM ANALYZE after the load (what autovacuum does on its own)"
    if args.sqlite_analyze:
        return "ANALYZE after the load"
    return "no ANALYZE (the portal never runs it on SQLite), so no sqlite_stat1"


if __name__ == "__main__":
    sys.exit(main())
