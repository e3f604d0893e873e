"""A report's fields are declared once (ReportInput, in the services' rules): the citizen's
form, the hotline intake and `reports add` are made from that one list, and the two web forms
render it through one partial, so none of them can drift from the others."""

import re

from portal.commands.reports import reports_cli
from portal.reports.admin_forms import IntakeForm
from portal.reports.forms import ReportForm
from portal.services.reports.rules import report_fields
from tests.support.pages import parse

PARTIAL = "reports/_report_fields.html"
PAGES = ("reports/form.html", "reports/admin_intake.html")


def report_controls(response) -> list[tuple]:
    """(tag, type, name, id, label, described by) of each control the partial renders, in
    page order. A radio's label and description are its group's: the options' own words
    are addressed to a citizen on one page and to an officer on the other."""
    page = parse(response)
    names = {f.name for f in report_fields()} - {"consent"}  # each page words its consent
    rows = []
    for control in page.find("form", class_="report-form").find_all(
        ["input", "select", "textarea"]
    ):
        if control.get("name") not in names:
            continue
        group = control.find_parent("fieldset") if control.get("type") == "radio" else None
        label = group.legend if group else page.find("label", attrs={"for": control["id"]})
        described = (group or control).get("aria-describedby")
        row = (control.name, control.get("type"), control["name"], control["id"])
        rows.append((*row, label.get_text(strip=True), described))
    return rows


def test_the_public_form_and_the_intake_render_the_same_report_fields(app, content, sign_in):
    public = report_controls(app.test_client().get("/report"))
    intake = report_controls(sign_in("moderator").get("/admin/reports/new"))
    assert public == intake
    assert {row[2] for row in public} == {f.name for f in report_fields()} - {"consent"}


def test_both_pages_take_the_report_fields_from_the_one_partial(app):
    for name in PAGES:
        source, _, _ = app.jinja_env.loader.get_source(app.jinja_env, name)
        assert "import report_fields" in source and PARTIAL in source, name
        for field in report_fields():
            # A macro called on the field, or a control written by hand, would be a copy.
            own = re.compile(rf"\(form\.{field.name}\b|form\.{field.name}\.(id|name)\b")
            assert field.name == "consent" or not own.search(source), (name, field.name)


def test_the_forms_and_the_command_line_are_made_from_the_declaration(app):
    declared = report_fields()
    with app.test_request_context():
        for form in (ReportForm(), IntakeForm()):
            assert [form[f.name].label.text for f in declared] == [f.label for f in declared]
    add = reports_cli.get_command(None, "add")
    asked = {f.name for f in declared if f.cli is not None}
    assert {p.name for p in add.params} == {"channel"} | asked
    assert {p.name for p in add.params if p.required} == {"channel"} | {
        f.name for f in declared if f.cli is not None and f.required
    }
