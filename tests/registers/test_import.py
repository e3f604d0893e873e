"""CSV import of exposures and phase-out items: every row checked, all or nothing, errors
row by row in Chinese; from the command line and from the editors' upload form."""

import io

import pytest
from sqlalchemy import func, select

from portal.clock import today_local
from portal.extensions import db as _db
from portal.models import AuditEntry, Enterprise, Exposure, PhaseOutItem
from portal.services.registers.csv_import import ImportFailed, import_records
from tests.support.app import ROOT
from tests.support.pages import parse, text_of
from tests.support.registers import EDITOR, VALID_USCC, make_enterprise
from tests.support.staff import csrf_from

DOCS = ROOT / "docs"
HEADER = (
    "企业名称,统一社会信用代码,区县,行业,违法类型,违法事实,法律依据,处罚种类,罚款金额（元）,"
    "处罚决定书文号,处罚决定日期,公开日期,整改情况"
)
ROW = (
    "示例焦化厂,,南山区,焦化,超标排放,二氧化硫超标排放。,大气污染防治法,罚款、限期治理,50000,"
    "{number},2008-05-20,2008-06-01,整改中"
)


def csv_bytes(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\n".join([header, *rows]).encode(encoding)


def rows(n: int = 2) -> list[str]:
    return [ROW.format(number=f"鹤环罚字〔2008〕{i}号") for i in range(1, n + 1)]


def run(data: bytes, kind: str = "exposures", **options):
    return import_records(kind, data, EDITOR, today_local(), **options)


def count(model) -> int:
    return _db.session.scalar(select(func.count()).select_from(model))


def refused(data: bytes, kind: str = "exposures") -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        run(data, kind)
    assert count(Exposure) == count(PhaseOutItem) == count(Enterprise) == 0
    return failure.value.errors


def test_the_sample_files_import_and_are_marked_as_samples(client, db, content):
    exposures = run((DOCS / "import-exposures.csv").read_bytes())
    items = run((DOCS / "import-phase-out.csv").read_bytes(), "phase-out")
    assert (exposures.records, exposures.enterprises_created) == (3, 2)
    assert (items.records, items.enterprises_created) == (4, 3)  # the paper mill is matched
    assert count(Enterprise) == 5
    assert all(e.is_sample for e in _db.session.scalars(select(Exposure)))
    assert "示例数据" in text_of(client.get("/exposures")) and "示例数据" in text_of(
        client.get("/phase-out")
    )
    entry = _db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "records_imported")
    ).first()
    assert entry.details["kind"] == "exposures" and entry.details["records"] == 3


def test_a_bom_is_accepted(db, content):
    assert run(b"\xef\xbb\xbf" + csv_bytes(*rows())).records == 2


def test_excel_line_endings_and_blank_rows_are_accepted(db, content):
    data = "\r\n".join([HEADER, rows(1)[0], ",,,,,,,,,,,,", ""]).encode()
    assert run(data).records == 1


def test_gbk_is_refused_with_a_clear_message(db, content):
    errors = refused(csv_bytes(*rows(), encoding="gbk"))
    assert "GBK" in errors[0] and "UTF-8" in errors[0]


def test_binary_junk_is_refused(db, content):
    assert "不是 UTF-8" in refused(b"\xff\xfe\xfa\xfb" * 10)[0]
    assert "空字符" in refused(b"PK\x03\x04\x00\x00xlsx")[0]


def test_a_malformed_csv_is_refused(db, content):
    broken = csv_bytes(rows(1)[0], '"示例厂,,南山区,焦化,超标排放,没有结束的引号')
    assert "CSV 格式有误" in refused(broken)[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件是空的"),
        (csv_bytes(), "没有数据行"),
        (csv_bytes(header="名称,日期"), "无法识别的列“名称”"),
        (csv_bytes(header="企业名称,违法类型"), "缺少必需的列：违法事实、法律依据"),
        (csv_bytes(header=HEADER + ",企业名称"), "列“企业名称”出现了不止一次"),
        (csv_bytes(rows(1)[0] + ",多出来的一格"), "第 2 行：有 14 列，比表头多"),
    ],
)
def test_file_level_problems(db, content, data, message):
    errors = refused(data)
    assert any(message in e for e in errors), errors


def test_errors_are_listed_row_by_row_and_nothing_is_written(db, content):
    good, bad = rows(2)
    bad = bad.replace("2008-05-20", "2008年5月20日").replace("整改中", "原谅了")
    errors = refused(csv_bytes(good, bad, rows(3)[2].replace("罚款、限期治理", "罚款、打板子")))
    assert errors == [
        "第 3 行：处罚决定日期格式应为 YYYY-MM-DD，例如 2008-05-20。",
        "第 3 行：整改情况“原谅了”无法识别，应为：未整改、整改中、已整改。",
        "第 4 行：处罚种类“打板子”无法识别，应为：罚款、限期治理、限产限排、停产整治、"
        "扣减脱硫电价、吊销许可证、关停、其他。",
    ]


def test_hostile_values_in_a_csv(db, content):
    long_facts = "违" * 100_000
    row = rows(1)[0].replace("二氧化硫超标排放。", long_facts).replace("南山区", "<script>")
    errors = refused(csv_bytes(row))
    assert "第 2 行：区县“<script>”无法识别" in errors[0]
    assert "第 2 行：违法事实不能超过 5000 字（现为 100000 字）。" in errors


