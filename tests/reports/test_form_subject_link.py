"""举报该企业: every enterprise, exposure and phase-out page links to the report form with the
enterprise filled in as 涉及的企业或单位; a hand-made link can put nothing else there."""

from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from portal.models import Report
from tests.support.pages import parse
from tests.support.registers import make_enterprise, make_exposure, make_item
from tests.support.report_form import hidden_fields, valid_report

NAME = "鹤岗示例焦化有限公司"


@pytest.fixture
def coking(db, content):
    return make_enterprise(name=NAME)


def report_link(client, url):
    links = [a for a in parse(client.get(url)).find_all("a") if "举报该企业" in a.get_text()]
    assert len(links) == 1, url
    return links[0]["href"]


def test_enterprise_exposure_and_phase_out_pages_link_to_the_form_filled_in(client, coking):
    exposure = make_exposure(coking)
    item = make_item(coking)
    for url in (
        f"/enterprises/{coking.id}",
        f"/exposures/{exposure.id}",
        f"/phase-out/{item.id}",
    ):
        href = report_link(client, url)
        assert urlsplit(href).path == "/report"
        assert parse_qs(urlsplit(href).query) == {"subject": [NAME]}
        form = parse(client.get(href))
        assert form.select_one("input[name=subject]")["value"] == NAME


def test_the_filled_in_enterprise_is_sent_with_the_report(client, db, coking):
    page = client.get(report_link(client, f"/enterprises/{coking.id}"))
    filled = parse(page).select_one("input[name=subject]")["value"]
    data = hidden_fields(page) | valid_report(subject=filled)
    response = client.post("/report", data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    assert db.session.scalars(select(Report.subject)).one() == NAME


def test_a_hostile_subject_is_escaped_capped_and_stripped(client, content):
    hostile = '"><script>alert(1)</script>\x1b\u202e' + "厂" * 500
    response = client.get("/report", query_string={"subject": hostile})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.data
    value = parse(response).select_one("input[name=subject]")["value"]
    assert value.startswith('"><script>alert(1)</script>')
    assert "\x1b" not in value
    assert len(value) == 200
    # a NUL is refused by the site-wide guard, with a Chinese page, never a 500
    refused = client.get("/report", query_string={"subject": "厂\x00"})
    assert refused.status_code == 400


def test_without_a_subject_the_field_is_empty(client, content):
    assert parse(client.get("/report")).select_one("input[name=subject]")["value"] == ""
