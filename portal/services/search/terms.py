"""How a query is read: the terms a document must all contain, and the two kinds of query
that name one record (a report number, a 统一社会信用代码) rather than ask for text."""

import re

from stdnum.cn import uscc as uscc_rules

MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
# A "quoted phrase" is one term; anything else between spaces is a word.
TOKEN = re.compile(r'"([^"]*)"|([^\s"]+)')
REPORT_NUMBER = re.compile(r"HG\d{8}-\d{6}")


class InvalidQuery(ValueError):
    """A query we refuse, with the message to show."""


QueryTooLong = InvalidQuery  # the name earlier callers know


def normalise(raw: str | None) -> str:
    """The query as searched: whitespace collapsed. Raises InvalidQuery when too long."""
    query = " ".join((raw or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise InvalidQuery(f"搜索词不能超过 {MAX_QUERY_LENGTH} 个字")
    return query


def terms_of(query: str) -> list[str]:
    """The lower-cased terms, each matched on its own (AND), in the order typed, once each.

    A stray quote separates words like a space does; quotes and every other character are
    otherwise plain text to match, never syntax."""
    terms: list[str] = []
    for phrase, word in TOKEN.findall(query):
        term = " ".join((phrase or word).split()).lower()
        if term and term not in terms:
            terms.append(term)
    if len(terms) > MAX_TERMS:
        raise InvalidQuery(f"最多同时搜索 {MAX_TERMS} 个词，请减少搜索词")
    return terms


def report_number(query: str) -> str | None:
    """The report number (HGyyyymmdd-nnnnnn) the query is, if it is one."""
    number = query.strip().upper()
    return number if REPORT_NUMBER.fullmatch(number) else None


def uscc(query: str) -> str | None:
    """The 统一社会信用代码 the query is, in canonical form, if it is a valid one."""
    code = uscc_rules.compact(query)
    return code if len(code) == 18 and uscc_rules.is_valid(code) else None
