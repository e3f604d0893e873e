"""Bulletins (进展通报/公告): the documents editors publish, their corrections, attachments,
and the indicator values a quarterly statistics bulletin carries."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .indicators import Indicator
from .types import ExactDecimal, LabelledEnum, SanitisedHTML, UTCDateTime, enum_column, utcnow


class BulletinKind(LabelledEnum):
    WORK_NEWS = "work_news", "工作动态"
    QUARTERLY_STATISTICS = "quarterly_statistics", "季度统计通报"
    WATER_QUALITY = "water_quality", "水质月报"
    POLLUTION_SOURCES = "pollution_sources", "重点污染源排放季报"
    NOTICE = "notice", "公告"


class BulletinTopic(LabelledEnum):
    """主题分类: the part of the State Council's topic classification (国务院公文主题分类,
    as gov.cn files its documents: 大类 > 小类) that this portal's bulletins fall under."""

    ENERGY_SAVING = "energy_saving", "城乡建设、环境保护 > 节能与资源综合利用"
    ENVIRONMENT = "environment", "城乡建设、环境保护 > 环境监测、保护与治理"
    ENERGY = "energy", "国土资源、能源 > 能源"
    MINERALS = "minerals", "国土资源、能源 > 矿产"
    INDUSTRY = "industry", "工业、交通 > 工业"
    WATER = "water", "农业、林业、水利 > 水利"
    STATISTICS = "statistics", "国民经济管理、国有资产监管 > 统计"
    SUPERVISION = "supervision", "综合政务 > 政务督查"
    DISCLOSURE = "disclosure", "综合政务 > 政务公开"
    OTHER = "other", "综合政务 > 其他"


class PublicationState(LabelledEnum):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    UNPUBLISHED = "unpublished", "已撤下"


class Validity(LabelledEnum):
    VALID = "valid", "有效"
    AMENDED = "amended", "已修订"
    REPEALED = "repealed", "已废止"


class Bulletin(db.Model):
    __tablename__ = "bulletins"

    id: Mapped[int] = mapped_column(primary_key=True)
    index_number: Mapped[str] = mapped_column(String(40), unique=True)  # 索引号
    kind: Mapped[BulletinKind] = mapped_column(enum_column(BulletinKind), index=True)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120))
    subject_category: Mapped[BulletinTopic] = mapped_column(
        enum_column(BulletinTopic), index=True
    )  # 主题分类
    issuing_body: Mapped[str] = mapped_column(String(120))  # 发文机关
    written_on: Mapped[date]  # 成文日期
    document_number: Mapped[str | None] = mapped_column(String(80))  # 发文字号
    keywords: Mapped[str] = mapped_column(String(200), default="")  # 主题词
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(SanitisedHTML, default="")
    state: Mapped[PublicationState] = mapped_column(
        enum_column(PublicationState), default=PublicationState.DRAFT, index=True
    )
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)  # 发布日期
    unpublish_reason: Mapped[str | None] = mapped_column(Text)
    validity: Mapped[Validity] = mapped_column(enum_column(Validity), default=Validity.VALID)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("bulletins.id"))
    revision: Mapped[int] = mapped_column(default=1)
    is_sample: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    replaced_by: Mapped["Bulletin | None"] = relationship(remote_side="Bulletin.id")
    revisions: Mapped[list["BulletinRevision"]] = relationship(
        back_populates="bulletin", order_by="BulletinRevision.revision",
        cascade="all, delete-orphan",
    )  # fmt: skip
    attachments: Mapped[list["BulletinAttachment"]] = relationship(
        back_populates="bulletin", order_by="BulletinAttachment.id", cascade="all, delete-orphan"
    )
    values: Mapped[list["IndicatorValue"]] = relationship(
        back_populates="bulletin", order_by="IndicatorValue.id", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Bulletin {self.index_number}>"


class BulletinRevision(db.Model):
    """An earlier text of a published bulletin, kept when it was corrected (更正记录)."""

    __tablename__ = "bulletin_revisions"
    __table_args__ = (UniqueConstraint("bulletin_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletins.id", ondelete="CASCADE"))
    revision: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body_html: Mapped[str] = mapped_column(SanitisedHTML)
    metadata_snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    reason: Mapped[str] = mapped_column(Text)  # why the text that replaced this one was changed
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    corrected_by: Mapped[str] = mapped_column(String(80))

    bulletin: Mapped[Bulletin] = relationship(back_populates="revisions")


class BulletinAttachment(db.Model):
    __tablename__ = "bulletin_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletins.id", ondelete="CASCADE"))
    relative_path: Mapped[str] = mapped_column(String(200), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))

    bulletin: Mapped[Bulletin] = relationship(back_populates="attachments")


class IndicatorValue(db.Model):
    """One published value of an indicator, carried by a statistics bulletin."""

    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("bulletin_id", "indicator_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bulletin_id: Mapped[int] = mapped_column(ForeignKey("bulletins.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    period: Mapped[str] = mapped_column(String(10))  # "2008Q3" or "2008"
    period_end: Mapped[date]  # the last day of the period: for ordering and charts
    value: Mapped[Decimal] = mapped_column(ExactDecimal)
    note: Mapped[str | None] = mapped_column(Text)

    bulletin: Mapped[Bulletin] = relationship(back_populates="values")
    indicator: Mapped[Indicator] = relationship()
