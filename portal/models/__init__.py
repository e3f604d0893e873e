"""All models, imported here so that Alembic and the app see the whole schema."""

from .commitments import Commitment, CommitmentDepartment
from .indicators import Direction, Indicator, Measure
from .plan import Assignment, AssignmentDepartment, Department, PlanSection, Role
from .progress import ProgressStatus
from .projects import Project, ProjectGroup

__all__ = [
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
