"""Violation reports (举报), their public timeline, and their evidence files."""

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .conclusions import Conclusion, HandlingMeasure, measures_of
from .plan import Department, PlanSection
from .types import ExactDecimal, LabelledEnum, UTCDateTime, enum_column, utcnow

if TYPE_CHECKING:  # models.registers imports District from here
    from .registers import Enterprise


class District(LabelledEnum):
    XINGSHAN = "xingshan", "兴山区"
    XIANGYANG = "xiangyang", "向阳区"
    GONGNONG = "gongnong", "工农区"
    NANSHAN = "nanshan", "南山区"
    XINGAN = "xingan", "兴安区"
    DONGSHAN = "dongshan", "东山区"
    LUOBEI = "luobei", "萝北县"
    SUIBIN = "suibin", "绥滨县"


class Channel(LabelledEnum):
    WEB = "web", "网站"
    PHONE = "phone", "电话"
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"


class ReportStatus(LabelledEnum):
    SUBMITTED = "submitted", "待受理"
    ACCEPTED = "accepted", "已受理"
    REJECTED = "rejected", "不予受理"
    DUPLICATE = "duplicate", "重复举报"
    ASSIGNED = "assigned", "已转办"
    INVESTIGATING = "investigating", "调查处理中"
    RESOLVED = "resolved", "已办结"
    # Only the reporter's appeal (复核申请) of a resolved report leads here; 复核办结 leaves.
    REVIEW = "review", "复核中"


class EventKind(LabelledEnum):
    SUBMITTED = "submitted", "提交"
    TRANSITION = "transition", "状态变更"
    QUESTION = "question", "向举报人提问"
    REPLY = "reply", "举报人答复"
    APPEAL = "appeal", "申请复核"
    CORRECTION = "correction", "更正举报信息"
    # Internal (督办/催办): staff only, never on the reporter's status page.
    SUPERVISE = "supervise", "督办"
    URGE = "urge", "催办"


INTERNAL_EVENT_KINDS = frozenset({EventKind.SUPERVISE, EventKind.URGE})


class ReportCategory(db.Model):
    __tablename__ = "report_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    explanation: Mapped[str] = mapped_column(Text)
    default_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("plan_sections.id"))
    position: Mapped[int] = mapped_column(default=0)

    default_department: Mapped[Department | None] = relationship()
    section: Mapped[PlanSection | None] = relationship()


