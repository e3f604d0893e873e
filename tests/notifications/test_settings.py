"""Notification settings are checked at start-up: a misspelt backend or TLS mode, or an HTTP
SMS backend without its gateway, refuses to start (a silent fallback would send nothing)."""

import pytest

from portal.config_checks import UnsafeConfiguration
from tests.support.app import make_app


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ({"NOTIFY_EMAIL_BACKEND": "smpt"}, "NOTIFY_EMAIL_BACKEND"),
        ({"SMTP_TLS": "yes"}, "SMTP_TLS"),
        ({"NOTIFY_SMS_BACKEND": "http"}, "SMS_GATEWAY_URL"),
    ],
)
def test_unknown_notification_settings_refuse_to_start(tmp_path, setting, named):
    with pytest.raises(UnsafeConfiguration, match=named):
        make_app(f"sqlite:///{tmp_path / 'portal.db'}", tmp_path / "instance", **setting)
