"""Error pages in Chinese, for browsers; JSON for /healthz-style clients is not needed yet.

A service raising NotFound (a missing record, or one the public may not see) is answered here,
once, with the 404 page: views do not catch it (the API answers it as JSON, portal.opendata.errors).
"""

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from ..services.common.errors import NotFound
from ..services.plan.sections import PlanNotImported
from .care_mode import mode_switch_url

MESSAGES = {
    400: ("请求有误", "提交的内容无法处理，请返回上一页检查后重试。"),
    403: ("无权访问", "您没有访问此页面的权限。"),
    404: ("页面不存在", "您要找的页面不存在或已被移除，请检查网址，或从首页重新进入。"),
    405: ("请求方式不被允许", "此页面不支持这种请求方式。"),
    413: ("提交的内容过大", "上传的文件或内容超过了大小限制，请压缩或减少文件后重试。"),
    429: ("请求过于频繁", "您的操作过于频繁，请稍后再试。"),
    500: ("服务器出错了", "服务器暂时无法完成您的请求。我们已记录此问题，请稍后再试。"),
    503: ("服务暂不可用", "网站正在准备中，请稍后再试。"),
}


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(NotFound, _not_found)
    app.register_error_handler(PlanNotImported, _plan_missing)
    app.register_error_handler(InternalServerError, _server_error)


def render_error(code: int, message: str | None = None):
    title, default = MESSAGES.get(code, (f"错误 {code}", "请求无法完成。"))
    return render_template(
        "errors/error.html", code=code, title=title, message=message or default,
        mode_switch=mode_switch_url(back_here=False),
    ), code  # fmt: skip


def _http_error(error: HTTPException):
    if error.code == 413:
        _drain_request_body()
    # A rate limit may carry its own Chinese explanation (e.g. a locked staff account), and
    # so may our own exceptions (a `message` attribute).
    message = getattr(getattr(error, "limit", None), "error_message", None)
    message = message if isinstance(message, str) else getattr(error, "message", None)
    return render_error(error.code or 500, message if isinstance(message, str) else None)


# Read and discard an over-long upload before answering, so that the browser gets to see
# the 413 page instead of a connection reset while it is still sending. Bounded: past this,
# the connection is simply closed (nginx's client_max_body_size answers first in production).
DRAIN_LIMIT = 256 * 1024 * 1024


def _drain_request_body() -> None:
    stream = request.environ.get("wsgi.input")
    remaining = min(request.content_length or 0, DRAIN_LIMIT)
    try:
        while stream is not None and remaining > 0:
            chunk = stream.read(min(remaining, 1024 * 1024))
            if not chunk:
                break
            remaining -= len(chunk)
    except OSError:
        pass  # the client went away: nothing left to answer


def _server_error(error: InternalServerError):
    return render_error(500)


def _not_found(error: LookupError):
    return render_error(404)


def _plan_missing(error: PlanNotImported):
    return render_error(503)
