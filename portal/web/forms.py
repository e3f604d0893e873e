"""Forms every area uses."""

from flask_wtf import FlaskForm


class ConfirmForm(FlaskForm):
    """A POST with nothing but its CSRF token: end sessions, log out, disable…"""
