"""The 考核 table: each criterion of the published method, per department and district, per year.

Only criteria whose records exist are scored; the rest are None ("无数据"), and so is a total that
would need them. Nothing is estimated."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import yaml
from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import Commitment, Department, District
from ..plan.progress import attach_histories
from .pages import Delivery, delivery_of


@dataclass(frozen=True)
class Criterion:
    code: str
    title: str
    weight: int
    section: str
    quote: str
    measure: str
    source: str


@dataclass(frozen=True)
class Method:
    title: str
    note: str
    years: list[int]
    criteria: list[Criterion]


@dataclass(frozen=True)
class Score:
    """One criterion for one unit and year: a percentage with what it was computed from."""

    percent: Decimal | None  # None: 无数据
    numerator: int = 0
    denominator: int = 0
    is_sample: bool = False


@dataclass(frozen=True)
class Row:
    kind: str  # "department" or "district"
    code: str
    name: str
    year: int
    scores: dict[str, Score]
    total: Decimal | None


NO_DATA = Score(None)


def load_method(path: Path | None = None) -> Method:
    path = path or Path(current_app.config["CONTENT_DIR"]) / "accountability-method.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    criteria = [Criterion(**c) for c in data["criteria"]]
    return Method(data["title"], data["note"], list(data["years"]), criteria)


def _percent(part: int, whole: int) -> Decimal:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _commitment_scores(today: date) -> dict[tuple[int, int], Score]:
    """(department id, year) → share of that year's due commitments met on time."""
    commitments = list(
        db.session.scalars(select(Commitment).options(selectinload(Commitment.departments)))
    )
    attach_histories("commitment", commitments)
    tally: dict[tuple[int, int], list] = {}
    for commitment in commitments:
        line = delivery_of(commitment, today)
        if line.delivery == Delivery.PENDING:
            continue  # not yet due: not counted either way
        for member in commitment.departments:
            key = (member.department_id, commitment.deadline.year)
            entry = tally.setdefault(key, [0, 0, False])
            entry[1] += 1
            if line.delivery == Delivery.ON_TIME:
                entry[0] += 1
                entry[2] = entry[2] or line.is_sample
    return {k: Score(_percent(met, due), met, due, s) for k, (met, due, s) in tally.items()}


def _total(method: Method, scores: dict[str, Score]) -> Decimal | None:
    if any(scores[c.code].percent is None for c in method.criteria):
        return None
    weighted = sum(scores[c.code].percent * c.weight for c in method.criteria) / 100
    return Decimal(weighted).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def accountability_table(method: Method, today: date) -> list[Row]:
    commitments = _commitment_scores(today)
    rows = []
    departments = db.session.scalars(select(Department).order_by(Department.position)).all()
    for year in method.years:
        for d in departments:
            scores = {
                c.code: commitments.get((d.id, year), NO_DATA)
                if c.source == "commitments"
                else NO_DATA
                for c in method.criteria
            }
            rows.append(Row("department", d.code, d.name, year, scores, _total(method, scores)))
        for district in District:
            # No record of the plan is assigned to a district: every criterion is 无数据.
            scores = {c.code: NO_DATA for c in method.criteria}
            rows.append(Row("district", district.value, district.label, year, scores, None))
    return rows
