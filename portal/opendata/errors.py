"""Errors under /api/ are JSON, never the HTML error pages: a code, a Chinese and an English
message. Unknown URLs and wrong methods fail while routing, before any blueprint is known, so
those two are answered from a before-request hook that looks at the path. A service's NotFound
gets the 404 shape here rather than the HTML page the rest of the site answers it with."""

import json

from flask import Blueprint, Response, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound

from ..services.common.errors import NotFound as ServiceNotFound
from ..services.opendata.params import ParameterError

API_PATH = "/api/"

# status → (code, Chinese message, English message)
MESSAGES = {
    400: ("bad_request", "请求有误。", "Bad request."),
    404: ("not_found", "没有这个接口地址或记录。", "No such endpoint or record."),
    405: (
        "method_not_allowed",
        "开放数据接口只读，只接受 GET 请求。",
        "The open-data API is read-only: only GET is accepted.",
    ),
    406: ("not_acceptable", "无法提供所要求的格式。", "The requested format is not available."),
    429: ("too_many_requests", "请求过于频繁，请稍后再试。", "Too many requests; try again later."),
    500: ("server_error", "服务器出错了，请稍后再试。", "Server error; please try again later."),
    503: ("unavailable", "服务暂不可用，请稍后再试。", "Service unavailable; try again later."),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message_zh: str, message_en: str):
        super().__init__(message_en)
        self.status = status
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


def error_response(status: int, code: str, message_zh: str, message_en: str, **extra) -> Response:
    error = {"code": code, "message_zh": message_zh, "message_en": message_en, **extra}
    response = Response(
        json.dumps({"error": error}, ensure_ascii=False), status, mimetype="application/json"
    )
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cache-Control"] = "no-store"
    return response


def http_error(error: HTTPException) -> Response:
    status = error.code or 500
    code, zh, en = MESSAGES.get(status, (f"http_{status}", "请求无法完成。", error.name))
    response = error_response(status, code, zh, en)
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
    return response


def _parameter_error(error: ParameterError) -> Response:
    return error_response(
        400, error.code, error.message_zh, error.message_en, parameter=error.parameter
    )


def _not_found(error: ServiceNotFound) -> Response:
    return error_response(404, *MESSAGES[404])


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.code, error.message_zh, error.message_en)


def _routing_error():
    """JSON for an unknown URL or a wrong method under /api/ (the HTML pages elsewhere)."""
    failure = request.routing_exception
    if request.path.startswith(API_PATH) and isinstance(failure, NotFound | MethodNotAllowed):
        return http_error(failure)
    return None


def init_errors(bp: Blueprint) -> None:
    bp.register_error_handler(ParameterError, _parameter_error)
    bp.register_error_handler(ApiError, _api_error)
    bp.register_error_handler(ServiceNotFound, _not_found)
    bp.register_error_handler(HTTPException, http_error)
    bp.before_app_request(_routing_error)
