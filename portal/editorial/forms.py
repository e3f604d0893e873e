"""The progress form: it collects what was typed (and checks CSRF); the rules live in
portal.services.plan.progress."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

FIELD_ORDER = ("status", "noted_on", "note")


class ProgressForm(FlaskForm):
    status = StringField("状态")
    noted_on = StringField("进展日期")
    note = TextAreaField("进展说明")

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self[name].errors = [*self[name].errors, message]

    def ordered_errors(self) -> list[tuple[str, str]]:
        """(element id to jump to, message) for the summary at the top of the page."""
        return [
            (f"{self[name].id}-0" if name == "status" else self[name].id, message)
            for name in FIELD_ORDER
            for message in self[name].errors
        ]
