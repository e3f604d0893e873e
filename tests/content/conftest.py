"""Fixtures and helpers for the content-versus-source tests: the source plan's lines and
outline, plan.md's front matter and body, and the YAML registers."""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
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
