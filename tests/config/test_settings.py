"""The settings contract: the shipped defaults, the RELAY_* overrides, the URL and network forms,
one-line errors naming the key, and the key and certificate made on first start."""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import os
import ssl
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from pydantic import SecretStr, ValidationError

from config import (
    ENVIRONMENT,
    ConfigError,
    EventLoop,
    Settings,
    SuppressedMode,
    TrustedNetwork,
    Upstream,
    UpstreamTLS,
    ensure_tls_pair,
    ensure_verp_key,
    load_settings,
)


def load(tmp_path: Path, text: str = "", **environ: str) -> Settings:
    """Settings from a file holding ``text`` (its data_dir in tmp_path) and ``environ`` only."""
    path = tmp_path / "relay.toml"
    path.write_text(f"data_dir = '{tmp_path / 'var'}'\n{text}", encoding="utf-8")
    return load_settings(path, environ=environ)


def secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value() if value is not None else None


def net(cidr: str, account: str) -> TrustedNetwork:
    return TrustedNetwork(ipaddress.ip_network(cidr), account)


# --- the shipped default ------------------------------------------------------------------------


def test_the_shipped_default_has_the_documented_values() -> None:
    settings = load_settings(None, environ={})
    assert str(settings.server.submission_listen) == "127.0.0.1:2525"
    assert str(settings.server.bounce_listen) == "127.0.0.1:2526"
    assert settings.delivery.upstream == Upstream(mx=True)
    assert str(settings.delivery.upstream) == "mx"
    assert settings.verp.return_path_domain == "bounces.localhost"
    assert settings.server.hostname == "localhost"
    assert settings.data_dir == Path("var")
    assert settings.database.url == "sqlite+aiosqlite:///var/relay.db"
    assert settings.verp.key is None  # generated under var/ on first start
    assert (settings.server.tls_cert, settings.server.tls_key) == (None, None)
    assert settings.server.trusted_networks == ()
    assert settings.server.campaign_header == "X-Campaign-ID"
    assert settings.server.suppressed_mode is SuppressedMode.REJECT
    assert settings.queue.lifetime == 5 * 86400
    assert settings.verp.lifetime_days == 30


def test_the_shipped_file_says_what_the_code_defaults_are() -> None:
    # The commented file is the documentation: a value drifting from the code is a lie there.
    assert load_settings(None, environ={}) == Settings()


def test_the_issue_table_is_in_the_environment_contract() -> None:
    table = {
        "RELAY_DATABASE_URL": ("database", "url"),
        "RELAY_SUBMISSION_LISTEN": ("server", "submission_listen"),
        "RELAY_BOUNCE_LISTEN": ("server", "bounce_listen"),
        "RELAY_UPSTREAM": ("delivery", "upstream"),
        "RELAY_RETURN_PATH_DOMAIN": ("verp", "return_path_domain"),
        "RELAY_VERP_KEY": ("verp", "key"),
        "RELAY_TLS_CERT": ("server", "tls_cert"),
        "RELAY_TLS_KEY": ("server", "tls_key"),
        "RELAY_HOSTNAME": ("server", "hostname"),
        "RELAY_TRUSTED_NETWORKS": ("server", "trusted_networks"),
    }
    assert {name: ENVIRONMENT.get(name) for name in table} == table


# --- environment overrides ----------------------------------------------------------------------

