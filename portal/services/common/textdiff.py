"""Word-level differences between two versions of a text, for the side-by-side comparison of
corrected records. Chinese has no spaces between words, so a "word" here is one Han character,
one run of Latin letters or digits (so "2.66" → "2.70" is one changed number, not two
digits), or one punctuation mark; difflib.SequenceMatcher aligns those tokens. The result is
plain text segments: templates escape them, so hostile markup in a record shows as text.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html.parser import HTMLParser

# A number (with its decimal point, thousands separators, percent), a Latin word, one Han
# character (or other letter), a run of white space, or any other single character.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*[%％]?|[A-Za-z]+|\s+|.", re.DOTALL)
_BLOCKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "br", "div"}
# An unchanged stretch this short between two changes is folded into them, so that a changed
# phrase reads as one change rather than as a comb of single characters.
_SHORT_EQUAL = 1


@dataclass(frozen=True)
class Segment:
    kind: str  # "equal", "delete" (only in the earlier text) or "insert" (only in the later)
    text: str


@dataclass(frozen=True)
class SideBySide:
    before: list[Segment]
    after: list[Segment]

    @property
    def changed(self) -> bool:
        return any(s.kind != "equal" for s in self.before + self.after)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def compare(before: str, after: str) -> SideBySide:
    """The two texts cut into segments, each side marking what only it has."""
    old, new = tokens(before or ""), tokens(after or "")
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in _merged(matcher.get_opcodes()):
        if op == "equal":
            _add(left, "equal", old[i1:i2])
            _add(right, "equal", new[j1:j2])
            continue
        _add(left, "delete", old[i1:i2])
        _add(right, "insert", new[j1:j2])
    return SideBySide(left, right)


def _merged(opcodes):
    """Fold very short equal stretches between two changes into one change."""
    result: list[list] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        between = 0 < index < len(opcodes) - 1
        if op == "equal" and between and i2 - i1 <= _SHORT_EQUAL:
            op = "replace"
        if result and op != "equal" and result[-1][0] != "equal":
            result[-1] = ["replace", result[-1][1], i2, result[-1][3], j2]
        else:
            result.append([op, i1, i2, j1, j2])
    return result


def _add(side: list[Segment], kind: str, parts: list[str]) -> None:
    text = "".join(parts)
    if not text:
        return
    if side and side[-1].kind == kind:
        side[-1] = Segment(kind, side[-1].text + text)
    else:
        side.append(Segment(kind, text))


class _TextOf(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(" ".join(data.split("\n")))


def text_of_html(html: str) -> str:
    """The readable text of sanitised HTML: one line per paragraph, list item or row."""
    parser = _TextOf()
    parser.feed(str(html or ""))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
