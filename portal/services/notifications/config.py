"""The notification settings as a typed object (part of portal.settings)."""

from dataclasses import dataclass

EMAIL_BACKENDS = ("smtp", "log")
SMS_BACKENDS = ("http", "log")
SMTP_TLS_MODES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    username: str
    password: str
    tls: str  # starttls | ssl | none
    sender: str  # MAIL_FROM
    timeout: float


@dataclass(frozen=True)
class SmsGatewaySettings:
    url: str
    key: str
    template_id: str
    timeout: float


@dataclass(frozen=True)
class NotifySettings:
    email_backend: str
    sms_backend: str
    smtp: SmtpSettings
    sms: SmsGatewaySettings
    site_url: str  # where the links in messages point
    unsubscribe_key: bytes
    lease_seconds: int  # a claimed row waits this long before another worker may send it
    max_attempts: int
    backoff_seconds: int  # the first retry waits this long, doubling each time
    backoff_max_seconds: int
    poll_seconds: float


def build_notify(config, unsubscribe_key: bytes) -> NotifySettings:
    def number(key, kind=int):
        return kind(config[key])

    return NotifySettings(
        email_backend=_choice(config, "NOTIFY_EMAIL_BACKEND", EMAIL_BACKENDS),
        sms_backend=_choice(config, "NOTIFY_SMS_BACKEND", SMS_BACKENDS),
        smtp=SmtpSettings(
            host=config["SMTP_HOST"],
            port=number("SMTP_PORT"),
            username=config["SMTP_USERNAME"],
            password=config["SMTP_PASSWORD"],
            tls=_choice(config, "SMTP_TLS", SMTP_TLS_MODES),
            sender=config["MAIL_FROM"],
            timeout=number("NOTIFY_TIMEOUT_SECONDS", float),
        ),
        sms=SmsGatewaySettings(
            url=config["SMS_GATEWAY_URL"],
            key=config["SMS_GATEWAY_KEY"],
            template_id=config["SMS_TEMPLATE_ID"],
            timeout=number("NOTIFY_TIMEOUT_SECONDS", float),
        ),
        site_url=(config.get("SITE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        unsubscribe_key=unsubscribe_key,
        lease_seconds=number("OUTBOX_LEASE_SECONDS"),
        max_attempts=number("OUTBOX_MAX_ATTEMPTS"),
        backoff_seconds=number("OUTBOX_BACKOFF_SECONDS"),
        backoff_max_seconds=number("OUTBOX_BACKOFF_MAX_SECONDS"),
        poll_seconds=number("OUTBOX_POLL_SECONDS", float),
    )


def _choice(config, key: str, allowed: tuple[str, ...]) -> str:
    value = str(config[key]).strip().lower()
    if value not in allowed:
        raise ValueError(f"{key} must be one of {', '.join(allowed)} (got {value!r})")
    return value
