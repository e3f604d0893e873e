"""Bulletin forms, on the shared ServiceForm: they collect input (CSRF is checked for every
POST); rules live in the services."""

from dataclasses import fields

from flask_wtf.file import FileField
from wtforms import StringField, TextAreaField

from ..models import Bulletin
from ..services.bulletins.rules import BulletinFields
from ..services.bulletins.values import ValueFields
from ..web.forms import ServiceForm


class BulletinForm(ServiceForm):
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
        data["subject_category"] = bulletin.subject_category.value
        data["written_on"] = bulletin.written_on.isoformat()
        return cls(formdata=None, data=data)

    def as_fields(self) -> BulletinFields:
        return BulletinFields(
            **{f.name: getattr(self, f.name).data or "" for f in fields(BulletinFields)}
        )


class UnpublishForm(ServiceForm):
    reason = TextAreaField("撤下理由（将在原网址向公众显示）")


class ValidityForm(ServiceForm):
    validity = StringField("效力")
    replacement = StringField("替代文件（修订或废止本文件的通报）")

    def replacement_id(self) -> int | None:
        value = (self.replacement.data or "").strip()
        return int(value) if value.isdigit() else None


class AttachmentForm(ServiceForm):
    file = FileField("PDF 文件")
    reason = TextAreaField("更正理由（已发布的通报必填）")


class ValueForm(ServiceForm):
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


class ReasonForm(ServiceForm):
    """Removing a value row: the reason is needed once the bulletin has been published."""

    reason = StringField("更正理由")
