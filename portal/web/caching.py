"""HTTP caching of public GET responses: a strong ETag from the body, Last-Modified from the
content clock, and a 304 on revalidation by either.

Pages revalidate every time (`revalidate`, an app-wide hook); the open data — API, CSV,
feeds, sitemap — may also be kept five minutes by shared caches (`shared_cacheable`, the
open-data blueprints' hook). Responses that set their own Cache-Control (no-store on forms with
CSRF tokens, receipts and every staff page) are left alone.
"""

from datetime import UTC, datetime

from flask import Flask, Response, current_app, request, session

from ..services.common import content_clock

REVALIDATE = "no-cache"  # a cache may keep the page but must ask (cheaply) each time
SHARED_MAX_AGE = 300


def init_app(app: Flask) -> None:
    app.extensions["started_at"] = datetime.now(UTC)
    app.after_request(revalidate)


def validators(response: Response) -> None:
    """Set the ETag and Last-Modified of a public response."""
    response.add_etag()
    response.last_modified = content_clock.last_modified(current_app.extensions["started_at"])


def revalidate(response):
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


def shared_cacheable(response: Response) -> Response:
    """Only anonymous responses are shared: a signed-in staff member's request refreshes the
    session cookie, and a response carrying a cookie must never be stored by a proxy."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if response.direct_passthrough or response.is_streamed:
        return response
    validators(response)
    if session.modified:
        response.cache_control.private = True
        response.cache_control.no_store = True
    else:
        response.cache_control.public = True
        response.cache_control.max_age = SHARED_MAX_AGE
    return response.make_conditional(request)
