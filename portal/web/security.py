"""Response headers every page carries, trusting the reverse proxy for the client address
(checked by portal.web.addresses), and refusing a Host that is not ours.

The Content-Security-Policy allows nothing inline and nothing from another origin: scripts,
styles and images come from this site only (SVG charts are inline markup, not scripts).

A NUL character anywhere in the query string, a form field or an uploaded file's name is
refused with 400 and a Chinese explanation before any view runs: nobody can type one, no page
of this site produces one, PostgreSQL rejects it in a text parameter and SQLite's FTS5 reads it
as the end of the string, so it would otherwise surface as a 500 wherever a value reaches a
query before its own checks (found by the wapiti scan, docs/security-scan.md). Other control
characters are left to the services' field checks, which explain them next to the field.

A Host outside TRUSTED_HOSTS (portal.config_checks) is refused by Flask before routing, with
werkzeug's SecurityError; it is answered here in plain text, because without a URL adapter no
template of the site can be rendered, and never stored by a cache.
"""

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import BadRequest, SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from .addresses import CheckedClientAddress

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
# The report form alone may ask for the position, and only for itself: "使用我的位置".
PERMISSIONS_POLICY_WITH_LOCATION = PERMISSIONS_POLICY.replace(
    "geolocation=()", "geolocation=(self)"
)


def init_app(app: Flask) -> None:
    proxies = int(app.config.get("TRUSTED_PROXIES", 0))
    app.wsgi_app = CheckedClientAddress(app.wsgi_app)
    if proxies:
        # Behind nginx: take the citizen's address from X-Forwarded-For, so that rate limits
        # see the citizen, not the proxy. Only as many hops as configured.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.register_error_handler(SecurityError, _untrusted_host)
    app.before_request(_refuse_nul)
    app.after_request(_security_headers)


UNTRUSTED_HOST = "400 Bad Request：请求的主机名（Host）不是本站的网址。\n"


def _untrusted_host(error: SecurityError) -> Response:
    response = Response(UNTRUSTED_HOST, 400, mimetype="text/plain")
    response.headers["Cache-Control"] = "no-store"
    return response


class NulCharacter(BadRequest):
    message = (
        "提交的内容中含有无法保存的空字符（NUL）。请返回上一页，删除粘贴进来的特殊字符后重试。"
    )


def _refuse_nul():
    texts = list(request.args.items(multi=True))
    if request.method == "POST":
        texts += request.form.items(multi=True)
        texts += ((name, file.filename or "") for name, file in request.files.items(multi=True))
    if any("\x00" in key or "\x00" in value for key, value in texts):
        raise NulCharacter()


def _security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if _https_only():
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def _https_only() -> bool:
    return bool(current_app.config.get("SESSION_COOKIE_SECURE"))
