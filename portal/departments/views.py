"""Thin views for /departments."""

from flask import render_template

from ..clock import today_local
from ..services.departments import accountability as accountability_service
from ..services.departments import pages
from . import bp


@bp.get("/departments")
def index():
    return render_template("departments/index.html", departments=pages.list_departments())


@bp.get("/departments/<code>")
def detail(code: str):
    today = today_local()
    return render_template(
        "departments/detail.html", page=pages.department_page(code, today), today=today
    )


@bp.get("/accountability")
def accountability():
    method = accountability_service.load_method()
    rows = accountability_service.accountability_table(method, today_local())
    years = {year: [r for r in rows if r.year == year] for year in method.years}
    return render_template("departments/accountability.html", method=method, years=years)
