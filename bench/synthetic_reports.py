"""Synthetic reports for the benchmarks: a realistic spread of statuses, categories, districts
and dates, bulk-loaded fast (batched INSERT on SQLite, COPY on PostgreSQL). Every row is marked
"SYNTHETIC BENCHMARK ROW" and only ever lives in a throwaway database."""

import random
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from portal.clock import CITY_TZ  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.models import Channel, District, Report, ReportStatus  # noqa: E402
from portal.services.reports.deadlines import TimeLimits  # noqa: E402
from portal.services.reports.due import due_at  # noqa: E402
from portal.services.reports.intake import report_number  # noqa: E402

BATCH = 20_000
SPAN_DAYS = 3 * 365

SYNTHETIC_PLACE = "SYNTHETIC BENCHMARK ROW（基准测试合成数据）"
SYNTHETIC_DESCRIPTION = (
    "SYNTHETIC BENCHMARK ROW written by bench/queue_at_scale.py into a throwaway database. "
    "Not a real report."
)
DUMMY_RECEIPT_HASH = "synthetic-benchmark-row-not-an-argon2-hash"

S = ReportStatus
# Cumulative status weights by a report's age: fresh (< 15 days), recent (< 75 days), old.
# Old reports still submitted or in hand are overdue; so are a few recent ones.
FRESH = (
    (0.45, S.SUBMITTED),
    (0.65, S.ACCEPTED),
    (0.80, S.ASSIGNED),
    (0.88, S.INVESTIGATING),
    (0.96, S.REJECTED),
    (1.0, S.DUPLICATE),
)
RECENT = (
    (0.01, S.SUBMITTED),
    (0.06, S.ACCEPTED),
    (0.21, S.ASSIGNED),
    (0.36, S.INVESTIGATING),
    (0.81, S.RESOLVED),
    (0.95, S.REJECTED),
    (1.0, S.DUPLICATE),
)
OLD = (
    (0.80, S.RESOLVED),
    (0.93, S.REJECTED),
    (0.98, S.DUPLICATE),
    (0.982, S.SUBMITTED),
    (0.984, S.ACCEPTED),
    (0.990, S.ASSIGNED),
    (1.0, S.INVESTIGATING),
)
CHANNELS = (
    (0.70, Channel.WEB),
    (0.90, Channel.PHONE),
    (0.95, Channel.LETTER),
    (1.0, Channel.VISIT),
)
DISTRICT_WEIGHTS = (0.22, 0.20, 0.14, 0.12, 0.10, 0.08, 0.08, 0.06)
DISTRICTS = tuple((sum(DISTRICT_WEIGHTS[: i + 1]), d) for i, d in enumerate(District))
COLUMNS = (
    "id",
    "number",
    "channel",
    "status",
    "category_id",
    "district",
    "place",
    "occurred_on",
    "occurred_time",
    "subject",
    "description",
    "department_id",
    "submitted_at",
    "updated_at",
    "decided_at",
    "resolved_at",
    "closed_at",
    "duplicate_of_id",
    "public_result",
    "awaiting_reply",
    "reply_unread",
    "contacts_purged_at",
    "anonymous",
    "contact_name",
    "contact_phone",
    "contact_email",
    "receipt_hash",
    "idempotency_digest",
    "supervised",
    "supervise_deadline",
    "urged",
    "due_at",
)
# 督办 / 催办 among open reports: rare, as in life.
SUPERVISED_SHARE = 0.005
URGED_SHARE = 0.01
OPEN = (S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.INVESTIGATING)


def log(message: str) -> None:
    print(message, flush=True)


def pick(table, r: float):
    for bound, value in table:
        if r < bound:
            return value
    return table[-1][1]


# --------------------------------------------------------------------------- synthetic data


