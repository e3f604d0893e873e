"""The report forms, on the shared ServiceForm. They collect what was typed (and check CSRF);
the fields themselves are declared once, by ReportInput in portal.services.reports.rules,
whose rules decide whether a report is valid for the web form, the hotline form and the CLI."""

from wtforms import BooleanField, HiddenField, MultipleFileField, StringField, TextAreaField

from ..services.reports.rules import Kind, ReportInput, report_fields
from ..web.forms import ServiceForm

CONTROLS = {
    Kind.TEXT: StringField,
    Kind.LONG_TEXT: TextAreaField,
    Kind.FILES: MultipleFileField,
    Kind.YES_NO: BooleanField,
}


class ReportFields(ServiceForm):
    """A report's fields (added below from the declaration) and the token that makes a
    resubmitted form one report. Choices are rendered by the templates, checked by the rules."""

    radio_fields = frozenset({"category", "identity"})

    form_token = HiddenField()

    def as_input(self) -> ReportInput:
        """What was typed, as the rules take it: text as text (never None), consent yes/no."""
        given = self.values()
        return ReportInput(**{f.name: _as(f.kind, given[f.name]) for f in report_fields()})


for _field in report_fields():
    # An empty default stays None, as WTForms has it: no "请选择" marked selected.
    _control = CONTROLS[_field.kind](_field.label, default=_field.default or None)
    setattr(ReportFields, _field.name, _control)


def _as(kind: Kind, value):
    if kind == Kind.YES_NO:
        return bool(value)
    return value if kind == Kind.FILES else value or ""


class ReportForm(ReportFields):
    """The citizen's form."""

    # A field people never see (hidden by CSS, skipped by keyboard and screen readers):
    # only a robot fills it in.
    website = StringField("网站")


class StatusForm(ServiceForm):
    number = StringField("举报编号")
    code = StringField("回执码")

    @classmethod
    def with_number(cls, number: str | None) -> "StatusForm":
        """The empty form, its number filled in from a link (/report/status?number=…). The
        code is never taken from a URL: it would stay in histories and logs."""
        form = cls(formdata=None)
        form.number.data = number
        return form


class ReceiptDoneForm(ServiceForm):
    saved = BooleanField("我已保存回执（已抄下、截图、下载或打印举报编号和回执码）")


class ReplyForm(ServiceForm):
    reply = TextAreaField("您的答复")
    evidence = MultipleFileField("补充证据（选填）")


class RatingForm(ServiceForm):
    """满意度评价: the choice and comment are checked by portal.services.reports.satisfaction."""

    radio_fields = frozenset({"rating"})

    rating = StringField("您对办理情况是否满意")
    comment = TextAreaField("评价意见（选填）")


class AppealForm(ServiceForm):
    reason = TextAreaField("申请复核的理由")
