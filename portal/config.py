"""Settings: defaults, then instance/config.py, then environment variables, then the caller's dict.

Nothing here touches the database. In development, secrets that are missing are generated once
into instance/; in production (PORTAL_ENV=production) they must come from the environment, and
the portal refuses to start on a missing, short or placeholder one (portal.config_checks).
"""

import os
import secrets
import time
from datetime import timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from flask import Flask

from . import config_checks

MB = 1024 * 1024

# Environment variables the portal reads, and the config key each one sets.
ENVIRONMENT_KEYS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "HOTLINE_NUMBER": "HOTLINE_NUMBER",
    "ISSUING_BODY": "ISSUING_BODY",
    "SITE_CODE": "SITE_CODE",
    "ICP_NUMBER": "ICP_NUMBER",
    "PUBLIC_SECURITY_NUMBER": "PUBLIC_SECURITY_NUMBER",
    "CONTACT_ADDRESS": "CONTACT_ADDRESS",
    "CONTACT_EMAIL": "CONTACT_EMAIL",
    "CONTENT_DIR": "CONTENT_DIR",
    "SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
    "UPLOAD_DIR": "UPLOAD_DIR",
    "BULLETIN_FILES_DIR": "BULLETIN_FILES_DIR",
    "CONTACT_ENCRYPTION_KEYS": "CONTACT_ENCRYPTION_KEYS",
    "RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
    "TRUSTED_PROXIES": "TRUSTED_PROXIES",
    "PORTAL_ENV": "PORTAL_ENV",
    "SITE_URL": "SITE_URL",
    "TRUSTED_HOSTS": "TRUSTED_HOSTS",
    "BACKUP_AGE_RECIPIENT": "BACKUP_AGE_RECIPIENT",
    "RECEIPT_FONT": "RECEIPT_FONT",
    **{key: key for key in (
        "NOTIFY_EMAIL_BACKEND", "NOTIFY_SMS_BACKEND", "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME",
        "SMTP_PASSWORD", "SMTP_TLS", "MAIL_FROM", "SMS_GATEWAY_URL", "SMS_GATEWAY_KEY",
        "SMS_TEMPLATE_ID", "OUTBOX_LEASE_SECONDS",
    )},
    "REPORT_REWARDS_ENABLED": "REPORT_REWARDS_ENABLED",
    "REWARD_RULES_URL": "REWARD_RULES_URL",
}  # fmt: skip

BOOLEAN_KEYS = {"SESSION_COOKIE_SECURE", "REPORT_REWARDS_ENABLED"}