# env name -> (value, what to read back, expected)
OVERRIDES: dict[str, tuple[str, Callable[[Settings], Any], Any]] = {
    "RELAY_DATABASE_URL": (
        "postgresql://relay:pw@db.internal/relay",
        lambda s: s.database.url,
        "postgresql+asyncpg://relay:pw@db.internal/relay",
    ),
    "RELAY_SUBMISSION_LISTEN": (
        "0.0.0.0:587",
        lambda s: str(s.server.submission_listen),
        "0.0.0.0:587",
    ),
    "RELAY_BOUNCE_LISTEN": ("[::]:25", lambda s: str(s.server.bounce_listen), "[::]:25"),
    "RELAY_UPSTREAM": (
        "smtp://smarthost.internal:2525",
        lambda s: s.delivery.upstream,
        Upstream(host="smarthost.internal", port=2525),
    ),
    "RELAY_RETURN_PATH_DOMAIN": (
        "bounces.example.com",
        lambda s: s.verp.return_path_domain,
        "bounces.example.com",
    ),
    "RELAY_VERP_KEY": ("k" * 40, lambda s: secret(s.verp.key), "k" * 40),
    "RELAY_TLS_CERT": (
        "/etc/relay/cert.pem",
        lambda s: s.server.tls_cert,
        Path("/etc/relay/cert.pem"),
    ),
    "RELAY_TLS_KEY": ("/etc/relay/key.pem", lambda s: s.server.tls_key, Path("/etc/relay/key.pem")),
    "RELAY_HOSTNAME": ("mail.example.com", lambda s: s.server.hostname, "mail.example.com"),
    "RELAY_TRUSTED_NETWORKS": (
        "10.0.0.0/8=newsletters",
        lambda s: s.server.trusted_networks,
        (net("10.0.0.0/8", "newsletters"),),
    ),
    "RELAY_EVENT_LOOP": ("asyncio", lambda s: s.server.event_loop, EventLoop.ASYNCIO),
    "RELAY_WORKERS": ("3", lambda s: s.server.worker_count, 3),
    "RELAY_LOG_FORMAT": ("json", lambda s: s.log.format, "json"),
    "RELAY_DATA_DIR": ("/srv/relay", lambda s: s.data_dir, Path("/srv/relay")),
    "RELAY_MAILBOX_PASSWORD": ("imap-secret", lambda s: secret(s.mailbox.password), "imap-secret"),
    "RELAY_HTTP_LISTEN": ("[::1]:8080", lambda s: str(s.http.listen), "[::1]:8080"),
    "RELAY_WEBHOOKS_ALLOW_PRIVATE": ("true", lambda s: s.webhooks.allow_private, True),
    "RELAY_WEBHOOKS_NICE": ("5", lambda s: s.webhooks.nice, 5),
    "RELAY_WEBHOOKS_IDLE": ("false", lambda s: s.webhooks.idle, False),
    "RELAY_METRICS_TOKEN": ("scrape-token", lambda s: secret(s.metrics.token), "scrape-token"),
    "RELAY_HTTP_TLS": ("on", lambda s: s.http.uses_tls, True),
}


def test_every_override_has_a_case_here() -> None:
    assert set(OVERRIDES) == set(ENVIRONMENT)


# Settings that are only valid together: the override is tried with its companion.
COMPANIONS = {
    "RELAY_TLS_CERT": {"RELAY_TLS_KEY": "/etc/relay/key.pem"},
    "RELAY_TLS_KEY": {"RELAY_TLS_CERT": "/etc/relay/cert.pem"},
}


@pytest.mark.parametrize("name", sorted(ENVIRONMENT))
def test_an_environment_override_takes_effect(name: str) -> None:
    value, read, expected = OVERRIDES[name]
    assert read(load_settings(None, environ={})) != expected
    environ = {name: value, **COMPANIONS.get(name, {})}
    assert read(load_settings(None, environ=environ)) == expected


def test_the_environment_beats_the_file(tmp_path: Path) -> None:
    settings = load(
        tmp_path, "[server]\nhostname = 'from-file.test'\n", RELAY_HOSTNAME="from-env.test"
    )
    assert settings.server.hostname == "from-env.test"


