"""Requests flow one way — view → service → model — and that is checked here, by reading every
module's imports (ast), not by review:

- a model imports no service, no blueprint package, nothing of the web side;
- a service imports no blueprint package and nothing of the web side, and never `request`,
  `session`, `flash`, `g` or a response helper from flask;
- no blueprint package imports another (shared web code lives in portal.web, the staff gate
  in portal.admin, rules in portal.services);
- the shared web code and the commands import no blueprint package.
"""

import ast
from pathlib import Path

import pytest

from tests.support.app import ROOT

PORTAL = ROOT / "portal"
BLUEPRINT_PACKAGES = {
    "public", "reports", "bulletins", "registers", "search", "opendata", "staff", "editorial",
}  # fmt: skip
WEB_SIDE = {*BLUEPRINT_PACKAGES, "web", "admin", "commands"}
REQUEST_BOUND = {"request", "session", "flash", "g", "render_template", "redirect", "abort",
                 "make_response", "url_for"}  # fmt: skip


def module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    parts = parts[len(parts) - 1 - parts[::-1].index("portal") :]  # from the last "portal" on
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[str, str | None]]:
    """(module imported, name imported from it or None), relative imports resolved."""
    tree = ast.parse(path.read_text())
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found += [(module, alias.name) for alias in node.names]
    return found


def area(module: str) -> str | None:
    """The top-level part of the portal a dotted name belongs to ("services", "reports", …)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "portal" and len(parts) > 1 else None


def targets(module: str, name: str | None) -> list[str]:
    # `from portal import reports` imports the package portal.reports.
    return [module, f"{module}.{name}"] if name and module == "portal" else [module]


def modules(*areas: str) -> list[Path]:
    return sorted(p for a in areas for p in (PORTAL / a).rglob("*.py"))


def violations(paths, forbidden_areas: set[str], own_area_ok: bool = True) -> list[str]:
    found = []
    for path in paths:
        own = area(module_name(path))
        for module, name in imports_of(path):
            for target in targets(module, name):
                other = area(target)
                if other in forbidden_areas and not (own_area_ok and other == own):
                    found.append(f"{module_name(path)} imports {target}")
    return found


def test_models_import_no_service_and_nothing_of_the_web():
    assert violations(modules("models"), {"services", *WEB_SIDE}) == []


def test_services_import_nothing_of_the_web():
    assert violations(modules("services"), WEB_SIDE) == []


def test_services_never_touch_the_request():
    bound = [
        f"{module_name(path)} imports flask.{name}"
        for path in modules("services", "models")
        for module, name in imports_of(path)
        if module == "flask" and name in REQUEST_BOUND
    ]
    assert bound == []


@pytest.mark.parametrize("package", sorted(BLUEPRINT_PACKAGES))
def test_no_blueprint_package_imports_another(package):
    assert violations(modules(package), BLUEPRINT_PACKAGES) == []


def test_shared_web_code_and_commands_import_no_blueprint_package():
    assert violations(modules("web", "admin", "commands"), BLUEPRINT_PACKAGES) == []


def test_no_module_under_services_outside_a_feature_package():
    loose = [p.name for p in (PORTAL / "services").glob("*.py") if p.name != "__init__.py"]
    assert loose == []


def test_the_rules_see_a_violation(tmp_path):
    """The checks above can fail: a service that imports a view, a model that imports a
    service, a blueprint that imports another, each written to a throwaway tree."""
    samples = {
        "services/reports/bad.py": "from ...reports import views\nfrom flask import request\n",
        "models/bad.py": "from ..services.reports import intake\n",
        "bulletins/bad.py": "from ..registers.forms import ExposureForm\n",
    }
    for relative, source in samples.items():
        (tmp_path / "portal" / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "portal" / relative).write_text(source)
    root = tmp_path / "portal"
    assert violations([root / "services/reports/bad.py"], WEB_SIDE) == [
        "portal.services.reports.bad imports portal.reports"
    ]
    assert violations([root / "models/bad.py"], {"services"}) == [
        "portal.models.bad imports portal.services.reports"
    ]
    assert violations([root / "bulletins/bad.py"], BLUEPRINT_PACKAGES) == [
        "portal.bulletins.bad imports portal.registers.forms"
    ]
