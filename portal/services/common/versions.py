"""Versions of a corrected record (bulletins, exposures): which correction is the latest, which
two versions a reader asked to compare, and the field-by-field comparison of two versions.

A kept revision row numbered k is version k as it stood until a correction replaced it with
version k + 1 (at `corrected_at`, for `reason`); the record itself is the current version.
"""

from dataclasses import dataclass
from datetime import datetime

from .textdiff import SideBySide, compare


class InvalidVersions(ValueError):
    """The versions asked for cannot be compared; the message is Chinese."""


@dataclass(frozen=True)
class Change:
    version: int  # the version this change produced
    at: datetime
    reason: str
    withdrawn: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    diff: SideBySide


@dataclass(frozen=True)
class Comparison:
    earlier: int
    later: int
    rows: list[Row]
    changes: list[Change]  # the corrections from `earlier` to `later`, oldest first

    @property
    def changed_rows(self) -> list[Row]:
        return [row for row in self.rows if row.diff.changed]


def _is_withdrawal(kept) -> bool:
    return (getattr(kept, "snapshot", None) or {}).get("change") == "withdrawn"


def changes(revisions) -> list[Change]:
    """Every change a record went through, oldest first."""
    return [
        Change(kept.revision + 1, kept.corrected_at, kept.reason, _is_withdrawal(kept))
        for kept in sorted(revisions, key=lambda kept: kept.revision)
    ]


def latest_correction(revisions) -> Change | None:
    """The last correction of the text (a withdrawal is shown by its own notice)."""
    corrections = [change for change in changes(revisions) if not change.withdrawn]
    return corrections[-1] if corrections else None


def parse_range(earlier: str | None, later: str | None, current: int) -> tuple[int, int]:
    """?from=1&to=2, both optional: by default the last correction."""
    if current < 2:
        raise InvalidVersions("本记录发布后没有更正过，没有可以对照的版本。")
    later_number = _number(later, current, "to")
    earlier_number = _number(earlier, later_number - 1, "from")
    if not 1 <= earlier_number < later_number <= current:
        raise InvalidVersions(
            f"请选择两个不同的版本，较早的在前：版本号为 1 至 {current}，例如 from=1&to=2。"
        )
    return earlier_number, later_number


def _number(value: str | None, default: int, name: str) -> int:
    value = (value or "").strip()
    if not value:
        return default
    if not value.isdigit() or len(value) > 6:
        raise InvalidVersions(f"版本号（{name}）应为正整数，例如 1。")
    return int(value)


def comparison(
    before: dict[str, str], after: dict[str, str], earlier: int, later: int, revisions
) -> Comparison:
    """Two versions given as label → text, compared field by field in the later's order."""
    labels = list(after) + [label for label in before if label not in after]
    rows = [Row(label, compare(before.get(label, ""), after.get(label, ""))) for label in labels]
    steps = [c for c in changes(revisions) if earlier < c.version <= later]
    return Comparison(earlier, later, rows, steps)
