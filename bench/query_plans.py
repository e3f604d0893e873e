"""Query plans for the benchmarks: the SELECTs a call runs (captured_sql), their EXPLAIN on
SQLite or PostgreSQL, and a verdict on how `reports` is reached (seek, index walk, full scan,
sort)."""

import re
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event

from portal.extensions import db


@contextmanager
def captured_sql():
    seen: list[tuple[str, object]] = []

    def listener(_conn, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


@dataclass
class Plan:
    text: str
    reports_access: list[str]
    index_used: bool  # some index on reports is read
    seeks: bool  # ... and narrowed by a condition (SEARCH / Index Cond), not just walked
    full_scan: bool
    sorts: bool

    @property
    def verdict(self) -> str:
        if self.full_scan:
            verdict = "**no: full scan**"
        elif not self.index_used:
            verdict = "no"
        else:
            verdict = "seek" if self.seeks else "index walk"
        return verdict + (" + sort" if self.sorts else "")


def explain(statement: str, parameters) -> Plan:
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.connect() as connection:
        if sqlite:
            rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            depth: dict[int, int] = {0: -1}
            lines = []
            for node, parent, _unused, detail in rows:
                depth[node] = depth.get(parent, -1) + 1
                lines.append("  " * depth[node] + detail)
            return sqlite_plan(lines)
        rows = connection.exec_driver_sql("EXPLAIN " + statement, parameters).all()
        return postgresql_plan([row[0] for row in rows])


REPORTS_SQLITE = re.compile(r"^\s*(SCAN|SEARCH) reports\b(.*)$")


def sqlite_plan(lines: list[str]) -> Plan:
    access, used, seeks, full, sorts = [], False, False, False, False
    for line in lines:
        match = REPORTS_SQLITE.match(line)
        if match:
            access.append(line.strip())
            if "USING" in match.group(2):
                used = True
                seeks = seeks or match.group(1) == "SEARCH"
            else:
                full = True
        if "TEMP B-TREE" in line:
            sorts = True
            access.append(line.strip())
    return Plan("\n".join(lines), access, used, seeks, full, sorts)


REPORTS_INDEX_PG = re.compile(
    r"(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) ((?:ix|uq|pk)_reports\w*)"
)


def postgresql_plan(lines: list[str]) -> Plan:
    access, used, seeks, full, sorts = [], False, False, False, False
    for number, line in enumerate(lines):
        bare = re.sub(r"\s*\(cost=.*?\)", "", line).replace("->", "").strip()
        if REPORTS_INDEX_PG.search(line):
            used = True
            access.append(bare)
            details = []  # the node's own lines (Index Cond, Filter), up to the next node
            for following in lines[number + 1 :]:
                if "->" in following:
                    break
                details.append(following)
            seeks = seeks or any("Index Cond:" in d for d in details)
        elif re.search(r"Seq Scan on reports\b", line):
            full = True
            access.append(bare)
        elif re.search(r"Heap Scan on reports\b", line):
            access.append(bare)
        elif re.match(r"(Incremental )?Sort\b", bare):
            sorts = True
            access.append(bare)
    return Plan("\n".join(lines), access, used, seeks, full, sorts)
