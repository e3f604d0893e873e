"""HTTP caching for public GET responses: a strong ETag from the body and a 304 on
revalidation. Responses that set their own Cache-Control (no-store on forms with CSRF tokens,
receipts and every staff page) are left alone."""

from flask import Flask, request

REVALIDATE = "no-cache"  # a cache may keep the page but must ask (cheaply, via ETag) each time


def init_app(app: Flask) -> None:
    app.after_request(_conditional)


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
    response.add_etag()
    return response.make_conditional(request)
