"""CSV import of exposures and phase-out items: every row is checked with the same rules as
the editors' forms, and either every row is written or none is. Errors come back row by row,
in Chinese ("第 3 行：处罚决定日期格式应为 YYYY-MM-DD…"); the header is row 1.

Files are UTF-8, with or without a BOM (what Excel's "CSV UTF-8" writes). Enterprises are
matched by 统一社会信用代码, else by exact name, else created. The columns are documented
in docs/registers-import.md; docs/import-*.csv are samples.
"""

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select

from ...database import begin_write
from ...extensions import db
from ...models import Enterprise, Exposure
from ..common import audit
from ..common.audit import Actor
from .enterprises import EnterpriseData, clean_enterprise
from .exposures import add_exposure, clean_exposure, violation_types
from .fields import Fields
from .phase_out import add_item, clean_phase_out

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_ERRORS = 200
KINDS = {"exposures": "曝光记录", "phase-out": "淘汰落后产能项目"}

ENTERPRISE_COLUMNS = {
    "企业名称": "name", "统一社会信用代码": "uscc", "区县": "district", "企业地址": "address",
}  # fmt: skip
COLUMNS = {
    "exposures": ENTERPRISE_COLUMNS | {
        "行业": "industry", "违法类型": "violation_type", "违法事实": "facts",
        "法律依据": "legal_basis", "处罚种类": "penalties", "罚款金额（元）": "fine_yuan",
        "处罚内容说明": "penalty_text", "处罚决定书文号": "decision_number",
        "处罚决定日期": "decision_date", "公开日期": "published_on", "整改情况": "rectification",
        "整改说明": "rectification_note", "关联举报编号": "report_number", "示例数据": "is_sample",
    },
    "phase-out": ENTERPRISE_COLUMNS | {
        "行业": "industry", "设备或生产线": "equipment", "产能": "capacity_value",
        "产能单位": "capacity_unit", "类别": "category", "淘汰期限": "deadline",
        "完成日期": "completed_on", "核查情况": "verification", "备注": "note",
        "示例数据": "is_sample",
    },
}  # fmt: skip
REQUIRED = {
    "exposures": ("企业名称", "违法类型", "违法事实", "法律依据", "处罚种类", "处罚决定书文号",
                  "处罚决定日期", "公开日期"),
    "phase-out": ("企业名称", "行业", "设备或生产线", "类别", "淘汰期限"),
}  # fmt: skip


class ImportFailed(ValueError):
    """The file was refused; nothing was written. One Chinese message per problem."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    kind: str
    records: int
    enterprises_created: int
    checked_only: bool = False


@dataclass
class _Batch:
    """What the file would write, gathered while checking it."""

    by_uscc: dict[str, Enterprise]
    by_name: dict[str, list[Enterprise]]
    decision_numbers: set[str]
    new_enterprises: list[Enterprise] = field(default_factory=list)
    filled_codes: list[tuple[Enterprise, str]] = field(default_factory=list)
    rows: list[tuple[Enterprise, object, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def import_records(
    kind: str, data: bytes, actor: Actor, today: date, *, filename: str = "", check_only=False
) -> ImportResult:
    if kind not in COLUMNS:
        raise ImportFailed([f"未知的导入类型：{kind}。"])
    rows = read_rows(kind, data)
    begin_write()
    try:
        batch = _check(kind, rows, today)
    except ImportFailed:
        db.session.rollback()
        raise
    result = ImportResult(kind, len(batch.rows), len(batch.new_enterprises), check_only)
    if check_only:
        db.session.rollback()
        return result
    ids = _write(kind, batch)
    audit.record(
        "records_imported", actor, None,
        kind=kind, filename=filename[:200], records=len(ids), ids=ids,
        enterprises_created=[e.id for e in batch.new_enterprises],
    )  # fmt: skip
    db.session.commit()
    return result


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportFailed([f"文件超过 {MAX_BYTES // 1024 // 1024} MB，请分成几个文件导入。"])
    if b"\x00" in data:
        raise ImportFailed(
            ["文件含有空字符，不是 CSV 文本文件（是否上传了 Excel 的 .xlsx 文件？）。"]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportFailed(["文件不是 UTF-8 编码的文本，无法读取。"]) from None
    raise ImportFailed([
        "文件是 GBK（GB2312/GB18030）编码，请改存为 UTF-8 编码后重新导入："
        "在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）”。"
    ])  # fmt: skip


def read_rows(kind: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number, field name → text) for each non-blank data row."""
    reader = csv.reader(io.StringIO(decode(data), newline=""), strict=True)
    records: list[list[str]] = []
    try:
        records.extend(reader)
    except csv.Error:
        raise ImportFailed([
            f"第 {len(records) + 1} 行：CSV 格式有误（可能是引号未配对或某一格内容过长），"
            "无法继续读取。"
        ]) from None  # fmt: skip
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFailed(["文件是空的：第 1 行应为表头。"])
    names = _header(kind, records[0])
    rows = []
    errors = []
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names) :]):
            errors.append(f"第 {number} 行：有 {len(cells)} 列，比表头多（表头 {len(names)} 列）。")
            continue
        rows.append((number, dict(zip(names, cells, strict=False))))
    if errors:
        raise ImportFailed(errors[:MAX_ERRORS])
    if not rows:
        raise ImportFailed(["文件中没有数据行（只有表头）。"])
    if len(rows) > MAX_ROWS:
        raise ImportFailed([f"一次最多导入 {MAX_ROWS} 行，此文件有 {len(rows)} 行。"])
    return rows


