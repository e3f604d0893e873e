"""Quantified targets of the plan (指标)."""

from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .plan import PlanSection
from .types import ExactDecimal, LabelledEnum, enum_column


class Measure(LabelledEnum):
    LEVEL = "level", "达到水平"
    CHANGE = "change", "变化量"
    GROWTH_RATE = "growth_rate", "年增长率"


class Direction(LabelledEnum):
    LOWER = "lower", "越低越好"
    HIGHER = "higher", "越高越好"


class Indicator(db.Model):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    unit: Mapped[str] = mapped_column(String(40))
    measure: Mapped[Measure] = mapped_column(enum_column(Measure))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction))
    comparator: Mapped[str] = mapped_column(String(4), default="=")
    baseline_year: Mapped[int | None]
    baseline_value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    target_year: Mapped[int | None]
    target_value: Mapped[Decimal] = mapped_column(ExactDecimal)
    stated_change: Mapped[str | None] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    source_text: Mapped[str] = mapped_column(Text)
    section_id: Mapped[int] = mapped_column(ForeignKey("plan_sections.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    section: Mapped[PlanSection] = relationship()

    def __repr__(self) -> str:
        return f"<Indicator {self.code}>"