def synthetic_reports(
    n: int,
    now: datetime,
    categories: dict[int, int | None],
    departments,
    seed: int,
    limits: TimeLimits = TimeLimits(accept_days=15, resolve_days=60),  # noqa: B008
):
    """Yield N report rows (dicts of plain values), oldest first, ids 1..N."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    span = SPAN_DAYS * 86400.0
    start = now - timedelta(seconds=span)
    offsets = sorted(rng.random() * span for _ in range(n))
    category_ids = sorted(categories)
    day, sequence = None, 0
    for i, offset in enumerate(offsets, start=1):
        submitted = start + timedelta(seconds=offset)
        local_day = submitted.astimezone(CITY_TZ).date()
        if local_day != day:
            day, sequence = local_day, 0
        sequence += 1
        age_days = (now - submitted).total_seconds() / 86400
        table = FRESH if age_days < 15 else RECENT if age_days < 75 else OLD
        status = pick(table, rng.random())
        category_id = rng.choice(category_ids)
        department_id = categories[category_id]
        if department_id is None or rng.random() < 0.2:  # reassigned by a moderator
            department_id = rng.choice(departments)
        decided = resolved = closed = purged = duplicate_of = None
        if status != S.SUBMITTED:
            decided = submitted + timedelta(days=rng.uniform(0.05, min(14.0, age_days)))
            if status == S.RESOLVED:
                room = (now - decided).total_seconds() / 86400
                resolved = decided + timedelta(days=rng.uniform(0.0, min(55.0, room)))
                closed = resolved
            elif status in (S.REJECTED, S.DUPLICATE):
                closed = decided
                if status == S.DUPLICATE and i > 1:
                    duplicate_of = rng.randint(max(1, i - 5000), i - 1)
            if closed is not None and (now - closed).days > 365:
                purged = closed + timedelta(days=365)
        supervised = status in OPEN and rng.random() < SUPERVISED_SHARE
        deadline = (
            now.astimezone(CITY_TZ).date() + timedelta(days=rng.randint(1, 30))
            if supervised
            else None
        )
        urged = status in (S.ASSIGNED, S.INVESTIGATING) and rng.random() < URGED_SHARE
        due = due_at(
            SimpleNamespace(
                status=status, submitted_at=submitted, decided_at=decided, appealed_at=None,
                supervised=supervised, supervise_deadline=deadline,
            ),
            limits,
        )  # fmt: skip
        yield {
            "id": i,
            "number": report_number(local_day, sequence),
            "channel": pick(CHANNELS, rng.random()).value,
            "status": status.value,
            "category_id": category_id,
            "district": pick(DISTRICTS, rng.random()).value,
            "place": SYNTHETIC_PLACE,
            "occurred_on": local_day - timedelta(days=rng.randint(0, 5)),
            "occurred_time": clock_time(rng.randint(0, 23), rng.randint(0, 59))
            if rng.random() < 0.5
            else None,
            "subject": None,
            "description": SYNTHETIC_DESCRIPTION,
            "department_id": department_id,
            "submitted_at": submitted,
            "updated_at": max(t for t in (submitted, decided, closed, purged) if t),
            "decided_at": decided,
            "resolved_at": resolved,
            "closed_at": closed,
            "duplicate_of_id": duplicate_of,
            "public_result": None,
            "awaiting_reply": rng.random() < 0.002,
            "reply_unread": rng.random() < 0.001,
            "contacts_purged_at": purged,
            "anonymous": True,
            "contact_name": None,
            "contact_phone": None,
            "contact_email": None,
            "receipt_hash": DUMMY_RECEIPT_HASH,
            "idempotency_digest": f"{i:064x}",
            "supervised": supervised,
            "supervise_deadline": deadline,
            "urged": urged,
            "due_at": due,
        }


def batches(rows, size: int):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Progress:
    def __init__(self, total: int, label: str):
        self.total, self.label, self.done = total, label, 0
        self.started = time.perf_counter()
        self.next_report = 0

    def add(self, count: int) -> None:
        self.done += count
        if self.done >= self.next_report or self.done == self.total:
            elapsed = time.perf_counter() - self.started
            rate = self.done / elapsed if elapsed else 0
            log(f"  {self.label}: {self.done:,} / {self.total:,} ({elapsed:.1f} s, {rate:,.0f}/s)")
            self.next_report = self.done + max(self.total // 10, 1)


def load_sqlite(rows, n: int, analyze: bool) -> None:
    table = Report.__table__
    progress = Progress(n, "inserted")
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        # Loading only: this database is thrown away, so durability does not matter here.
        raw.execute("PRAGMA synchronous = OFF")
        raw.execute("PRAGMA cache_size = -262144")
        for batch in batches(rows, BATCH):
            connection.execute(insert(table), batch)
            connection.commit()
            progress.add(len(batch))
        if analyze:
            log("  ANALYZE …")
            connection.exec_driver_sql("ANALYZE")
            connection.commit()
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.engine.dispose()  # queries below get the portal's own connection settings


def load_postgresql(rows, n: int) -> None:
    progress = Progress(n, "copied")
    connection = db.engine.raw_connection()
    try:
        pg = connection.driver_connection
        with pg.cursor() as cursor:
            with cursor.copy(f"COPY reports ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for batch in batches(rows, BATCH):
                    for row in batch:
                        copy.write_row(tuple(row[c] for c in COLUMNS))
                    progress.add(len(batch))
            log("  committing (foreign-key checks run now) …")
            pg.commit()
            cursor.execute("SELECT setval(pg_get_serial_sequence('reports', 'id'), %s)", (n,))
            pg.commit()
        # Autovacuum would get here on its own within a minute of such a load; do it now so
        # the planner has statistics and index-only scans can skip the heap.
        log("  VACUUM ANALYZE reports …")
        pg.autocommit = True
        pg.execute("VACUUM ANALYZE reports")
        pg.autocommit = False
    finally:
        connection.close()
    db.engine.dispose()
