"""The OpenAPI 3.1 document of /api/v1, built from the same table (COLLECTIONS) and the same
filter declarations the routes use, so that the document and the API cannot drift apart.

Built per request: the allowed values of some filters (section slugs, department codes…) are
whatever the database holds.
"""

from datetime import UTC, datetime

from flask import url_for

from ..services.common.cursor import CURSOR_PATTERN, MAX_CURSOR_LENGTH
from ..services.opendata.params import DEFAULT_LIMIT, MAX_LIMIT, Filter, integer_filter
from ..services.reports.periods import last_closed_month
from .catalogue import COLLECTIONS
from .collections import Collection
from .downloads import XLSX
from .schemas import COMPONENTS, ref

STATS_FILTERS = (
    integer_filter(
        "year",
        2000,
        lambda: last_closed_month(datetime.now(UTC)).year,
        "统计年份（year）；不给出时为最近十二个已结束的月份",
    ),
)

DESCRIPTION = """鹤岗市节能减排信息公开与举报平台的只读开放数据接口（read-only open data API）。

- 列表按游标分页（cursor pagination）：响应为 `{"data": [...], "next": "<下一页 URL 或 null>"}`；
  沿着 `next` 取下一页，期间新增的记录不会造成重复或遗漏。`limit` 为 1–200，默认 50。
- 未知的查询参数和无效的值返回 400（不会被忽略）；错误均为 JSON：
  `{"error": {"code", "message_zh", "message_en"}}`。
- 时间为带时区的 ISO 8601（东八区，+08:00）；日期为 YYYY-MM-DD；数值以字符串给出，保留原文精度。
- 每条记录带有公开页面的固定链接（`url`）；示例数据带有 `"sample": true`。
- 允许跨域 GET（CORS）；响应带 ETag，可用 If-None-Match 条件请求（304）。
"""


def error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": ref("Error")}},
    }


def json_response(description: str, schema: dict) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def document_of(schema: dict) -> dict:
    return {
        "type": "object",
        "required": ["data"],
        "properties": {"data": schema},
        "additionalProperties": False,
    }


def query_parameter(spec: Filter) -> dict:
    return {
        "name": spec.name,
        "in": "query",
        "required": False,
        "description": spec.description,
        "schema": spec.schema(),
    }


PAGING_PARAMETERS = [
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": f"每页条数（1–{MAX_LIMIT}，默认 {DEFAULT_LIMIT}）",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    },
    {
        "name": "cursor",
        "in": "query",
        "required": False,
        "description": "不透明的游标（opaque cursor）：只用上一页 next 链接中给出的值",
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_CURSOR_LENGTH,
            "pattern": CURSOR_PATTERN,
        },
    },
]

BAD_REQUEST = error_response("未知的查询参数或无效的值（unknown_filter / invalid_filter）")


def collection_paths(c: Collection) -> dict:
    filters = [query_parameter(f) for f in c.filters]
    page_schema = {
        "type": "object",
        "required": ["data", "next"],
        "properties": {
            "data": {"type": "array", "items": ref(c.schema)},
            "next": {"type": ["string", "null"], "format": "uri"},
        },
        "additionalProperties": False,
    }
    paths = {
        f"/{c.name}": {
            "get": {
                "operationId": f"list_{c.endpoint}",
                "tags": [c.name],
                "summary": f"{c.title}（列表）",
                "description": f"排序：{c.order}。",
                "parameters": filters + PAGING_PARAMETERS,
                "responses": {"200": json_response("一页记录", page_schema), "400": BAD_REQUEST},
            }
        },
        f"/{c.name}/{{{c.key_name}}}": {
            "get": {
                "operationId": f"get_{c.endpoint}_record",
                "tags": [c.name],
                "summary": f"{c.title}（单条）",
                "parameters": [
                    {
                        "name": c.key_name,
                        "in": "path",
                        "required": True,
                        "schema": c.key_schema,
                    }
                ],
                "responses": {
                    "200": json_response("一条记录", document_of(ref(c.schema))),
                    "400": BAD_REQUEST,
                    "404": error_response("没有这条记录（not_found）"),
                },
            }
        },
    }
    if c.has_csv:
        header = {
            "name": "header",
            "in": "query",
            "required": False,
            "description": "表头：title（中文列名，默认）或 key（稳定的英文列名，供程序使用）",
            "schema": {"type": "string", "enum": ["title", "key"], "default": "title"},
        }
        for extension, media, what in (
            ("csv", "text/csv", "CSV 文件（UTF-8，带 BOM）"),
            ("xlsx", XLSX, "XLSX 工作簿（首行冻结）"),
        ):
            paths[f"/{c.name}.{extension}"] = {
                "get": {
                    "operationId": f"{c.endpoint}_{extension}",
                    "tags": [c.name],
                    "summary": f"{c.title}（{extension.upper()} 下载）",
                    "description": "全部符合筛选条件的记录，一行一条；各列的含义、类型和单位见"
                    f" /data/{c.name}（数据字典）。",
                    "parameters": [*filters, header],
                    "responses": {
                        "200": {
                            "description": what,
                            "content": {media: {"schema": {"type": "string"}}},
                        },
                        "400": BAD_REQUEST,
                    },
                }
            }
    return paths


def fixed_paths() -> dict:
    def plain(operation_id: str, summary: str, schema: dict, parameters=()) -> dict:
        return {
            "get": {
                "operationId": operation_id,
                "summary": summary,
                "parameters": [query_parameter(f) for f in parameters],
                "responses": {"200": json_response(summary, schema), "400": BAD_REQUEST},
            }
        }

    return {
        "/": plain("index", "接口目录", document_of(ref("Index"))),
        "/report-stats": plain(
            "report_stats", "举报统计", document_of(ref("ReportStats")), STATS_FILTERS
        ),
        "/openapi.json": plain("openapi", "本 OpenAPI 文档", {"type": "object"}),
    }


def openapi_document() -> dict:
    paths, schemas = fixed_paths(), dict(COMPONENTS)
    for collection in COLLECTIONS.values():
        paths.update(collection_paths(collection))
        schemas.update(collection.components)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "鹤岗市节能减排开放数据接口（Hegang open data API）",
            "version": "1.0.0",
            "description": DESCRIPTION,
        },
        "servers": [{"url": url_for("api.index", _external=True).rstrip("/")}],
        "externalDocs": {"url": url_for("api_docs.docs", _external=True)},
        "paths": paths,
        "components": {"schemas": schemas},
    }