def test_relay_config_picks_the_file(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("[server]\nhostname = 'picked.test'\n", encoding="utf-8")
    assert load_settings(None, environ={"RELAY_CONFIG": str(path)}).server.hostname == (
        "picked.test"
    )


def test_relay_config_is_read_from_the_process_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text("[verp]\nreturn_path_domain = 'b.example.com'\n", encoding="utf-8")
    monkeypatch.setenv("RELAY_CONFIG", str(path))
    monkeypatch.setenv("RELAY_HOSTNAME", "process.test")
    settings = load_settings()
    assert settings.verp.return_path_domain == "b.example.com"
    assert settings.server.hostname == "process.test"


def test_an_explicit_path_beats_relay_config(tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text("[server]\nhostname = 'other.test'\n", encoding="utf-8")
    settings = load(tmp_path, "[server]\nhostname = 'given.test'\n", RELAY_CONFIG=str(other))
    assert settings.server.hostname == "given.test"


# --- upstream URLs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("mx", Upstream(mx=True), id="mx"),
        pytest.param(" MX ", Upstream(mx=True), id="mx-any-case"),
        pytest.param(
            "smtp://mail.example.com:2525", Upstream(host="mail.example.com", port=2525), id="smtp"
        ),
        pytest.param(
            "smtp://mail.example.com", Upstream(host="mail.example.com", port=25), id="smtp-port-25"
        ),
        pytest.param("smtp://[::1]:2525", Upstream(host="::1", port=2525), id="smtp-ipv6"),
        pytest.param(
            "smtp+starttls://app%40acme:p%40ss%3Aw%2Frd%25@smtp.example.com:2587",
            Upstream(
                host="smtp.example.com",
                port=2587,
                tls=UpstreamTLS.STARTTLS,
                username="app@acme",
                password=SecretStr("p@ss:w/rd%"),
            ),
            id="starttls-percent-encoded",
        ),
        pytest.param(
            "smtp+starttls://user:pw@smtp.example.com",
            Upstream(
                host="smtp.example.com",
                port=587,
                tls=UpstreamTLS.STARTTLS,
                username="user",
                password=SecretStr("pw"),
            ),
            id="starttls-port-587",
        ),
        pytest.param(
            "smtps://user:pw@smtp.example.com",
            Upstream(
                host="smtp.example.com",
                port=465,
                tls=UpstreamTLS.IMPLICIT,
                username="user",
                password=SecretStr("pw"),
            ),
            id="smtps-port-465",
        ),
        pytest.param(
            "smtps://smtp.example.com:2465",
            Upstream(host="smtp.example.com", port=2465, tls=UpstreamTLS.IMPLICIT),
            id="smtps-no-login",
        ),
    ],
)
def test_upstream_forms(value: str, expected: Upstream) -> None:
    upstream = load_settings(None, environ={"RELAY_UPSTREAM": value}).delivery.upstream
    assert upstream == expected
    assert secret(upstream.password) == secret(expected.password)


def test_the_upstream_password_stays_out_of_reprs() -> None:
    settings = load_settings(
        None, environ={"RELAY_UPSTREAM": "smtp+starttls://user:hunter2@smtp.example.com"}
    )
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in str(settings.delivery.upstream)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("http://mail.example.com", id="other-scheme"),
        pytest.param("lmtp://mail.example.com:24", id="lmtp"),
        pytest.param("smtp://", id="no-host"),
        pytest.param("mail.example.com:25", id="no-scheme"),
        pytest.param("", id="empty"),
        pytest.param("smtp://mail.example.com:99999", id="port-out-of-range"),
        pytest.param("smtp://mail.example.com:abc", id="port-not-a-number"),
    ],
)
def test_bad_upstreams_are_refused(value: str) -> None:
    with pytest.raises(ConfigError, match=r"delivery\.upstream \(env RELAY_UPSTREAM\)"):
        load_settings(None, environ={"RELAY_UPSTREAM": value})


def test_a_bad_upstream_does_not_echo_its_password() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={"RELAY_UPSTREAM": "smpt+starttls://u:hunter2@smtp.test"})
    assert "hunter2" not in str(caught.value)


# --- database URLs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///var/relay.db", "sqlite+aiosqlite:///var/relay.db"),
        ("sqlite:////srv/relay/relay.db", "sqlite+aiosqlite:////srv/relay/relay.db"),
        ("sqlite+aiosqlite:///relay.db", "sqlite+aiosqlite:///relay.db"),
        ("postgresql://relay:pw@db:5432/relay", "postgresql+asyncpg://relay:pw@db:5432/relay"),
        ("postgres://relay@db/relay", "postgresql+asyncpg://relay@db/relay"),
        ("postgresql+asyncpg://relay@db/relay", "postgresql+asyncpg://relay@db/relay"),
        ("postgresql+psycopg2://relay@db/relay", "postgresql+asyncpg://relay@db/relay"),
    ],
)
def test_database_urls_get_the_asyncio_driver(url: str, expected: str) -> None:
    assert load_settings(None, environ={"RELAY_DATABASE_URL": url}).database.url == expected


