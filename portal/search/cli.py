"""`flask search rebuild`: rewrite the index, e.g. after loading records with bulk SQL."""

import click

from ..services.search import index as search_index
from . import bp

bp.cli.short_help = "站内搜索索引"


@bp.cli.command("rebuild")
def rebuild() -> None:
    count = search_index.rebuild_search_index()
    click.echo(f"搜索索引已重建：{count} 条。")
