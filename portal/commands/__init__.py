"""Every `flask --app wsgi …` command group, registered in one place."""

from flask import Flask

from .backup import backup_command
from .content import content_cli
from .demo import demo_cli
from .imports import import_cli
from .outbox import outbox_cli
from .reports import reports_cli
from .search import search_cli
from .users import users_cli


def register_commands(app: Flask) -> None:
    for command in (
        content_cli,
        backup_command,
        reports_cli,
        users_cli,
        demo_cli,
        import_cli,
        search_cli,
        outbox_cli,
    ):
        app.cli.add_command(command)
