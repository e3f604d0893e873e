"""Small-number suppression for published report statistics, the way statistical offices do it.

A count of one to four reports in a district, a category or a month can point at the person
who reported — a polluter knows who in its small town might have complained. So:

- Primary suppression: a count from 1 to threshold−1 is not published; it reads "<5"
  (mark SMALL). Zero is published: it says nobody reported, which harms nobody.
- Secondary (complementary) suppression: the counts of a table add up to a total printed
  elsewhere, so one hidden count would be the total minus the others. More counts are hidden
  (mark HIDDEN, "×"), smallest first, until no hidden count can be worked out exactly from
  the total and the published counts — assuming the reader knows this rule, i.e. that "<5"
  is 1–4 and "×" is at least the threshold.
- A table whose total is itself below the threshold publishes no breakdown at all, and a
  table whose total is hidden has all its counts hidden (only totals are published): every
  count, zeros included, then reads "×", so the table does not even say where reports are.

These are pure functions of counts; portal.services.reports.stats_public and the monthly
bulletin apply them.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

SMALL = "small"  # 1 … threshold−1
HIDDEN = "complementary"  # hidden so that a small count cannot be worked out


@dataclass(frozen=True)
class Figure:
    """A published count, or the mark that stands in its place."""

    value: int | None
    mark: str | None = None
    threshold: int = 5

    @property
    def published(self) -> bool:
        return self.mark is None

    @property
    def text(self) -> str:
        """As a table prints it: the number, "<5" or "×"."""
        if self.mark == SMALL:
            return f"<{self.threshold}"
        if self.mark == HIDDEN:
            return "×"
        return str(self.value)


def single(count: int, threshold: int) -> Figure:
    """A count published on its own: suppressed when small."""
    if 0 < count < threshold:
        return Figure(None, SMALL, threshold)
    return Figure(count, None, threshold)


def protect(counts: Sequence[int], threshold: int, *, withheld: bool = False) -> list[Figure]:
    """Figures for counts that add up to a total published elsewhere (or to a hidden total,
    when `withheld`: then none of them is published)."""
    total = sum(counts)
    if withheld or 0 < total < threshold:
        # All alike, zeros too: "<5" here and "×" there would say where the few reports are.
        return [Figure(None, HIDDEN, threshold) for _ in counts]
    marks: list[str | None] = [SMALL if 0 < c < threshold else None for c in counts]
    while not _safe(counts, marks, threshold):
        shown = [i for i, c in enumerate(counts) if marks[i] is None and c > 0]
        if not shown:
            return protect(counts, threshold, withheld=True)
        marks[min(shown, key=lambda i: counts[i])] = HIDDEN
    return [Figure(None if m else c, m, threshold) for c, m in zip(counts, marks, strict=True)]


def _safe(counts: Sequence[int], marks: Sequence[str | None], threshold: int) -> bool:
    """Whether every hidden count keeps at least two possible values, given that the hidden
    counts add up to the total minus the published ones."""
    hidden = [i for i, mark in enumerate(marks) if mark]
    rest = sum(counts[i] for i in hidden)
    bounds = {i: (1, threshold - 1) if marks[i] == SMALL else (threshold, math.inf) for i in hidden}
    for i in hidden:
        low, high = bounds[i]
        others_low = sum(bounds[j][0] for j in hidden if j != i)
        others_high = sum(bounds[j][1] for j in hidden if j != i)
        if min(high, rest - others_low) - max(low, rest - others_high) < 1:
            return False
    return True
