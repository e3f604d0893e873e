"""A NUL character, which nobody can type and PostgreSQL cannot store, is refused with a 400
and a Chinese explanation wherever it arrives — query string, form field, file name — never a
500 (found by the wapiti scan on PostgreSQL)."""

import pytest
from sqlalchemy import func, select

from portal.models import Exposure, Report
from portal.web.security import CONTENT_SECURITY_POLICY
from tests.support.pages import text_of
from tests.support.registers import exposure_values, make_enterprise
from tests.support.report_form import submit_report
from tests.support.samples import jpeg_bytes
from tests.support.staff import csrf_from

EXPLAINED = "空字符（NUL）"


def refused(response):
    assert response.status_code == 400
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    return text_of(response)


@pytest.mark.parametrize("path", ["/search?q=a%00b", "/exposures?district=%00", "/plan?x%00=1"])
def test_a_nul_in_the_query_string_is_refused(client, content, path):
    assert EXPLAINED in refused(client.get(path))


def test_the_api_refuses_it_in_json(client, content):
    response = client.get("/api/v1/exposures?district=nanshan%00")
    assert response.status_code == 400 and response.is_json


@pytest.mark.parametrize("field", ["description", "place", "name"])
def test_a_report_with_a_nul_is_refused_and_not_stored(client, db, content, field):
    response = submit_report(client, **{field: "排污口\x00东侧"})
    assert EXPLAINED in refused(response)
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0


def test_an_evidence_file_name_with_a_nul_is_refused(client, db, content):
    response = submit_report(client, files=[(jpeg_bytes(), "现场\x00.jpg")])
    assert EXPLAINED in refused(response)
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0


def test_a_status_lookup_with_a_nul_is_refused(client, content):
    token = csrf_from(client.get("/report/status"))
    response = client.post(
        "/report/status", data={"csrf_token": token, "number": "HG\x00", "code": "x\x00"}
    )
    assert EXPLAINED in refused(response)


def post_exposure_as_editor(sign_in, **values):
    client = sign_in("editor")
    token = csrf_from(client.get("/admin/exposures/new"))
    values = exposure_values(make_enterprise(), **values)
    return client.post("/admin/exposures/new", data={"csrf_token": token} | values)


def test_a_staff_form_with_a_nul_is_refused(db, content, sign_in):
    response = post_exposure_as_editor(sign_in, report_number="HG2008\x00")
    assert EXPLAINED in refused(response)
    assert db.session.scalar(select(func.count()).select_from(Exposure)) == 0


def test_other_control_characters_are_still_explained_next_to_their_field(content, sign_in):
    response = post_exposure_as_editor(sign_in, legal_basis="依据\x01")
    assert response.status_code == 400 and "控制字符" in text_of(response)
