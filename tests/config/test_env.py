"""Configuration is read from the environment, typed, and refused with a clear message."""

import subprocess
import sys

import pytest

from loket.config.env import ConfigurationError, LoketSettings, Mode, load_settings


def _load(monkeypatch, **values):
    for key in list(LoketSettings.model_fields):
        monkeypatch.delenv(key, raising=False)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return load_settings()


def test_defaults_are_development_with_the_embedded_database(monkeypatch):
    settings = _load(monkeypatch)
    assert settings.LOKET_MODE is Mode.DEVELOPMENT
    assert settings.DATABASE_URL is None
    assert settings.LOKET_RESIDENT_LOGIN == ["demo"]


def test_lists_are_comma_separated(monkeypatch):
    settings = _load(monkeypatch, LOKET_ALLOWED_HOSTS="loket.example.be, www.loket.example.be")
    assert settings.LOKET_ALLOWED_HOSTS == ["loket.example.be", "www.loket.example.be"]


def test_a_bad_value_stops_start_up_naming_the_variable(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, LOKET_EMAIL_PORT="seventy")
    assert "LOKET_EMAIL_PORT" in capsys.readouterr().err


def test_only_postgresql_urls_are_accepted(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, DATABASE_URL="sqlite:///loket.db")
    assert "DATABASE_URL: must be a postgres:// or postgresql:// URL" in capsys.readouterr().err


def test_production_refuses_to_start_without_secret_key(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(
            monkeypatch,
            LOKET_MODE="production",
            LOKET_ALLOWED_HOSTS="loket.example.be",
            LOKET_RESIDENT_LOGIN="",
        )
    assert "LOKET_SECRET_KEY" in capsys.readouterr().err


def test_production_refuses_to_start_without_allowed_hosts(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(
            monkeypatch, LOKET_MODE="production", LOKET_SECRET_KEY="x" * 50, LOKET_RESIDENT_LOGIN=""
        )
    assert "LOKET_ALLOWED_HOSTS" in capsys.readouterr().err


def test_production_refuses_the_demo_login(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(
            monkeypatch,
            LOKET_MODE="production",
            LOKET_SECRET_KEY="x" * 50,
            LOKET_ALLOWED_HOSTS="loket.example.be",
        )
    assert "LOKET_RESIDENT_LOGIN" in capsys.readouterr().err


def test_production_with_everything_set_starts(monkeypatch):
    settings = _load(
        monkeypatch,
        LOKET_MODE="production",
        LOKET_SECRET_KEY="x" * 50,
        LOKET_ALLOWED_HOSTS="loket.example.be",
        LOKET_RESIDENT_LOGIN="",
    )
    assert settings.LOKET_MODE is Mode.PRODUCTION


def test_the_loket_command_refuses_to_start_with_a_bad_mode():
    result = subprocess.run(
        [sys.executable, "-m", "loket", "check"],
        env={"PATH": "/usr/bin:/bin", "LOKET_MODE": "staging", "HOME": "/tmp"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "LOKET_MODE" in result.stderr


EBOX = {
    "LOKET_EBOX_URL": "https://services-acpt.socialsecurity.be/REST/ebox/enterprise/messageRegistry/v2",
    "LOKET_EBOX_TOKEN_URL": "https://services-acpt.socialsecurity.be/REST/oauth/v3/token",
    "LOKET_EBOX_TOKEN_AUDIENCE": "https://oauthacc.socialsecurity.be",
    "LOKET_EBOX_CLIENT_ID": "loket-client",
    "LOKET_EBOX_CLIENT_KEY_FILE": "/etc/loket/ebox-key.pem",
    "LOKET_EBOX_CITIZEN_PROFILE_URL": "https://services-acpt.socialsecurity.be/CitizenProfileVarA/v1",
    "LOKET_EBOX_SENDER_APPLICATION_ID": "loket:notifications",
    "LOKET_EBOX_MESSAGE_TYPE_ID": "LOKET-INFO",
    "LOKET_EBOX_SENDER_ORGANIZATION_ID": "0207500123",
}


def test_the_ebox_channel_starts_with_a_complete_configuration(monkeypatch):
    settings = _load(
        monkeypatch, **EBOX, LOKET_EBOX_SENDER_ORGANIZATION_IDS="11002=0207451227, 44021=0207451326"
    )
    assert settings.LOKET_EBOX_CLIENT_AUTH == "private_key_jwt"
    assert settings.LOKET_EBOX_SENDER_ORGANIZATION_IDS == {
        "11002": "0207451227",
        "44021": "0207451326",
    }


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"LOKET_EBOX_CLIENT_ID": ""}, "LOKET_EBOX_CLIENT_ID"),
        ({"LOKET_EBOX_CLIENT_KEY_FILE": ""}, "LOKET_EBOX_CLIENT_KEY_FILE"),
        ({"LOKET_EBOX_CLIENT_AUTH": "client_secret_basic"}, "LOKET_EBOX_CLIENT_SECRET"),
        ({"LOKET_EBOX_SENDER_ORGANIZATION_ID": ""}, "LOKET_EBOX_SENDER_ORGANIZATION_ID"),
        ({"LOKET_EBOX_SENDER_ORGANIZATION_ID": "12345"}, "LOKET_EBOX_SENDER_ORGANIZATION_ID"),
        ({"LOKET_EBOX_SENDER_ORGANIZATION_IDS": "Gent=0207451227"}, "NIS=KBO"),
    ],
)
def test_an_incomplete_ebox_configuration_stops_start_up(monkeypatch, capsys, change, named):
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, **{**EBOX, **change})
    assert named in capsys.readouterr().err


