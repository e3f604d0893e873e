"""The unsubscribe link of a notification email: a page that asks, and a POST that stops
(a GET alone never changes anything: mail scanners follow links)."""

from flask import flash, redirect, render_template, url_for

from ..services.notifications.unsubscribe import look_up, unsubscribe
from ..web.forms import ConfirmForm
from . import bp


@bp.get("/report/unsubscribe/<token>")
def unsubscribe_form(token: str):
    subscription = look_up(token)
    return render_template(
        "reports/unsubscribe.html", subscription=subscription, token=token, form=ConfirmForm()
    )


@bp.post("/report/unsubscribe/<token>")
def unsubscribe_confirm(token: str):
    # CSRFProtect has checked the form's token before this runs (400 page otherwise).
    subscription = unsubscribe(token)
    flash(f"已退订：这件举报不会再通过{subscription.channel.label}发送办理进度通知。")
    return redirect(url_for(".unsubscribe_form", token=token), 303)
