"""The progress form, on the shared ServiceForm: it collects what was typed (and checks
CSRF); the rules live in portal.services.plan.progress."""

from wtforms import StringField, TextAreaField

from ..web.forms import ServiceForm


class ProgressForm(ServiceForm):
    radio_fields = frozenset({"status"})

    status = StringField("状态")
    noted_on = StringField("进展日期")
    note = TextAreaField("进展说明")