def test_an_oidc_login_needs_its_provider(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, LOKET_RESIDENT_LOGIN="fas")
    assert "LOKET_FAS_ISSUER: the fas sign-in needs it" in capsys.readouterr().err

    settings = _load(
        monkeypatch,
        LOKET_RESIDENT_LOGIN="fas,itsme",
        LOKET_FAS_ISSUER="https://idp.fas.example/fas/oauth2/",
        LOKET_FAS_CLIENT_ID="loket",
        LOKET_ITSME_ISSUER="https://idp.itsme.example/v2",
        LOKET_ITSME_CLIENT_ID="loket",
    )
    assert settings.LOKET_FAS_ISSUER == "https://idp.fas.example/fas/oauth2"
    assert settings.LOKET_FAS_NRN_CLAIM == "egovNRN"


def test_an_oidc_issuer_must_be_https(monkeypatch, capsys):
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, LOKET_FAS_ISSUER="http://idp.fas.example")
    assert "LOKET_FAS_ISSUER: must be an https:// URL" in capsys.readouterr().err


def test_staff_providers_are_a_json_list_without_regional_roles(monkeypatch, capsys):
    provider = (
        '{"code": "town", "municipality": "34022", "issuer": "https://login.example",'
        ' "client_id": "x", "role_map": {"Clerks": "clerk"}}'
    )
    settings = _load(monkeypatch, LOKET_STAFF_OIDC_PROVIDERS=f"[{provider}]")
    [town] = settings.LOKET_STAFF_OIDC_PROVIDERS
    assert town.role_map == {"Clerks": "clerk"}
    assert town.user_claim == "email"

    with pytest.raises(ConfigurationError):
        _load(
            monkeypatch,
            LOKET_STAFF_OIDC_PROVIDERS=f"[{provider.replace('clerk', 'dispatcher')}]",
        )
    assert "dispatcher cannot be granted" in capsys.readouterr().err


def test_private_key_jwt_needs_the_key_file(monkeypatch, capsys, tmp_path):
    base = {
        "LOKET_RESIDENT_LOGIN": "fas",
        "LOKET_FAS_ISSUER": "https://idp.fas.example",
        "LOKET_FAS_CLIENT_ID": "loket",
        "LOKET_FAS_CLIENT_AUTH": "private_key_jwt",
    }
    with pytest.raises(ConfigurationError):
        _load(monkeypatch, **base, LOKET_FAS_PRIVATE_KEY_FILE=str(tmp_path / "missing.pem"))
    assert "LOKET_FAS_PRIVATE_KEY_FILE: private_key_jwt needs the file" in capsys.readouterr().err

    key = tmp_path / "client.pem"
    key.write_text("-----BEGIN PRIVATE KEY-----\n")
    settings = _load(monkeypatch, **base, LOKET_FAS_PRIVATE_KEY_FILE=str(key))
    assert settings.LOKET_FAS_CLIENT_AUTH == "private_key_jwt"
