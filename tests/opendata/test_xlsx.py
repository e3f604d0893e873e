"""XLSX downloads: the same header and rows as the CSV beside them, the header row frozen,
columns sized, figures as numbers and text as text — never a formula."""

import io

import pytest
from openpyxl import load_workbook

from portal.opendata.datasets import DATASETS
from tests.support.api import rows_of

pytestmark = pytest.mark.usefixtures("db")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_of(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    return load_workbook(io.BytesIO(response.get_data())).active


def test_every_xlsx_matches_its_csv(client, runner, content, published_outcome):
    published_outcome()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    for name, dataset in DATASETS.items():
        sheet = sheet_of(client.get(f"/data/{name}.xlsx"))
        csv_rows = rows_of(client.get(f"/data/{name}.csv"))
        header = [c.value for c in sheet[1]]
        assert header == dataset.titles, name
        assert sheet.max_row - 1 == len(csv_rows), name
        assert sheet.freeze_panes == "A2"
        assert all(sheet.column_dimensions[c.column_letter].width >= 4 for c in sheet[1])
        if csv_rows:  # the first row, cell by cell, reads as the CSV does
            first = [c.value for c in sheet[2]]
            shown = ["" if v is None else str(v) for v in first]
            expected = list(csv_rows[0].values())
            numbers = [c.type in ("integer", "number") for c in dataset.columns]
            for value, text, is_number in zip(shown, expected, numbers, strict=True):
                if is_number and text:
                    assert float(value) == float(text), name
                else:
                    assert value == text, name
    keyed = sheet_of(client.get("/data/indicators.xlsx?header=key"))
    assert [c.value for c in keyed[1]] == DATASETS["indicators"].keys


def test_a_list_xlsx_takes_the_list_filters(client, content, progress_note):
    progress_note("commitment", "livestock-pollution-control", "completed", "治理全部完成。")
    sheet = sheet_of(client.get("/api/v1/commitments.xlsx?status=completed"))
    assert sheet.max_row == 2 and sheet["A2"].value == "livestock-pollution-control"
    assert sheet["E2"].value == "已完成"


def test_text_that_looks_like_a_formula_stays_text(client, content, published_outcome):
    published_outcome(summary='=HYPERLINK("http://evil.example","点击")', result="@SUM(A1)")
    sheet = sheet_of(client.get("/api/v1/outcomes.xlsx?header=key"))
    header = [c.value for c in sheet[1]]
    summary = sheet.cell(2, header.index("summary") + 1)
    result = sheet.cell(2, header.index("result") + 1)
    assert (summary.data_type, summary.value) == ("s", '=HYPERLINK("http://evil.example","点击")')
    assert (result.data_type, result.value) == ("s", "@SUM(A1)")


def test_figures_are_numbers_shown_as_published(client, content):
    sheet = sheet_of(client.get("/api/v1/indicators.xlsx?header=key"))
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "gdp-energy-intensity")
    target = row[header.index("target_value")]
    assert (target.value, target.data_type, target.number_format) == (2, "n", "0.00")
    assert row[header.index("baseline_year")].value == 2005
