"""Reading the queue's filters from the query string: unknown values are reported, not
silently ignored."""

from datetime import date

from werkzeug.datastructures import MultiDict

from ..models import Channel, District, ReportStatus
from ..services.reports.choices import department_id
from ..services.reports.queue import QueueFilters

ORDERS = ("", "oldest", "due")


def filters_from_args(args: MultiDict) -> tuple[QueueFilters, list[str]]:
    errors: list[str] = []

    def enum(name: str, enum_class, label: str):
        value = args.get(name, "")
        if not value:
            return None
        try:
            return enum_class(value)
        except ValueError:
            errors.append(f"未知的{label}：{value}")
            return None

    def day(name: str, label: str) -> date | None:
        value = args.get(name, "")
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            errors.append(f"{label}格式应为 年-月-日")
            return None

    category = args.get("category", "")
    department = args.get("department", "")
    department_key = department_id(department) if department else None
    if department and department_key is None:
        errors.append(f"未知的承办部门：{department}")
    order = args.get("order", "")
    if order not in ORDERS:
        errors.append(f"未知的排序方式：{order[:30]}")
    status = enum("status", ReportStatus, "状态")
    if args.get("review") == "1":  # 复核: the reporter's appeal, a shortcut for its status
        status = ReportStatus.REVIEW
    filters = QueueFilters(
        status=status,
        category_id=int(category) if category.isdigit() else None,
        district=enum("district", District, "区县"),
        channel=enum("channel", Channel, "渠道"),
        department_id=department_key,
        submitted_from=day("from", "起始日期"),
        submitted_to=day("to", "截止日期"),
        overdue=args.get("overdue") == "1",
        replies=args.get("replies") == "1",
        number=args.get("number", "")[:30],
        oldest_first=order == "oldest",
        supervised=args.get("supervised") == "1",
        urged=args.get("urged") == "1",
        by_due=order == "due",
    )
    return filters, errors
