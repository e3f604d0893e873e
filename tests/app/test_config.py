"""Configuration: zero set-up defaults, secrets generated once, SQLite tuned on every connection."""

import stat

from sqlalchemy import text

from portal import create_app
from portal.extensions import db


def fresh_app(tmp_path, monkeypatch, **config):
    for variable in ("DATABASE_URL", "SECRET_KEY", "HOTLINE_NUMBER"):
        monkeypatch.delenv(variable, raising=False)
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance")} | config)


def test_with_nothing_set_the_database_is_sqlite_in_instance(tmp_path, monkeypatch):
    app = fresh_app(tmp_path, monkeypatch)
    expected = tmp_path / "instance" / "portal.db"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{expected}"


def test_secret_key_is_generated_once_with_owner_only_permissions(tmp_path, monkeypatch):
    first = fresh_app(tmp_path, monkeypatch)
    key_file = tmp_path / "instance" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) >= 32
    second = fresh_app(tmp_path, monkeypatch)
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_environment_variables_override_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("HOTLINE_NUMBER", "0468-8888888")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    assert app.config["HOTLINE_NUMBER"] == "0468-8888888"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("other.db")
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_instance_config_file_is_read(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text('ISSUING_BODY = "鹤岗市发展和改革委员会"\n')
    app = fresh_app(tmp_path, monkeypatch)
    assert app.config["ISSUING_BODY"] == "鹤岗市发展和改革委员会"


def test_postgres_url_selects_psycopg_without_other_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/hegang")
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance")})
    with app.app_context():
        assert db.engine.dialect.name == "postgresql"
        assert db.engine.dialect.driver == "psycopg"


def test_every_sqlite_connection_gets_wal_busy_timeout_foreign_keys_and_full_sync(
    tmp_path, monkeypatch
):
    app = fresh_app(tmp_path, monkeypatch)
    with app.app_context():
        for _ in range(2):  # a second, separate connection gets the same settings
            with db.engine.connect() as connection:
                pragma = lambda name: connection.execute(text(f"PRAGMA {name}")).scalar()  # noqa: E731
                assert pragma("journal_mode") == "wal"
                assert pragma("busy_timeout") >= 5000
                assert pragma("foreign_keys") == 1
                assert pragma("synchronous") == 2  # FULL
            db.engine.dispose()
