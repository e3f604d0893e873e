"""A typed number prefix bounds the submission days, so the search can use an index."""

from datetime import date

import pytest

from portal.services.reports.numbers import NO_MATCH, prefix_days


@pytest.mark.parametrize(
    ("prefix", "days"),
    [
        ("HG", None),
        ("", None),
        ("HG2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("HG202", (date(2020, 1, 1), date(2029, 12, 31))),
        ("HG20261", (date(2026, 10, 1), date(2026, 12, 31))),
        ("HG202602", (date(2026, 2, 1), date(2026, 2, 28))),
        ("HG2024022", (date(2024, 2, 20), date(2024, 2, 29))),
        ("HG20261124", (date(2026, 11, 24), date(2026, 11, 24))),
        ("HG20261124-0001", (date(2026, 11, 24), date(2026, 11, 24))),
        ("HG202613", NO_MATCH),
        ("HG2026023", NO_MATCH),
        ("XY2026", NO_MATCH),
    ],
)
def test_prefix_days(prefix, days):
    assert prefix_days(prefix) == days
