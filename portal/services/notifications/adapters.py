"""Delivery adapters: SMTP (smtplib, STARTTLS or SSL, optional auth), an HTTP SMS gateway
(JSON {phone, template_id, params} with an API-key header, the shape Aliyun- and
Tencent-style gateways take), and `log` for development.

A failure raises DeliveryFailed whose message names the kind of failure only: server
replies and library messages can quote the recipient, and last_error is kept in the table."""

import json
import logging
import smtplib
import ssl
import urllib.error
import urllib.request
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from .config import SmsGatewaySettings, SmtpSettings
from .texts import Email

log = logging.getLogger("portal.notifications")


class DeliveryFailed(Exception):
    """Not delivered this time; the worker retries later."""


class LogEmail:
    def send(self, to: str, email: Email, about: str) -> None:
        log.info("notification to %s via email", about)


class LogSms:
    def send(self, phone: str, template_params: dict, text: str, about: str) -> None:
        log.info("notification to %s via sms", about)


class SmtpEmail:
    def __init__(self, config: SmtpSettings):
        self.config = config

    def send(self, to: str, email: Email, about: str) -> None:
        message = EmailMessage()
        message["From"] = self.config.sender
        message["To"] = to
        message["Subject"] = email.subject
        message["Message-ID"] = make_msgid(domain=self.config.sender.rpartition("@")[2] or None)
        message["Date"] = format_datetime(datetime.now(UTC))
        if email.unsubscribe_url:
            message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message.set_content(email.body)
        try:
            with self._connect() as server:
                if self.config.username:
                    server.login(self.config.username, self.config.password)
                server.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            raise DeliveryFailed(f"SMTP {type(error).__name__}") from None

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        if c.tls == "ssl":
            return smtplib.SMTP_SSL(
                c.host, c.port, timeout=c.timeout, context=ssl.create_default_context()
            )
        server = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
        if c.tls == "starttls":
            server.starttls(context=ssl.create_default_context())
        return server


class HttpSms:
    def __init__(self, config: SmsGatewaySettings):
        self.config = config

    def send(self, phone: str, template_params: dict, text: str, about: str) -> None:
        body = {"phone": phone, "template_id": self.config.template_id, "params": template_params}
        request = urllib.request.Request(  # noqa: S310 - the operator's configured https URL
            self.config.url,
            data=json.dumps(body, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json", "X-API-Key": self.config.key},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            raise DeliveryFailed(f"SMS gateway HTTP {error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            raise DeliveryFailed(f"SMS gateway {type(error).__name__}") from None
        if not 200 <= status < 300:
            raise DeliveryFailed(f"SMS gateway HTTP {status}")


def email_adapter(notify):
    return SmtpEmail(notify.smtp) if notify.email_backend == "smtp" else LogEmail()


def sms_adapter(notify):
    return HttpSms(notify.sms) if notify.sms_backend == "http" else LogSms()
