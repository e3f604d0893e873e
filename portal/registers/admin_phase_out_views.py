"""Editors' pages for the phase-out list: add an item, update it, mark it completed."""

from flask import flash, redirect, render_template, url_for

from ..admin.access import actor, editor_only
from ..clock import today_local
from ..models import PhaseOutCategory
from ..services.registers import enterprises, phase_out
from ..services.registers.fields import InvalidRecord
from . import admin_bp
from .forms import PhaseOutForm


@admin_bp.get("/phase-out")
@editor_only
def phase_out_list():
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


@admin_bp.get("/phase-out/new")
@editor_only
def new_phase_out_item():
    return _form_page(PhaseOutForm(formdata=None))


@admin_bp.post("/phase-out/new")
@editor_only
def create_phase_out_item():
    form = PhaseOutForm()
    try:
        item = phase_out.create_item(form.values(), actor(), today_local())
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _form_page(form, status=400)
    flash(f"已新增淘汰落后产能项目 #{item.id}。")
    return redirect(url_for(".phase_out_list"), 303)


@admin_bp.get("/phase-out/<int:item_id>/edit")
@editor_only
def edit_phase_out_item(item_id: int):
    item = phase_out.get_item(item_id)
    return _form_page(PhaseOutForm(formdata=None, data=phase_out.form_values(item)), item)


@admin_bp.post("/phase-out/<int:item_id>/edit")
@editor_only
def update_phase_out_item(item_id: int):
    form = PhaseOutForm()
    try:
        phase_out.update_item(item_id, form.values(), actor(), today_local())
    except InvalidRecord as error:
        form.add_errors(error.errors)
        return _form_page(form, phase_out.get_item(item_id), 400)
    flash(f"已更新淘汰落后产能项目 #{item_id}。")
    return redirect(url_for(".phase_out_list"), 303)
