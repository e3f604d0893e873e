"""The report form. It collects what was typed (and checks CSRF); the rules that decide
whether a report is valid live in portal.services.reports.rules, shared with staff and CLI."""

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    MultipleFileField,
    StringField,
    TextAreaField,
)

from ..services.reports.rules import ReportInput

RADIO_FIELDS = {"category", "identity"}

# Field order: the order errors are listed in the summary at the top of the page.
FIELD_ORDER = (
    "category", "district", "place", "occurred_on", "occurred_time", "subject",
    "description", "evidence", "identity", "name", "phone", "email", "consent",
)  # fmt: skip


class ReportForm(FlaskForm):
    # Choices are rendered by the templates and checked by the service's rules.
    category = StringField("举报类别")
    district = StringField("所在区县")
    place = StringField("具体地点")
    occurred_on = StringField("发生日期")
    occurred_time = StringField("发生时间（选填）")
    subject = StringField("涉及的企业或单位（选填）")
    description = TextAreaField("情况描述")
    evidence = MultipleFileField("证据材料（选填）")
    identity = StringField("举报方式", default="anonymous")
    name = StringField("姓名")
    phone = StringField("联系电话")
    email = StringField("电子邮箱")
    consent = BooleanField("我已阅读隐私说明，同意按其中所述处理我提交的信息")
    form_token = HiddenField()
    # A field people never see (hidden by CSS, skipped by keyboard and screen readers):
    # only a robot fills it in.
    website = StringField("网站")

    def as_input(self, files: list[tuple[bytes, str | None]]) -> ReportInput:
        return ReportInput(
            **{name: self[name].data or "" for name in _TEXT_FIELDS},
            consent=bool(self.consent.data),
            files=files,
        )

    def add_errors(self, errors: dict[str, str]) -> None:
        for name, message in errors.items():
            self[name].errors = [*self[name].errors, message]

    def ordered_errors(self) -> list[tuple[str, str]]:
        """(element id to jump to, message) for the summary at the top of the page."""
        return [(self._anchor(name), msg) for name in FIELD_ORDER for msg in self[name].errors]

    def _anchor(self, name: str) -> str:
        return f"{self[name].id}-0" if name in RADIO_FIELDS else self[name].id


_TEXT_FIELDS = (
    "category", "district", "place", "occurred_on", "occurred_time", "subject",
    "description", "identity", "name", "phone", "email",
)  # fmt: skip


class StatusForm(FlaskForm):
    number = StringField("举报编号")
    code = StringField("回执码")


class ReplyForm(FlaskForm):
    reply = TextAreaField("您的答复")
    evidence = MultipleFileField("补充证据（选填）")