def test_a_database_url_in_the_file_is_mapped_too(tmp_path: Path) -> None:
    settings = load(tmp_path, f"[database]\nurl = 'sqlite:///{tmp_path}/relay.db'\n")
    assert settings.database.url == f"sqlite+aiosqlite:///{tmp_path}/relay.db"


@pytest.mark.parametrize(
    "url",
    [
        "mysql://relay@db/relay",
        "sqlite+pysqlite:///relay.db",
        "oracle://relay@db/relay",
        "relay.db",
        "",
    ],
)
def test_unsupported_databases_are_refused(url: str) -> None:
    with pytest.raises(ConfigError, match=r"database\.url \(env RELAY_DATABASE_URL\)"):
        load_settings(None, environ={"RELAY_DATABASE_URL": url})


# --- trusted networks ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("10.0.0.0/8=newsletters", (net("10.0.0.0/8", "newsletters"),), id="ipv4"),
        pytest.param(
            " 10.0.0.0/8 = newsletters , 192.168.1.7=loadgen,",
            (net("10.0.0.0/8", "newsletters"), net("192.168.1.7/32", "loadgen")),
            id="several-with-spaces",
        ),
        pytest.param(
            "2001:db8::/32=apps,::1=local",
            (net("2001:db8::/32", "apps"), net("::1/128", "local")),
            id="ipv6",
        ),
        pytest.param("10.1.2.3/8=apps", (net("10.0.0.0/8", "apps"),), id="host-bits-dropped"),
        pytest.param("", (), id="empty"),
    ],
)
def test_trusted_networks(value: str, expected: tuple[TrustedNetwork, ...]) -> None:
    settings = load_settings(None, environ={"RELAY_TRUSTED_NETWORKS": value})
    assert settings.server.trusted_networks == expected


def test_trusted_networks_as_a_toml_table(tmp_path: Path) -> None:
    settings = load(
        tmp_path, "[server]\ntrusted_networks = { '10.0.0.0/8' = 'acme', 'fd00::/8' = 'ops' }\n"
    )
    assert settings.server.trusted_networks == (net("10.0.0.0/8", "acme"), net("fd00::/8", "ops"))
    (first, _) = settings.server.trusted_networks
    assert ipaddress.ip_address("10.20.30.40") in first.network


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("10.0.0.0/8", id="no-account"),
        pytest.param("10.0.0.0/8=", id="empty-account"),
        pytest.param("=acme", id="no-network"),
        pytest.param("10.0.0.0/33=acme", id="ipv4-prefix-too-long"),
        pytest.param("2001:db8::/129=acme", id="ipv6-prefix-too-long"),
        pytest.param("mail.example.com=acme", id="a-name"),
        pytest.param("10.0.0.0/8=acme,300.1.2.3=x", id="one-bad-among-good"),
    ],
)
def test_bad_trusted_networks_are_refused(value: str) -> None:
    with pytest.raises(
        ConfigError, match=r"server\.trusted_networks \(env RELAY_TRUSTED_NETWORKS\)"
    ):
        load_settings(None, environ={"RELAY_TRUSTED_NETWORKS": value})


# --- errors: one line naming the key ------------------------------------------------------------


def assert_one_line_naming(error: ConfigError, where: str) -> None:
    message = str(error)
    assert "\n" not in message
    assert message.startswith("configuration error: ")
    assert where in message


