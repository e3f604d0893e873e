"""Fallback dependency audit, for build machines where pip-audit reaches no vulnerability
database: PyPI's per-version JSON and OSV are unreachable there, but PyPI's per-project JSON
(/pypi/<name>/json) is not, and its "vulnerabilities" list covers the project's latest release.

So a package installed at its latest release is audited exactly; one installed at an older
release cannot be audited this way and is listed as such (never counted as clean). Exit 1 when
a known vulnerability is found, 0 otherwise.
"""

import json
import sys
import urllib.error
import urllib.request
from importlib.metadata import distributions

INDEX = "https://pypi.org/pypi/{name}/json"


def project(name: str) -> dict | None:
    try:
        with urllib.request.urlopen(INDEX.format(name=name), timeout=30) as response:  # noqa: S310
            return json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError):
        return None


def _editable(distribution) -> bool:
    origin = json.loads(distribution.read_text("direct_url.json") or "{}")
    return bool(origin.get("dir_info", {}).get("editable"))


def main() -> int:
    found, audited, older, unreachable = [], 0, [], []
    installed = {
        d.metadata["Name"]: d.version
        for d in distributions()
        if d.metadata["Name"] and not _editable(d)  # the portal itself is not on PyPI
    }
    for name, version in sorted(installed.items(), key=lambda item: item[0].lower()):
        data = project(name)
        if data is None:
            unreachable.append(name)
            continue
        latest = data["info"]["version"]
        if version != latest:
            older.append(f"{name} {version} (latest {latest})")
            continue
        audited += 1
        for vulnerability in data.get("vulnerabilities") or []:
            fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fix yet"
            found.append(f"{name} {version}: {vulnerability['id']} (fixed in: {fixed})")
    print(f"PyPI project data: {audited} packages audited at their latest release.")
    if older:
        print(f"Not audited (older than the latest release): {'; '.join(older)}")
    if unreachable:
        print(f"Not audited (no PyPI data): {', '.join(unreachable)}")
    for line in found:
        print(f"KNOWN VULNERABILITY: {line}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
