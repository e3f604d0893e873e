"""The content files (content/*.md, content/*.yaml) are faithful to the source plan.

These tests need only the standard library and PyYAML: they compare the structured data with
the source text /work/shared/source/hegang-plan-2007.txt (override with PLAN_SOURCE).

Source quirk: almost every source line ends with U+E004, a private-use character left over
from the text extraction (it renders as nothing or as a box). It is treated like trailing
whitespace: stripped from line ends, and nowhere else (a test checks it never occurs mid-line).
plan.md needs no Markdown escaping: the source contains none of * _ < > & ` # [ ] \\ | ~.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
DEFAULT_SOURCE = ROOT.parent / "shared" / "source" / "hegang-plan-2007.txt"
EXTRACTION_ARTEFACT = "\ue004"

CN_NUM = "一二三四五六七八九十"
LEVEL2 = re.compile(rf"^[{CN_NUM}]+、")
LEVEL3 = re.compile(rf"^（[{CN_NUM}]+）")
LEVEL4 = re.compile(r"^\d+\.")
MD_HEADING = re.compile(r"^(#{1,6}) (.+?) \{#([^}]*)\}$")


# ---------------------------------------------------------------- helpers / fixtures


def clean(line: str) -> str:
    """A source line without trailing whitespace and extraction artefacts."""
    return re.sub(rf"[\s{EXTRACTION_ARTEFACT}]+$", "", line)


@pytest.fixture(scope="module")
def source_path() -> Path:
    path = Path(os.environ.get("PLAN_SOURCE", DEFAULT_SOURCE))
    if not path.is_file():
        pytest.skip(f"source plan not found at {path} (set PLAN_SOURCE)")
    return path


@pytest.fixture(scope="module")
def raw_lines(source_path) -> list[str]:
    return source_path.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def lines(raw_lines) -> list[str]:
    return [clean(line) for line in raw_lines]


@pytest.fixture(scope="module")
def source(lines) -> str:
    return "\n".join(lines)


@pytest.fixture(scope="module")
def outline(lines):
    """The source as (kind, level, text) items: kind is 'heading' or 'paragraph'.

    Level 1 is the title, 2 一、…, 3 （一）…; inside §三（六） a numbered paragraph "1.xxx。…" is
    both a level-4 heading (its leading phrase) and a paragraph.
    """
    items = []
    in_circular_economy = False
    first = True
    for line in lines:
        if not line:
            continue
        if first:
            items.append(("heading", 1, line))
            first = False
        elif LEVEL2.match(line) and "。" not in line:
            items.append(("heading", 2, line))
            in_circular_economy = False
        elif LEVEL3.match(line) and "。" not in line:
            items.append(("heading", 3, line))
            in_circular_economy = line.endswith("加快发展循环经济")
        elif in_circular_economy and LEVEL4.match(line):
            items.append(("heading", 4, line.split("。")[0]))
            items.append(("paragraph", None, line))
        else:
            items.append(("paragraph", None, line))
    return items


@pytest.fixture(scope="module")
def main_targets_paragraph(outline) -> str:
    for i, (kind, _level, text) in enumerate(outline):
        if kind == "heading" and text == "二、主要目标":
            return outline[i + 1][2]
    raise AssertionError("§二 主要目标 not found in source")


@pytest.fixture(scope="module")
def plan():
    text = (CONTENT / "plan.md").read_text(encoding="utf-8")
    assert text.startswith("---\n"), "plan.md must begin with YAML front matter"
    front, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(front), body


@pytest.fixture(scope="module")
def body_items(plan):
    """plan.md body as (kind, level, text, slug) items."""
    items = []
    for line in plan[1].split("\n"):
        if not line:
            continue
        m = MD_HEADING.match(line)
        if m:
            items.append(("heading", len(m[1]), m[2], m[3]))
        else:
            items.append(("paragraph", None, line, None))
    return items


@pytest.fixture(scope="module")
def slugs(body_items) -> list[str]:
    return [slug for kind, _l, _t, slug in body_items if kind == "heading"]


@pytest.fixture(scope="module")
def section_text(body_items) -> dict[str, str]:
    """slug -> the paragraphs directly under that heading (up to the next heading)."""
    texts: dict[str, list[str]] = {}
    current = None
    for kind, _level, text, slug in body_items:
        if kind == "heading":
            current = slug
            texts[current] = []
        else:
            texts[current].append(text)
    return {slug: "\n".join(paras) for slug, paras in texts.items()}


def load(name):
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def departments():
    return load("departments.yaml")


@pytest.fixture(scope="module")
def department_names(departments) -> set[str]:
    return {d["name"] for d in departments}


@pytest.fixture(scope="module")
def indicators():
    return load("indicators.yaml")


@pytest.fixture(scope="module")
def commitments():
    return load("commitments.yaml")


@pytest.fixture(scope="module")
def projects():
    return load("projects.yaml")


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


def deadline_for(phrase: str) -> dt.date:
    """The date a deadline wording stands for (the plan was issued in 2007)."""
    if "今年年底前" in phrase:
        return dt.date(2007, 12, 31)
    if "“十一五”期末" in phrase:
        return dt.date(2010, 12, 31)
    m = re.search(r"(\d{4})年(?:(\d{1,2})月底)?", phrase)
    assert m, f"no deadline in {phrase!r}"
    year, month = int(m[1]), int(m[2] or 12)
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    return next_month - dt.timedelta(days=1)


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


# ---------------------------------------------------------------- indicators


def test_every_number_of_the_main_targets_is_an_indicator_value(main_targets_paragraph, indicators):
    values = set()
    for ind in indicators:
        for key in ("baseline", "target"):
            if ind[key]:
                values.update(float(v) for v in (ind[key]["year"], ind[key]["value"]) if v)
        values.update(numbers(ind["stated_change"] or ""))
    for number in numbers(main_targets_paragraph):
        assert number in values, number


def test_main_target_indicators_have_the_source_baseline_and_target(
    main_targets_paragraph, indicators
):
    target_year = int(re.match(r"到(\d{4})年", main_targets_paragraph)[1])
    baseline_year = int(re.search(r"由(\d{4})年的", main_targets_paragraph)[1])
    main = [i for i in indicators if i["section"] == "main-targets"]
    clauses = main_targets_paragraph.rstrip(".").split("；")
    assert len(main) == len(clauses) == 6
    for clause in clauses:
        (ind,) = [i for i in main if i["source_text"] in clause]
        assert ind["target"]["year"] == target_year
        change = re.search(r"由(?:\d{4}年的)?([\d.]+)(吨标准煤|吨)(?:下降|减少)到([\d.]+)", clause)
        if change:
            # Compared as written, so that 2.00 is not published as 2.
            assert ind["baseline"]["year"] == baseline_year
            assert str(ind["baseline"]["value"]) == change[1]
            assert str(ind["target"]["value"]) == change[3]
            assert ind["unit"] == ("吨标准煤/万元" if change[2] == "吨标准煤" else "吨")
            assert ind["direction"] == "lower"
            assert ind["stated_change"] in clause
        else:
            reach = re.search(r"达到([\d.]+)%", clause)
            assert reach, clause
            assert ind["baseline"] is None
            assert ind["target"]["value"] == float(reach[1])
            assert ind["unit"] == "%"
            assert ind["comparator"] == ">="


def test_key_task_targets_are_indicators(indicators):
    by_code = {i["code"]: i for i in indicators}
    expected = {
        "urban-wastewater-reuse-rate": (2010, 20, "%"),
        "water-network-leakage-rate": (2010, -10, "百分点"),
        "industrial-water-reuse-rate": (2010, 65, "%"),
        "mine-water-treatment-capacity": (2010, 9.8, "万吨/日"),
        "mine-water-utilisation-rate": (2010, 70, "%"),
        "circular-economy-growth": (2015, 20, "%"),
    }
    for code, (year, value, unit) in expected.items():
        ind = by_code[code]
        assert (ind["target"]["year"], ind["target"]["value"], ind["unit"]) == (year, value, unit)
    assert by_code["water-network-leakage-rate"]["measure"] == "change"
    assert by_code["circular-economy-growth"]["measure"] == "growth_rate"
    assert by_code["mine-water-utilisation-rate"]["comparator"] == ">="


def test_indicator_records_are_well_formed(indicators, source, slugs):
    codes = [i["code"] for i in indicators]
    assert len(codes) == len(set(codes))
    for ind in indicators:
        assert ind["source_text"] in source, ind["code"]
        assert ind["section"] in slugs, ind["code"]
        assert ind["measure"] in {"level", "change", "growth_rate"}
        assert ind["direction"] in {"lower", "higher"}
        assert ind["comparator"] in {"=", ">="}
        if ind["stated_change"]:
            assert ind["stated_change"] in source, ind["code"]
        # the target value is written in the source text it cites
        assert f"{abs(float(ind['target']['value'])):g}" in ind["source_text"], ind["code"]


def test_at_least_targets_say_so_in_the_source(indicators):
    for ind in indicators:
        if ind["comparator"] == ">=":
            assert re.search(r"达到|以上|多", ind["source_text"]), ind["code"]


# ---------------------------------------------------------------- commitments


def test_commitment_records_are_well_formed(
    commitments, source, slugs, department_names, indicators, projects
):
    codes = [c["code"] for c in commitments]
    assert len(codes) == len(set(codes))
    indicator_codes = {i["code"] for i in indicators}
    project_codes = {p["code"] for p in projects["projects"]}
    for c in commitments:
        assert isinstance(c["deadline"], dt.date), c["code"]
        assert c["source_text"] in source, c["code"]
        assert c["deadline_text"] in source, c["code"]
        assert c["section"] in slugs, c["code"]
        for name in c["departments"]:
            assert name in department_names, (c["code"], name)
        if c.get("indicator"):
            assert c["indicator"] in indicator_codes, c["code"]
        for code in c.get("projects") or []:
            assert code in project_codes, (c["code"], code)


def test_commitment_deadlines_follow_their_wording(commitments):
    for c in commitments:
        assert c["deadline"] == deadline_for(c["deadline_text"]), c["code"]


def test_commitments_come_from_their_section(commitments, section_text, source):
    for c in commitments:
        sentence = next(s for s in re.split(r"[。\n]", source) if c["source_text"] in s)
        assert c["deadline_text"] in sentence, c["code"]
        assert c["source_text"] in section_text[c["section"]], c["code"]


def deadline_phrases(source):
    """Every deadline wording in the source, with the year it names.

    Any "XXXX年" except the 2005 baseline ("由2005年的") and the year range of a document title
    ("（2006-2010年）"); 国发（2007）16号 has no 年. Plus 今年年底前 (2007) and “十一五”期末 (2010).
    """
    pattern = re.compile(r"今年年底前|“十一五”期末|(?<![\d-])(\d{4})年(?!的)")
    for m in pattern.finditer(source):
        if m[0] == "今年年底前":
            year = 2007
        elif m[0] == "“十一五”期末":
            year = 2010
        else:
            year = int(m[1])
        yield m, year


def sentence_at(text: str, pos: int) -> str:
    """The sentence of `text` around `pos`: split at 。 ； newline, and at a half-width full stop
    used as one ("达到70%." but not "9.8")."""
    start = 0
    for m in re.finditer(r"[。；\n]|\.(?!\d)", text):
        if m.start() > pos:
            return text[start : m.start()]
        start = m.end()
    return text[start:]


def test_every_deadline_in_the_source_has_a_commitment(source, commitments):
    found = list(deadline_phrases(source))
    assert len(found) == 20, [m[0] for m, _year in found]
    for m, year in found:
        sentence = sentence_at(source, m.start())
        matching = [
            c
            for c in commitments
            if c["deadline"].year == year
            and c["source_text"] in sentence
            and c["deadline_text"] in sentence
        ]
        assert matching, f"no commitment for {m[0]!r} in {sentence!r}"


def test_every_dated_indicator_target_has_a_commitment(indicators, commitments):
    by_indicator = {c.get("indicator"): c for c in commitments}
    for ind in indicators:
        if ind["target"]["year"]:
            commitment = by_indicator[ind["code"]]
            assert commitment["deadline"].year == ind["target"]["year"], ind["code"]


# ---------------------------------------------------------------- projects


def test_project_records_are_well_formed(projects, source, slugs, section_text):
    groups = {g["code"]: g for g in projects["groups"]}
    codes = [p["code"] for p in projects["projects"]]
    assert len(codes) == len(set(codes))
    for g in groups.values():
        assert g["section"] in slugs
        if g["description"]:
            assert g["description"] in source, g["code"]
    for p in projects["projects"]:
        assert p["group"] in groups, p["code"]
        assert p["section"] in slugs, p["code"]
        assert p["source_text"] in section_text[p["section"]], p["code"]
        if p["owner"]:
            assert p["owner"] in source, p["code"]
        if p["deadline"]:
            assert p["deadline"] == deadline_for(p["deadline_text"]), p["code"]
            assert p["deadline_text"] in source, p["code"]
        for milestone in p.get("milestones") or []:
            assert milestone["deadline"] == deadline_for(milestone["deadline_text"]), p["code"]
        if p["category"]:
            assert p["category"] in groups[p["group"]]["categories"], p["code"]


def test_eleven_songhua_river_projects(projects, source):
    songhua = [p for p in projects["projects"] if p["group"] == "songhua-water"]
    assert len(songhua) == 11
    assert "等11项松花江流域水污染防治规划项目" in source
    listed = re.search(r"其中：(.+?)等11项松花江流域", source)[1].split("、")
    assert sorted(p["name"] for p in songhua) == sorted(listed)


def test_ten_categories_of_key_energy_projects(projects, source):
    (group,) = [g for g in projects["groups"] if g["code"] == "ten-key-energy"]
    categories = group["categories"]
    assert len(categories) == 10
    for n, category in zip(CN_NUM, categories, strict=True):
        assert category.startswith(f"{n}是")
        assert category in source
    used = {p["category"] for p in projects["projects"] if p["group"] == "ten-key-energy"}
    assert used == set(categories)
