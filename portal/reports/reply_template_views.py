"""Admins keep the reply templates (答复模板) at /admin/reports/reply-templates."""

from flask import flash, redirect, render_template, request, url_for

from ..admin.access import actor, admin_only
from ..models import ReplyUse
from ..services.registers.fields import InvalidRecord
from ..services.reports import reply_templates
from . import admin_bp
from .admin_forms import ReplyTemplateForm


def _page(form: ReplyTemplateForm, editing=None, status: int = 200, errors=None):
    return render_template(
        "reports/admin_reply_templates.html",
        templates=reply_templates.list_templates(),
        form=form,
        editing=editing,
        errors=errors or {},
        uses=ReplyUse.choices(),
        placeholders=reply_templates.PLACEHOLDERS,
    ), status


@admin_bp.get("/reply-templates")
@admin_only
def reply_templates_index():
    return _page(ReplyTemplateForm(formdata=None))


@admin_bp.get("/reply-templates/<int:template_id>")
@admin_only
def edit_reply_template(template_id: int):
    template = reply_templates.get_template(template_id)
    form = ReplyTemplateForm(formdata=None, obj=template)
    form.use.data = template.use.value
    return _page(form, template)


@admin_bp.post("/reply-templates", defaults={"template_id": None})
@admin_bp.post("/reply-templates/<int:template_id>")
@admin_only
def save_reply_template(template_id: int | None):
    form = ReplyTemplateForm()
    editing = reply_templates.get_template(template_id) if template_id else None
    raw = {name: request.form.get(name, "") for name in ("use", "title", "body")}
    try:
        template = reply_templates.save_template(template_id, raw, actor())
    except InvalidRecord as invalid:
        return _page(form, editing, 400, invalid.errors)
    flash(f"已保存答复模板“{template.title}”。")
    return redirect(url_for(".reply_templates_index"), 303)


@admin_bp.post("/reply-templates/<int:template_id>/delete")
@admin_only
def delete_reply_template(template_id: int):
    reply_templates.delete_template(template_id, actor())
    flash("已删除答复模板。")
    return redirect(url_for(".reply_templates_index"), 303)
