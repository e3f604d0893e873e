"""Records as the API publishes them: only what the public pages show, each with its permalink.

Conventions (stated on /api and in the OpenAPI document): times are ISO 8601 with the city's
offset (+08:00); plain dates are YYYY-MM-DD; published figures are decimal strings kept exactly
as written ("2.00" stays "2.00"); `sample` marks demonstration data.
"""

from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urljoin

from flask import url_for

from ..clock import CITY_TZ
from ..models import Bulletin, Department, PlanSection, ProgressUpdate
from ..services.opendata.outcomes import ApiOutcome
from ..services.plan.commitments import is_overdue
from ..services.plan.targets import IndicatorProgress, Reading
from ..web.links import bulletin_url


def iso_time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(CITY_TZ).isoformat()


def iso_date(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def figure(value: Decimal | None) -> str | None:
    """Plain notation, exact: 2.00 stays "2.00", and 1E+3 reads "1000"."""
    return None if value is None else format(value, "f")


def absolute(endpoint: str, anchor: str | None = None, **values) -> str:
    return url_for(endpoint, _external=True, _anchor=anchor, **values)


def department(d: Department) -> dict:
    return {"code": d.code, "name": d.name}


def section_ref(section: PlanSection) -> dict:
    return {
        "slug": section.slug,
        "title": section.title,
        "url": absolute("public.plan_section", slug=section.slug),
    }


def section_record(section: PlanSection) -> dict:
    return {
        "slug": section.slug,
        "title": section.title,
        "level": section.level,
        "position": section.position,
        "parent": section.parent.slug if section.parent else None,
        "body_markdown": section.body_markdown,
        "body_html": str(section.body_html),
        "assignments": [
            {
                "scope": a.scope,
                "text": a.text,
                "leads": [department(d) for d in a.leads],
                "cooperating": [department(d) for d in a.cooperating],
                "others_cooperate": a.others_cooperate,
            }
            for a in section.assignments
        ],
        "url": absolute("public.plan_section", slug=section.slug),
    }


def bulletin_ref(bulletin: Bulletin) -> dict:
    link = bulletin_url(bulletin)
    return {
        "index_number": bulletin.index_number,
        "title": bulletin.title,
        "document_number": bulletin.document_number,
        "published_at": iso_time(bulletin.published_at),
        "revision": bulletin.revision,
        "url": urljoin(absolute("public.home"), link) if link else None,
    }


def reading(r: Reading) -> dict:
    return {
        "period": r.period,
        "period_label": r.period_label,
        "period_end": iso_date(r.period_end),
        "value": figure(r.value),
        "note": r.note,
        "sample": r.bulletin.is_sample,
        "bulletin": bulletin_ref(r.bulletin),
    }


def indicator_record(progress: IndicatorProgress) -> dict:
    i, assessment = progress.indicator, progress.assessment
    return {
        "code": i.code,
        "name": i.name,
        "unit": i.unit,
        "measure": i.measure.value,
        "measure_label": i.measure.label,
        "direction": i.direction.value,
        "direction_label": i.direction.label,
        "comparator": i.comparator,
        "baseline_year": i.baseline_year,
        "baseline_value": figure(i.baseline_value),
        "target_year": i.target_year,
        "target_value": figure(i.target_value),
        "stated_change": i.stated_change,
        "note": i.note,
        "source_text": i.source_text,
        "section": section_ref(i.section),
        "progress": {
            "status": assessment.status.value,
            "status_label": assessment.status.label,
            "percent": figure(assessment.progress),
            "expected_percent": figure(assessment.expected),
            "reason": assessment.reason,
        },
        "values": [reading(r) for r in progress.readings],
        "sample": any(r.bulletin.is_sample for r in progress.readings),
        "url": absolute("public.target_detail", code=i.code),
    }


def progress_note(update: ProgressUpdate) -> dict:
    return {
        "noted_on": iso_date(update.noted_on),
        "status": update.status.value,
        "status_label": update.status.label,
        "note": update.note,
        "sample": update.is_sample,
    }


def _current(subject) -> dict:
    """Status and history as the pages show them; `sample` when the status comes from a
    sample note (the pages mark it the same way)."""
    history = subject.progress_history
    latest = history[0] if history else None
    return {
        "status": subject.status.value,
        "status_label": subject.status.label,
        "status_noted_on": iso_date(latest.noted_on) if latest else None,
        "status_note": latest.note if latest else None,
        "progress": [progress_note(u) for u in history],
        "sample": bool(latest and latest.is_sample),
    }


def commitment_record(commitment, today: date) -> dict:
    c = commitment
    return {
        "code": c.code,
        "title": c.title,
        "deadline": iso_date(c.deadline),
        "deadline_text": c.deadline_text,
        "source_text": c.source_text,
        "section": section_ref(c.section),
        "indicator": c.indicator.code if c.indicator else None,
        "departments": [department(cd.department) for cd in c.departments],
        "overdue": is_overdue(c, today),
        **_current(c),
        "url": absolute("public.commitments", anchor=c.code),
    }


def project_record(project) -> dict:
    p = project
    return {
        "code": p.code,
        "name": p.name,
        "group": {
            "code": p.group.code,
            "name": p.group.name,
            "url": absolute("public.projects", anchor=p.group.code),
        },
        "category": p.category,
        "owner": p.owner,
        "deadline": iso_date(p.deadline),
        "deadline_text": p.deadline_text,
        "milestones": [
            {
                "deadline": m.get("deadline"),
                "deadline_text": m.get("deadline_text"),
                "text": m["text"],
            }
            for m in p.milestones or []
        ],
        "section": section_ref(p.section),
        **_current(p),
        "url": absolute("public.projects", anchor=p.code),
    }


def outcome_record(outcome: ApiOutcome) -> dict:
    e = outcome.entry
    return {
        "number": e.number,
        "category": {"code": outcome.category_code, "name": e.category},
        "district": {"code": e.district.value, "name": e.district.label},
        "submitted_on": iso_date(e.submitted_on),
        "accepted_on": iso_date(e.accepted_on),
        "resolved_on": iso_date(e.resolved_on),
        "department": e.department,
        "conclusion": (
            {"code": e.conclusion.value, "name": e.conclusion.label} if e.conclusion else None
        ),
        "published_at": iso_time(e.published_at),
        "summary": e.summary,
        "result": e.result,
        "sample": outcome.is_sample,
        "url": absolute("reports.outcome", number=e.number),
    }
