"""The content registers (indicators, commitments, projects) are faithful to the source plan."""

import datetime as dt
import re

from tests.content.conftest import CN_NUM, deadline_for, numbers

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
