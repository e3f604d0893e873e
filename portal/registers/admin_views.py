"""Editors' pages for enterprises and the exposure list: create, edit, correct, withdraw."""

from flask import abort, flash, redirect, render_template, request, url_for

from ..admin.access import actor, editor_only
from ..clock import today_local
from ..models import District, Industry, Penalty, Rectification
from ..services.common.paging import InvalidPageNumber, parse_page_number
from ..services.registers import enterprises, exposures
from ..services.registers import exposure_listing as pages
from ..services.registers.fields import InvalidRecord
from ..services.reports import enterprise_links
from . import admin_bp
from .forms import CorrectionForm, EnterpriseForm, ExposureForm, WithdrawForm


def _choices() -> dict:
    return {
        "enterprise_options": enterprises.enterprise_options(),
        "violation_options": list(exposures.violation_types().items()),
        "penalty_options": Penalty.choices(),
        "rectification_options": Rectification.choices(),
        "district_options": [("", "（未填写）"), *District.choices()],
        "industry_options": Industry.choices(),
    }


@admin_bp.get("/enterprises")
@editor_only
def enterprise_list():
    return render_template(
        "registers/admin_enterprises.html", enterprises=enterprises.list_enterprises()
    )


def _enterprise_form(form: EnterpriseForm, enterprise=None, status: int = 200):
    return render_template(
        "registers/admin_enterprise_form.html",
        form=form,
        enterprise=enterprise,
        linked_reports=enterprise_links.reports_of(enterprise) if enterprise else [],
        **_choices(),
    ), status


@admin_bp.get("/enterprises/new")
@editor_only
def new_enterprise():
    return _enterprise_form(EnterpriseForm(formdata=None, industry="other"))


@admin_bp.post("/enterprises/new")
@editor_only
def create_enterprise():
    form = EnterpriseForm()
    try:
        enterprise = enterprises.create_enterprise(form.values(), actor())
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _enterprise_form(form, status=400)
    flash(f"已登记企业“{enterprise.name}”。")
    return redirect(url_for(".enterprise_list"), 303)


@admin_bp.get("/enterprises/<int:enterprise_id>/edit")
@editor_only
def edit_enterprise(enterprise_id: int):
    enterprise = enterprises.get_enterprise(enterprise_id)
    return _enterprise_form(EnterpriseForm(formdata=None, obj=enterprise), enterprise)


@admin_bp.post("/enterprises/<int:enterprise_id>/edit")
@editor_only
def update_enterprise(enterprise_id: int):
    form = EnterpriseForm()
    try:
        enterprise = enterprises.update_enterprise(enterprise_id, form.values(), actor())
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _enterprise_form(form, enterprises.get_enterprise(enterprise_id), 400)
    flash(f"已修改企业“{enterprise.name}”的信息。")
    return redirect(url_for(".enterprise_list"), 303)


@admin_bp.get("/exposures")
@editor_only
def exposure_list():
    everything = pages.ExposureFilters(include_withdrawn=True)
    try:
        page = pages.exposures_page(everything, parse_page_number(request.args.get("page")))
    except InvalidPageNumber:  # a page "number" that is not one: no such page
        abort(404)
    return render_template(
        "registers/admin_exposures.html", page=page, names=exposures.violation_types()
    )


def _exposure_form(form: ExposureForm, status: int = 200):
    return render_template("registers/admin_exposure_form.html", form=form, **_choices()), status


@admin_bp.get("/exposures/new")
@editor_only
def new_exposure():
    today = today_local().isoformat()
    return _exposure_form(ExposureForm(formdata=None, published_on=today))


@admin_bp.post("/exposures/new")
@editor_only
def create_exposure():
    form = ExposureForm()
    try:
        exposure = exposures.create_exposure(form.values(), actor(), today_local())
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _exposure_form(form, 400)
    flash(f"已发布曝光记录 #{exposure.id}。")
    return redirect(url_for(".exposure_list"), 303)


def _correction_page(exposure_id: int, form=None, withdraw=None, status: int = 200):
    record = pages.get_exposure(exposure_id)
    return render_template(
        "registers/admin_exposure_correct.html",
        record=record,
        form=form or CorrectionForm(formdata=None, data=exposures.form_values(record)),
        withdraw=withdraw or WithdrawForm(formdata=None, prefix="withdraw"),
        **_choices(),
    ), status


@admin_bp.get("/exposures/<int:exposure_id>/correct")
@editor_only
def correct_exposure_form(exposure_id: int):
    return _correction_page(exposure_id)


@admin_bp.post("/exposures/<int:exposure_id>/correct")
@editor_only
def correct_exposure(exposure_id: int):
    form = CorrectionForm()
    values = form.values()
    try:
        exposures.correct_exposure(
            exposure_id, values, str(values.pop("reason") or ""), actor(), today_local()
        )
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _correction_page(exposure_id, form=form, status=400)
    flash(f"已更正曝光记录 #{exposure_id}，原版本已存入更正记录。")
    return redirect(url_for("registers.exposure", exposure_id=exposure_id), 303)


@admin_bp.post("/exposures/<int:exposure_id>/withdraw")
@editor_only
def withdraw_exposure(exposure_id: int):
    form = WithdrawForm(prefix="withdraw")
    try:
        exposures.withdraw_exposure(exposure_id, form.reason.data or "", actor())
    except InvalidRecord as error:
        form.reason.errors = list(error.errors.values())
        return _correction_page(exposure_id, withdraw=form, status=400)
    flash(f"已撤回曝光记录 #{exposure_id}。记录和撤回原因仍公开可查。")
    return redirect(url_for("registers.exposure", exposure_id=exposure_id), 303)
