"""All models, imported here so that Alembic and the app see the whole schema."""

from .audit import AuditEntry, AuditLogIsAppendOnly
from .bulletins import (
    Bulletin,
    BulletinAttachment,
    BulletinKind,
    BulletinRevision,
    BulletinTopic,
    IndicatorValue,
    PublicationState,
    Validity,
)
from .commitments import Commitment, CommitmentDepartment
from .conclusions import Conclusion, HandlingMeasure, measures_of
from .indicators import Direction, Indicator, Measure
from .outbox import NotifyChannel, OutboxMessage, OutboxState
from .plan import Assignment, AssignmentDepartment, Department, PlanSection, Role
from .progress import COMMITMENT_STATUSES, PROJECT_STATUSES, ProgressStatus, ProgressUpdate
from .projects import Project, ProjectGroup
from .ratings import ReportRating, Satisfaction
from .registers import (
    Enterprise,
    Exposure,
    ExposureRevision,
    Industry,
    Penalty,
    PhaseOutCategory,
    PhaseOutItem,
    RecordState,
    Rectification,
)
from .reply_templates import ReplyTemplate, ReplyUse
from .report_corrections import ReportOriginal
from .reports import (
    INTERNAL_EVENT_KINDS,
    Channel,
    District,
    DroppedSubmission,
    EventKind,
    Evidence,
    PublishedOutcome,
    Report,
    ReportCategory,
    ReportEvent,
    ReportSequence,
    ReportStatus,
)
from .search import SearchDocument
from .short_lived import ShortLivedValue
from .staff_sessions import SessionStage, SignInDelay, StaffSession
from .users import SiteSetting, StaffRole, User, UserRole

__all__ = [
    "ReplyTemplate",
    "ReplyUse",
    "ReportOriginal",
    "ReportRating",
    "Conclusion",
    "HandlingMeasure",
    "measures_of",
    "Satisfaction",
    "COMMITMENT_STATUSES",
    "PROJECT_STATUSES",
    "Bulletin",
    "BulletinAttachment",
    "BulletinKind",
    "BulletinRevision",
    "BulletinTopic",
    "Enterprise",
    "Exposure",
    "ExposureRevision",
    "IndicatorValue",
    "Industry",
    "Penalty",
    "PhaseOutCategory",
    "PhaseOutItem",
    "ProgressUpdate",
    "PublicationState",
    "RecordState",
    "Rectification",
    "Validity",
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "EventKind",
    "INTERNAL_EVENT_KINDS",
    "NotifyChannel",
    "OutboxMessage",
    "OutboxState",
    "PublishedOutcome",
    "SearchDocument",
    "ShortLivedValue",
    "SessionStage",
    "SignInDelay",
    "StaffSession",
    "SiteSetting",
    "StaffRole",
    "User",
    "UserRole",
    "Channel",
    "DroppedSubmission",
    "District",
    "Evidence",
    "Report",
    "ReportCategory",
    "ReportEvent",
    "ReportSequence",
    "ReportStatus",
    "Assignment",
    "AssignmentDepartment",
    "Commitment",
    "CommitmentDepartment",
    "Department",
    "Direction",
    "Indicator",
    "Measure",
    "PlanSection",
    "ProgressStatus",
    "Project",
    "ProjectGroup",
    "Role",
]