DEFAULTS = {
    "HOTLINE_NUMBER": "0468-12369",
    "ISSUING_BODY": "鹤岗市节能减排工作领导小组办公室",
    # The footer identity of a government site (GB/T 37668-2019): 网站标识码, ICP 备案号,
    # 公安机关备案号, and the office's postal address and e-mail on 联系我们. Each is issued to
    # the operator; left empty, it is simply not shown (never a made-up number).
    "SITE_CODE": "",
    "ICP_NUMBER": "",
    "PUBLIC_SECURITY_NUMBER": "",
    "CONTACT_ADDRESS": "",
    "CONTACT_EMAIL": "",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    # The cookie is sent again only when the session changes (signing in or out, a new CSRF
    # token; staff sessions' last use is kept server-side), so a public page or open data
    # fetched by signed-in staff carries no Set-Cookie and may be shared by caches like anybody's.
    "SESSION_REFRESH_EACH_REQUEST": False,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SQLITE_BUSY_TIMEOUT_MS": 10_000,
    "TEMPLATES_AUTO_RELOAD": False,
    # "production" refuses sample data; anything else is a development or test setup.
    "PORTAL_ENV": "development",
    # How many reverse proxies (nginx) stand in front of the app; 0 = none, trust no header.
    "TRUSTED_PROXIES": 0,
    # The canonical origin (https://host), which every absolute URL is built from; required in
    # production. Empty in development: URLs follow the request's Host, one of TRUSTED_HOSTS.
    "SITE_URL": "",
    # Host names a request may carry (others get 400); empty = SITE_URL's host, plus the
    # loopback names outside production (portal.config_checks.trusted_hosts).
    "TRUSTED_HOSTS": [],
    # The operator's age public key (age1…) that `flask backup` encrypts to.
    "BACKUP_AGE_RECIPIENT": "",
    # Reporting: evidence limits, and the whole request a little above the evidence total.
    "EVIDENCE_MAX_FILES": 5,
    "EVIDENCE_MAX_BYTES": 10 * MB,
    "EVIDENCE_MAX_TOTAL_BYTES": 30 * MB,
    # What phones save by default: 12 MP (most Android, binned), 24.5 MP (iPhone 15/16,
    # 5712×4284). 48–200 MP modes are opt-in and their users can send a default-mode photo.
    # Every pixel costs 3–4 bytes decoded, so 40 MP let a 150 KB PNG take ~700 MB.
    "EVIDENCE_MAX_PIXELS": 30_000_000,
    # A video (MP4, MOV, 3GP) may be as large as the whole request allows by default: about
    # 15 s of 1080p from a phone. Larger means raising EVIDENCE_MAX_TOTAL_BYTES,
    # MAX_CONTENT_LENGTH and nginx's client_max_body_size with it.
    "VIDEO_MAX_BYTES": 30 * MB,
    # The child process that cleans uploads (portal.services.common.cleaning): the memory it
    # may use beyond what it starts with (RLIMIT_AS), and its CPU seconds. A bomb ends it,
    # never the web worker; deploy/hegang-portal.service caps the whole service (MemoryMax).
    # A 30 MP RGBA picture needs ~260 MB resident there (measured), half this allowance.
    "EVIDENCE_CLEANING_MEMORY_BYTES": 512 * MB,
    "EVIDENCE_CLEANING_SECONDS": 30,
    "MAX_CONTENT_LENGTH": 32 * MB,
    # 有奖举报: off by default; when on, 举报须知 shows the rules (and links REWARD_RULES_URL,
    # the city's published reward measures, when set).
    "REPORT_REWARDS_ENABLED": False,
    "REWARD_RULES_URL": "",
    "REPORT_MIN_FILL_SECONDS": 3,
    # Contact details and evidence of closed reports are erased after this many days.
    "REPORT_RETENTION_DAYS": 365,
    "REPORT_FORM_MAX_AGE_SECONDS": 24 * 3600,
    # argon2id for receipt codes, at OWASP's recommended minimum (19 MiB, 2 passes, 1 lane):
    # the codes carry ~98 random bits, so the hash is not what stops guessing, while every
    # submission and every status lookup pays it — argon2-cffi's defaults cost 165 ms of CPU
    # here, capping intake near 4 reports/s on 2 cores (docs/benchmarks-http.md); this, 21 ms.
    # Staff passwords, which people choose, keep the library's defaults.
    "RECEIPT_HASH_PARAMETERS": {"time_cost": 2, "memory_cost": 19456, "parallelism": 1},
    # The CJK font (.ttf/.otf/.ttc) the PNG receipt is drawn with; empty: Debian's
    # fonts-noto-cjk, found under /usr/share/fonts (portal.services.reports.receipt_image).
    "RECEIPT_FONT": "",
    # A CSRF token outlives a long report being typed; an expired one re-shows the form intact.
    "WTF_CSRF_TIME_LIMIT": 8 * 3600,
    # Rate limits (Flask-Limiter syntax); memory storage by default, Redis for several workers.
    "RATELIMIT_STORAGE_URI": "memory://",
    # Staff sign-in. Failed attempts per address: Flask-Limiter. Per account: a delay, not a
    # lock (anybody could lock moderators out): after 3 consecutive failures each attempt
    # waits 2 s, doubling per failure up to 15 minutes; then the right password works.
    "LOGIN_LIMIT_PER_ADDRESS": "20 per 15 minutes",
    "LOGIN_DELAY_FREE_FAILURES": 3,
    "LOGIN_DELAY_BASE_SECONDS": 2,
    "LOGIN_DELAY_MAX_SECONDS": 15 * 60,
    # Sessions (kept server-side, portal.models.staff_sessions): idle timeout, absolute
    # lifetime, and how long and how many tries a checked password waits for its code.
    "STAFF_IDLE_TIMEOUT_MINUTES": 30,
    "STAFF_SESSION_MAX_HOURS": 12,
    "STAFF_SECOND_FACTOR_MINUTES": 5,
    "STAFF_SECOND_FACTOR_ATTEMPTS": 5,
    # Reporting time limits (days), as in Chinese petition practice.
    "ACCEPT_WITHIN_DAYS": 15,
    "RESOLVE_WITHIN_DAYS": 60,
    "REVIEW_WITHIN_DAYS": 15,  # a reporter's appeal (复核申请) is concluded within this
    # Public report statistics publish no count from 1 to this minus one ("<5"), and hide
    # more where a small one could be worked out (portal.services.reports.disclosure).
    "REPORT_STATS_MIN_COUNT": 5,
    "RATELIMIT_HEADERS_ENABLED": True,
    "REPORT_SUBMIT_LIMIT": "10 per hour;30 per day",
    "STATUS_LOOKUP_LIMIT": "20 per hour;60 per day",
    # Notifications (docs/notifications.md): `log` writes one line per message and sends
    # nothing, so development needs no mail server; production sets smtp / http.
    "NOTIFY_EMAIL_BACKEND": "log",
    "NOTIFY_SMS_BACKEND": "log",
    "SMTP_HOST": "localhost",
    "SMTP_PORT": 587,
    "SMTP_USERNAME": "",
    "SMTP_PASSWORD": "",
    "SMTP_TLS": "starttls",  # starttls | ssl | none
    "MAIL_FROM": "noreply@localhost",
    "SMS_GATEWAY_URL": "",
    "SMS_GATEWAY_KEY": "",
    "SMS_TEMPLATE_ID": "",
    # Shorter than the lease below: a send that hangs is abandoned before another worker
    # may take the same row, so a stuck server costs at most one duplicate.
    "NOTIFY_TIMEOUT_SECONDS": 60,
    "OUTBOX_LEASE_SECONDS": 300,
    # Retries wait 1, 2, 4 … minutes, at most 6 hours; after 8 tries the row is "failed".
    "OUTBOX_MAX_ATTEMPTS": 8,
    "OUTBOX_BACKOFF_SECONDS": 60,
    "OUTBOX_BACKOFF_MAX_SECONDS": 6 * 3600,
    "OUTBOX_POLL_SECONDS": 5,
}


