"""Reading the search page's GET parameters: the query and its two filters."""

from collections.abc import Mapping

from ..services.search.documents import KINDS
from ..services.search.query import Filters
from ..services.search.terms import InvalidQuery

FIRST_YEAR, LAST_YEAR = 1949, 2100


def filters_of(args: Mapping[str, str]) -> Filters:
    """The filters asked for; InvalidQuery (with the message to show) for a value no form
    offers. Empty values mean "all"."""
    kind = args.get("type", "").strip() or None
    if kind is not None and kind not in KINDS:
        raise InvalidQuery("没有这个类别，请从列表中选择。")
    year_text = args.get("year", "").strip()
    year = None
    if year_text:
        if not (year_text.isascii() and year_text.isdigit()):
            raise InvalidQuery("年份应为四位数字，例如 2008。")
        year = int(year_text)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise InvalidQuery("没有这个年份，请从列表中选择。")
    return Filters(kind=kind, year=year)
