"""Checks of the raw settings before the app is built, and what follows from the site's URL.

Production (PORTAL_ENV=production) refuses to start on a secret that an attacker may know: a
SECRET_KEY copied from deploy/env.example signs a session cookie that opens /admin to anyone
who read the example. Secrets missing in production are refused too rather than generated into
instance/: generated keys differ from server to server, and a key kept in instance/ travels in
every copy of the instance folder together with the data it protects. The messages name the
setting, never its value, because they end up in logs.

SITE_URL is the canonical origin. Every absolute URL (API, sitemap, robots.txt, feeds, OpenAPI,
citations) is built from it through Flask's SERVER_NAME — since Flask 3.1 SERVER_NAME no longer
restricts routing, it only names the host in built URLs — so a forged Host header cannot end up
in a response that caches keep for five minutes. TRUSTED_HOSTS lists the Host values a request
may carry at all; the others are answered 400 (portal.web.security).
"""

from urllib.parse import urlsplit

PRODUCTION = "production"
PLACEHOLDER = "CHANGE-ME"
MIN_SECRET_KEY_BYTES = 32
# Host names of the developer's own machine, trusted outside production. Werkzeug cannot match
# an IPv6 literal in its trusted list, so [::1] is not among them.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")


class UnsafeConfiguration(RuntimeError):
    """The settings would run the portal unsafely; the message says which setting and why."""


def is_production(config) -> bool:
    return str(config.get("PORTAL_ENV", "")).strip().lower() == PRODUCTION


def check(config) -> None:
    problems = [_site_url_problem(config.get("SITE_URL")), *_notify_problems(config)]
    if is_production(config):
        problems += [
            _secret_key_problem(config.get("SECRET_KEY")),
            _contact_keys_problem(config.get("CONTACT_ENCRYPTION_KEYS")),
            _database_url_problem(config.get("SQLALCHEMY_DATABASE_URI")),
            "SITE_URL：生产环境必须设置站点的规范网址（例如 https://hbjb.hegang.gov.cn）。"
            if not config.get("SITE_URL")
            else None,
        ]
    problems = [p for p in problems if p]
    if problems:
        raise UnsafeConfiguration(
            "配置不安全，拒绝启动（见 docs/deploy.md）：\n" + "\n".join(f"- {p}" for p in problems)
        )


def _secret_key_problem(key) -> str | None:
    if not key:
        return "SECRET_KEY：生产环境必须在环境中设置（不使用 instance/ 里生成的密钥）。"
    raw = key if isinstance(key, bytes) else str(key).encode()
    if PLACEHOLDER.encode() in raw or len(raw) < MIN_SECRET_KEY_BYTES:
        return (
            f"SECRET_KEY：仍是示例占位值或短于 {MIN_SECRET_KEY_BYTES} 字节；请换成随机值，例如 "
            "python -c 'import secrets; print(secrets.token_urlsafe(48))' 的输出。"
        )
    return None


def _contact_keys_problem(keys) -> str | None:
    if isinstance(keys, str):
        keys = [k for k in keys.split(",") if k.strip()]
    if not keys:
        return (
            "CONTACT_ENCRYPTION_KEYS：生产环境必须在环境中设置（不使用 instance/ 里生成的密钥："
            "它会随实例目录进入备份，各服务器也各不相同）。"
        )
    if any(PLACEHOLDER in str(k) for k in keys):
        return "CONTACT_ENCRYPTION_KEYS：仍是示例占位值；请用 Fernet.generate_key() 生成。"
    return None


NOTIFY_CHOICES = {
    "NOTIFY_EMAIL_BACKEND": ("smtp", "log"),
    "NOTIFY_SMS_BACKEND": ("http", "log"),
    "SMTP_TLS": ("starttls", "ssl", "none"),
}


def _notify_problems(config) -> list[str]:
    """Unknown notification settings are refused everywhere; an HTTP SMS backend needs its
    gateway. (`log` in production is allowed but warned about: nothing reaches reporters.)"""
    problems = [
        f"{key}：应为 {' / '.join(allowed)} 之一。"
        for key, allowed in NOTIFY_CHOICES.items()
        if str(config.get(key, allowed[-1])).strip().lower() not in allowed
    ]
    sms = str(config.get("NOTIFY_SMS_BACKEND", "")).strip().lower()
    if sms == "http" and not (config.get("SMS_GATEWAY_URL") and config.get("SMS_TEMPLATE_ID")):
        problems.append("NOTIFY_SMS_BACKEND=http 需要同时设置 SMS_GATEWAY_URL 和 SMS_TEMPLATE_ID。")
    return problems


def notify_warnings(config) -> list[str]:
    """What production should hear about at start-up without refusing to start."""
    if not is_production(config):
        return []
    return [
        f"{key}=log：通知只写入日志，不会发给举报人（见 docs/notifications.md）。"
        for key in ("NOTIFY_EMAIL_BACKEND", "NOTIFY_SMS_BACKEND")
        if str(config.get(key, "log")).strip().lower() == "log"
    ]


def _database_url_problem(url) -> str | None:
    if url and PLACEHOLDER in str(url):
        return "DATABASE_URL：仍是 deploy/env.example 中的示例值（含 CHANGE-ME 的密码）。"
    return None


def _site_url_problem(site_url) -> str | None:
    if not site_url:
        return None
    parts = urlsplit(str(site_url).strip())
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path.strip("/")
        or parts.query
        or parts.fragment
        or parts.username
    ):
        return "SITE_URL：应是只含协议和主机名的网址，例如 https://hbjb.hegang.gov.cn。"
    return None


def apply_site_url(config) -> None:
    """Build absolute URLs from SITE_URL, and settle which Host values are trusted."""
    site_url = str(config.get("SITE_URL") or "").strip().rstrip("/")
    config["SITE_URL"] = site_url
    if site_url:
        parts = urlsplit(site_url)
        config["SERVER_NAME"] = parts.netloc.lower()
        config["PREFERRED_URL_SCHEME"] = parts.scheme
    config["TRUSTED_HOSTS"] = trusted_hosts(config)


def trusted_hosts(config) -> list[str]:
    """The configured list, else SITE_URL's host, plus the loopback names outside production.
    Never empty: Werkzeug reads an empty list as "every host"."""
    configured = config.get("TRUSTED_HOSTS") or []
    if isinstance(configured, str):
        configured = configured.split(",")
    hosts = [h.strip().lower() for h in configured if h.strip()]
    if not hosts and config.get("SITE_URL"):
        hosts = [urlsplit(config["SITE_URL"]).hostname]
    if not is_production(config):
        hosts += [h for h in LOOPBACK_HOSTS if h not in hosts]
    return hosts
