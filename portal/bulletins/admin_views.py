"""Editors' desk for bulletins: the list, the text (new, edit, preview) and publication."""

from flask import current_app, flash, redirect, render_template, request, url_for

from ..admin.access import actor, editor_only
from ..clock import today_local
from ..models import BulletinKind, BulletinTopic, Validity
from ..services.bulletins import editing as bulletins
from ..services.bulletins import publishing, queries
from ..services.bulletins.rules import BulletinError
from ..services.bulletins.values import indicator_choices
from . import admin_bp
from .forms import AttachmentForm, BulletinForm, UnpublishForm, ValidityForm, ValueForm

DEFAULT_SUBJECT = BulletinTopic.ENERGY_SAVING.value  # the portal's own subject, 节能减排


@admin_bp.get("")
@editor_only
def index():
    return render_template("bulletins/admin_list.html", bulletins=queries.all_bulletins())


@admin_bp.route("/new", methods=["GET", "POST"])
@editor_only
def new():
    if request.method == "POST":
        return _save_text(BulletinForm(), None)
    defaults = {
        "issuing_body": current_app.config["ISSUING_BODY"],
        "subject_category": DEFAULT_SUBJECT,
        "written_on": today_local().isoformat(),
    }
    return _text_page(BulletinForm(formdata=None, data=defaults), None)


@admin_bp.route("/<int:bulletin_id>/edit", methods=["GET", "POST"])
@editor_only
def edit(bulletin_id: int):
    bulletin = queries.editor_bulletin(bulletin_id)
    if request.method == "POST":
        return _save_text(BulletinForm(), bulletin)
    return _text_page(BulletinForm.of(bulletin), bulletin)


def _save_text(form: BulletinForm, bulletin):
    """Preview (nothing saved) or save, as the button pressed says."""
    try:
        if request.form.get("action") == "preview":
            shown = bulletins.preview(form.as_fields(), bulletin)
            return _text_page(form, bulletin, shown=shown)
        if bulletin is None:
            saved = bulletins.create_bulletin(form.as_fields(), actor())
        else:
            reason = form.reason.data or ""
            saved = bulletins.update_bulletin(bulletin.id, form.as_fields(), actor(), reason)
    except BulletinError as refused:
        return _text_page(form, bulletin, general=form.add_errors(refused.errors), status=400)
    flash(f"已保存（索引号 {saved.index_number}）。")
    return redirect(url_for(".show", bulletin_id=saved.id), 303)


def _text_page(form, bulletin, shown=None, general=(), status: int = 200):
    return render_template(
        "bulletins/admin_form.html",
        form=form,
        bulletin=bulletin,
        shown=shown,
        general=general,
        kind_options=[("", "请选择"), *BulletinKind.choices()],
        topic_options=[("", "请选择"), *BulletinTopic.choices()],
    ), status


@admin_bp.get("/<int:bulletin_id>")
@editor_only
def show(bulletin_id: int):
    return desk_page(bulletin_id)


def desk_page(bulletin_id: int, status: int = 200, general=(), **forms):
    """The bulletin's desk: publication, validity, values, attachments; a refused action's
    form comes back (with what was typed and its errors) in place of the empty one."""
    bulletin = queries.editor_bulletin(bulletin_id)
    empty = {
        "unpublish_form": UnpublishForm(formdata=None, prefix="unpublish"),
        "validity_form": ValidityForm(
            formdata=None, prefix="validity", validity=bulletin.validity.value,
            replacement=str(bulletin.replaced_by_id or ""),
        ),
        "attachment_form": AttachmentForm(formdata=None, prefix="attachment"),
        "value_form": ValueForm(formdata=None, prefix="value"),
    }  # fmt: skip
    return render_template(
        "bulletins/admin_show.html",
        bulletin=bulletin,
        general=general,
        replacements=queries.replacement_choices(bulletin.id),
        validity_options=[(v.value, v.label, None) for v in Validity],
        indicators=indicator_choices(),
        **(empty | forms),
    ), status


def back_to_desk(bulletin_id: int, message: str):
    flash(message)
    return redirect(url_for(".show", bulletin_id=bulletin_id), 303)


@admin_bp.post("/<int:bulletin_id>/publish")
@editor_only
def publish(bulletin_id: int):
    try:
        publishing.publish(bulletin_id, actor())
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, list(refused.errors.values()))
    return back_to_desk(bulletin_id, "通报已发布。")


@admin_bp.post("/<int:bulletin_id>/unpublish")
@editor_only
def unpublish(bulletin_id: int):
    form = UnpublishForm(prefix="unpublish")
    try:
        publishing.unpublish(bulletin_id, form.reason.data or "", actor())
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, form.add_errors(refused.errors), unpublish_form=form)
    return back_to_desk(bulletin_id, "通报已撤下，原网址将向公众显示撤下理由。")


@admin_bp.post("/<int:bulletin_id>/validity")
@editor_only
def validity(bulletin_id: int):
    form = ValidityForm(prefix="validity")
    try:
        publishing.set_validity(
            bulletin_id, form.validity.data or "", form.replacement_id(), actor()
        )
    except BulletinError as refused:
        return desk_page(bulletin_id, 400, form.add_errors(refused.errors), validity_form=form)
    return back_to_desk(bulletin_id, "效力状态已更新。")
