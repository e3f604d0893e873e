"""PORTAL_ENV=production refuses to start on a secret an attacker may know or guess: the
placeholders of deploy/env.example, a short SECRET_KEY, keys generated into instance/ — with
a message naming the setting and never its value (messages end up in logs)."""

import pytest
from cryptography.fernet import Fernet

from portal import create_app
from tests.support.deploy import env_example
from tests.support.production import PRODUCTION

# The settings an operator copies from deploy/env.example, under their environment names.
SECRET_VARIABLES = ("SECRET_KEY", "CONTACT_ENCRYPTION_KEYS", "DATABASE_URL", "SITE_URL")


@pytest.fixture
def production_environment(monkeypatch, tmp_path):
    """The environment of a production server whose operator replaced every placeholder."""
    for variable in SECRET_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", PRODUCTION["SECRET_KEY"])
    monkeypatch.setenv("CONTACT_ENCRYPTION_KEYS", PRODUCTION["CONTACT_ENCRYPTION_KEYS"])
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'portal.db'}")
    monkeypatch.setenv("SITE_URL", PRODUCTION["SITE_URL"])
    return monkeypatch


def start(tmp_path):
    return create_app({"INSTANCE_PATH": str(tmp_path / "instance")})


def test_a_production_server_with_real_secrets_starts(production_environment, tmp_path):
    app = start(tmp_path)
    assert app.config["SECRET_KEY"] == PRODUCTION["SECRET_KEY"]


@pytest.mark.parametrize("variable", ["SECRET_KEY", "CONTACT_ENCRYPTION_KEYS", "DATABASE_URL"])
def test_each_placeholder_left_from_env_example_is_refused(
    production_environment, tmp_path, variable
):
    placeholder = env_example()[variable]
    assert "CHANGE-ME" in placeholder
    production_environment.setenv(variable, placeholder)
    with pytest.raises(RuntimeError) as refused:
        start(tmp_path)
    message = str(refused.value)
    assert variable in message
    assert placeholder not in message


def test_env_example_as_shipped_cannot_start_in_production(production_environment, tmp_path):
    for variable in SECRET_VARIABLES:
        production_environment.setenv(variable, env_example()[variable])
    with pytest.raises(RuntimeError) as refused:
        start(tmp_path)
    assert all(v in str(refused.value) for v in ("SECRET_KEY", "CONTACT_ENCRYPTION_KEYS"))


@pytest.mark.parametrize(("length", "starts"), [(31, False), (32, True)])
def test_secret_key_needs_32_bytes(production_environment, tmp_path, length, starts):
    production_environment.setenv("SECRET_KEY", "k" * length)
    if starts:
        assert start(tmp_path).config["SECRET_KEY"] == "k" * length
    else:
        with pytest.raises(RuntimeError, match="SECRET_KEY"):
            start(tmp_path)


@pytest.mark.parametrize("variable", ["SECRET_KEY", "CONTACT_ENCRYPTION_KEYS", "SITE_URL"])
def test_missing_settings_are_refused_not_generated(production_environment, tmp_path, variable):
    """A key generated into instance/ would differ per server and travel with every copy of
    the instance folder, next to the data it protects."""
    production_environment.delenv(variable)
    with pytest.raises(RuntimeError, match=variable):
        start(tmp_path)
    instance = tmp_path / "instance"
    assert not (instance / "secret_key").exists() and not (instance / "contact_key").exists()


def test_one_placeholder_among_several_contact_keys_is_refused(production_environment, tmp_path):
    keys = f"{Fernet.generate_key().decode()},CHANGE-ME"
    production_environment.setenv("CONTACT_ENCRYPTION_KEYS", keys)
    with pytest.raises(RuntimeError, match="CONTACT_ENCRYPTION_KEYS"):
        start(tmp_path)


def test_development_keeps_generating_its_keys(monkeypatch, tmp_path):
    for variable in (*SECRET_VARIABLES, "PORTAL_ENV"):
        monkeypatch.delenv(variable, raising=False)
    app = start(tmp_path)
    assert len(app.config["SECRET_KEY"]) >= 32
    assert (tmp_path / "instance" / "contact_key").exists()
