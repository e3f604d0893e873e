"""The indicator values a quarterly statistics bulletin carries: one row per indicator and
period ("2008Q3" or "2008"). They are public exactly when their bulletin is; once it has been
published, adding or removing a row is a correction (reason, earlier text kept)."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from ...database import begin_write
from ...extensions import db
from ...models import Bulletin, BulletinKind, Indicator, IndicatorValue
from ...models.types import utcnow
from ..common import audit
from ..common.audit import Actor
from .rules import (
    BulletinError,
    BulletinNotFound,
    for_write,
    keep_earlier_text,
    refusing,
    target,
    was_published,
)

PERIOD = re.compile(r"^\d{4}(Q[1-4])?$")
FIRST_YEAR, LAST_YEAR = 2000, 2100
NOTE_LIMIT = 500


@dataclass(frozen=True)
class ValueFields:
    indicator_code: str
    period: str
    value: str
    note: str = ""


def period_end(period: str) -> date:
    """The last day of "2008Q3" (2008-09-30) or of "2008" (2008-12-31)."""
    year, _, quarter = period.partition("Q")
    month = 3 * int(quarter) if quarter else 12
    return date(int(year), month, calendar.monthrange(int(year), month)[1])


def period_label(period: str) -> str:
    """ "2008Q3" → "2008年第3季度"; "2008" → "2008年"."""
    year, _, quarter = period.partition("Q")
    return f"{year}年第{quarter}季度" if quarter else f"{year}年"


def indicator_choices() -> list[tuple[str, str]]:
    rows = db.session.execute(select(Indicator.code, Indicator.name).order_by(Indicator.position))
    return [(code, name) for code, name in rows]


def add_value(
    bulletin_id: int,
    fields: ValueFields,
    actor: Actor,
    reason: str = "",
    now: datetime | None = None,
) -> IndicatorValue:
    period, amount, note = _clean(fields)
    begin_write()
    bulletin = for_write(bulletin_id)
    with refusing():
        _check_kind(bulletin)
        indicator = _indicator(fields.indicator_code)
        if any(v.indicator_id == indicator.id and v.period == period for v in bulletin.values):
            raise BulletinError(
                {"period": f"本通报已有该指标 {period} 的数值；如需修改，请先删除原数值。"}
            )
        corrected = _before_change(bulletin, reason, actor, now or utcnow())
    row = IndicatorValue(
        indicator=indicator, period=period, period_end=period_end(period), value=amount, note=note
    )
    bulletin.values.append(row)
    _record(bulletin, corrected, actor, reason, "value_added", indicator.code, period)
    db.session.commit()
    return row


def remove_value(
    bulletin_id: int, value_id: int, actor: Actor, reason: str = "", now: datetime | None = None
) -> None:
    begin_write()
    bulletin = for_write(bulletin_id)
    with refusing():
        row = next((v for v in bulletin.values if v.id == value_id), None)
        if row is None:
            raise BulletinNotFound(f"{bulletin_id}/values/{value_id}")
        corrected = _before_change(bulletin, reason, actor, now or utcnow())
    code, period = row.indicator.code, row.period
    bulletin.values.remove(row)  # delete-orphan: the row goes with it
    _record(bulletin, corrected, actor, reason, "value_removed", code, period)
    db.session.commit()


def _clean(fields: ValueFields) -> tuple[str, Decimal, str | None]:
    errors = {}
    period = "".join((fields.period or "").split()).upper()
    if not PERIOD.fullmatch(period):
        errors["period"] = "统计期请写成“2008Q3”（季度）或“2008”（年度）。"
    elif not FIRST_YEAR <= int(period[:4]) <= LAST_YEAR:
        errors["period"] = f"统计期的年份应在 {FIRST_YEAR} 至 {LAST_YEAR} 年之间。"
    amount = _decimal(fields.value)
    if amount is None:
        errors["value"] = "请填写数值，例如 2.45 或 -3.5（不带单位）。"
    note = (fields.note or "").strip()
    if len(note) > NOTE_LIMIT:
        errors["note"] = f"说明不能超过 {NOTE_LIMIT} 个字。"
    if not (fields.indicator_code or "").strip():
        errors["indicator"] = "请选择指标。"
    if errors:
        raise BulletinError(errors)
    return period, amount, note or None


def _decimal(text: str | None) -> Decimal | None:
    text = (text or "").strip().replace(",", "").replace("，", "")
    if not text or len(text) > 30:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def _check_kind(bulletin: Bulletin) -> None:
    if bulletin.kind != BulletinKind.QUARTERLY_STATISTICS:
        raise BulletinError("只有季度统计通报可以登记指标数值。")


def _indicator(code: str) -> Indicator:
    indicator = db.session.scalar(select(Indicator).where(Indicator.code == code.strip()))
    if indicator is None:
        raise BulletinError({"indicator": "请从列表中选择指标。"})
    return indicator


def _before_change(bulletin: Bulletin, reason: str, actor: Actor, now: datetime) -> bool:
    """True when the change is a correction: the earlier text (with its values) is kept."""
    if not was_published(bulletin):
        return False
    keep_earlier_text(bulletin, (reason or "").strip(), actor, now)
    bulletin.updated_at = now
    return True


def _record(bulletin, corrected, actor, reason, change, code, period) -> None:
    action = "bulletin_corrected" if corrected else "bulletin_updated"
    audit.record(
        action, actor, target(bulletin),
        change=change, indicator=code, period=period, reason=(reason or "").strip(),
    )  # fmt: skip
