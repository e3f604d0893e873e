"""The fallback dependency audit (.ci/pypi_audit.py) fails on a known vulnerability and never
counts a package it could not check as clean."""

import importlib.util

import pytest

from tests.support.app import ROOT

SCRIPT = ROOT / ".ci" / "pypi_audit.py"


@pytest.fixture
def audit():
    spec = importlib.util.spec_from_file_location("pypi_audit", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pretend_pypi(monkeypatch, audit, vulnerable=None, older=None):
    def project(name):
        from importlib.metadata import version

        latest = "9999.0" if name == older else version(name)
        found = [{"id": "PYSEC-2026-1", "fixed_in": ["9.9"]}] if name == vulnerable else []
        return {"info": {"version": latest}, "vulnerabilities": found}

    monkeypatch.setattr(audit, "project", project)


def test_a_known_vulnerability_fails_the_audit(audit, monkeypatch, capsys):
    pretend_pypi(monkeypatch, audit, vulnerable="Flask")
    assert audit.main() == 1
    err = capsys.readouterr().err
    assert "KNOWN VULNERABILITY: Flask" in err and "PYSEC-2026-1" in err


def test_clean_packages_pass_and_older_ones_are_named_not_counted(audit, monkeypatch, capsys):
    pretend_pypi(monkeypatch, audit, older="Flask")
    assert audit.main() == 0
    out = capsys.readouterr().out
    assert "Not audited (older than the latest release): " in out and "Flask" in out
