"""Staff forms: they collect input and check CSRF; rules live in the services."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectMultipleField, StringField
from wtforms.validators import DataRequired

REQUIRED = "此项必填。"


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(REQUIRED)])
    password = PasswordField("密码", validators=[DataRequired(REQUIRED)])


class TotpForm(FlaskForm):
    code = StringField("验证码", validators=[DataRequired(REQUIRED)])


class PasswordConfirmForm(FlaskForm):
    """The current password, asked again before a security change."""

    password = PasswordField("当前密码", validators=[DataRequired(REQUIRED)])


class TotpSetupForm(PasswordConfirmForm):
    code = StringField("验证码", validators=[DataRequired(REQUIRED)])


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField("当前密码", validators=[DataRequired(REQUIRED)])
    new_password = PasswordField(
        "新密码（至少 12 个字符，不易被猜中）", validators=[DataRequired(REQUIRED)]
    )


class UserForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(REQUIRED)])
    display_name = StringField("姓名")
    password = PasswordField(
        "初始密码（至少 12 个字符，不易被猜中）", validators=[DataRequired(REQUIRED)]
    )
    roles = SelectMultipleField("角色", validate_choice=False)


class RolesForm(FlaskForm):
    roles = SelectMultipleField("角色", validate_choice=False)


class SettingsForm(FlaskForm):
    require_totp = BooleanField("所有工作人员必须启用两步验证")
