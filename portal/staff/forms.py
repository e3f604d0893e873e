"""Staff forms: they collect input and check CSRF; rules live in the services."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired

from ..reports.forms import ReportForm

REQUIRED = "此项必填。"


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(REQUIRED)])
    password = PasswordField("密码", validators=[DataRequired(REQUIRED)])


class TotpForm(FlaskForm):
    code = StringField("验证码", validators=[DataRequired(REQUIRED)])


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired(REQUIRED)])
    new_password = PasswordField("新密码（至少 12 个字符）", validators=[DataRequired(REQUIRED)])


class ConfirmForm(FlaskForm):
    """A POST with nothing but its CSRF token: end sessions, log out, disable…"""


class UserForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(REQUIRED)])
    display_name = StringField("姓名")
    password = PasswordField("初始密码（至少 12 个字符）", validators=[DataRequired(REQUIRED)])
    roles = SelectMultipleField("角色", validate_choice=False)


class RolesForm(FlaskForm):
    roles = SelectMultipleField("角色", validate_choice=False)


class SettingsForm(FlaskForm):
    require_totp = BooleanField("所有工作人员必须启用两步验证")


class NoteForm(FlaskForm):
    """Notes on a report transition; which ones are required is the workflow's rule."""

    public_note = TextAreaField("公开说明（举报人可见）")
    internal_note = TextAreaField("内部备注（仅工作人员可见）")
    department = StringField("承办部门")
    duplicate_of = StringField("原举报编号")


class QuestionForm(FlaskForm):
    question = TextAreaField("向举报人提问")


class OutcomeForm(FlaskForm):
    summary = TextAreaField("公开摘要（不得含姓名、电话、住址等可识别举报人的信息）")
    result = TextAreaField("处理结果")


class IntakeForm(ReportForm):
    """A report taken by phone, letter or visit: the citizen's form plus the channel."""

    channel = StringField("登记渠道")
