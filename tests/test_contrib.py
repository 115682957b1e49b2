"""contrib/bounce-relay.service: systemd reads every line of it without a complaint, its
sandbox keeps systemd's exposure score low, and its limits fit the relay's defaults; the example
environment file next to it is a configuration the relay loads."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from config import Settings, load_settings
from config.loader import ENVIRONMENT

CONTRIB = Path(__file__).resolve().parents[1] / "contrib"
UNIT = CONTRIB / "bounce-relay.service"
INSTALLED = "/opt/bounce-relay/.venv/bin/relay"  # the path the unit and README document
NEEDS_SYSTEMD = pytest.mark.skipif(
    shutil.which("systemd-analyze") is None,
    reason="systemd-analyze is not installed (Debian package systemd)",
)


def directives() -> dict[str, list[str]]:
    """Every ``Key=value`` of the unit, values in order (a key may repeat)."""
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            found.setdefault(key, []).append(value)
    return found


def installed_copy(tmp_path: Path) -> Path:
    """The unit with ExecStart pointing at an executable that exists here, as verify wants."""
    relay = tmp_path / "relay"
    relay.write_text("#!/bin/sh\n")
    relay.chmod(0o755)
    text = UNIT.read_text()
    assert f"ExecStart={INSTALLED} serve\n" in text
    unit = tmp_path / UNIT.name
    unit.write_text(text.replace(INSTALLED, str(relay)))
    return unit


@NEEDS_SYSTEMD
def test_systemd_verifies_the_unit_without_a_warning(tmp_path: Path) -> None:
    done = subprocess.run(
        ["systemd-analyze", "verify", str(installed_copy(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    # verify exits 0 on unknown keys and bad values (it ignores them): any output is a failure
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


@NEEDS_SYSTEMD
def test_the_sandbox_keeps_systemds_exposure_score_at_most_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            "systemd-analyze",
            "security",
            "--offline=yes",
            "--threshold=20",  # tenths: an overall exposure of 2.0
            str(installed_copy(tmp_path)),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_unit_runs_the_relay_as_its_own_user_with_room_for_its_defaults() -> None:
    unit, defaults = directives(), Settings()
    assert unit["User"] == unit["Group"] == ["bounce-relay"]
    assert unit["StateDirectory"] == ["bounce-relay"]
    assert "RELAY_DATA_DIR=/var/lib/bounce-relay" in unit["Environment"]
    assert unit["EnvironmentFile"] == ["-/etc/bounce-relay/env"]
    assert unit["KillSignal"] == ["SIGTERM"]
    assert int(unit["TimeoutStopSec"][0]) > defaults.server.drain_timeout + 10
    assert int(unit["LimitNOFILE"][0]) > 4 * defaults.server.max_connections
    assert unit["RestartPreventExitStatus"] == ["3"]  # a start-up failure (README)


def test_the_example_environment_file_is_a_configuration_the_relay_loads() -> None:
    values: dict[str, str] = {}
    named: list[str] = []  # every variable it names, commented-out suggestions included
    for line in (CONTRIB / "bounce-relay.env").read_text().splitlines():
        setting = line.removeprefix("# ")
        if setting.startswith("RELAY_"):
            named.append(setting.split("=", 1)[0])
        if line.startswith("RELAY_"):
            key, _, value = line.partition("=")
            values[key] = value
    assert set(named) <= {*ENVIRONMENT, "RELAY_CONFIG"}, "a name the relay does not read"
    settings = load_settings(None, values)
    unit = directives()
    assert str(settings.data_dir) == unit["WorkingDirectory"][0] == "/var/lib/bounce-relay"
    assert f"RELAY_DATABASE_URL={values['RELAY_DATABASE_URL']}" in unit["Environment"]
    assert settings.server.bounce_listen.port == 25  # the MX of the return-path domain
