"""The bulletin service: index numbers, slugs, validation, rendering once, drafts for other
parts of the portal, and the correction rule."""

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from portal.models import AuditEntry, Bulletin, BulletinKind, PublicationState, Validity
from portal.services.bulletins import editing as bulletins
from portal.services.bulletins import publishing as bulletin_publishing
from portal.services.bulletins.rules import BulletinError
from tests.support.bulletins import EDITOR, fields, make_bulletin


def actions(db) -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_index_numbers_follow_prefix_year_and_sequence(db):
    first = bulletins.create_bulletin(fields(), EDITOR, now=datetime(2026, 3, 1, tzinfo=UTC))
    second = bulletins.create_bulletin(fields(), EDITOR, now=datetime(2026, 3, 2, tzinfo=UTC))
    next_year = bulletins.create_bulletin(fields(), EDITOR, now=datetime(2027, 1, 5, tzinfo=UTC))
    assert first.index_number == "HG-JNJP-2026-000001"
    assert second.index_number == "HG-JNJP-2026-000002"
    assert next_year.index_number == "HG-JNJP-2027-000001"


def test_the_index_year_is_the_city_year_of_creation(db):
    # 2026-12-31 17:00 UTC is already 2027-01-01 in Hegang.
    bulletin = bulletins.create_bulletin(
        fields(), EDITOR, now=datetime(2026, 12, 31, 17, tzinfo=UTC)
    )
    assert bulletin.index_number == "HG-JNJP-2027-000001"


def test_index_number_never_changes_through_edits_publication_and_correction(db):
    bulletin = make_bulletin()
    number = bulletin.index_number
    bulletins.update_bulletin(
        bulletin.id, fields(title="改过的标题", written_on="2009-01-01"), EDITOR
    )
    bulletin_publishing.publish(bulletin.id, EDITOR)
    bulletins.update_bulletin(bulletin.id, fields(title="再改"), EDITOR, reason="标题有误")
    bulletin_publishing.unpublish(bulletin.id, "内容需要复核", EDITOR)
    assert db.session.get(Bulletin, bulletin.id).index_number == number


