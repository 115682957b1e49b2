"""Load the settings once: the TOML file, then environment overrides, then validation."""

from __future__ import annotations

import difflib
import logging
import os
import tomllib
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from config.settings import Settings

# The environment names are a contract with operators' scripts: env name -> (section, key).
ENVIRONMENT: dict[str, tuple[str, ...]] = {
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
    "RELAY_EVENT_LOOP": ("server", "event_loop"),
    "RELAY_WORKERS": ("server", "workers"),
    "RELAY_LOG_FORMAT": ("log", "format"),
    "RELAY_DATA_DIR": ("data_dir",),
    "RELAY_MAILBOX_PASSWORD": ("mailbox", "password"),
    "RELAY_WEBHOOKS_ALLOW_PRIVATE": ("webhooks", "allow_private"),
    "RELAY_WEBHOOKS_NICE": ("webhooks", "nice"),
    "RELAY_WEBHOOKS_IDLE": ("webhooks", "idle"),
    "RELAY_METRICS_TOKEN": ("metrics", "token"),
    "RELAY_HTTP_LISTEN": ("http", "listen"),
    "RELAY_HTTP_TLS": ("http", "tls"),
}

# RELAY_* names read elsewhere: the configuration file, the CLI's acting user, and the test
# suite's and benchmarks' knobs. Any other RELAY_* name is a typo, warned about at start.
OTHER_ENVIRONMENT = frozenset(
    {
        "RELAY_CONFIG",
        "RELAY_USER",
        "RELAY_TEST_DATABASE_URL",
        "RELAY_LOAD_MESSAGES",
        "RELAY_LOAD_FAULT_MESSAGES",
        "RELAY_SCREENSHOTS",
        "RELAY_WRITER_STATS",
    }
)

log = logging.getLogger("relay.config")


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line naming the key."""


def default_config_text() -> str:
    """The shipped, commented default configuration."""
    return resources.files("config").joinpath("relay.toml").read_text(encoding="utf-8")


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read ``path`` (or RELAY_CONFIG, or the shipped default), apply RELAY_* overrides."""
    env = os.environ if environ is None else environ
    if path is None and env.get("RELAY_CONFIG"):
        path = Path(env["RELAY_CONFIG"])
    try:
        text = path.read_text(encoding="utf-8") if path else default_config_text()
        data: dict[str, Any] = tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"cannot read configuration {path}: {exc.strerror}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:  # TOML is UTF-8 by definition
        raise ConfigError(f"configuration {path or 'default'} is not valid TOML: {exc}") from exc
    for name, keys in ENVIRONMENT.items():
        if name in env:
            _assign(data, keys, env[name])
    for name in unknown_environment(env):
        log.warning("unknown environment variable %s is ignored%s", name, _did_you_mean(name))
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_one_line(exc)) from exc


def unknown_environment(environ: Mapping[str, str]) -> list[str]:
    """The RELAY_* names in ``environ`` that nothing reads (misspelled, most likely)."""
    known = ENVIRONMENT.keys() | OTHER_ENVIRONMENT
    return sorted(n for n in environ if n.startswith("RELAY_") and n not in known)


def _did_you_mean(name: str) -> str:
    close = difflib.get_close_matches(name, [*ENVIRONMENT, *OTHER_ENVIRONMENT], n=1, cutoff=0.8)
    return f" (did you mean {close[0]}?)" if close else ""


def _assign(data: dict[str, Any], keys: tuple[str, ...], value: str) -> None:
    for key in keys[:-1]:
        data = data.setdefault(key, {})
    data[keys[-1]] = value


def _one_line(exc: ValidationError) -> str:
    first = exc.errors()[0]
    key = ".".join(str(part) for part in first["loc"] if not str(part).startswith("function-"))
    env = next((n for n, k in ENVIRONMENT.items() if f"{key}.".startswith(".".join(k) + ".")), None)
    where = f"{key} (env {env})" if env else key
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    message = str(first["msg"]).removeprefix("Value error, ")
    return f"configuration error: {where}: {message}{more}"
