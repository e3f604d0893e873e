"""What a shared or family computer's browser keeps of a report: nothing. Form fields are not
remembered for autofill, and evidence opened by staff is never stored in a browser cache.
Issue 12, item 18."""

from tests.support.pages import parse
from tests.support.report_form import receipt_of, submit_report
from tests.support.samples import jpeg_bytes
from tests.support.staff import create_staff, log_in

NOT_TYPED = {"hidden", "file", "submit", "button"}


def remembered_fields(form) -> list[str]:
    """Controls a browser may remember or fill: autocomplete is "off" neither on the control
    nor, inherited, on its form."""
    form_off = form.get("autocomplete") == "off"
    found = []
    for control in form.find_all(["input", "textarea", "select"]):
        if control.name == "input" and control.get("type", "text") in NOT_TYPED:
            continue
        own = control.get("autocomplete")
        if own != "off" and not (own is None and form_off):
            found.append(f"{control.get('name')} (autocomplete={own})")
    return found


def test_the_report_form_lets_no_browser_remember_what_was_typed(client, content):
    form = parse(client.get("/report")).find("form", class_="report-form")
    assert form.get("autocomplete") == "off"
    assert remembered_fields(form) == []
    # Every field of the shared partial says so itself too, wherever it is included.
    for name in ("subject", "place", "description", "name", "phone", "email"):
        assert form.find(attrs={"name": name})["autocomplete"] == "off", name


def test_the_status_lookup_form_lets_no_browser_remember_number_or_code(client, content):
    form = parse(client.get("/report/status")).find("main").find("form", method="post")
    assert remembered_fields(form) == []


def test_the_hotline_intake_form_lets_no_browser_remember_a_callers_details(app, db, content):
    create_staff("mod", "moderator")
    staff = app.test_client()
    log_in(staff, "mod")
    form = parse(staff.get("/admin/reports/new")).find("form", class_="report-form")
    assert remembered_fields(form) == []


def test_evidence_downloads_are_never_stored_by_the_browser(app, db, client, content):
    number, _ = receipt_of(client, submit_report(client, files=[(jpeg_bytes(), "现场.jpg")]))
    create_staff("mod", "moderator")
    staff = app.test_client()
    log_in(staff, "mod")
    link = parse(staff.get(f"/admin/reports/{number}")).select_one("a[href*='/evidence/']")
    response = staff.get(link["href"])
    assert response.status_code == 200 and response.data[:2] == b"\xff\xd8"
    assert response.headers["Cache-Control"] == "no-store"
    response.close()
