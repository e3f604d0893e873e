"""All models, imported here so that Alembic and the app see the whole schema."""

from .audit import AuditEntry, AuditLogIsAppendOnly
from .commitments import Commitment, CommitmentDepartment
from .indicators import Direction, Indicator, Measure
from .plan import Assignment, AssignmentDepartment, Department, PlanSection, Role
from .progress import ProgressStatus
from .projects import Project, ProjectGroup
from .reports import (
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
from .users import SiteSetting, StaffRole, User, UserRole

__all__ = [
    "AuditEntry",
    "AuditLogIsAppendOnly",
    "EventKind",
    "PublishedOutcome",
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
