"""Reading the files in deploy/ the way their programs do, for tests that check them: systemd
units (sections of Key=Value, a key may repeat), nginx blocks (braces, # comments), the
environment file (KEY=value lines) and gunicorn's settings (a Python file)."""

import re
import runpy
from collections import defaultdict
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def systemd_unit(name: str) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    section = ""
    for raw in (DEPLOY / name).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        key, _, value = line.partition("=")
        sections[section][key.strip()].append(value.strip())
    return sections


def unit_paths(unit, key: str) -> list[Path]:
    """The paths of a space-separated setting such as ReadWritePaths, over all its lines."""
    return [Path(p) for value in unit["Service"][key] for p in value.split()]


def nginx_blocks(kind: str, text: str | None = None) -> list[str]:
    """The bodies of the `kind { … }` blocks at the top level of the nginx site file."""
    if text is None:
        text = (DEPLOY / "nginx-hegang-portal.conf").read_text()
    text = re.sub(r"#[^\n]*", "", text)
    bodies, depth, start, head = [], 0, None, ""
    for match in re.finditer(r"[{}]|[^{}]+", text):
        piece = match.group(0)
        if piece == "{":
            if depth == 0 and head.split(";")[-1].split()[:1] == [kind]:
                start = match.end()
            depth += 1
        elif piece == "}":
            depth -= 1
            if depth == 0 and start is not None:
                bodies.append(text[start : match.start()])
                start = None
        elif depth == 0:
            head = piece
    return bodies


def nginx_directives(body: str, name: str) -> list[list[str]]:
    """The arguments of each `name …;` directive directly in a block body (not nested)."""
    flat = re.sub(r"\{[^{}]*\}", ";", body)
    while re.search(r"\{[^{}]*\}", flat):
        flat = re.sub(r"\{[^{}]*\}", ";", flat)
    found = []
    for statement in flat.split(";"):
        words = statement.split()
        if words and words[0] == name:
            found.append(words[1:])
    return found


def env_example() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "env.example").read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def gunicorn_settings() -> dict:
    """deploy/gunicorn.conf.py as gunicorn reads it (PORTAL_BIND etc. from the environment)."""
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
