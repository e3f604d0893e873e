"""Moderators' forms: they collect input and check CSRF; the rules live in the services."""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField

from .forms import ReportFields


class NoteForm(FlaskForm):
    """Notes on a report transition; which ones are required is the workflow's rule."""

    public_note = TextAreaField("公开说明（举报人可见）")
    internal_note = TextAreaField("内部备注（仅工作人员可见）")
    department = StringField("承办部门")
    duplicate_of = StringField("原举报编号")
    conclusion = StringField("办理结论")
    # Checked against the controlled list by the workflow, with a Chinese message.
    measures = SelectMultipleField("处理措施", choices=[], validate_choice=False)
    handling_note = TextAreaField("处理措施说明")


class QuestionForm(FlaskForm):
    question = TextAreaField("向举报人提问")


class SuperviseForm(FlaskForm):
    reason = TextAreaField("督办理由")
    deadline = StringField("督办期限")


class UrgeForm(FlaskForm):
    text = TextAreaField("催办内容")


class CorrectionForm(FlaskForm):
    """A moderator's correction of the report's facts; the service checks the values."""

    category = StringField("类别")
    district = StringField("区县")
    place = TextAreaField("地点")
    occurred_on = StringField("发生日期")
    subject = StringField("涉及对象")
    reason = TextAreaField("更正理由")


class ReplyTemplateForm(FlaskForm):
    use = StringField("用途")
    title = StringField("模板名称")
    body = TextAreaField("模板内容")


class OutcomeForm(FlaskForm):
    summary = TextAreaField("公开摘要（不得含姓名、电话、住址等可识别举报人的信息）")
    result = TextAreaField("处理结果")


class IntakeForm(ReportFields):
    """A report taken by phone, letter or visit: the report's fields plus the channel."""

    channel = StringField("登记渠道")
