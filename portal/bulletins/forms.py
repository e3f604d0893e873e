"""Bulletin forms: they collect input (CSRF is checked for every POST); rules live in the
services."""

from dataclasses import fields

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField

from ..models import Bulletin
from ..services.bulletins.rules import BulletinFields
from ..services.bulletins.values import ValueFields


class ErrorsMixin:
    def add_errors(self, errors: dict[str, str]) -> list[str]:
        """Put each message next to its field; return those that belong to no field."""
        general = []
        for name, message in errors.items():
            field = getattr(self, name, None) if name else None
            if field is None:
                general.append(message)
            else:
                field.errors = [message]
        return general


class BulletinForm(ErrorsMixin, FlaskForm):
    kind = StringField("类别")
    title = StringField("标题")
    subject_category = StringField("主题分类")
    issuing_body = StringField("发文机关")
    written_on = StringField("成文日期")
    document_number = StringField("发文字号")
    keywords = StringField("主题词")
    body_markdown = TextAreaField("正文")
    reason = TextAreaField("更正理由（将在公开页面的“更正记录”中显示）")

    @classmethod
    def of(cls, bulletin: Bulletin) -> "BulletinForm":
        data = {f.name: getattr(bulletin, f.name) for f in fields(BulletinFields)}
        data["kind"] = bulletin.kind.value
        data["written_on"] = bulletin.written_on.isoformat()
        return cls(formdata=None, data=data)

    def as_fields(self) -> BulletinFields:
        return BulletinFields(
            **{f.name: getattr(self, f.name).data or "" for f in fields(BulletinFields)}
        )


class UnpublishForm(ErrorsMixin, FlaskForm):
    reason = TextAreaField("撤下理由（将在原网址向公众显示）")


class ValidityForm(ErrorsMixin, FlaskForm):
    validity = StringField("效力")
    replacement = StringField("替代文件（修订或废止本文件的通报）")

    def replacement_id(self) -> int | None:
        value = (self.replacement.data or "").strip()
        return int(value) if value.isdigit() else None


class AttachmentForm(ErrorsMixin, FlaskForm):
    file = FileField("PDF 文件")
    reason = TextAreaField("更正理由（已发布的通报必填）")


class ValueForm(ErrorsMixin, FlaskForm):
    indicator = StringField("指标")
    period = StringField("统计期")
    value = StringField("数值")
    note = StringField("说明")
    reason = TextAreaField("更正理由（已发布的通报必填）")

    def as_fields(self) -> ValueFields:
        return ValueFields(
            self.indicator.data or "", self.period.data or "", self.value.data or "",
            self.note.data or "",
        )  # fmt: skip


class ReasonForm(ErrorsMixin, FlaskForm):
    """Removing a value row: the reason is needed once the bulletin has been published."""

    reason = StringField("更正理由")
