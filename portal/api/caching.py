"""HTTP caching of the open data (API, CSV, feeds, sitemap): a strong ETag computed from the
body and Last-Modified from the content clock, 304 Not Modified on revalidation, and five
minutes of shared caching.

Only anonymous responses are shared: a signed-in staff member's request refreshes the session
cookie, and a response carrying a cookie must never be stored by a proxy.
"""

from flask import Response, request, session

from ..caching import validators

MAX_AGE = 300


def cacheable(response: Response) -> Response:
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
        response.cache_control.max_age = MAX_AGE
    return response.make_conditional(request)
