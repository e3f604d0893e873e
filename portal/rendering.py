"""The one place Markdown becomes HTML: rendered once when content is saved or imported,
then sanitised against an explicit allow-list. Pages only ever print the stored result."""

import bleach
import markdown
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "sub", "sup", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "abbr",
        "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title"],
    "abbr": ["title"],
    "th": ["scope", "colspan", "rowspan"],
    "td": ["colspan", "rowspan"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def render_markdown(source: str) -> Markup:
    """Markdown → sanitised HTML: tags and attributes outside the allow-list are stripped."""
    html = markdown.markdown(source, extensions=["tables", "sane_lists"], output_format="html")
    clean = bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
    )
    return Markup(clean)  # noqa: S704 - sanitised by bleach just above
