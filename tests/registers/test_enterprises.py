"""Enterprises: the 统一社会信用代码 rules (python-stdnum's cn.uscc), uniqueness, audit."""

import pytest
from sqlalchemy import select

from portal.extensions import db as _db
from portal.models import AuditEntry, Enterprise
from portal.services.registers import enterprises
from portal.services.registers.fields import Fields, InvalidRecord
from tests.support.registers import (
    EDITOR,
    OTHER_USCC,
    VALID_USCC,
    enterprise_values,
    make_enterprise,
)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (VALID_USCC, VALID_USCC),
        (VALID_USCC.lower(), VALID_USCC),
        (" 9123 0400 MA00 000018 ", VALID_USCC),
        ("91230400-MA0000001-8", VALID_USCC),
        ("", None),
    ],
)
def test_valid_codes_are_stored_in_canonical_form(given, stored):
    fields = Fields({"uscc": given})
    assert enterprises.clean_uscc(fields) == stored
    assert fields.errors == {}


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("91230400MA00000019", "校验位不符"),
        ("91230400MA0000001", "应为 18 位"),
        ("912304000MA00000018", "应为 18 位"),
        ("91230400MA0000001I", "格式不正确"),  # I is not in the code's alphabet
        ("<script>alert(1)</script>", "应为 18 位"),
        ("九一二三〇四〇〇MA00000018", "格式不正确"),
    ],
)
def test_invalid_codes_are_refused_with_a_reason(given, message):
    fields = Fields({"uscc": given})
    assert enterprises.clean_uscc(fields) is None
    assert message in fields.errors["uscc"]


def test_a_code_belongs_to_one_enterprise_only(db, content):
    make_enterprise(name="甲公司", uscc=VALID_USCC)
    with pytest.raises(InvalidRecord) as refused:
        make_enterprise(name="乙公司", uscc=VALID_USCC.lower())
    assert "甲公司" in refused.value.errors["uscc"]
    assert _db.session.scalars(select(Enterprise.name)).all() == ["甲公司"]


def test_the_code_is_optional_and_blank_codes_do_not_collide(db, content):
    make_enterprise(name="甲公司")
    make_enterprise(name="乙公司")
    assert _db.session.scalars(select(Enterprise.uscc)).all() == [None, None]


def test_every_rule_is_reported_at_once(db, content):
    with pytest.raises(InvalidRecord) as refused:
        enterprises.create_enterprise(
            enterprise_values(name="", uscc="123", district="atlantis", industry="piracy"), EDITOR
        )
    assert set(refused.value.errors) == {"name", "uscc", "district", "industry"}


def test_updates_are_audited_with_the_changed_fields(db, content):
    enterprise = make_enterprise(uscc=VALID_USCC)
    enterprises.update_enterprise(
        enterprise.id, enterprise_values(uscc=OTHER_USCC, address="新地址"), EDITOR
    )
    entry = _db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "enterprise_updated")
    ).one()
    assert entry.details["changed"] == ["address", "uscc"]
    assert entry.actor_name == "编辑甲"
