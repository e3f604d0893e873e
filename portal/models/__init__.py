"""All models, imported here so that Alembic and the app see the whole schema."""

from .commitments import Commitment, CommitmentDepartment
from .indicators import Direction, Indicator, Measure
from .plan import Assignment, AssignmentDepartment, Department, PlanSection, Role
from .progress import ProgressStatus
from .projects import Project, ProjectGroup
from .reports import (
    Channel,
    District,
    DroppedSubmission,
    Evidence,
    Report,
    ReportCategory,
    ReportEvent,
    ReportSequence,
    ReportStatus,
)

__all__ = [
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