@pytest.mark.parametrize(
    ("name", "value", "where"),
    [
        pytest.param(
            "RELAY_SUBMISSION_LISTEN",
            "localhost",
            "server.submission_listen (env RELAY_SUBMISSION_LISTEN): expected host:port",
            id="listen-no-port",
        ),
        pytest.param(
            "RELAY_BOUNCE_LISTEN",
            "127.0.0.1:smtp",
            "server.bounce_listen (env RELAY_BOUNCE_LISTEN): expected host:port",
            id="listen-port-not-a-number",
        ),
        pytest.param(
            "RELAY_SUBMISSION_LISTEN",
            "127.0.0.1:70000",
            "server.submission_listen.port (env RELAY_SUBMISSION_LISTEN): ",
            id="listen-port-out-of-range",
        ),
    ],
)
def test_a_bad_environment_value_is_one_line_naming_the_key(
    name: str, value: str, where: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(None, environ={name: value})
    assert_one_line_naming(caught.value, where)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("[server]\nhostnam = 'x'\n", "server.hostnam: ", id="unknown-key"),
        pytest.param("[srever]\nhostname = 'x'\n", "srever: ", id="unknown-section"),
        pytest.param("datadir = 'x'\n", "datadir: ", id="unknown-top-level-key"),
        pytest.param(
            "[server]\nmax_message_size = -1\n", "server.max_message_size: ", id="negative-size"
        ),
        pytest.param(
            "[server]\nmax_recipients = 0\n", "server.max_recipients: ", id="no-recipients"
        ),
        pytest.param(
            "[server]\nsuppressed_mode = 'drop'\n", "server.suppressed_mode: ", id="bad-mode"
        ),
        pytest.param(
            "[server]\nsubmission_listen = 2525\n",
            "server.submission_listen (env RELAY_SUBMISSION_LISTEN): ",
            id="listen-not-a-string",
        ),
        pytest.param(
            "[delivery]\nconnect_timeout = 0\n", "delivery.connect_timeout: ", id="zero-timeout"
        ),
        pytest.param("[delivery]\nmx_port = 0\n", "delivery.mx_port: ", id="mx-port-zero"),
        pytest.param(
            "[delivery]\nverify_upstream_tls = 'perhaps'\n",
            "delivery.verify_upstream_tls: ",
            id="not-a-boolean",
        ),
        pytest.param(
            "[queue]\nretry_schedule = []\n",
            "queue.retry_schedule: needs at least one interval",
            id="empty-schedule",
        ),
        pytest.param(
            "[queue]\nretry_schedule = [60, -1]\n", "queue.retry_schedule", id="negative-interval"
        ),
        pytest.param("[verp]\nlifetime_days = 0\n", "verp.lifetime_days: ", id="zero-lifetime"),
        pytest.param("server = 3\n", "server: ", id="section-not-a-table"),
    ],
)
def test_a_bad_file_value_is_one_line_naming_the_key(tmp_path: Path, text: str, where: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    assert_one_line_naming(caught.value, where)


def test_several_errors_report_the_first_and_a_count(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "[server]\nmax_message_size = -1\nmax_recipients = 0\n")
    assert str(caught.value).endswith("(and 1 more)")
    assert "server.max_message_size" in str(caught.value)


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[server]\nhostname = localhost\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert "not valid TOML" in message
    assert "line 2" in message


def test_a_file_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes("[server]\nhostname = 'caf\u00e9.test'\n".encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_settings(path, environ={})
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("via_env", [False, True], ids=["argument", "RELAY_CONFIG"])
def test_a_missing_file_names_the_path(tmp_path: Path, via_env: bool) -> None:
    path = tmp_path / "absent.toml"
    given, environ = (None, {"RELAY_CONFIG": str(path)}) if via_env else (path, {})
    with pytest.raises(ConfigError) as caught:
        load_settings(given, environ=environ)
    assert str(caught.value) == f"cannot read configuration {path}: No such file or directory"


def test_an_empty_verp_key_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"verp\.key \(env RELAY_VERP_KEY\)"):
        load_settings(None, environ={"RELAY_VERP_KEY": ""})


def test_a_tls_certificate_without_its_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"server\.tls_key"):
        load(tmp_path, RELAY_TLS_CERT=str(tmp_path / "cert.pem"))


# --- frozen -------------------------------------------------------------------------------------


