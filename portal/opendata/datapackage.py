"""/data/datapackage.json: every published table as a Frictionless Tabular Data Package, each
with its Table Schema (field names, 中文 titles, types, units, constraints, keys), built from
the same declarations as the downloads (datasets.py). The resources point at the downloads
with `?header=key`, whose header row is the field names; the default download has the titles
as its header row, in the same order."""

from flask import url_for

from .datasets import DATASETS, LICENCE
from .tables import FALSE, TRUE, Column, Dataset

PACKAGE_NAME = "hegang-energy-saving-portal"


def field(column: Column) -> dict:
    described = {
        "name": column.key,
        "title": column.title,
        "type": column.type,
        "description": column.description,
    }
    if column.unit:
        described["unit"] = column.unit  # not in Table Schema v1; kept as a custom property
    if column.type == "boolean":
        described |= {"trueValues": [TRUE], "falseValues": [FALSE]}
    constraints = {}
    if column.required:
        constraints["required"] = True
    if (allowed := column.enum()) is not None:
        constraints["enum"] = allowed
    if constraints:
        described["constraints"] = constraints
    return described


def table_schema(dataset: Dataset) -> dict:
    schema: dict = {"fields": [field(c) for c in dataset.columns], "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": k.column, "reference": {"resource": k.dataset, "fields": k.key}}
            for k in dataset.foreign_keys
        ]
    return schema


def resource(dataset: Dataset) -> dict:
    return {
        "name": dataset.name,
        "title": dataset.title,
        "description": dataset.description,
        "profile": "tabular-data-resource",
        "path": url_for(
            "api_docs.dataset", name=f"{dataset.name}.csv", header="key", _external=True
        ),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8-sig",
        "schema": table_schema(dataset),
        "licenses": [LICENCE],
    }


def datapackage() -> dict:
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "鹤岗市节能减排信息公开平台 开放数据",
        "description": "节能减排工作方案的量化目标、承诺、工程、通报数值、举报统计和公开登记簿。",
        "homepage": url_for("api_docs.data_catalogue", _external=True),
        "licenses": [LICENCE],
        "resources": [resource(d) for d in DATASETS.values()],
    }
