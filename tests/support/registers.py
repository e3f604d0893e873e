"""Register records made through the real services, and the values a form would post."""

from datetime import date

from portal.clock import today_local
from portal.services.common.audit import Actor
from portal.services.registers import enterprises, exposures, phase_out

EDITOR = Actor(user_id=None, name="编辑甲", ip="10.0.0.2")
VALID_USCC = "91230400MA00000018"
OTHER_USCC = "91230400MA0000002B"


def enterprise_values(**overrides) -> dict:
    return {
        "name": "鹤岗示例焦化有限公司",
        "uscc": "",
        "district": "nanshan",
        "industry": "coking",
        "address": "南山区示例路 1 号",
    } | overrides


def make_enterprise(**overrides):
    return enterprises.create_enterprise(enterprise_values(**overrides), EDITOR)


def exposure_values(enterprise, **overrides) -> dict:
    return {
        "enterprise": str(enterprise.id),
        "violation_type": "excess-emission",
        "facts": "焦炉烟气二氧化硫排放浓度超过排放标准 2.1 倍。",
        "legal_basis": "《中华人民共和国大气污染防治法》第四十八条",
        "penalties": ["fine", "deadline_treatment"],
        "fine_yuan": "50000",
        "penalty_text": "限期于 2008 年 10 月 31 日前完成治理。",
        "decision_number": "鹤环罚字〔2008〕12号",
        "decision_date": "2008-05-20",
        "published_on": "2008-06-01",
        "rectification": "in_progress",
        "rectification_note": "已开工建设脱硫设施。",
        "report_number": "",
    } | overrides


def make_exposure(enterprise=None, **overrides):
    enterprise = enterprise or make_enterprise()
    return exposures.create_exposure(
        exposure_values(enterprise, **overrides), EDITOR, today_local()
    )


def item_values(enterprise, **overrides) -> dict:
    return {
        "enterprise": str(enterprise.id),
        "industry": "paper",
        "equipment": "1092 型造纸机 2 台",
        "capacity_value": "1.5",
        "capacity_unit": "万吨/年",
        "category": "close",
        "deadline": "2009-06-30",
        "completed_on": "",
        "verification": "",
        "note": "",
    } | overrides


def make_item(enterprise=None, *, today: date | None = None, **overrides):
    enterprise = enterprise or make_enterprise()
    return phase_out.create_item(
        item_values(enterprise, **overrides), EDITOR, today or today_local()
    )
