"""`flask search rebuild`: rewrite the index, e.g. after loading records with bulk SQL."""

import click
from flask.cli import AppGroup

from ..services.search import index as search_index

search_cli = AppGroup("search", help="站内搜索索引")


@search_cli.command("rebuild")
def rebuild() -> None:
    """重建站内搜索索引。"""
    count = search_index.rebuild_search_index()
    click.echo(f"搜索索引已重建：{count} 条。")
