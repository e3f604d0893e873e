"""Cross-origin reading of the open data: any site may GET it from a browser. Only GET (and
HEAD) exists, so a preflight is answered at once; nothing here involves cookies."""

from flask import Blueprint, Response, request

from ..web.caching import shared_cacheable

ALLOWED_METHODS = "GET"
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"


def _preflight():
    if request.method != "OPTIONS":
        return None
    response = Response(status=204)
    response.headers["Allow"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


def _open_data_headers(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
    return shared_cacheable(response)


def init_cors(bp: Blueprint) -> None:
    bp.before_request(_preflight)
    bp.after_request(_open_data_headers)
