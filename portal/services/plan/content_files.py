"""Reading the content/ folder: the plan's Markdown and the YAML registers beside it.

Returns plain dicts and lists; raises ContentError naming the file and the item at fault.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

HEADING = re.compile(r"^(#{1,4}) (?P<title>.+?) \{#(?P<slug>[a-z0-9-]+)\}\s*$")


class ContentError(ValueError):
    pass


@dataclass
class SectionSource:
    slug: str
    title: str
    level: int
    parent_slug: str | None
    body_markdown: str
    assignments: list[dict] = field(default_factory=list)


@dataclass
class ContentBundle:
    departments: list[dict]
    sections: list[SectionSource]
    indicators: list[dict]
    commitments: list[dict]
    project_groups: list[dict]
    projects: list[dict]
    report_categories: list[dict]


def read_content(content_dir: Path) -> ContentBundle:
    content_dir = Path(content_dir)
    front, body = _split_front_matter(_read(content_dir / "plan.md"), "plan.md")
    sections = _parse_sections(body, front.get("sections") or {})
    projects_file = _load_yaml(content_dir / "projects.yaml")
    bundle = ContentBundle(
        departments=_records(content_dir / "departments.yaml", _load_yaml),
        sections=sections,
        indicators=_records(content_dir / "indicators.yaml", _load_yaml),
        commitments=_records(content_dir / "commitments.yaml", _load_yaml),
        project_groups=_require_list(projects_file.get("groups"), "projects.yaml: groups"),
        projects=_require_list(projects_file.get("projects"), "projects.yaml: projects"),
        report_categories=_records(content_dir / "report_categories.yaml", _load_yaml),
    )
    _check_references(bundle)
    return bundle


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(f"缺少内容文件：{path}") from error


def _load_yaml(path: Path):
    try:
        return yaml.safe_load(_read(path))
    except yaml.YAMLError as error:
        raise ContentError(f"{path.name} 不是有效的 YAML：{error}") from error


def _records(path: Path, loader) -> list[dict]:
    return _require_list(loader(path), path.name)


def _require_list(value, where: str) -> list[dict]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise ContentError(f"{where} 应为记录列表")
    return value


def _split_front_matter(text: str, name: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    try:
        header, body = text[4:].split("\n---\n", 1)
    except ValueError as error:
        raise ContentError(f"{name}：front matter 没有结束标记 ---") from error
    try:
        front = yaml.safe_load(header) or {}
    except yaml.YAMLError as error:
        raise ContentError(f"{name}：front matter 不是有效的 YAML：{error}") from error
    return front, body


def _parse_sections(body: str, metadata: dict) -> list[SectionSource]:
    sections: list[SectionSource] = []
    stack: list[SectionSource] = []
    lines: list[str] = []

    def close_current() -> None:
        if sections:
            sections[-1].body_markdown = "\n".join(lines).strip()
        lines.clear()

    for line in body.splitlines():
        match = HEADING.match(line)
        if not match:
            if line.startswith("#"):
                raise ContentError(f"plan.md：标题缺少 {{#slug}}：{line}")
            lines.append(line)
            continue
        close_current()
        level = len(match.group(1))
        while stack and stack[-1].level >= level:
            stack.pop()
        section = SectionSource(
            slug=match["slug"],
            title=match["title"],
            level=level,
            parent_slug=stack[-1].slug if stack else None,
            body_markdown="",
            assignments=(metadata.get(match["slug"]) or {}).get("assignments") or [],
        )
        sections.append(section)
        stack.append(section)
    close_current()
    if not sections:
        raise ContentError("plan.md 中没有带 {#slug} 的标题")
    return sections


REQUIRED_FIELDS = {
    "departments.yaml": ("code", "name"),
    "indicators.yaml": ("code", "name", "unit", "direction", "target", "section", "source_text"),
    "commitments.yaml": ("code", "title", "deadline", "section", "source_text"),
    "projects.yaml groups": ("code", "name", "section"),
    "projects.yaml projects": ("code", "name", "group", "section", "source_text"),
    "report_categories.yaml": ("code", "name", "explanation"),
}


def _check_required(bundle: ContentBundle) -> None:
    for where, records in (
        ("departments.yaml", bundle.departments),
        ("indicators.yaml", bundle.indicators),
        ("commitments.yaml", bundle.commitments),
        ("projects.yaml groups", bundle.project_groups),
        ("projects.yaml projects", bundle.projects),
        ("report_categories.yaml", bundle.report_categories),
    ):
        for record in records:
            for key in REQUIRED_FIELDS[where]:
                _field(record, key, where)
    for indicator in bundle.indicators:
        target = indicator["target"]
        if not isinstance(target, dict) or target.get("value") is None:
            raise ContentError(f"indicators.yaml：{indicator['code']} 的 target 缺少 value")


def _check_references(bundle: ContentBundle) -> None:
    _check_required(bundle)
    slugs = [s.slug for s in bundle.sections]
    _unique(slugs, "plan.md 标题 slug")
    for where, records, key in (
        ("departments.yaml", bundle.departments, "code"),
        ("indicators.yaml", bundle.indicators, "code"),
        ("commitments.yaml", bundle.commitments, "code"),
        ("projects.yaml groups", bundle.project_groups, "code"),
        ("projects.yaml projects", bundle.projects, "code"),
        ("report_categories.yaml", bundle.report_categories, "code"),
    ):
        _unique([_field(r, key, where) for r in records], where)
    known_sections = set(slugs)
    for where, records in (
        ("indicators.yaml", bundle.indicators),
        ("commitments.yaml", bundle.commitments),
        ("projects.yaml", bundle.project_groups + bundle.projects),
        ("report_categories.yaml", [r for r in bundle.report_categories if r.get("section")]),
    ):
        for record in records:
            if record.get("section") not in known_sections:
                raise ContentError(f"{where}：{record.get('code')} 的 section 不存在")
    for commitment in bundle.commitments:
        if not isinstance(commitment.get("deadline"), date):
            raise ContentError(f"commitments.yaml：{commitment['code']} 的 deadline 不是日期")


def _field(record: dict, key: str, where: str):
    if not record.get(key):
        raise ContentError(f"{where}：记录缺少 {key}：{record}")
    return record[key]


def _unique(values: list, where: str) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise ContentError(f"{where} 重复：{value}")
        seen.add(value)
