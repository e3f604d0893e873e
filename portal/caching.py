"""HTTP caching for public GET responses: a strong ETag from the body, Last-Modified from the
content clock, and a 304 on revalidation by either. Responses that set their own Cache-Control
(no-store on forms with CSRF tokens, receipts and every staff page) are left alone."""

from datetime import UTC, datetime

from flask import Flask, Response, current_app, request

from .services.common import content_clock

REVALIDATE = "no-cache"  # a cache may keep the page but must ask (cheaply) each time


def init_app(app: Flask) -> None:
    app.extensions["started_at"] = datetime.now(UTC)
    content_clock.init_app(app)
    app.after_request(_conditional)


def validators(response: Response) -> None:
    """Set the ETag and Last-Modified of a public response."""
    response.add_etag()
    response.last_modified = content_clock.last_modified(current_app.extensions["started_at"])


def _conditional(response):
    if (
        request.method not in {"GET", "HEAD"}
        or response.status_code != 200
        or response.direct_passthrough  # files: send_file already handles conditional requests
        or "Cache-Control" in response.headers
        or request.path.startswith("/admin")
    ):
        return response
    response.headers["Cache-Control"] = REVALIDATE
    validators(response)
    return response.make_conditional(request)
