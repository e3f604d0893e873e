"""`flask content import`: idempotent, follows the files, never touches editors' fields."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
import yaml
from sqlalchemy import func, select

from portal.models import (
    Commitment,
    Department,
    Indicator,
    PlanSection,
    ProgressStatus,
    Project,
    ProjectGroup,
)
from portal.services.plan.content_files import ContentError
from portal.services.plan.content_import import import_content
from tests.support.app import CONTENT_DIR

MODELS = (Department, PlanSection, Indicator, Commitment, ProjectGroup, Project)


def snapshot(db) -> dict:
    return {m.__tablename__: sorted(db.session.scalars(select(m.id))) for m in MODELS}


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_cli_imports_everything(runner, db):
    result = runner.invoke(args=["content", "import"])
    assert result.exit_code == 0, result.output
    assert "内容已导入" in result.output
    assert db.session.scalar(select(func.count()).select_from(PlanSection)) == 27
    so2 = db.session.scalars(select(Indicator).where(Indicator.name == "二氧化硫排放量")).one()
    assert (so2.baseline_value, so2.target_value) == (Decimal("36319"), Decimal("35590"))
    gdp = db.session.scalars(select(Indicator).where(Indicator.name == "万元GDP能耗")).one()
    assert str(gdp.baseline_value) == "2.66"


def test_running_the_import_twice_changes_nothing(runner, db):
    runner.invoke(args=["content", "import"])
    before = snapshot(db)
    result = runner.invoke(args=["content", "import"])
    assert result.exit_code == 0
    assert "无变化" in result.output
    db.session.expire_all()
    assert snapshot(db) == before


def test_a_changed_file_updates_its_rows_in_place(db, content_copy):
    import_content(content_copy)
    before = snapshot(db)

    def retarget(records):
        records[0]["target"]["value"] = 1.99

    edit_yaml(content_copy / "indicators.yaml", retarget)
    summary = import_content(content_copy)
    assert summary.counts["indicators"]["updated"] == 1
    db.session.expire_all()
    assert snapshot(db) == before
    first = db.session.scalars(select(Indicator).order_by(Indicator.position)).first()
    assert first.target_value == Decimal("1.99")


def test_an_item_removed_from_the_files_is_removed_from_the_site(db, content_copy):
    import_content(content_copy)
    removed = {}

    def drop_last(records):
        removed.update(records.pop())

    edit_yaml(content_copy / "commitments.yaml", drop_last)
    import_content(content_copy)
    assert (
        db.session.scalars(select(Commitment).where(Commitment.code == removed["code"])).first()
        is None
    )


def test_import_never_overwrites_the_status_editors_set(db):
    import_content(CONTENT_DIR)
    commitment = db.session.scalars(select(Commitment)).first()
    commitment.status = ProgressStatus.COMPLETED
    commitment.status_note = "已于2008年11月完成。"
    commitment.status_updated_at = datetime(2008, 12, 1, tzinfo=UTC)
    db.session.commit()
    import_content(CONTENT_DIR)
    db.session.expire_all()
    again = db.session.get(Commitment, commitment.id)
    assert again.status == ProgressStatus.COMPLETED
    assert again.status_note == "已于2008年11月完成。"


def test_plan_markdown_is_rendered_once_at_import_not_per_request(client, db, monkeypatch):
    import_content(CONTENT_DIR)
    section = db.session.scalars(select(PlanSection).where(PlanSection.level == 3)).first()
    assert section.body_html.startswith("<p>")

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered during a request")

    monkeypatch.setattr("portal.rendering.markdown.markdown", refuse)
    assert client.get("/plan").status_code == 200
    assert client.get(f"/plan/{section.slug}").status_code == 200


def test_an_unknown_department_is_a_clear_error_and_nothing_is_written(db, content_copy):
    def misname(records):
        records[0]["departments"] = ["市不存在局"]

    edit_yaml(content_copy / "commitments.yaml", misname)
    with pytest.raises(ContentError, match="未知部门 市不存在局"):
        import_content(content_copy)
    assert db.session.scalar(select(func.count()).select_from(PlanSection)) == 0


def test_a_broken_file_makes_the_cli_fail_with_a_message(runner, content_copy):
    (content_copy / "indicators.yaml").write_text("- code: [unclosed", encoding="utf-8")
    result = runner.invoke(args=["content", "import", "--dir", str(content_copy)])
    assert result.exit_code != 0
    assert "indicators.yaml 不是有效的 YAML" in result.output


def test_a_heading_without_a_slug_is_refused(db, content_copy):
    plan = content_copy / "plan.md"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n## 五、附则\n\n正文\n", encoding="utf-8")
    with pytest.raises(ContentError, match="标题缺少"):
        import_content(content_copy)