class Report(db.Model):
    __tablename__ = "reports"
    # The moderation queue pages by (submitted_at, id) under each of its filters.
    __table_args__ = (
        *(
            Index(
                f"ix_reports_queue_{column or 'all'}", *filter(None, [column]), "submitted_at", "id"
            )
            for column in (
                *(None, "status", "category_id", "district", "channel", "department_id"),
                *("supervised", "urged"),
            )
        ),
        # The dashboard counts reports past the time to resolve, per status.
        Index("ix_reports_status_decided_at", "status", "decided_at"),
        # The queue sorted by days left (most urgent first).
        Index("ix_reports_queue_due", "due_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(24), unique=True)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    status: Mapped[ReportStatus] = mapped_column(
        enum_column(ReportStatus), default=ReportStatus.SUBMITTED
    )
    category_id: Mapped[int] = mapped_column(ForeignKey("report_categories.id"))
    district: Mapped[District] = mapped_column(enum_column(District))
    place: Mapped[str] = mapped_column(String(500))
    # Where the reporter stood when they chose "使用我的位置" (optional): staff only, never on
    # a public page; erased with the contact details (retention).
    latitude: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    longitude: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    occurred_on: Mapped[date]
    occurred_time: Mapped[time | None]
    subject: Mapped[str | None] = mapped_column(String(200))
    # The register's enterprise a moderator recognised in 涉及对象 (staff decide, not the form).
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # When acceptance was decided (accepted, rejected or duplicate) and when it was closed.
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    public_result: Mapped[str | None] = mapped_column(Text)
    # Set when resolved (and again by 复核办结): 办理结论, the handling measures (comma-separated
    # HandlingMeasure values) and their free-text detail. Reports resolved before these were
    # recorded carry Conclusion.UNRECORDED.
    conclusion: Mapped[Conclusion | None] = mapped_column(enum_column(Conclusion), index=True)
    handling_measures: Mapped[str | None] = mapped_column(String(200))
    handling_note: Mapped[str | None] = mapped_column(Text)
    # Follow-up without an account: a question is waiting for the reporter / a reply is unread.
    awaiting_reply: Mapped[bool] = mapped_column(default=False)
    reply_unread: Mapped[bool] = mapped_column(default=False, index=True)
    is_sample: Mapped[bool] = mapped_column(default=False)  # demo data, labelled on screen
    # When the reporter asked for a review (复核申请), to the minute; at most once per report.
    appealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 督办: supervised by a moderator, to be concluded by a new deadline (a local date); 催办:
    # the handling department has been reminded at least once. The events hold the details.
    supervised: Mapped[bool] = mapped_column(default=False)
    supervise_deadline: Mapped[date | None]
    urged: Mapped[bool] = mapped_column(default=False)
    # When the report is due: its next time limit (15/60 days, 复核) or its 督办 deadline,
    # whichever is first; None once closed. Kept by services.reports.due on every flush.
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set once contact details and evidence are erased under the retention policy.
    contacts_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # Private: Fernet tokens, readable only through portal.services.common.crypto. None = anonymous.
    anonymous: Mapped[bool] = mapped_column(default=True)
    contact_name: Mapped[str | None] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(Text)
    contact_email: Mapped[str | None] = mapped_column(Text)
    # Progress notifications the reporter asked for, to the phone / email above.
    notify_sms: Mapped[bool] = mapped_column(default=False)
    notify_email: Mapped[bool] = mapped_column(default=False)
    # The receipt code's argon2id hash, and a digest that recognises a resubmitted form
    # without keeping its token in clear. No trace of the sender's address is kept: abuse is
    # counted only in the rate limiter's short-lived store.
    receipt_hash: Mapped[str] = mapped_column(String(200))
    idempotency_digest: Mapped[str] = mapped_column(String(64), unique=True)

    category: Mapped[ReportCategory] = relationship()
    department: Mapped[Department | None] = relationship()
    enterprise: Mapped["Enterprise | None"] = relationship()
    duplicate_of: Mapped["Report | None"] = relationship(remote_side="Report.id")
    events: Mapped[list["ReportEvent"]] = relationship(
        back_populates="report", order_by="ReportEvent.id", cascade="all, delete-orphan"
    )
    evidence: Mapped[list["Evidence"]] = relationship(
        back_populates="report", order_by="Evidence.id", cascade="all, delete-orphan"
    )

    @property
    def measures(self) -> list[HandlingMeasure]:
        return measures_of(self.handling_measures)

    def __repr__(self) -> str:
        return f"<Report {self.number}>"

    # The timeline: services say what happened, these build the row. Each event carries the
    # status the report has as it happens, so a transition sets the new status first.

    def record_submission(self, note: str, *, at: datetime, actor_name: str) -> "ReportEvent":
        return self._add_event(EventKind.SUBMITTED, at, actor_name, public_note=note)

    def record_transition(
        self,
        public_note: str,
        *,
        at: datetime,
        actor_name: str,
        actor_id: int | None,
        department: Department | None = None,
        internal_note: str | None = None,
    ) -> "ReportEvent":
        return self._add_event(
            EventKind.TRANSITION, at, actor_name, actor_id,
            department=department, public_note=public_note, internal_note=internal_note,
        )  # fmt: skip

    def record_question(
        self, question: str, *, at: datetime, actor_name: str, actor_id: int | None
    ) -> "ReportEvent":
        return self._add_event(EventKind.QUESTION, at, actor_name, actor_id, public_note=question)

    def record_reply(self, text: str, *, at: datetime, actor_name: str) -> "ReportEvent":
        """The reporter's answer; returned, so that the files sent with it can point at it."""
        return self._add_event(EventKind.REPLY, at, actor_name, public_note=text)

    def record_appeal(self, reason: str, *, at: datetime, actor_name: str) -> "ReportEvent":
        """The reporter's 复核申请: the timeline says so; the reason is for staff and the
        reporter only, like a reply."""
        return self._add_event(EventKind.APPEAL, at, actor_name, public_note=reason)

    def record_escalation(
        self, kind: EventKind, note: str, *, at: datetime, actor_name: str, actor_id: int | None
    ) -> "ReportEvent":
        """督办 or 催办: an internal event, its text kept as an internal note."""
        assert kind in INTERNAL_EVENT_KINDS
        return self._add_event(
            kind, at, actor_name, actor_id, department=self.department, internal_note=note
        )

    def record_correction(
        self,
        public_note: str | None,
        internal_note: str,
        *,
        at: datetime,
        actor_name: str,
        actor_id: int | None,
    ) -> "ReportEvent":
        """A moderator's correction: which fields, publicly; old → new and why, internally."""
        return self._add_event(
            EventKind.CORRECTION, at, actor_name, actor_id,
            public_note=public_note, internal_note=internal_note,
        )  # fmt: skip

    def _add_event(
        self, kind: EventKind, at: datetime, actor_name: str, actor_id: int | None = None, **notes
    ) -> "ReportEvent":
        event = ReportEvent(
            created_at=at, kind=kind, status=self.status, actor=actor_name, actor_id=actor_id,
            **notes,
        )  # fmt: skip
        self.events.append(event)
        return event


class ReportEvent(db.Model):
    """One step of a report's history. Public notes are shown to the reporter; internal
    notes never leave the staff view."""

    __tablename__ = "report_events"
    # 督办/催办 counted per department.
    __table_args__ = (Index("ix_report_events_kind_department", "kind", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    kind: Mapped[EventKind] = mapped_column(enum_column(EventKind), default=EventKind.TRANSITION)
    status: Mapped[ReportStatus] = mapped_column(enum_column(ReportStatus))
    actor: Mapped[str] = mapped_column(String(80))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    public_note: Mapped[str | None] = mapped_column(Text)
    internal_note: Mapped[str | None] = mapped_column(Text)

    report: Mapped[Report] = relationship(back_populates="events")
    department: Mapped[Department | None] = relationship()
    evidence: Mapped[list["Evidence"]] = relationship(back_populates="event")


class Evidence(db.Model):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("report_events.id"))  # a reply's files
    relative_path: Mapped[str] = mapped_column(String(200), unique=True)
    media_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # What staff see: "证据1.jpg" — the file's place in the report and its detected type. The
    # name the citizen's device gave it (a person, a place, the second a photo was taken) is
    # never stored.
    name: Mapped[str] = mapped_column(String(200))
    width: Mapped[int | None]
    height: Mapped[int | None]
    # A small JPEG made from the cleaned image at intake, stored beside it, for staff pages.
    thumbnail_path: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[Report] = relationship(back_populates="evidence")
    event: Mapped[ReportEvent | None] = relationship(back_populates="evidence")

    @property
    def stored_paths(self) -> list[str]:
        """The files on disk: the evidence and, for an image, its thumbnail."""
        return [p for p in (self.relative_path, self.thumbnail_path) if p]


class PublishedOutcome(db.Model):
    """A reviewed, redacted summary of a resolved report, published at /reports/outcomes."""

    __tablename__ = "published_outcomes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id"), unique=True)
    summary: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    report: Mapped[Report] = relationship()


class ReportSequence(db.Model):
    """The last report number handed out on each (local) day."""

    __tablename__ = "report_sequences"

    day: Mapped[date] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class DroppedSubmission(db.Model):
    """How many automated submissions the honeypot or the fill-time check dropped, per day."""

    __tablename__ = "dropped_submissions"

    day: Mapped[date] = mapped_column(primary_key=True)
    reason: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
