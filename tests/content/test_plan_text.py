"""The content files (content/*.md, content/*.yaml) are faithful to the source plan.

These tests need only the standard library and PyYAML: they compare the structured data with
the source text /work/shared/source/hegang-plan-2007.txt (override with PLAN_SOURCE).

Source quirk: almost every source line ends with U+E004, a private-use character left over
from the text extraction (it renders as nothing or as a box). It is treated like trailing
whitespace: stripped from line ends, and nowhere else (a test checks it never occurs mid-line).
plan.md needs no Markdown escaping: the source contains none of * _ < > & ` # [ ] \\ | ~.
"""

import re

from tests.content.conftest import EXTRACTION_ARTEFACT

# ---------------------------------------------------------------- the source itself


def test_extraction_artefact_only_at_line_ends(raw_lines):
    for n, line in enumerate(raw_lines, 1):
        assert EXTRACTION_ARTEFACT not in line.rstrip().rstrip(EXTRACTION_ARTEFACT), n


# ---------------------------------------------------------------- plan.md


def test_plan_front_matter_names_the_plan_and_its_source(plan, source_path):
    front, _body = plan
    assert front["title"] == "鹤岗市节能减排综合性工作方案"
    assert front["source"] == source_path.name


def test_every_source_paragraph_is_a_verbatim_paragraph_of_the_plan_in_order(outline, body_items):
    expected = [text for kind, _level, text in outline if kind == "paragraph"]
    actual = [text for kind, _level, text, _slug in body_items if kind == "paragraph"]
    assert actual == expected


def test_every_source_heading_is_a_plan_heading_at_its_level_in_order(outline, body_items):
    expected = [(level, text) for kind, level, text in outline if kind == "heading"]
    actual = [(level, text) for kind, level, text, _slug in body_items if kind == "heading"]
    assert actual == expected


def test_plan_heading_counts(body_items):
    levels = [level for kind, level, _t, _s in body_items if kind == "heading"]
    assert levels.count(1) == 1
    assert levels.count(2) == 4
    assert levels.count(3) == 18
    assert levels.count(4) == 4


def test_plan_body_paragraphs_are_single_lines_separated_by_blank_lines(plan):
    body_lines = plan[1].strip("\n").split("\n")
    for previous, line in zip(body_lines, body_lines[1:], strict=False):
        assert not (previous and line), f"two adjacent lines: {previous[:20]!r} / {line[:20]!r}"


def test_plan_has_no_markdown_syntax_that_would_alter_the_text(body_items):
    for kind, _level, text, _slug in body_items:
        if kind == "paragraph":
            assert not re.search(r"[*_<>&`\\\[\]|~]", text), text[:30]
            assert not re.match(r"^\s*(?:[-+#>]|\d+\.\s)", text), text[:30]


def test_slugs_are_unique_lowercase_ascii(slugs):
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug


def test_preamble_and_key_slugs(body_items):
    by_text = {text: slug for kind, _l, text, slug in body_items if kind == "heading"}
    assert by_text["鹤岗市节能减排综合性工作方案"] == "preamble"
    assert by_text["一、指导思想"] == "guiding-ideology"
    assert by_text["二、主要目标"] == "main-targets"
    assert by_text["三、重点工作任务"] == "key-tasks"


# ---------------------------------------------------------------- assignments (此项工作由…)


def parse_assignment(text: str):
    m = re.fullmatch(r"此项工作由(.+?)(?:牵头|落实)(?:，(.+)配合)?", text)
    assert m, text
    lead = m[1].split("、")
    rest = m[2] or ""
    others = rest.endswith("部门")
    rest = re.sub(r"等?(?:有关|相关)?部门$", "", rest)
    cooperating = [name for name in rest.split("、") if name]
    return lead, cooperating, others


def all_assignments(plan):
    for slug, section in (plan[0].get("sections") or {}).items():
        for assignment in section["assignments"]:
            yield slug, assignment


def test_every_responsibility_sentence_is_one_assignment(plan, source):
    in_source = re.findall(r"（(此项工作由[^）]+)）", source)
    in_front_matter = [a["text"] for _slug, a in all_assignments(plan)]
    assert sorted(in_front_matter) == sorted(in_source)


def test_assignments_sit_on_the_section_that_contains_them(plan, section_text):
    for slug, assignment in all_assignments(plan):
        assert slug in section_text, slug
        assert f"（{assignment['text']}）" in section_text[slug], slug


def test_assignment_departments_match_the_sentence(plan, department_names):
    for slug, assignment in all_assignments(plan):
        lead, cooperating, others = parse_assignment(assignment["text"])
        assert assignment["lead"] == lead, slug
        assert assignment["cooperating"] == cooperating, slug
        assert assignment["others_cooperate"] is others, slug
        for name in lead + cooperating:
            assert name in department_names, name


# ---------------------------------------------------------------- departments


def test_departments_are_named_as_in_the_plan(departments, source):
    codes = [d["code"] for d in departments]
    assert len(codes) == len(set(codes))
    for d in departments:
        assert re.fullmatch(r"[a-z0-9-]+", d["code"]), d["code"]
        assert d["level"] in {"city", "province"}
        assert d["name"] in source, d["name"]
        for alias in d.get("aliases") or []:
            assert alias in source, alias


def test_provincial_environment_bureau_is_listed(departments):
    by_name = {d["name"]: d for d in departments}
    assert by_name["黑龙江省环境保护局"]["level"] == "province"
    assert "省环保局" in by_name["黑龙江省环境保护局"]["aliases"]
