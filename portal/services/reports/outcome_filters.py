"""The filters of /reports/outcomes (a GET form): category, district, department, 办理结论 and
the month of the reply. Read from the query string's values; an unknown value is refused with
a Chinese message rather than silently ignored."""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Conclusion, Department, District, ReportCategory
from .periods import InvalidPeriod, Month

FIELDS = ("category", "district", "department", "conclusion", "month")


class InvalidOutcomeFilter(ValueError):
    """A filter value that names nothing; the message is the Chinese one to show."""


@dataclass(frozen=True)
class OutcomeFilters:
    category: str = ""
    district: District | None = None
    department: str = ""
    conclusion: Conclusion | None = None
    month: Month | None = None

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in FIELDS)

    def as_args(self) -> dict[str, str]:
        """The query string that selects these filters (for pagination links)."""
        values = {
            "category": self.category,
            "district": self.district.value if self.district else "",
            "department": self.department,
            "conclusion": self.conclusion.value if self.conclusion else "",
            "month": self.month.key if self.month else "",
        }
        return {name: value for name, value in values.items() if value}

    def conditions(self, report, department) -> list:
        found = []
        if self.category:
            found.append(report.category_id == _category_id(self.category))
        if self.district:
            found.append(report.district == self.district)
        if self.department:
            found.append(department.code == self.department)
        if self.conclusion:
            found.append(report.conclusion == self.conclusion)
        if self.month:
            found += [
                report.resolved_at >= self.month.start(),
                report.resolved_at < self.month.end(),
            ]
        return found


def parse_filters(args: Mapping[str, str]) -> OutcomeFilters:
    values = {name: (args.get(name) or "").strip() for name in FIELDS}
    if values["category"] and _category_id(values["category"]) is None:
        raise InvalidOutcomeFilter("没有这个举报类别，请从列表中选择。")
    if values["department"] and not db.session.scalar(
        select(Department.id).where(Department.code == values["department"])
    ):
        raise InvalidOutcomeFilter("没有这个承办部门，请从列表中选择。")
    try:
        district = District(values["district"]) if values["district"] else None
    except ValueError:
        raise InvalidOutcomeFilter("没有这个区县，请从列表中选择。") from None
    try:
        conclusion = Conclusion(values["conclusion"]) if values["conclusion"] else None
    except ValueError:
        raise InvalidOutcomeFilter("没有这个办理结论，请从列表中选择。") from None
    try:
        month = Month.parse(values["month"]) if values["month"] else None
    except InvalidPeriod as error:
        raise InvalidOutcomeFilter(str(error)) from None
    return OutcomeFilters(values["category"], district, values["department"], conclusion, month)


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The options of each select, as (value, label)."""
    categories = db.session.execute(
        select(ReportCategory.code, ReportCategory.name).order_by(
            ReportCategory.position, ReportCategory.id
        )
    ).all()
    departments = db.session.execute(
        select(Department.code, Department.name).order_by(Department.id)
    ).all()
    return {
        "category": [tuple(row) for row in categories],
        "district": District.choices(),
        "department": [tuple(row) for row in departments],
        "conclusion": Conclusion.choices(),
    }


def _category_id(code: str) -> int | None:
    return db.session.scalar(select(ReportCategory.id).where(ReportCategory.code == code))
