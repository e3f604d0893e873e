"""Editors' pages for the phase-out list: add an item, update it, mark it completed."""

from flask import abort, flash, redirect, render_template, url_for

from ..clock import today_local
from ..models import PhaseOutCategory, StaffRole
from ..services.registers import enterprises, phase_out
from ..services.registers.fields import InvalidRecord, RecordNotFound
from ..staff.access import actor, role_required
from . import bp
from .forms import PhaseOutForm

editor_only = role_required(StaffRole.EDITOR)


@bp.get("/admin/phase-out")
@editor_only
def admin_phase_out():
    listing = phase_out.phase_out_list(phase_out.PhaseOutFilters(), today_local())
    return render_template("registers/admin_phase_out.html", listing=listing)


def _form_page(form: PhaseOutForm, item=None, status: int = 200):
    return render_template(
        "registers/admin_phase_out_form.html",
        form=form,
        item=item,
        enterprise_options=enterprises.enterprise_options(),
        industry_options=[(i.value, i.label) for i in phase_out.INDUSTRIES],
        category_options=PhaseOutCategory.choices(),
    ), status


@bp.get("/admin/phase-out/new")
@editor_only
def new_phase_out_item():
    return _form_page(PhaseOutForm(formdata=None))


@bp.post("/admin/phase-out/new")
@editor_only
def create_phase_out_item():
    form = PhaseOutForm()
    try:
        item = phase_out.create_item(form.values(), actor(), today_local())
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _form_page(form, status=400)
    flash(f"已新增淘汰落后产能项目 #{item.id}。")
    return redirect(url_for(".admin_phase_out"), 303)


def _item(item_id: int):
    try:
        return phase_out.get_item(item_id)
    except RecordNotFound:
        abort(404)


@bp.get("/admin/phase-out/<int:item_id>/edit")
@editor_only
def edit_phase_out_item(item_id: int):
    item = _item(item_id)
    return _form_page(PhaseOutForm(formdata=None, data=phase_out.form_values(item)), item)


@bp.post("/admin/phase-out/<int:item_id>/edit")
@editor_only
def update_phase_out_item(item_id: int):
    form = PhaseOutForm()
    try:
        phase_out.update_item(item_id, form.values(), actor(), today_local())
    except RecordNotFound:
        abort(404)
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _form_page(form, _item(item_id), 400)
    flash(f"已更新淘汰落后产能项目 #{item_id}。")
    return redirect(url_for(".admin_phase_out"), 303)