def test_settings_are_frozen() -> None:
    settings = load_settings(None, environ={"RELAY_TRUSTED_NETWORKS": "10.0.0.0/8=acme"})
    with pytest.raises(ValidationError, match="frozen"):
        settings.server.hostname = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        settings.delivery = settings.delivery  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.server.trusted_networks[0].account = "other"  # type: ignore[misc]
    assert isinstance(settings.queue.retry_schedule, tuple)
    assert isinstance(settings.delivery.dns_servers, tuple)
    assert settings.server.hostname == "localhost"


# --- the VERP key and the TLS pair made on first start ------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_verp_key_is_generated_once_and_kept_private(tmp_path: Path) -> None:
    settings = load(tmp_path)
    key = ensure_verp_key(settings)
    path = settings.data_dir / "verp.key"
    assert len(key) == 64
    assert int(key, 16) > 0
    assert mode(path) == 0o600
    assert ensure_verp_key(settings) == key
    assert ensure_verp_key(load(tmp_path)) == key  # after a restart too
    assert path.read_bytes().strip() == key


def test_relay_verp_key_is_preferred_to_a_generated_one(tmp_path: Path) -> None:
    settings = load(tmp_path, RELAY_VERP_KEY="operator-key-0123456789")
    assert ensure_verp_key(settings) == b"operator-key-0123456789"
    assert not (settings.data_dir / "verp.key").exists()
    ensure_verp_key(load(tmp_path))  # one generated earlier does not win over the setting either
    assert ensure_verp_key(settings) == b"operator-key-0123456789"


def test_a_self_signed_pair_is_made_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = load(tmp_path, RELAY_HOSTNAME="relay.example.test")
    with caplog.at_level(logging.WARNING, logger="config.materials"):
        cert, key = ensure_tls_pair(settings)
    assert (cert.parent, key.parent) == (settings.data_dir, settings.data_dir)
    assert "self-signed" in caplog.text
    assert mode(key) == 0o600
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    parsed = x509.load_pem_x509_certificate(cert.read_bytes())
    names = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["relay.example.test"]
    made = cert.read_bytes(), key.read_bytes()
    assert ensure_tls_pair(settings) == (cert, key)
    assert (cert.read_bytes(), key.read_bytes()) == made


def test_a_pair_missing_its_key_is_made_again(tmp_path: Path) -> None:
    settings = load(tmp_path)
    cert, key = ensure_tls_pair(settings)
    key.unlink()
    assert ensure_tls_pair(settings) == (cert, key)
    ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key)


def test_a_configured_pair_is_used_as_it_is(tmp_path: Path) -> None:
    cert, key = tmp_path / "given-cert.pem", tmp_path / "given-key.pem"
    settings = load(tmp_path, RELAY_TLS_CERT=str(cert), RELAY_TLS_KEY=str(key))
    assert ensure_tls_pair(settings) == (cert, key)
    assert not settings.data_dir.exists()


def test_workers_default_to_the_usable_cores_and_refuse_nonsense() -> None:
    assert load_settings(None, environ={}).server.worker_count == len(os.sched_getaffinity(0))
    with pytest.raises(ConfigError, match=r"server\.workers"):
        load_settings(None, environ={"RELAY_WORKERS": "many"})
    with pytest.raises(ConfigError, match=r"server\.workers"):
        load_settings(None, environ={"RELAY_WORKERS": "0"})


def test_http_listen_empty_turns_it_off_and_tls_follows_the_address() -> None:
    assert load_settings(environ={"RELAY_HTTP_LISTEN": ""}).http.listen is None
    assert not load_settings(environ={}).http.uses_tls  # 127.0.0.1 by default
    assert not load_settings(environ={"RELAY_HTTP_LISTEN": "[::1]:8025"}).http.uses_tls
    assert load_settings(environ={"RELAY_HTTP_LISTEN": "0.0.0.0:8025"}).http.uses_tls
    outside = {"RELAY_HTTP_LISTEN": "0.0.0.0:8025", "RELAY_HTTP_TLS": "off"}
    assert not load_settings(environ=outside).http.uses_tls