def load_config(app: Flask, overrides: dict | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config["CONTENT_DIR"] = str(Path(app.root_path).parent / "content")
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(_from_environment())
    if overrides:
        app.config.update(overrides)
    config_checks.check(app.config)
    for warning in config_checks.notify_warnings(app.config):
        app.logger.warning(warning)
    config_checks.apply_site_url(app.config)
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
    )
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(
        hours=app.config["STAFF_SESSION_MAX_HOURS"]
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(app, "secret_key")
    app.config.setdefault("UPLOAD_DIR", str(Path(app.instance_path) / "uploads"))
    # Bulletins' PDFs, apart from citizens' evidence but beside it: on the shared volume when
    # UPLOAD_DIR is a folder of it (deploy/env.example).
    app.config.setdefault(
        "BULLETIN_FILES_DIR", str(Path(app.config["UPLOAD_DIR"]).parent / "bulletin-files")
    )
    keys = app.config.get("CONTACT_ENCRYPTION_KEYS")
    if isinstance(keys, str):
        keys = [k.strip() for k in keys.split(",") if k.strip()]
    app.config["CONTACT_ENCRYPTION_KEYS"] = keys or [
        instance_secret(app, "contact_key", Fernet.generate_key().decode)
    ]


def _from_environment() -> dict:
    values = {}
    for variable, key in ENVIRONMENT_KEYS.items():
        raw = os.environ.get(variable)
        if raw is None or raw == "":
            continue
        values[key] = raw.lower() in {"1", "true", "yes", "on"} if key in BOOLEAN_KEYS else raw
    return values


def instance_secret(app: Flask, name: str, generate=lambda: secrets.token_urlsafe(48)) -> str:
    """Return the secret stored in instance/<name>, creating it (mode 0600) on first use."""
    path = Path(app.instance_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    value = generate()
    try:
        # O_EXCL: when two workers start at once, exactly one writes and both read the same key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_when_written(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def _read_when_written(path: Path) -> str:
    # Another process created the file a moment ago and may not have written it yet.
    for _ in range(100):
        value = path.read_text().strip()
        if value:
            return value
        time.sleep(0.01)
    raise RuntimeError(f"{path} exists but stays empty")
