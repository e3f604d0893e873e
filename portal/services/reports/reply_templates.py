"""Reply templates: kept by admins, offered in the moderators' action forms. The placeholders
{编号} {受理日期} {今天} {承办部门} are checked when a template is saved, so a typo is caught
by the admin rather than sent to a reporter."""

import re
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select

from ...clock import local_date
from ...database import begin_write
from ...extensions import db
from ...models import ReplyTemplate, ReplyUse, Report
from ..common import audit
from ..common.audit import Actor, Target
from ..common.errors import NotFound
from ..registers.fields import InvalidRecord

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("编号", "受理日期", "今天", "承办部门")


class TemplateNotFound(NotFound):
    pass


def list_templates(use: ReplyUse | None = None) -> list[ReplyTemplate]:
    query = select(ReplyTemplate).order_by(ReplyTemplate.use, ReplyTemplate.title)
    if use is not None:
        query = query.where(ReplyTemplate.use == use)
    return list(db.session.scalars(query))


def get_template(template_id: int) -> ReplyTemplate:
    template = db.session.get(ReplyTemplate, template_id)
    if template is None:
        raise TemplateNotFound(template_id)
    return template


def _validated(raw: Mapping[str, str]) -> dict:
    errors = {}
    try:
        use = ReplyUse(raw.get("use", ""))
    except ValueError:
        use, errors["use"] = None, "请选择模板用途。"
    title = raw.get("title", "").strip()
    if not title or len(title) > 80:
        errors["title"] = "模板名称必须填写，且不能超过 80 个字。"
    body = raw.get("body", "").replace("\r\n", "\n").strip()
    if not body or len(body) > 2000:
        errors["body"] = "模板内容必须填写，且不能超过 2000 个字。"
    unknown = [p for p in PLACEHOLDER.findall(body) if p not in PLACEHOLDERS]
    if unknown:
        allowed = " ".join(f"{{{p}}}" for p in PLACEHOLDERS)
        errors["body"] = f"未知的占位符 {{{unknown[0]}}}；只能使用 {allowed}。"
    if errors:
        raise InvalidRecord(errors)
    return {"use": use, "title": title, "body": body}


def save_template(template_id: int | None, raw: Mapping[str, str], actor: Actor) -> ReplyTemplate:
    values = _validated(raw)
    begin_write()
    template = ReplyTemplate() if template_id is None else get_template(template_id)
    for name, value in values.items():
        setattr(template, name, value)
    db.session.add(template)
    db.session.flush()
    audit.record("reply_template_saved", actor, Target("reply_template", str(template.id)))
    db.session.commit()
    return template


def delete_template(template_id: int, actor: Actor) -> None:
    begin_write()
    db.session.delete(get_template(template_id))
    audit.record("reply_template_deleted", actor, Target("reply_template", str(template_id)))
    db.session.commit()


def fill(template: ReplyTemplate, report: Report, today: date) -> str:
    """The template's text for this report; a value not known yet (not accepted, no
    department) is left as its placeholder for the moderator to complete."""
    values = {
        "编号": report.number,
        "今天": f"{today.year}年{today.month}月{today.day}日",
        "承办部门": report.department.name if report.department else None,
        "受理日期": _accepted_on(report),
    }
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1)) or m.group(0), template.body)


def _accepted_on(report: Report) -> str | None:
    for event in report.events:
        if event.status.value == "accepted":
            day = local_date(event.created_at)
            return f"{day.year}年{day.month}月{day.day}日"
    return None
