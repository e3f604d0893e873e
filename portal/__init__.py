"""鹤岗市节能减排信息公开与举报平台 — the application factory."""

import os
from pathlib import Path

from flask import Flask

from . import caching, database, security
from .cli import register_commands
from .config import load_config
from .errors import register_error_handlers
from .extensions import csrf, limiter, migrate
from .services.common import settings as reporting_kit

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    instance = (config or {}).get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH")
    app = Flask(
        __name__,
        instance_path=str(instance or ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    load_config(app, config)
    register_extensions(app)
    register_blueprints(app)
    register_template_context(app)
    security.init_app(app)
    caching.init_app(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from . import models  # noqa: F401 - the schema must be known before migrations run

    database.init_app(app)
    from .models.search import is_described_by_models

    migrate.init_app(
        app,
        database.db,
        directory=str(ROOT / "migrations"),
        include_object=is_described_by_models,
    )
    csrf.init_app(app)
    limiter.init_app(app)
    reporting_kit.init_app(app)


def register_blueprints(app: Flask) -> None:
    from .api import bp as api_bp
    from .bulletins import bp as bulletins_bp
    from .editorial import bp as editorial_bp
    from .feeds import bp as feeds_bp
    from .public import bp as public_bp
    from .registers import bp as registers_bp
    from .reports import bp as reports_bp
    from .search import bp as search_bp
    from .staff import access
    from .staff import bp as staff_bp

    for blueprint in (
        public_bp,
        reports_bp,
        staff_bp,
        bulletins_bp,
        registers_bp,
        editorial_bp,
        api_bp,
        feeds_bp,
        search_bp,
    ):
        app.register_blueprint(blueprint)
    access.init_app(app)


def register_template_context(app: Flask) -> None:
    from .templating import init_app

    init_app(app)