def _header(kind: str, cells: list[str]) -> list[str]:
    columns = COLUMNS[kind]
    headers = [_normalise(cell) for cell in cells]
    errors = [f"第 1 行：无法识别的列“{h[:30]}”。" for h in headers if h and h not in columns]
    repeated = sorted(h for h in set(headers) if h and headers.count(h) > 1)
    errors += [f"第 1 行：列“{h}”出现了不止一次。" for h in repeated]
    missing = [h for h in REQUIRED[kind] if h not in headers]
    if missing:
        errors.append(f"第 1 行：缺少必需的列：{'、'.join(missing)}。")
    if errors:
        known = "、".join(columns)
        raise ImportFailed([*errors, f"可用的列：{known}（顺序不限）。"])
    return [columns.get(h, "") for h in headers]


def _normalise(header: str) -> str:
    return header.strip().replace("(", "（").replace(")", "）").replace(" ", "")


def _check(kind: str, rows: list[tuple[int, dict[str, str]]], today: date) -> _Batch:
    batch = _load_batch()
    names = violation_types() if kind == "exposures" else {}
    numbers_in_file: dict[str, int] = {}
    for number, raw in rows:
        fields = Fields(raw)
        enterprise_data = clean_enterprise(fields)
        if kind == "exposures":
            record = clean_exposure(fields, enterprise_id=None, today=today, names=names)
            _check_decision_number(fields, record.decision_number, number, numbers_in_file, batch)
        else:
            record = clean_phase_out(fields, enterprise_id=None, today=today)
        is_sample = fields.flag("is_sample", "示例数据")
        enterprise = None
        if not set(fields.errors) & set(ENTERPRISE_COLUMNS.values()):
            enterprise = _enterprise(fields, enterprise_data, batch, is_sample)
        order = list(COLUMNS[kind].values())
        for name in sorted(fields.errors, key=lambda n: order.index(n) if n in order else 99):
            batch.errors.append(f"第 {number} 行：{fields.errors[name]}")
        if enterprise is not None and not fields.errors:
            batch.rows.append((enterprise, record, is_sample))
    if batch.errors:
        extra = len(batch.errors) - MAX_ERRORS
        tail = [f"……另有 {extra} 处错误未列出。"] if extra > 0 else []
        raise ImportFailed(batch.errors[:MAX_ERRORS] + tail)
    return batch


def _load_batch() -> _Batch:
    by_uscc: dict[str, Enterprise] = {}
    by_name: dict[str, list[Enterprise]] = {}
    for enterprise in db.session.scalars(select(Enterprise).order_by(Enterprise.id)):
        if enterprise.uscc:
            by_uscc[enterprise.uscc] = enterprise
        by_name.setdefault(enterprise.name, []).append(enterprise)
    numbers = set(db.session.scalars(select(Exposure.decision_number)))
    return _Batch(by_uscc, by_name, numbers)


def _check_decision_number(fields, value: str, row: int, seen: dict[str, int], batch) -> None:
    if not value:
        return
    if value in batch.decision_numbers:
        fields.fail("decision_number", f"处罚决定书文号“{value}”已有曝光记录，请勿重复导入。")
    elif value in seen:
        fields.fail("decision_number", f"处罚决定书文号“{value}”与第 {seen[value]} 行重复。")
    seen.setdefault(value, row)


def _enterprise(
    fields: Fields, data: EnterpriseData, batch: _Batch, is_sample: bool
) -> Enterprise | None:
    """The enterprise a row names: by code, else by exact name, else a new one."""
    namesakes = batch.by_name.get(data.name, [])
    if data.uscc:
        holder = batch.by_uscc.get(data.uscc)
        if holder is not None and holder.name != data.name:
            fields.fail(
                "uscc", f"统一社会信用代码 {data.uscc} 已登记为“{holder.name}”，与企业名称不一致。"
            )
            return None
        if holder is not None:
            return holder
        if namesakes and namesakes[0].uscc:
            fields.fail(
                "uscc", f"企业“{data.name}”已登记的统一社会信用代码为 {namesakes[0].uscc}。"
            )
            return None
        if namesakes:  # known by name, its code not yet recorded: record it now
            batch.filled_codes.append((namesakes[0], data.uscc))
            batch.by_uscc[data.uscc] = namesakes[0]
            return namesakes[0]
    elif len(namesakes) > 1:
        fields.fail("name", f"有多家名为“{data.name}”的企业，请填写统一社会信用代码以区分。")
        return None
    elif namesakes:
        return namesakes[0]
    enterprise = Enterprise(**data.__dict__, is_sample=is_sample)
    batch.new_enterprises.append(enterprise)
    batch.by_name.setdefault(data.name, []).append(enterprise)
    if data.uscc:
        batch.by_uscc[data.uscc] = enterprise
    return enterprise


def _write(kind: str, batch: _Batch) -> list[int]:
    db.session.add_all(batch.new_enterprises)
    for enterprise, code in batch.filled_codes:
        enterprise.uscc = code
    db.session.flush()
    add = add_exposure if kind == "exposures" else add_item
    return [
        add(replace(record, enterprise_id=enterprise.id), is_sample=is_sample).id
        for enterprise, record, is_sample in batch.rows
    ]
