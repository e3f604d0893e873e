"""The public registers: enterprises, the exposure list (曝光台) and the phase-out list
(淘汰落后产能名单)."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .reports import District, Report
from .types import ExactDecimal, LabelledEnum, UTCDateTime, enum_column, utcnow


class Industry(LabelledEnum):
    PAPER = "paper", "造纸"
    CEMENT = "cement", "水泥"
    BUILDING_MATERIALS = "building_materials", "建材"
    COKING = "coking", "焦化"
    STEEL = "steel", "钢铁"
    COAL_MINING = "coal_mining", "煤矿"
    POWER = "power", "电力"
    CHEMICAL = "chemical", "化工"
    FOOD = "food", "食品"
    LIVESTOCK = "livestock", "畜禽养殖"
    OTHER = "other", "其他"


class Enterprise(db.Model):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    uscc: Mapped[str | None] = mapped_column(String(18), unique=True)  # 统一社会信用代码
    district: Mapped[District | None] = mapped_column(enum_column(District))
    industry: Mapped[Industry] = mapped_column(enum_column(Industry), default=Industry.OTHER)
    address: Mapped[str | None] = mapped_column(String(300))
    is_sample: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    exposures: Mapped[list["Exposure"]] = relationship(back_populates="enterprise")
    phase_out_items: Mapped[list["PhaseOutItem"]] = relationship(back_populates="enterprise")


class Penalty(LabelledEnum):
    FINE = "fine", "罚款"
    DEADLINE_TREATMENT = "deadline_treatment", "限期治理"
    LIMIT_PRODUCTION = "limit_production", "限产限排"
    SUSPEND_PRODUCTION = "suspend_production", "停产整治"
    DESULFURISATION_PRICE = "desulfurisation_price", "扣减脱硫电价"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证"
    CLOSE_DOWN = "close_down", "关停"
    OTHER = "other", "其他"


class Rectification(LabelledEnum):
    NOT_STARTED = "not_started", "未整改"
    IN_PROGRESS = "in_progress", "整改中"
    COMPLETED = "completed", "已整改"


class RecordState(LabelledEnum):
    PUBLISHED = "published", "公开"
    WITHDRAWN = "withdrawn", "已撤回"


class Exposure(db.Model):
    __tablename__ = "exposures"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    violation_type: Mapped[str] = mapped_column(String(80), index=True)
    facts: Mapped[str] = mapped_column(Text)
    legal_basis: Mapped[str] = mapped_column(Text)
    penalties: Mapped[list[str]] = mapped_column(JSON, default=list)  # Penalty values
    fine_yuan: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    penalty_text: Mapped[str] = mapped_column(Text, default="")
    decision_number: Mapped[str] = mapped_column(String(80))
    decision_date: Mapped[date] = mapped_column(index=True)
    published_on: Mapped[date] = mapped_column(index=True)
    rectification: Mapped[Rectification] = mapped_column(
        enum_column(Rectification), default=Rectification.NOT_STARTED
    )
    rectification_note: Mapped[str | None] = mapped_column(Text)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    state: Mapped[RecordState] = mapped_column(
        enum_column(RecordState), default=RecordState.PUBLISHED
    )
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(default=1)
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    enterprise: Mapped[Enterprise] = relationship(back_populates="exposures")
    report: Mapped[Report | None] = relationship()
    revisions: Mapped[list["ExposureRevision"]] = relationship(
        back_populates="exposure", order_by="ExposureRevision.revision",
        cascade="all, delete-orphan",
    )  # fmt: skip


class ExposureRevision(db.Model):
    """An earlier version of an exposure record, kept when it was corrected or withdrawn."""

    __tablename__ = "exposure_revisions"
    __table_args__ = (UniqueConstraint("exposure_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    exposure_id: Mapped[int] = mapped_column(ForeignKey("exposures.id", ondelete="CASCADE"))
    revision: Mapped[int]
    snapshot: Mapped[dict] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    corrected_by: Mapped[str] = mapped_column(String(80))

    exposure: Mapped[Exposure] = relationship(back_populates="revisions")


class PhaseOutCategory(LabelledEnum):
    CLOSE = "close", "淘汰关停"
    RECTIFY = "rectify", "限期整改"
    UPGRADE = "upgrade", "技术改造升级"


class PhaseOutItem(db.Model):
    """One piece of backward capacity to be phased out. Whether it is overdue is derived
    from its deadline and today, never stored (see services.phase_out)."""

    __tablename__ = "phase_out_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    industry: Mapped[Industry] = mapped_column(enum_column(Industry), index=True)
    equipment: Mapped[str] = mapped_column(String(200))
    capacity_value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    capacity_unit: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[PhaseOutCategory] = mapped_column(enum_column(PhaseOutCategory), index=True)
    deadline: Mapped[date] = mapped_column(index=True)
    completed_on: Mapped[date | None]
    verification: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    enterprise: Mapped[Enterprise] = relationship(back_populates="phase_out_items")
