"""The one Markdown renderer: useful formatting in, anything dangerous out."""

from portal.rendering import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("## 小标题\n\n**重点**段落，[链接](https://example.org/)。")
    assert "<h2>小标题</h2>" in html
    assert "<strong>重点</strong>" in html
    assert '<a href="https://example.org/">链接</a>' in html


def test_script_tags_and_event_handlers_are_removed():
    html = render_markdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">正文')
    assert "<script" not in html and "<img" not in html and "onerror" not in html
    assert "正文" in html


def test_javascript_links_lose_their_href():
    html = render_markdown("[点我](javascript:alert(1))")
    assert "javascript:" not in html


def test_tables_are_kept():
    html = render_markdown("| 指标 | 目标 |\n|---|---|\n| SO₂ | 35590 |")
    assert "<table>" in html and "<td>35590</td>" in html


def test_plan_text_with_digits_and_full_stops_is_not_turned_into_a_list():
    html = render_markdown("1.积极推进循环经济。认真落实我市循环经济规划。")
    assert "<ol>" not in html
    assert html.startswith("<p>1.积极推进循环经济。")