def test_html_in_a_csv_is_stored_and_shown_as_text(client, db, content):
    row = rows(1)[0].replace("二氧化硫超标排放。", '"<img src=x onerror=alert(1)>事实"')
    run(csv_bytes(row))
    record = _db.session.scalars(select(Exposure)).one()
    assert record.facts == "<img src=x onerror=alert(1)>事实"
    html = client.get(f"/exposures/{record.id}").get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_reimporting_the_same_file_is_refused(db, content):
    data = csv_bytes(*rows())
    run(data)
    with pytest.raises(ImportFailed) as failure:
        run(data)
    assert failure.value.errors[0].startswith(
        "第 2 行：处罚决定书文号“鹤环罚字〔2008〕1号”已有曝光记录"
    )
    assert count(Exposure) == 2


def test_a_number_repeated_within_the_file_is_refused(db, content):
    errors = refused(csv_bytes(rows(1)[0], rows(1)[0]))
    assert errors == ["第 3 行：处罚决定书文号“鹤环罚字〔2008〕1号”与第 2 行重复。"]


def test_enterprises_are_matched_by_code_then_name_else_created(db, content):
    by_code = make_enterprise(name="已登记焦化厂", uscc=VALID_USCC)
    by_name = make_enterprise(name="示例焦化厂")
    first, second, third = rows(3)
    first = first.replace("示例焦化厂,,", f"已登记焦化厂,{VALID_USCC},")
    third = third.replace("示例焦化厂", "新的示例厂")
    result = run(csv_bytes(first, second, third, third.replace("3号", "4号")))
    assert result.enterprises_created == 1
    owners = [e.enterprise_id for e in _db.session.scalars(select(Exposure).order_by(Exposure.id))]
    new = _db.session.scalars(select(Enterprise).where(Enterprise.name == "新的示例厂")).one()
    assert owners == [by_code.id, by_name.id, new.id, new.id]


def test_a_code_registered_to_another_name_is_refused(db, content):
    make_enterprise(name="甲公司", uscc=VALID_USCC)
    row = rows(1)[0].replace("示例焦化厂,,", f"乙公司,{VALID_USCC},")
    with pytest.raises(ImportFailed) as failure:
        run(csv_bytes(row))
    assert "已登记为“甲公司”" in failure.value.errors[0]


def test_an_invalid_code_is_a_row_error(db, content):
    errors = refused(
        csv_bytes(rows(1)[0].replace("示例焦化厂,,", "示例焦化厂,91230400MA00000019,"))
    )
    assert errors == ["第 2 行：统一社会信用代码校验位不符，请核对后重新填写。"]


def test_phase_out_rows_are_checked_too(db, content):
    header = "企业名称,行业,设备或生产线,类别,淘汰期限,完成日期,核查情况"
    data = csv_bytes(
        "示例水泥厂,水泥,机立窑 1 条,淘汰关停,2008-12-31,,",
        "示例水泥厂,电力,小火电机组,淘汰关停,2008-12-31,,",
        "示例水泥厂,水泥,机立窑 2 条,close,2008/12/31,2008-11-20,",
        header=header,
    )
    errors = refused(data, "phase-out")
    assert errors[0].startswith("第 3 行：行业“电力”无法识别")
    assert errors[1].startswith("第 4 行：已完成的项目请写明如何核查确认")
    assert len(errors) == 2


def test_checking_only_writes_nothing(db, content):
    result = run(csv_bytes(*rows()), check_only=True)
    assert result.records == 2 and result.checked_only
    assert count(Exposure) == 0 and count(Enterprise) == 0


def test_the_command_line_import(runner, db, content, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes(*rows()))
    result = runner.invoke(args=["import", "exposures", str(good)])
    assert result.exit_code == 0, result.output
    assert "已导入 2 条记录" in result.output

    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes(rows(3)[2].replace("2008-06-01", "明天")))
    result = runner.invoke(args=["import", "exposures", str(bad)])
    assert result.exit_code == 1
    assert "第 2 行：公开日期格式应为 YYYY-MM-DD" in result.output
    assert "未写入任何记录" in result.output
    assert count(Exposure) == 2

    sample = runner.invoke(
        args=["import", "phase-out", "--check", str(DOCS / "import-phase-out.csv")]
    )
    assert sample.exit_code == 0 and "检查通过" in sample.output
    assert count(PhaseOutItem) == 0


def upload(client, data: bytes | None, kind: str = "exposures", **extra):
    token = csrf_from(client.get("/admin/registers/import"))
    form = {"csrf_token": token, "kind": kind} | extra
    if data is not None:
        form["file"] = (io.BytesIO(data), "曝光.csv")
    return client.post("/admin/registers/import", data=form, content_type="multipart/form-data")


def test_the_upload_form_lists_errors_row_by_row(editor):
    bad = rows(2)[1].replace("2008-05-20", "20080520")
    response = upload(editor, csv_bytes(rows(1)[0], bad))
    assert response.status_code == 400
    listed = [li.get_text() for li in parse(response).select(".import-errors li")]
    assert listed == ["第 3 行：处罚决定日期格式应为 YYYY-MM-DD，例如 2008-05-20。"]
    assert count(Exposure) == 0


def test_the_upload_form_imports_a_good_file(editor):
    response = upload(editor, b"\xef\xbb\xbf" + csv_bytes(*rows()))
    assert response.status_code == 303
    assert "已导入曝光记录 2 条" in text_of(editor.get(response.headers["Location"]))
    assert count(Exposure) == 2


def test_the_upload_form_can_check_without_importing(editor):
    response = upload(editor, csv_bytes(*rows()), check_only="y")
    assert response.status_code == 200
    assert "检查通过：共 2 条记录" in text_of(response)
    assert count(Exposure) == 0


def test_the_upload_form_refuses_a_missing_file_or_a_forged_kind(editor):
    missing = upload(editor, None)
    assert missing.status_code == 400
    assert "请选择要导入的 CSV 文件" in parse(missing).find(id="file-error").get_text()
    forged = upload(editor, csv_bytes(*rows()), kind="users")
    assert forged.status_code == 400 and "未知的导入类型" in text_of(forged)
