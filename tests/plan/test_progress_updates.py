"""Editors record dated status notes on commitments and projects; the public pages show the
current status and the whole dated history."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.clock import today_local
from portal.models import AuditEntry, Commitment, ProgressStatus, ProgressUpdate, Project
from portal.services.plan import progress
from tests.support.pages import parse, text_of
from tests.support.staff import SETUP, csrf_from

PERMITS = "pollutant-permits-all-units"  # 2008年底前 所有排污单位排污许可证
WATERWORKS = "songhua-junxing-waterworks"
PERMITS_URL = f"/admin/progress/commitments/{PERMITS}"
WATERWORKS_URL = f"/admin/progress/projects/{WATERWORKS}"
EDITOR_URLS = ["/admin/progress", PERMITS_URL, WATERWORKS_URL]


def record(kind="commitment", code=PERMITS, status="in_progress", note="已发放 120 家。", **kw):
    return progress.record_progress(
        kind, code, status, note, kw.pop("noted_on", date(2008, 6, 30)), SETUP, **kw
    )


def commitment_item(client, code=PERMITS):
    return parse(client.get("/commitments")).find("li", id=code)


# Access


@pytest.mark.parametrize("url", EDITOR_URLS)
def test_anonymous_visitors_are_sent_to_sign_in(client, content, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login" in response.headers["Location"]


def test_anonymous_posts_are_sent_to_sign_in_and_write_nothing(app, client, db, content):
    app.config["WTF_CSRF_ENABLED"] = False  # check access, not CSRF, here
    response = client.post(PERMITS_URL, data={"status": "completed", "note": "已完成。"})
    assert response.status_code == 302 and "/admin/login" in response.headers["Location"]
    assert db.session.scalars(select(ProgressUpdate)).first() is None


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_staff_without_the_editor_role_get_403(app, db, content, role, sign_in):
    client = sign_in(role)
    app.config["WTF_CSRF_ENABLED"] = False
    for url in EDITOR_URLS:
        assert client.get(url).status_code == 403, url
    response = client.post(PERMITS_URL, data={"status": "completed", "note": "已完成。"})
    assert response.status_code == 403
    assert db.session.scalars(select(ProgressUpdate)).first() is None


def test_editor_pages_are_never_cached(db, content, sign_in):
    client = sign_in("editor")
    for url in EDITOR_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"


def test_unknown_subject_is_404(app, db, content, sign_in):
    client = sign_in("editor")
    assert client.get("/admin/progress/commitments/no-such-thing").status_code == 404
    assert client.get("/admin/progress/widgets/x").status_code == 404


# Recording through the form


def test_overview_lists_commitments_and_projects_with_links(db, content, sign_in):
    record(status="completed", noted_on=date(2008, 12, 20))
    page = parse(sign_in("editor").get("/admin/progress"))
    row = page.find("a", href=PERMITS_URL).find_parent("tr")
    assert "已完成" in row.get_text() and "2008年12月20日" in row.get_text()
    assert page.find("a", href=WATERWORKS_URL)
    assert "尚无进展记录" in page.find("a", href=WATERWORKS_URL).find_parent("tr").get_text()


def test_editor_records_a_note_that_the_public_page_then_shows(app, db, content, sign_in):
    client = sign_in("editor", username="ed")
    form = client.get(PERMITS_URL)
    choices = [i["value"] for i in parse(form).find_all("input", attrs={"name": "status"})]
    assert choices == ["in_progress", "completed", "overdue"]
    response = client.post(
        PERMITS_URL,
        data={
            "csrf_token": csrf_from(form),
            "status": "completed",
            "noted_on": "2008-12-30",
            "note": "全市 312 家排污单位已全部领证。",
        },
    )
    assert response.status_code == 303
    assert response.headers["Location"].endswith(PERMITS_URL)
    assert "全市 312 家排污单位已全部领证" in text_of(client.get(PERMITS_URL))

    item = commitment_item(app.test_client())
    assert item.find(class_="badge--completed")
    assert "已过截止日期" not in item.get_text()  # completed: no longer flagged
    history = item.find("details", class_="progress-history")
    assert "2008年12月30日" in history.get_text() and "312 家" in history.get_text()

    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "progress_recorded"))
    entry = entry.one()
    assert (entry.actor_name, entry.target_type, entry.target_id) == ("ed", "commitment", PERMITS)
    assert entry.details == {"status": "completed", "noted_on": "2008-12-30"}


def test_bad_input_is_shown_next_to_the_field_and_what_was_typed_is_kept(db, content, sign_in):
    client = sign_in("editor", username="ed")
    form = client.get(WATERWORKS_URL)
    tomorrow = (today_local() + timedelta(days=1)).isoformat()
    response = client.post(
        WATERWORKS_URL,
        data={
            "csrf_token": csrf_from(form),
            "status": "in_progress",
            "noted_on": tomorrow,
            "note": "主体工程完工。",
        },
    )
    assert response.status_code == 400
    page = parse(response)
    assert "进展日期不能晚于今天" in page.find(id="noted_on-error").get_text()
    assert "未开工、在建、已完成、逾期" in page.find(id="status-error").get_text()
    assert page.find("textarea", id="note").get_text() == "主体工程完工。"
    assert page.find("input", id="noted_on")["value"] == tomorrow
    assert page.find(class_="error-summary")
    assert db.session.scalars(select(ProgressUpdate)).first() is None
    assert not db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "progress_recorded")
    ).all()


# The rules


@pytest.mark.parametrize(
    ("kind", "code", "status", "allowed"),
    [
        ("commitment", PERMITS, "in_progress", True),
        ("commitment", PERMITS, "completed", True),
        ("commitment", PERMITS, "overdue", True),
        ("commitment", PERMITS, "under_construction", False),
        ("commitment", PERMITS, "not_started", False),
        ("commitment", PERMITS, "not_reported", False),
        ("project", WATERWORKS, "not_started", True),
        ("project", WATERWORKS, "under_construction", True),
        ("project", WATERWORKS, "completed", True),
        ("project", WATERWORKS, "overdue", True),
        ("project", WATERWORKS, "in_progress", False),
        ("project", WATERWORKS, "not_reported", False),
        ("project", WATERWORKS, "bogus", False),
    ],
)
def test_status_must_be_one_the_kind_allows(db, content, kind, code, status, allowed):
    if allowed:
        assert record(kind, code, status).status == ProgressStatus(status)
        return
    with pytest.raises(progress.InvalidProgress) as refused:
        record(kind, code, status)
    assert set(refused.value.errors) == {"status"}


@pytest.mark.parametrize(
    ("note", "message"),
    [("", "请填写进展说明"), ("   ", "请填写进展说明"), ("字" * 2001, "不能超过 2000 个字")],
)
def test_note_is_required_and_at_most_2000_characters(db, content, note, message):
    with pytest.raises(progress.InvalidProgress) as refused:
        record(note=note)
    assert message in refused.value.errors["note"]
    assert record(note="字" * 2000).note == "字" * 2000


@pytest.mark.parametrize(
    ("noted_on", "message"),
    [
        ("", "请填写进展日期"),
        ("2008-13-01", "日期格式应为"),
        ("1999-12-31", "不能早于 2007 年"),
        (date(2008, 7, 1), "不能晚于今天"),
    ],
)
def test_noted_on_is_a_real_date_and_not_in_the_future(db, content, noted_on, message):
    with pytest.raises(progress.InvalidProgress) as refused:
        record(noted_on=noted_on, today=date(2008, 6, 30))
    assert message in refused.value.errors["noted_on"]
    assert db.session.scalars(select(ProgressUpdate)).first() is None


def test_unknown_subject_is_refused(db, content):
    with pytest.raises(progress.SubjectNotFound):
        record(code="no-such-commitment")


# Current status and history


def test_current_status_follows_the_newest_note_by_date(db, content):
    commitment = db.session.scalars(select(Commitment).where(Commitment.code == PERMITS)).one()
    assert commitment.status == ProgressStatus.NOT_REPORTED
    record(status="in_progress", note="已发放 120 家。", noted_on=date(2008, 6, 30))
    record(status="completed", note="全部发放完毕。", noted_on=date(2008, 12, 30))
    # A back-dated note recorded later does not replace the newer one.
    record(status="in_progress", note="补记：年初启动。", noted_on=date(2008, 3, 1))
    db.session.refresh(commitment)
    assert commitment.status == ProgressStatus.COMPLETED
    assert commitment.status_note == "全部发放完毕。"
    assert commitment.status_updated_at is not None


def test_project_status_is_kept_in_step(db, content):
    record("project", WATERWORKS, "under_construction", "主体工程开工。", noted_on=date(2008, 5, 1))
    project = db.session.scalars(select(Project).where(Project.code == WATERWORKS)).one()
    assert (project.status, project.status_note) == (
        ProgressStatus.UNDER_CONSTRUCTION,
        "主体工程开工。",
    )


def test_public_history_is_newest_first_with_dates_statuses_and_notes(client, db, content):
    record(status="in_progress", note="第一次记录。", noted_on=date(2008, 3, 1))
    record(status="overdue", note="第三次记录。", noted_on=date(2009, 1, 15))
    record(status="in_progress", note="第二次记录。", noted_on=date(2008, 9, 1))
    item = commitment_item(client)
    entries = item.find("details", class_="progress-history").find_all("li")
    texts = [" ".join(li.get_text(" ").split()) for li in entries]
    assert [t.split()[-1] for t in texts] == ["第三次记录。", "第二次记录。", "第一次记录。"]
    assert "2009年1月15日" in texts[0] and "逾期" in texts[0]
    assert item.find("time", datetime="2009-01-15")
    assert "第三次记录" in item.find(class_="progress-latest").get_text()
    # Past the deadline without completion: the derived flag stays beside the status.
    assert "已过截止日期" in item.get_text()


def test_public_projects_page_shows_status_and_history(client, db, content):
    record("project", WATERWORKS, "not_started", "尚在办理用地手续。", noted_on=date(2008, 2, 1))
    record("project", WATERWORKS, "completed", "已通过竣工验收。", noted_on=date(2009, 10, 1))
    row = parse(client.get("/projects")).find("tr", id=WATERWORKS)
    assert row.find(class_="badge--completed")
    notes = [p.get_text() for p in row.find_all("p", class_="progress-note")]
    assert notes == ["已通过竣工验收。", "尚在办理用地手续。"]
    assert "2009年10月1日" in row.get_text()
    assert not row.find(class_="badge--sample")


def test_sample_notes_carry_the_sample_mark_publicly(client, db, content):
    spec = progress.KINDS["commitment"]
    commitment = db.session.scalars(select(Commitment).where(Commitment.code == PERMITS)).one()
    db.session.add(
        progress.new_update(
            spec, commitment, ProgressStatus.IN_PROGRESS, "示例说明。", date(2008, 5, 1), "示例",
            is_sample=True,
        )
    )  # fmt: skip
    progress.sync_current_status(spec, commitment)
    db.session.commit()
    item = commitment_item(client)
    marks = item.find_all(class_="badge--sample")
    assert {m.get_text(strip=True) for m in marks} >= {"示例数据"}
    assert len(marks) >= 2  # beside the current status and on the history entry
