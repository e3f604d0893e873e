"""Loading content/ into the database, idempotently.

Rows are matched by their stable code or slug: a second run changes nothing, a changed file
updates its rows, a removed item is deleted. Editors' fields (progress status and notes) are
never touched. Markdown is rendered here, once, through the one rendering function.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from ...database import begin_write
from ...extensions import db
from ...models import (
    Assignment,
    AssignmentDepartment,
    Commitment,
    CommitmentDepartment,
    Department,
    Direction,
    Indicator,
    Measure,
    PlanSection,
    Project,
    ProjectGroup,
    Report,
    ReportCategory,
    Role,
)
from ...rendering import render_markdown
from .content_files import ContentBundle, ContentError, read_content


@dataclass
class ImportSummary:
    counts: dict[str, Counter] = field(default_factory=dict)

    def note(self, kind: str, outcome: str) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += 1

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] or c["deleted"] for c in self.counts.values())


def import_content(content_dir: Path) -> ImportSummary:
    bundle = read_content(content_dir)
    begin_write()
    try:
        summary = _Importer(bundle).run()
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return summary


class _Importer:
    def __init__(self, bundle: ContentBundle):
        self.bundle = bundle
        self.summary = ImportSummary()
        self._stale: dict[str, list] = {}  # rows no longer in the files, deleted at the end

    def run(self) -> ImportSummary:
        departments = self._departments()
        sections = self._sections(departments)
        indicators = self._indicators(sections)
        self._commitments(sections, departments, indicators)
        self._projects(sections)
        self._report_categories(sections, departments)
        for kind in ("projects", "project_groups", "indicators", "sections", "departments"):
            self._delete_stale(kind)
        db.session.flush()
        return self.summary

    def _sync(self, kind: str, model, key: str, records: list[dict], build) -> dict:
        """Create or update one row per record (matched on `key`), delete rows not listed."""
        existing = {getattr(row, key): row for row in db.session.scalars(select(model))}
        result = {}
        for position, record in enumerate(records):
            values = build(record) | {"position": position}
            row = existing.pop(record[key], None)
            if row is None:
                row = model(**{key: record[key]}, **values)
                db.session.add(row)
                self.summary.note(kind, "created")
            elif _assign(row, values):
                self.summary.note(kind, "updated")
            else:
                self.summary.note(kind, "unchanged")
            result[record[key]] = row
        self._stale[kind] = list(existing.values())
        return result

    def _departments(self) -> dict[str, Department]:
        rows = self._sync(
            "departments",
            Department,
            "code",
            self.bundle.departments,
            lambda r: {
                "name": r["name"],
                "level": r.get("level") or "city",
                "aliases": list(r.get("aliases") or []),
            },
        )
        return {row.name: row for row in rows.values()}

    def _sections(self, departments: dict[str, Department]) -> dict[str, PlanSection]:
        records = [{"slug": s.slug, "source": s} for s in self.bundle.sections]
        rows = self._sync(
            "sections",
            PlanSection,
            "slug",
            records,
            lambda r: {
                "title": r["source"].title,
                "level": r["source"].level,
                "body_markdown": r["source"].body_markdown,
                "body_html": render_markdown(r["source"].body_markdown),
            },
        )
        db.session.flush()
        for section in self.bundle.sections:
            row = rows[section.slug]
            parent = rows[section.parent_slug] if section.parent_slug else None
            if row.parent is not parent:
                row.parent = parent
            self._assignments(row, section.assignments, departments)
        return rows

    def _assignments(self, section: PlanSection, records: list[dict], departments) -> None:
        wanted = [_assignment_signature(r, departments, section.slug) for r in records]
        current = [
            (
                a.scope,
                a.text,
                a.others_cooperate,
                tuple((m.department.name, m.role) for m in a.members),
            )
            for a in section.assignments
        ]
        if wanted == current:
            return
        section.assignments.clear()
        db.session.flush()
        for position, (scope, text, others, members) in enumerate(wanted):
            section.assignments.append(
                Assignment(
                    position=position,
                    scope=scope,
                    text=text,
                    others_cooperate=others,
                    members=[
                        AssignmentDepartment(department=departments[name], role=role, position=i)
                        for i, (name, role) in enumerate(members)
                    ],
                )
            )
        self.summary.note("assignments", "updated" if current else "created")

    def _indicators(self, sections: dict[str, PlanSection]) -> dict[str, Indicator]:
        def build(r: dict) -> dict:
            baseline = r.get("baseline") or {}
            return {
                "name": r["name"],
                "unit": r["unit"],
                "measure": Measure(r.get("measure") or "level"),
                "direction": Direction(r["direction"]),
                "comparator": r.get("comparator") or "=",
                "baseline_year": baseline.get("year"),
                "baseline_value": _decimal(baseline.get("value")),
                "target_year": r["target"].get("year"),
                "target_value": _decimal(r["target"]["value"]),
                "stated_change": r.get("stated_change"),
                "note": r.get("note"),
                "source_text": r["source_text"],
                "section": sections[r["section"]],
            }

        return self._sync("indicators", Indicator, "code", self.bundle.indicators, build)

    def _commitments(self, sections, departments, indicators) -> None:
        def build(r: dict) -> dict:
            return {
                "title": r["title"],
                "deadline": r["deadline"],
                "deadline_text": r.get("deadline_text") or "",
                "source_text": r["source_text"],
                "section": sections[r["section"]],
                "indicator": indicators[r["indicator"]] if r.get("indicator") else None,
            }

        rows = self._sync("commitments", Commitment, "code", self.bundle.commitments, build)
        for record in self.bundle.commitments:
            names = [
                _department(departments, n, record["code"]) for n in record.get("departments") or []
            ]
            row = rows[record["code"]]
            if [d.department.name for d in row.departments] != [d.name for d in names]:
                row.departments = [
                    CommitmentDepartment(department=d, position=i) for i, d in enumerate(names)
                ]
        self._delete_stale("commitments")

    def _projects(self, sections) -> None:
        groups = self._sync(
            "project_groups",
            ProjectGroup,
            "code",
            self.bundle.project_groups,
            lambda r: {
                "name": r["name"],
                "description": r.get("description"),
                "section": sections[r["section"]],
            },
        )

        def build(r: dict) -> dict:
            if r.get("group") not in groups:
                raise ContentError(f"projects.yaml：{r['code']} 的 group 不存在")
            return {
                "name": r["name"],
                "group": groups[r["group"]],
                "category": r.get("category"),
                "owner": r.get("owner"),
                "deadline": r.get("deadline"),
                "deadline_text": r.get("deadline_text"),
                "milestones": [_milestone(m) for m in r.get("milestones") or []],
                "source_text": r["source_text"],
                "section": sections[r["section"]],
            }

        self._sync("projects", Project, "code", self.bundle.projects, build)

    def _report_categories(self, sections, departments) -> None:
        def build(r: dict) -> dict:
            default = r.get("default_department")
            return {
                "name": r["name"],
                "explanation": r["explanation"],
                "default_department": _department(departments, default, r["code"])
                if default
                else None,
                "section": sections[r["section"]] if r.get("section") else None,
            }

        self._sync(
            "report_categories", ReportCategory, "code", self.bundle.report_categories, build
        )
        for category in self._stale.get("report_categories", []):
            if db.session.scalar(select(Report.id).where(Report.category == category).limit(1)):
                raise ContentError(
                    f"report_categories.yaml：类别 {category.code} 已有举报，不能删除"
                )
        self._delete_stale("report_categories")

    def _delete_stale(self, kind: str) -> None:
        for row in self._stale.pop(kind, []):
            db.session.delete(row)
            self.summary.note(kind, "deleted")
        db.session.flush()


def _assign(row, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def _milestone(record: dict) -> dict:
    deadline = record.get("deadline")
    return {
        "deadline": deadline.isoformat() if deadline else None,
        "deadline_text": record.get("deadline_text"),
        "text": record["text"],
    }


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _department(departments: dict[str, Department], name: str, where: str) -> Department:
    try:
        return departments[name]
    except KeyError as error:
        raise ContentError(f"{where}：未知部门 {name}（请先加入 departments.yaml）") from error


def _assignment_signature(record: dict, departments, where: str) -> tuple:
    members = [(n, Role.LEAD.value) for n in record.get("lead") or []]
    members += [(n, Role.COOPERATING.value) for n in record.get("cooperating") or []]
    for name, _ in members:
        _department(departments, name, where)
    return (
        record.get("scope"),
        record["text"],
        bool(record.get("others_cooperate")),
        tuple(members),
    )
