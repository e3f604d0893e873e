"""The settings the services work with, built once per app from its config (portal.config) by
create_app, and looked up one way: `settings()`.

Keys and limits live here as typed objects rather than raw config keys, so a service never
reads `current_app.config` and a test can see at a glance what the services depend on.
"""

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app

from .services.accounts.policy import DelayPolicy, SessionLimits
from .services.common.crypto import ContactCipher, derived_key
from .services.notifications.config import NotifySettings, build_notify
from .services.reports.deadlines import TimeLimits
from .services.reports.receipts import ReceiptHasher

EXTENSION = "portal.settings"


@dataclass(frozen=True)
class EvidenceLimits:
    max_files: int
    max_bytes: int
    max_total_bytes: int
    max_pixels: int
    max_video_bytes: int
    memory_bytes: int  # what the cleaning child process may use
    seconds: int


@dataclass(frozen=True)
class Settings:
    cipher: ContactCipher  # reporters' contact details and staff TOTP secrets, at rest
    receipt_hasher: ReceiptHasher
    receipt_key: bytes  # derives a report's receipt code from its form token
    receipt_font: str  # the PNG receipt's CJK font file; empty: look under /usr/share/fonts
    form_key: str  # signs the report form's idempotency token
    form_max_age_seconds: int
    min_fill_seconds: float  # a form sent faster than this looks automated
    upload_dir: Path  # evidence of reports, served only to staff
    bulletin_files_dir: Path  # bulletins' PDF attachments, public once the bulletin is
    evidence: EvidenceLimits
    time_limits: TimeLimits
    stats_min_count: int  # public statistics suppress counts below this
    issuing_body: str
    staff_sessions: SessionLimits
    sign_in_delay: DelayPolicy
    staff_key: bytes  # keyed digests of staff browsers' User-Agent and of sign-in names
    notify: NotifySettings  # notification delivery (portal.services.notifications)


def build(config) -> Settings:
    upload_dir = Path(config["UPLOAD_DIR"])
    return Settings(
        cipher=ContactCipher(config["CONTACT_ENCRYPTION_KEYS"]),
        receipt_hasher=ReceiptHasher(**config["RECEIPT_HASH_PARAMETERS"]),
        receipt_key=derived_key(config["SECRET_KEY"], "receipt-code"),
        receipt_font=config["RECEIPT_FONT"],
        form_key=config["SECRET_KEY"],
        form_max_age_seconds=config["REPORT_FORM_MAX_AGE_SECONDS"],
        min_fill_seconds=config["REPORT_MIN_FILL_SECONDS"],
        upload_dir=upload_dir,
        bulletin_files_dir=Path(config["BULLETIN_FILES_DIR"]),
        evidence=EvidenceLimits(
            max_files=config["EVIDENCE_MAX_FILES"],
            max_bytes=config["EVIDENCE_MAX_BYTES"],
            max_total_bytes=config["EVIDENCE_MAX_TOTAL_BYTES"],
            max_pixels=config["EVIDENCE_MAX_PIXELS"],
            max_video_bytes=config["VIDEO_MAX_BYTES"],
            memory_bytes=config["EVIDENCE_CLEANING_MEMORY_BYTES"],
            seconds=config["EVIDENCE_CLEANING_SECONDS"],
        ),
        time_limits=TimeLimits(
            accept_days=config["ACCEPT_WITHIN_DAYS"],
            resolve_days=config["RESOLVE_WITHIN_DAYS"],
            review_days=config["REVIEW_WITHIN_DAYS"],
        ),
        stats_min_count=max(1, int(config["REPORT_STATS_MIN_COUNT"])),
        issuing_body=config["ISSUING_BODY"],
        staff_sessions=SessionLimits(
            idle=timedelta(minutes=config["STAFF_IDLE_TIMEOUT_MINUTES"]),
            lifetime=timedelta(hours=config["STAFF_SESSION_MAX_HOURS"]),
            second_factor=timedelta(minutes=config["STAFF_SECOND_FACTOR_MINUTES"]),
            code_attempts=config["STAFF_SECOND_FACTOR_ATTEMPTS"],
        ),
        sign_in_delay=DelayPolicy(
            free_failures=config["LOGIN_DELAY_FREE_FAILURES"],
            base_seconds=config["LOGIN_DELAY_BASE_SECONDS"],
            max_seconds=config["LOGIN_DELAY_MAX_SECONDS"],
        ),
        staff_key=derived_key(config["SECRET_KEY"], "staff-sign-in"),
        notify=build_notify(config, derived_key(config["SECRET_KEY"], "unsubscribe")),
    )


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = build(app.config)


def settings() -> Settings:
    return current_app.extensions[EXTENSION]
