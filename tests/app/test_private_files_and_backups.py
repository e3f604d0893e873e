"""Files that hold reporters' details are the portal user's alone, backups are encrypted to
the operator's age key, bulletins' PDFs live on the shared volume the unit may write, and the
retention purge runs daily from a shipped systemd timer."""

import os
import sqlite3
import stat
from pathlib import Path

import pyrage
import pytest
from sqlalchemy import text

from portal import create_app
from portal.extensions import db as _db
from portal.settings import build
from tests.support.deploy import env_example, systemd_unit, unit_paths
from tests.support.reports import new_report

sqlite_only = pytest.mark.skipif(
    bool(os.environ.get("TEST_DATABASE_URL")), reason="PostgreSQL is backed up with pg_dump"
)
UNIT = "hegang-portal.service"
PURGE_SERVICE = "hegang-portal-purge-contacts.service"
PURGE_TIMER = "hegang-portal-purge-contacts.timer"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def shell_umask():
    """An operator's shell: files are world-readable unless the program says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_database_its_wal_and_keys_are_owner_only(tmp_path, monkeypatch, shell_umask):
    for variable in ("DATABASE_URL", "SECRET_KEY", "CONTACT_ENCRYPTION_KEYS", "PORTAL_ENV"):
        monkeypatch.delenv(variable, raising=False)
    instance = tmp_path / "instance"
    app = create_app({"INSTANCE_PATH": str(instance)})
    with app.app_context():
        with _db.engine.begin() as connection:
            connection.execute(text("CREATE TABLE notes (body TEXT)"))
            connection.execute(text("INSERT INTO notes VALUES ('举报人联系方式')"))
            files = [instance / n for n in ("portal.db", "portal.db-wal", "secret_key")]
            assert all(f.exists() for f in files)
            assert {f.name: oct(mode(f)) for f in files} == {f.name: "0o600" for f in files}
        _db.engine.dispose()


def test_the_unit_creates_files_owner_only():
    assert systemd_unit(UNIT)["Service"]["UMask"] == ["0077"]


def backup(runner, target: Path, *options: str):
    return runner.invoke(args=["backup", str(target), *options])


@sqlite_only
def test_a_backup_is_encrypted_to_the_operators_key(runner, db, content, tmp_path, shell_umask):
    identity = pyrage.x25519.Identity.generate()
    numbers = {new_report().report.number for _ in range(2)}
    target = tmp_path / "backups" / "portal.db.age"
    result = backup(runner, target, "--recipient", str(identity.to_public()))
    assert result.exit_code == 0, result.output
    assert mode(target) == 0o600
    sealed = target.read_bytes()
    assert sealed.startswith(b"age-encryption.org/v1") and b"SQLite format 3" not in sealed
    assert not [p for p in target.parent.iterdir() if p != target]  # no plaintext left over
    restored = tmp_path / "restored.db"
    restored.write_bytes(pyrage.decrypt(sealed, [identity]))
    with sqlite3.connect(restored) as connection:
        assert {r[0] for r in connection.execute("SELECT number FROM reports")} == numbers
    connection.close()


@sqlite_only
def test_the_configured_recipient_is_used_by_default(app, runner, db, content, tmp_path):
    identity = pyrage.x25519.Identity.generate()
    app.config["BACKUP_AGE_RECIPIENT"] = str(identity.to_public())
    target = tmp_path / "nightly.db.age"
    assert backup(runner, target).exit_code == 0
    assert pyrage.decrypt(target.read_bytes(), [identity]).startswith(b"SQLite format 3")


@sqlite_only
def test_production_refuses_a_plaintext_backup(app, runner, db, tmp_path):
    app.config["PORTAL_ENV"] = "production"
    target = tmp_path / "plain.db"
    result = backup(runner, target)
    assert result.exit_code != 0 and "BACKUP_AGE_RECIPIENT" in result.output
    assert not target.exists()


@sqlite_only
def test_a_wrong_recipient_is_explained_and_writes_nothing(runner, db, tmp_path):
    target = tmp_path / "x.db.age"
    result = backup(runner, target, "--recipient", "age1CHANGE-ME")
    assert result.exit_code != 0 and "age 公钥" in result.output
    assert not target.exists()


@sqlite_only
def test_a_development_plaintext_backup_is_owner_only(runner, db, content, tmp_path, shell_umask):
    target = tmp_path / "dev.db"
    result = backup(runner, target)
    assert result.exit_code == 0 and "未加密" in result.output
    assert mode(target) == 0o600
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def test_bulletin_files_live_on_the_shared_volume_the_unit_may_write(tmp_path):
    """As deployed (env.example), evidence and bulletins' PDFs are both on the upload volume,
    apart from each other, inside a ReadWritePaths folder that is not the instance folder."""
    env = env_example()
    config = create_app(
        {"INSTANCE_PATH": str(tmp_path), "UPLOAD_DIR": env["UPLOAD_DIR"]}
        | ({"BULLETIN_FILES_DIR": env["BULLETIN_FILES_DIR"]} if "BULLETIN_FILES_DIR" in env else {})
    ).config
    settings = build(config)
    writable = unit_paths(systemd_unit(UNIT), "ReadWritePaths")
    volume = [p for p in writable if settings.upload_dir.is_relative_to(p)]
    assert volume and Path(env["INSTANCE_PATH"]) not in volume
    assert settings.bulletin_files_dir.is_relative_to(volume[0])
    assert not settings.bulletin_files_dir.is_relative_to(settings.upload_dir)


def test_a_timer_runs_the_retention_purge_daily_as_the_portal_runs(runner, db, content):
    timer = systemd_unit(PURGE_TIMER)
    assert timer["Timer"]["Unit"] == [PURGE_SERVICE]
    assert timer["Timer"]["OnCalendar"] and timer["Timer"]["Persistent"] == ["true"]
    assert timer["Install"]["WantedBy"] == ["timers.target"]
    purge, portal = systemd_unit(PURGE_SERVICE)["Service"], systemd_unit(UNIT)["Service"]
    for key in ("User", "Group", "WorkingDirectory", "EnvironmentFile", "UMask"):
        assert purge[key] == portal[key], key
    assert unit_paths(systemd_unit(PURGE_SERVICE), "ReadWritePaths") == unit_paths(
        systemd_unit(UNIT), "ReadWritePaths"
    )
    [command] = purge["ExecStart"]
    words = command.split()
    assert words[:3] == ["/srv/hegang-portal/.venv/bin/flask", "--app", "wsgi"]
    result = runner.invoke(args=words[3:])  # the very command the timer runs
    assert result.exit_code == 0, result.output
    assert "已清除" in result.output
