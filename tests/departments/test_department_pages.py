"""Department pages: what each department the plan names leads, co-leads and has promised."""

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.models import Commitment, ProgressStatus, ProgressUpdate
from tests.support.pages import parse, text_of


def test_index_links_every_department_the_plan_names(client, content):
    page = parse(client.get("/departments"))
    links = {a.get_text(strip=True): a["href"] for a in page.select("main ul a")}
    assert links["市环保局"] == "/departments/environmental-protection"
    assert links["市经委"] == "/departments/economic"


def test_department_page_lists_tasks_led_and_co_led_with_links_to_the_plan(client, content):
    response = client.get("/departments/coal-industry")
    assert response.status_code == 200
    page = parse(response)
    led = page.find("section", attrs={"aria-labelledby": "led-title"})
    co_led = page.find("section", attrs={"aria-labelledby": "co-led-title"})
    # 市煤炭工业局 only cooperates: "此项工作由市经委牵头，市煤炭工业局、市环保局、市工商局配合".
    assert "（0 项）" in led.h2.get_text()
    hrefs = [a["href"] for a in co_led.find_all("a")]
    assert "/plan/phase-out-backward-capacity" in hrefs
    assert "市煤炭工业局、市环保局、市工商局配合" in co_led.get_text()


def test_commitments_show_deadline_and_a_status_derived_from_the_records(app, client, content):
    with app.app_context():
        permits = db.session.scalars(
            select(Commitment).where(Commitment.code == "pollutant-permits-all-units")
        ).one()
        monitoring = db.session.scalars(
            select(Commitment).where(Commitment.code == "key-polluters-auto-monitoring")
        ).one()
        # One met late (deadline 2008-12-31), one met on time; the rest have no completion.
        for commitment, noted in ((permits, date(2009, 3, 1)), (monitoring, date(2008, 11, 1))):
            db.session.add(
                ProgressUpdate(
                    commitment_id=commitment.id,
                    status=ProgressStatus.COMPLETED,
                    note="测试记录",
                    noted_on=noted,
                    recorded_by="editor",
                )
            )
            commitment.status = ProgressStatus.COMPLETED
        late_title, on_time_title = permits.title, monitoring.title
        db.session.commit()
    page = parse(client.get("/departments/environmental-protection"))
    rows = {
        row.th.get_text(strip=True): row.get_text(" ", strip=True)
        for row in page.find("section", attrs={"aria-labelledby": "commitments-title"}).select(
            "tbody tr"
        )
    }
    late = next(text for title, text in rows.items() if late_title in title)
    on_time = next(text for title, text in rows.items() if on_time_title in title)
    assert "逾期完成" in late and "2009年3月1日" in late
    assert "按期完成" in on_time
    # Every deadline of the plan has passed: the others are overdue, never "pending".
    others = [t for title, t in rows.items() if title not in (late_title, on_time_title)]
    assert others and all("已逾期、尚无完成记录" in t for t in others)


def test_figures_without_a_source_say_no_data_rather_than_guess(client, content):
    records = parse(client.get("/departments/economic")).find(
        "section", attrs={"aria-labelledby": "records-title"}
    )
    assert [dd.get_text(strip=True) for dd in records.find_all("dd")] == ["无数据"] * 5


def test_department_chips_on_the_plan_link_to_the_department_page(client, content):
    page = parse(client.get("/plan/phase-out-backward-capacity"))
    chips = {a.get_text(strip=True): a["href"] for a in page.select("a.dept")}
    assert chips["市经委"] == "/departments/economic"
    assert chips["市工商局"] == "/departments/industry-commerce"


def test_unknown_or_hostile_department_code_is_a_chinese_404(client, content):
    for code in ("no-such-dept", "%3Cscript%3E", "' OR 1=1 --"):
        response = client.get(f"/departments/{code}")
        assert response.status_code == 404
        assert "<script>" not in response.get_data(as_text=True)
    assert "页面不存在" in text_of(client.get("/departments/nope"))


def test_department_page_links_its_rows_of_the_accountability_csv(client, content):
    page = parse(client.get("/departments/economic"))
    href = page.find("a", string=lambda s: s and "CSV" in s)["href"]
    assert href == "/data/accountability.csv?unit_code=economic"
    rows = client.get(href).get_data(as_text=True).splitlines()[1:]
    assert rows and all(",economic," in row for row in rows)
