"""Settings: defaults, then instance/config.py, then environment variables, then the caller's dict.

Nothing here touches the database; secrets that are missing are generated once into instance/.
"""

import os
import secrets
import time
from pathlib import Path

from flask import Flask

# Environment variables the portal reads, and the config key each one sets.
ENVIRONMENT_KEYS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "HOTLINE_NUMBER": "HOTLINE_NUMBER",
    "ISSUING_BODY": "ISSUING_BODY",
    "CONTENT_DIR": "CONTENT_DIR",
    "SESSION_COOKIE_SECURE": "SESSION_COOKIE_SECURE",
}

BOOLEAN_KEYS = {"SESSION_COOKIE_SECURE"}

DEFAULTS = {
    "HOTLINE_NUMBER": "0468-12369",
    "ISSUING_BODY": "鹤岗市节能减排工作领导小组办公室",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_SECURE": False,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SQLITE_BUSY_TIMEOUT_MS": 10_000,
    "TEMPLATES_AUTO_RELOAD": False,
}


def load_config(app: Flask, overrides: dict | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config["CONTENT_DIR"] = str(Path(app.root_path).parent / "content")
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(_from_environment())
    if overrides:
        app.config.update(overrides)
    app.config.setdefault(
        "SQLALCHEMY_DATABASE_URI", f"sqlite:///{Path(app.instance_path) / 'portal.db'}"
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(app, "secret_key")


def _from_environment() -> dict:
    values = {}
    for variable, key in ENVIRONMENT_KEYS.items():
        raw = os.environ.get(variable)
        if raw is None or raw == "":
            continue
        values[key] = raw.lower() in {"1", "true", "yes", "on"} if key in BOOLEAN_KEYS else raw
    return values


def instance_secret(app: Flask, name: str) -> str:
    """Return the secret stored in instance/<name>, creating it (mode 0600) on first use."""
    path = Path(app.instance_path) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    value = secrets.token_urlsafe(48)
    try:
        # O_EXCL: when two workers start at once, exactly one writes and both read the same key.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_when_written(path)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def _read_when_written(path: Path) -> str:
    # Another process created the file a moment ago and may not have written it yet.
    for _ in range(100):
        value = path.read_text().strip()
        if value:
            return value
        time.sleep(0.01)
    raise RuntimeError(f"{path} exists but stays empty")
