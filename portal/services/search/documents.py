"""What each kind of public record contributes to the search index: its title, text, link
and date, or nothing while the public may not see it.

KINDS is the one list of indexed kinds; its order is the order of the results page.
"""

from datetime import date

from markupsafe import Markup

from ...clock import local_date
from ...models import (
    Bulletin,
    Commitment,
    Department,
    Enterprise,
    Exposure,
    Indicator,
    PhaseOutItem,
    PlanSection,
    Project,
    PublicationState,
    PublishedOutcome,
    RecordState,
)

# kind → (model, Chinese label)
KINDS = {
    "plan": (PlanSection, "方案章节"),
    "target": (Indicator, "目标指标"),
    "commitment": (Commitment, "承诺事项"),
    "project": (Project, "重点工程"),
    "department": (Department, "责任部门"),
    "bulletin": (Bulletin, "通报公告"),
    "exposure": (Exposure, "曝光台"),
    "phase_out": (PhaseOutItem, "淘汰落后产能"),
    "enterprise": (Enterprise, "企业"),
    "outcome": (PublishedOutcome, "举报办理结果"),
}
KIND_OF_MODEL = {model: kind for kind, (model, _label) in KINDS.items()}
# Kinds whose title carries an enterprise's name: re-indexed when the enterprise changes.
NAMES_AN_ENTERPRISE = {"exposure": Exposure, "phase_out": PhaseOutItem}


def plain(html: str | None) -> str:
    # The stored HTML was sanitised at save time; we only strip it to text, never output it.
    return Markup(html or "").striptags()  # noqa: S704


def _join(*parts: str | None) -> str:
    return "\n".join(part for part in parts if part)


def bigrams_of(text: str) -> str:
    """Each distinct pair of adjacent letters/digits in `text`, as words: " 煤矿 矿企 "."""
    pairs = {a + b for a, b in zip(text, text[1:], strict=False) if a.isalnum() and b.isalnum()}
    return f" {' '.join(sorted(pairs))} " if pairs else ""


def document_for(kind: str, record) -> dict | None:
    """The index row of a record, or None when the public may not see it."""
    return BUILDERS[kind](record)


def _plan(record: PlanSection) -> dict:
    return _row("plan", record, record.title, plain(record.body_html), record.position, None,
                "public.plan_section", slug=record.slug)  # fmt: skip


def _target(record: Indicator) -> dict:
    body = _join(record.unit, record.stated_change, record.note, record.source_text)
    return _row("target", record, record.name, body, record.position, None,
                "public.target_detail", code=record.code)  # fmt: skip


def _commitment(record: Commitment) -> dict:
    body = _join(record.deadline_text, record.status.label, record.source_text,
                 *(link.department.name for link in record.departments))  # fmt: skip
    return _row("commitment", record, record.title, body, record.position, record.deadline,
                "public.commitments", _anchor=record.code)  # fmt: skip


def _project(record: Project) -> dict:
    body = _join(record.category, record.owner, record.deadline_text, record.source_text)
    return _row("project", record, record.name, body, record.position, record.deadline,
                "public.projects", _anchor=record.code)  # fmt: skip


def _department(record: Department) -> dict:
    return _row("department", record, record.name, _join(*record.aliases), record.position,
                None, "public.plan")  # fmt: skip


def _bulletin(record: Bulletin) -> dict | None:
    # Only the current text: earlier versions live in bulletin_revisions, never indexed.
    if record.state != PublicationState.PUBLISHED:
        return None
    body = _join(record.document_number, record.keywords, plain(record.body_html))
    day = local_date(record.published_at) if record.published_at else record.written_on
    return _row("bulletin", record, record.title, body, -record.id, day,
                "bulletins.detail", bulletin_id=record.id, slug=record.slug)  # fmt: skip


def _exposure(record: Exposure) -> dict | None:
    if record.state not in (RecordState.PUBLISHED, RecordState.WITHDRAWN):
        return None
    title = f"{record.enterprise.name}：{record.violation_type}"
    body = _join(record.facts, record.legal_basis, record.penalty_text,
                 record.decision_number, record.rectification_note)  # fmt: skip
    row = _row("exposure", record, title, body, -record.id, record.published_on,
               "registers.exposure", exposure_id=record.id)  # fmt: skip
    row["withdrawn"] = record.state == RecordState.WITHDRAWN
    return row


def _phase_out(record: PhaseOutItem) -> dict:
    title = f"{record.enterprise.name}：{record.equipment}"
    body = _join(record.industry.label, record.category.label, record.verification, record.note)
    return _row("phase_out", record, title, body, record.id, record.deadline,
                "registers.phase_out_item", item_id=record.id)  # fmt: skip


def _enterprise(record: Enterprise) -> dict:
    body = _join(record.uscc, record.district.label if record.district else None,
                 record.industry.label, record.address)  # fmt: skip
    return _row("enterprise", record, record.name, body, record.id, None,
                "registers.enterprise", enterprise_id=record.id)  # fmt: skip


def _outcome(record: PublishedOutcome) -> dict:
    # Only what /reports/outcomes/<number> shows: the number, category and the redacted text.
    report = record.report
    title = f"{report.number} {report.category.name}"
    body = _join(record.summary, record.result)
    row = _row("outcome", record, title, body, -record.id, local_date(record.published_at),
               "reports.outcome", number=report.number)  # fmt: skip
    row["is_sample"] = report.is_sample
    return row


BUILDERS = {
    "plan": _plan,
    "target": _target,
    "commitment": _commitment,
    "project": _project,
    "department": _department,
    "bulletin": _bulletin,
    "exposure": _exposure,
    "phase_out": _phase_out,
    "enterprise": _enterprise,
    "outcome": _outcome,
}


def _row(kind, record, title, body, position, day: date | None, endpoint, **args) -> dict:
    # Whitespace collapsed, so that a quoted phrase "节能 减排" matches across line breaks.
    haystack = " ".join(f"{title}\n{body}".lower().split())
    return {
        "kind": kind,
        "record_id": record.id,
        "title": title[:300],
        "body_text": body,
        "haystack": haystack,
        "bigrams": bigrams_of(haystack),
        "url_args": {"endpoint": endpoint, **args},
        "position": position,
        "record_date": day,
        "withdrawn": False,
        "is_sample": bool(getattr(record, "is_sample", False)),
    }
