"""A department's handler sees only the reports forwarded to that department, and never the
reporter's contact details. Every route a handler may open is walked with a report of another
department: each must answer 404 (or 403), never the report."""

from datetime import UTC, datetime

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from portal.admin.access import access_of
from portal.services.reports import workflow
from tests.support.pages import text_of
from tests.support.reports import MODERATOR, SECRET_NAME, SECRET_PHONE, new_report

OURS, THEIRS = "environmental-protection", "development-reform"


def forwarded_to(code: str, **fields):
    number = new_report(identity="named", name=SECRET_NAME, phone=SECRET_PHONE, **fields)
    number = number.report.number
    now = datetime.now(UTC)
    workflow.transition(number, "accept", actor=MODERATOR, now=now)
    workflow.transition(number, "assign", actor=MODERATOR, now=now, department_code=code)
    return number


class _Handler:
    def has_role(self, *roles) -> bool:
        return any(role.value == "handler" for role in roles)


def handler_routes(app, number: str) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) of every /admin rule a handler may use that names a report,
    built with `number`."""
    routes = []
    for rule in app.url_map.iter_rules():
        access = access_of(app.view_functions[rule.endpoint])
        if not rule.rule.startswith("/admin") or access is None or not access.signed_in:
            continue
        if not access.roles or not access.admits(_Handler()) or "number" not in rule.arguments:
            continue
        values = {"number": number}
        for name, converter in rule._converters.items():
            if name != "number":
                values[name] = sorted(converter.items)[0] if isinstance(
                    converter, AnyConverter) else "1" if isinstance(
                    converter, IntegerConverter) else "x"  # fmt: skip
        url = rule.build(values, append_unknown=False)[1]
        routes += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


@pytest.fixture
def reports(content):
    return forwarded_to(OURS, place="本单位辖区某厂"), forwarded_to(THEIRS, place="外单位辖区某厂")


def test_a_handler_sees_only_its_own_departments_reports(client, sign_in, reports):
    ours, theirs = reports
    sign_in("handler", department=OURS)
    queue = text_of(client.get("/admin/reports/department"))
    assert ours in queue and theirs not in queue
    page = client.get(f"/admin/reports/department/{ours}")
    assert page.status_code == 200 and "本单位辖区某厂" in text_of(page)
    assert page.headers["Cache-Control"] == "no-store"


def test_a_handler_never_sees_the_reporters_contact_details(client, sign_in, reports):
    ours, _ = reports
    sign_in("handler", department=OURS)
    for url in ("/admin/reports/department", f"/admin/reports/department/{ours}"):
        text = text_of(client.get(url))
        assert SECRET_NAME not in text and SECRET_PHONE not in text, url


def test_every_handler_route_answers_404_for_another_departments_report(
    app, client, sign_in, reports
):
    _, theirs = reports
    sign_in("handler", department=OURS)
    app.config["WTF_CSRF_ENABLED"] = False  # access is under test here, not CSRF
    routes = handler_routes(app, theirs)
    assert routes, "no handler route names a report"
    answers = {(e, m): client.open(url, method=m).status_code for e, m, url in routes}
    assert set(answers.values()) <= {403, 404}, answers
    # The moderators' own report pages stay closed to a handler, whichever department.
    assert client.get(f"/admin/reports/{theirs}").status_code == 403


def test_the_other_departments_handler_sees_the_mirror_image(client, sign_in, reports):
    ours, theirs = reports
    sign_in("handler", department=THEIRS)
    assert client.get(f"/admin/reports/department/{ours}").status_code == 404
    assert client.get(f"/admin/reports/department/{theirs}").status_code == 200


def test_a_report_number_that_does_not_exist_answers_404(client, sign_in, content):
    sign_in("handler", department=OURS)
    response = client.get("/admin/reports/department/HG20269999999")
    assert response.status_code == 404 and "页面不存在" in text_of(response)
