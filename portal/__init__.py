"""鹤岗市节能减排信息公开与举报平台 — the application factory, and the map of the application:
every extension, hook, blueprint, command and error handler is named in `create_app`."""

import os
from pathlib import Path

from flask import Flask

from . import (
    bulletins,
    database,
    departments,
    editorial,
    opendata,
    public,
    registers,
    reports,
    search,
    settings,
    staff,
)
from .admin import LOGIN_ENDPOINT, admin_blueprint, load_staff_user
from .commands import register_commands
from .config import load_config
from .extensions import csrf, limiter, login_manager, migrate
from .models.search import is_described_by_models
from .services.common import content_clock
from .services.search import index as search_index
from .web import caching, care_mode, security, templating
from .web.errors import register_error_handlers

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    keep_new_files_private()
    instance = (config or {}).get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(instance or ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    load_config(app, config)
    settings.init_app(app)
    register_extensions(app)
    register_session_hooks()
    register_request_hooks(app)
    register_blueprints(app)
    register_commands(app)
    register_error_handlers(app)
    return app


def keep_new_files_private() -> None:
    """Files the portal creates — the SQLite database, its WAL, generated keys, backups,
    uploads — are readable by the portal's user only: they hold reporters' details. The
    systemd unit sets UMask=0077 as well; this covers `flask` commands run from a shell."""
    current = os.umask(0o077)
    os.umask(current | 0o077)


def register_extensions(app: Flask) -> None:
    database.init_app(app)
    migrate.init_app(
        app,
        database.db,
        directory=str(ROOT / "migrations"),
        include_object=is_described_by_models,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = LOGIN_ENDPOINT
    login_manager.login_message = "请先登录。"
    # Sessions are checked against their server-side row (portal.admin), browser included;
    # Flask-Login's own protection would only put a digest of address and browser in the
    # cookie, and for permanent sessions it merely marks them "not fresh".
    login_manager.session_protection = None
    login_manager.request_loader(load_staff_user)


def register_session_hooks() -> None:
    # Every commit of every database session updates both, in the same transaction: the
    # content clock (Last-Modified of public pages) and the search index. Listeners are
    # global to SQLAlchemy's Session and installed once per process, however many apps.
    content_clock.listen()
    search_index.listen()


def register_request_hooks(app: Flask) -> None:
    security.init_app(app)  # trusted proxies, NUL refusal, security headers
    caching.init_app(app)  # ETag, Last-Modified and 304 for public GETs
    care_mode.init_app(app)  # 关怀版: the reader's mode, Vary: Cookie (runs before caching's hook)
    templating.init_app(app)  # site context, filters, fingerprinted static URLs


def register_blueprints(app: Flask) -> None:
    for blueprint in (
        public.bp,
        departments.bp,
        reports.bp,
        bulletins.bp,
        registers.bp,
        search.bp,
        opendata.api_blueprint(),
        opendata.docs_bp,
        opendata.feeds_bp,
        admin_blueprint(
            staff.bp,
            reports.admin_bp,
            bulletins.admin_bp,
            registers.admin_bp,
            editorial.bp,
        ),
    ):
        app.register_blueprint(blueprint)
