"""Editors' desk, continued: a bulletin's PDF attachments and its indicator values."""

from ..admin.access import actor
from ..services.bulletins import attachments as bulletin_files
from ..services.bulletins import queries
from ..services.bulletins import values as bulletin_values
from ..services.bulletins.rules import BulletinError
from . import admin_bp
from .admin_views import back_to_desk, desk_page, editor_only
from .forms import AttachmentForm, ReasonForm, ValueForm
from .public_views import send_attachment


@admin_bp.post("/<int:bulletin_id>/attachments")
@editor_only
def add_attachment(bulletin_id: int):
    form = AttachmentForm(prefix="attachment")
    upload = form.file.data
    data, name = (upload.read(), upload.filename) if upload else (b"", None)
    try:
        bulletin_files.add_attachment(bulletin_id, data, name, actor(), form.reason.data or "")
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, form.add_errors(refused.errors), attachment_form=form)
    return back_to_desk(bulletin_id, "附件已上传。")


@admin_bp.post("/<int:bulletin_id>/attachments/<int:attachment_id>/remove")
@editor_only
def remove_attachment(bulletin_id: int, attachment_id: int):
    try:
        bulletin_files.remove_attachment(bulletin_id, attachment_id, actor())
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, list(refused.errors.values()))
    return back_to_desk(bulletin_id, "附件已删除。")


@admin_bp.get("/<int:bulletin_id>/attachments/<int:attachment_id>")
@editor_only
def attachment(bulletin_id: int, attachment_id: int):
    return send_attachment(queries.editor_bulletin(bulletin_id), attachment_id)


@admin_bp.post("/<int:bulletin_id>/values")
@editor_only
def add_value(bulletin_id: int):
    form = ValueForm(prefix="value")
    try:
        bulletin_values.add_value(bulletin_id, form.as_fields(), actor(), form.reason.data or "")
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, form.add_errors(refused.errors), value_form=form)
    return back_to_desk(bulletin_id, "指标数值已添加。")


@admin_bp.post("/<int:bulletin_id>/values/<int:value_id>/remove")
@editor_only
def remove_value(bulletin_id: int, value_id: int):
    reason = ReasonForm().reason.data or ""
    try:
        bulletin_values.remove_value(bulletin_id, value_id, actor(), reason)
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, list(refused.errors.values()))
    return back_to_desk(bulletin_id, "指标数值已删除。")