def test_index_numbers_are_unique_when_editors_save_at_the_same_time(app, db):
    def create(results):
        with app.app_context():
            results.append(bulletins.create_bulletin(fields(), EDITOR).index_number)

    results: list[str] = []
    threads = [threading.Thread(target=create, args=(results,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 6
    assert len(set(results)) == 6
    numbers = set(db.session.scalars(select(Bulletin.index_number)))
    assert numbers == set(results)


def test_a_number_taken_meanwhile_is_skipped_not_reused(db, monkeypatch):
    taken = make_bulletin()
    # Another writer took the number between our look-up and our insert (PostgreSQL).
    real = bulletins._last_sequence
    calls = []

    def stale(year):
        calls.append(year)
        return real(year) - 1 if len(calls) == 1 else real(year)

    monkeypatch.setattr(bulletins, "_last_sequence", stale)
    again = make_bulletin()
    assert len(calls) == 2
    assert again.index_number != taken.index_number
    assert again.index_number.endswith("000002")


def test_slug_follows_kind_and_date_until_first_publication_then_stays(db):
    bulletin = make_bulletin(kind="quarterly_statistics", written_on="2008-09-30")
    assert bulletin.slug == "quarterly-statistics-2008-09-30"
    bulletins.update_bulletin(bulletin.id, fields(kind="notice", written_on="2008-10-01"), EDITOR)
    assert db.session.get(Bulletin, bulletin.id).slug == "notice-2008-10-01"
    bulletin_publishing.publish(bulletin.id, EDITOR)
    bulletins.update_bulletin(
        bulletin.id, fields(kind="notice", written_on="2008-10-02"), EDITOR, reason="日期有误"
    )
    assert db.session.get(Bulletin, bulletin.id).slug == "notice-2008-10-01"


def test_every_problem_is_reported_at_once_in_chinese_and_nothing_is_written(db):
    with pytest.raises(BulletinError) as refused:
        bulletins.create_bulletin(
            fields(kind="gossip", title=" ", written_on="2008-13-40", body_markdown="",
                   subject_category="", issuing_body="x" * 121),
            EDITOR,
        )  # fmt: skip
    errors = refused.value.errors
    assert set(errors) == {
        "kind", "title", "written_on", "body_markdown", "subject_category", "issuing_body",
    }  # fmt: skip
    assert errors["title"] == "请填写标题。"
    assert "120" in errors["issuing_body"]
    assert db.session.scalars(select(Bulletin)).first() is None
    assert actions(db) == []


def test_markdown_is_rendered_and_sanitised_when_saved(db):
    bulletin = make_bulletin(
        body_markdown="**要点**\n\n<script>alert(1)</script>\n\n[链接](javascript:alert(1))"
    )
    html = str(db.session.get(Bulletin, bulletin.id).body_html)
    assert "<strong>要点</strong>" in html
    assert "<script" not in html and "javascript:" not in html


def test_create_draft_saves_generated_text_as_a_draft_and_audits_it(db):
    bulletin = bulletins.create_draft(
        kind=BulletinKind.WORK_NEWS,
        title="2026年10月举报办理情况通报",
        body_markdown="## 总体情况\n\n10月共收到举报 12 件。",
        subject_category="environment",
        issuing_body="鹤岗市节能减排工作领导小组办公室",
        written_on=date(2026, 11, 2),
        keywords="举报 通报",
        actor=EDITOR,
    )
    assert bulletin.state == PublicationState.DRAFT
    assert bulletin.published_at is None
    assert bulletin.slug == "work-news-2026-11-02"
    assert "<h2>总体情况</h2>" in bulletin.body_html
    entry = db.session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.target_type, entry.target_id) == (
        "bulletin_drafted", "bulletin", str(bulletin.id),
    )  # fmt: skip


def test_a_draft_changes_freely_without_revisions(db):
    bulletin = make_bulletin()
    bulletins.update_bulletin(bulletin.id, fields(body_markdown="新的正文"), EDITOR)
    saved = db.session.get(Bulletin, bulletin.id)
    assert saved.revision == 1 and saved.revisions == []
    assert "新的正文" in saved.body_html
    assert actions(db) == ["bulletin_created", "bulletin_updated"]


def test_correcting_a_published_bulletin_needs_a_reason_and_keeps_the_earlier_text(db):
    bulletin = make_bulletin(published=True, title="原标题", body_markdown="原来的正文")
    with pytest.raises(BulletinError) as refused:
        bulletins.update_bulletin(bulletin.id, fields(title="新标题"), EDITOR, reason="  ")
    assert "更正理由" in refused.value.errors["reason"]
    assert db.session.get(Bulletin, bulletin.id).title == "原标题"

    bulletins.update_bulletin(
        bulletin.id, fields(title="新标题", body_markdown="更正后的正文"), EDITOR,
        reason="数据有误",
    )  # fmt: skip
    saved = db.session.get(Bulletin, bulletin.id)
    assert (saved.title, saved.revision) == ("新标题", 2)
    [earlier] = saved.revisions
    assert (earlier.revision, earlier.title, earlier.reason) == (1, "原标题", "数据有误")
    assert "原来的正文" in earlier.body_html
    assert earlier.metadata_snapshot["written_on"] == "2008-10-15"
    assert earlier.corrected_by == EDITOR.name
    assert actions(db)[-1] == "bulletin_corrected"


def test_a_correction_that_changes_nothing_is_refused(db):
    bulletin = make_bulletin(published=True)
    with pytest.raises(BulletinError, match="没有变化"):
        bulletins.update_bulletin(bulletin.id, fields(), EDITOR, reason="没什么")
    assert db.session.get(Bulletin, bulletin.id).revision == 1


def test_publication_date_is_set_once(db):
    bulletin = make_bulletin()
    first = datetime(2026, 4, 1, 2, tzinfo=UTC)
    bulletin_publishing.publish(bulletin.id, EDITOR, now=first)
    with pytest.raises(BulletinError, match="已经发布"):
        bulletin_publishing.publish(bulletin.id, EDITOR)
    bulletin_publishing.unpublish(bulletin.id, "需要复核", EDITOR)
    bulletin_publishing.publish(bulletin.id, EDITOR, now=datetime(2026, 5, 1, tzinfo=UTC))
    saved = db.session.get(Bulletin, bulletin.id)
    assert saved.published_at == first
    assert saved.state == PublicationState.PUBLISHED and saved.unpublish_reason is None


def test_unpublishing_needs_a_reason_and_a_published_bulletin(db):
    draft = make_bulletin()
    with pytest.raises(BulletinError, match="只有已发布"):
        bulletin_publishing.unpublish(draft.id, "理由", EDITOR)
    published = make_bulletin(published=True)
    with pytest.raises(BulletinError) as refused:
        bulletin_publishing.unpublish(published.id, "", EDITOR)
    assert "reason" in refused.value.errors
    assert db.session.get(Bulletin, published.id).state == PublicationState.PUBLISHED


def test_validity_links_to_a_published_replacement(db):
    original = make_bulletin(published=True)
    draft = make_bulletin()
    newer = make_bulletin(published=True, title="修订后的通知")
    with pytest.raises(BulletinError) as refused:
        bulletin_publishing.set_validity(original.id, "amended", None, EDITOR)
    assert "replacement" in refused.value.errors
    for wrong in (draft.id, original.id, 999):
        with pytest.raises(BulletinError, match="已发布的通报"):
            bulletin_publishing.set_validity(original.id, "amended", wrong, EDITOR)
    with pytest.raises(BulletinError):
        bulletin_publishing.set_validity(original.id, "eternal", None, EDITOR)
    with pytest.raises(BulletinError, match="只有已发布"):
        bulletin_publishing.set_validity(draft.id, "repealed", None, EDITOR)

    bulletin_publishing.set_validity(original.id, "amended", newer.id, EDITOR)
    saved = db.session.get(Bulletin, original.id)
    assert (saved.validity, saved.replaced_by_id) == (Validity.AMENDED, newer.id)
    bulletin_publishing.set_validity(original.id, "repealed", None, EDITOR)  # no replacement: ok
    bulletin_publishing.set_validity(original.id, "valid", newer.id, EDITOR)
    saved = db.session.get(Bulletin, original.id)
    assert (saved.validity, saved.replaced_by_id) == (Validity.VALID, None)
    assert actions(db).count("bulletin_validity_changed") == 3
