"""The public registers as the API publishes them: what /exposures/<id>, /phase-out/<id> and
/enterprises/<id> show (never the linked report itself, nor who corrected a record)."""

from ..models import (
    District,
    Enterprise,
    Exposure,
    Industry,
    Penalty,
    PhaseOutCategory,
    PhaseOutItem,
    RecordState,
    Rectification,
)
from ..services.registers.phase_out import PhaseOutStatus
from .schemas import (
    BOOLEAN,
    DATE,
    FIGURE,
    INTEGER,
    STRING,
    TIME,
    URL,
    array,
    closed,
    enum,
    nullable,
    ref,
)
from .serializers import absolute, figure, iso_date, iso_time

PENALTY_LABELS = dict(Penalty.choices())


def enterprise_ref(e: Enterprise) -> dict:
    return {
        "id": e.id,
        "name": e.name,
        "uscc": e.uscc,
        "district": e.district.value if e.district else None,
        "district_label": e.district.label if e.district else None,
        "industry": e.industry.value,
        "industry_label": e.industry.label,
        "url": absolute("registers.enterprise", enterprise_id=e.id),
    }


def enterprise_record(e: Enterprise) -> dict:
    return {**enterprise_ref(e), "address": e.address, "sample": e.is_sample}


def exposure_record(x: Exposure, violation_names: dict[str, str]) -> dict:
    return {
        "id": x.id,
        "enterprise": enterprise_ref(x.enterprise),
        "violation_type": x.violation_type,
        "violation_label": violation_names.get(x.violation_type, x.violation_type),
        "facts": x.facts,
        "legal_basis": x.legal_basis,
        "penalties": [{"code": p, "label": PENALTY_LABELS.get(p, p)} for p in x.penalties],
        "fine_yuan": figure(x.fine_yuan),
        "penalty_text": x.penalty_text,
        "decision_number": x.decision_number,
        "decision_date": iso_date(x.decision_date),
        "published_on": iso_date(x.published_on),
        "rectification": x.rectification.value,
        "rectification_label": x.rectification.label,
        "rectification_note": x.rectification_note,
        "state": x.state.value,
        "withdrawn_reason": x.withdrawn_reason if x.state == RecordState.WITHDRAWN else None,
        "revision": x.revision,
        "corrections": [
            {
                "revision": r.revision,
                "change": "withdrawn" if r.snapshot.get("change") == "withdrawn" else "corrected",
                "corrected_at": iso_time(r.corrected_at),
                "reason": r.reason,
                "url": absolute(
                    "registers.exposure_revision", exposure_id=x.id, revision=r.revision
                ),
            }
            for r in x.revisions
        ],
        "sample": x.is_sample,
        "url": absolute("registers.exposure", exposure_id=x.id),
    }


def phase_out_record(pair: tuple[PhaseOutItem, PhaseOutStatus]) -> dict:
    item, status = pair
    return {
        "id": item.id,
        "enterprise": enterprise_ref(item.enterprise),
        "industry": item.industry.value,
        "industry_label": item.industry.label,
        "equipment": item.equipment,
        "capacity_value": figure(item.capacity_value),
        "capacity_unit": item.capacity_unit,
        "category": item.category.value,
        "category_label": item.category.label,
        "deadline": iso_date(item.deadline),
        "completed_on": iso_date(item.completed_on),
        "status": status.value,
        "status_label": status.label,
        "verification": item.verification,
        "note": item.note,
        "updated_at": iso_time(item.updated_at),
        "sample": item.is_sample,
        "url": absolute("registers.phase_out_item", item_id=item.id),
    }


ENTERPRISE_REF = {
    "id": INTEGER,
    "name": STRING,
    "uscc": nullable(STRING),
    "district": nullable(enum(District)),
    "district_label": nullable(STRING),
    "industry": enum(Industry),
    "industry_label": STRING,
    "url": URL,
}

REGISTER_SCHEMAS = {
    "EnterpriseRef": closed(ENTERPRISE_REF),
    "Enterprise": closed(
        {**ENTERPRISE_REF, "address": nullable(STRING), "sample": BOOLEAN}, "企业（enterprise）"
    ),
    "Exposure": closed(
        {
            "id": INTEGER,
            "enterprise": ref("EnterpriseRef"),
            "violation_type": STRING,
            "violation_label": STRING,
            "facts": STRING,
            "legal_basis": STRING,
            "penalties": array(closed({"code": STRING, "label": STRING})),
            "fine_yuan": nullable(FIGURE),
            "penalty_text": STRING,
            "decision_number": STRING,
            "decision_date": DATE,
            "published_on": DATE,
            "rectification": enum(Rectification),
            "rectification_label": STRING,
            "rectification_note": nullable(STRING),
            "state": enum(RecordState),
            "withdrawn_reason": nullable(STRING),
            "revision": {"type": "integer", "minimum": 1},
            "corrections": array(
                closed(
                    {
                        "revision": {"type": "integer", "minimum": 1},
                        "change": {"type": "string", "enum": ["corrected", "withdrawn"]},
                        "corrected_at": TIME,
                        "reason": STRING,
                        "url": URL,
                    }
                )
            ),
            "sample": BOOLEAN,
            "url": URL,
        },
        "曝光台记录（exposure）；revision 为现行版本号，corrections 为更正和撤回记录",
    ),
    "PhaseOutItem": closed(
        {
            "id": INTEGER,
            "enterprise": ref("EnterpriseRef"),
            "industry": enum(Industry),
            "industry_label": STRING,
            "equipment": STRING,
            "capacity_value": nullable(FIGURE),
            "capacity_unit": nullable(STRING),
            "category": enum(PhaseOutCategory),
            "category_label": STRING,
            "deadline": DATE,
            "completed_on": nullable(DATE),
            "status": enum(PhaseOutStatus),
            "status_label": STRING,
            "verification": nullable(STRING),
            "note": nullable(STRING),
            "updated_at": TIME,
            "sample": BOOLEAN,
            "url": URL,
        },
        "淘汰落后产能名单中的一项（phase-out item）；status 按截止日期和今天推算",
    ),
}
