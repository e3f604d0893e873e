"""The receipt after a submission: shown again on reload for RECEIPT_TTL in the same browser
session, saved as PNG or PDF, and discarded when the reporter says it is saved."""

from datetime import UTC, datetime
from urllib.parse import quote

from flask import Response, current_app, flash, redirect, render_template, session, url_for

from ..services.reports.receipt_files import MEDIA_TYPES, ReceiptFontMissing, receipt_file
from ..services.reports.reporter_session import finish_receipt, shown_receipt
from . import bp
from .forms import ReceiptDoneForm
from .views import RECEIPT

NOT_CONFIRMED = "请先保存回执（抄下、截图、下载或打印），再勾选“我已保存回执”。"
DONE = "回执已从服务器清除。请凭您保存的举报编号和回执码查询办理进展。"
GONE = "回执已从服务器清除（提交后保留 30 分钟，或在您确认“我已保存回执”后清除），无法再下载。"
NONE_HELD = "没有可以保存的回执：回执只能在提交举报的同一浏览器中、提交后 30 分钟内保存。"
NO_FONT = "服务器暂时无法生成图片回执（缺少中文字体）。请改为下载 PDF 回执，或截图保存回执页面。"


@bp.get("/report/receipt")
def receipt():
    return _receipt_page(_held_receipt(), ReceiptDoneForm(formdata=None))


@bp.post("/report/receipt/done")
def receipt_done():
    form = ReceiptDoneForm()
    shown = _held_receipt()
    if not form.saved.data:
        form.saved.errors = [NOT_CONFIRMED]
        return _receipt_page(shown, form, 400)
    finish_receipt(session.pop(RECEIPT, None))
    flash(DONE)
    return redirect(url_for(".status_form", number=shown.number if shown else None), 303)


@bp.get("/report/receipt.<any(png, pdf):kind>")
def receipt_download(kind: str):
    had_receipt = RECEIPT in session
    shown = _held_receipt()
    if shown is None:
        return _no_receipt(410 if had_receipt else 404)
    status_url = url_for(".status_form", number=shown.number, _external=True)
    hotline = current_app.config["HOTLINE_NUMBER"]
    try:
        content = receipt_file(shown, kind, status_url=status_url, hotline=hotline)
    except ReceiptFontMissing as missing:
        current_app.logger.error("PNG receipt not drawn: %s", missing)
        return render_template(
            "errors/error.html", code=503, title="无法生成图片回执", message=NO_FONT
        ), 503
    response = Response(content, mimetype=MEDIA_TYPES[kind])
    response.headers["Content-Disposition"] = _attachment(f"回执-{shown.number}.{kind}")
    return response


def _held_receipt():
    """The session's receipt while it is held; a handle that no longer holds one is dropped."""
    shown = shown_receipt(session.get(RECEIPT), datetime.now(UTC))
    if shown is None:
        session.pop(RECEIPT, None)
    return shown


def _receipt_page(shown, form: ReceiptDoneForm, status: int = 200):
    return render_template("reports/receipt.html", receipt=shown, done_form=form), status


def _no_receipt(status: int):
    message = GONE if status == 410 else NONE_HELD
    return render_template(
        "errors/error.html", code=status, title="没有可保存的回执", message=message
    ), status


def _attachment(filename: str) -> str:
    """A download named in Chinese (RFC 6266/5987), with an ASCII name for old clients."""
    fallback = filename.replace("回执", "receipt")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
