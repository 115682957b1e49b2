"""No secret in a message or a log line, and no misspelled RELAY_* variable goes unnoticed."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from config import ENVIRONMENT, load_settings, redact
from config.loader import OTHER_ENVIRONMENT
from relay.process import EXIT_STARTUP_FAILED
from tests.support.process import free_port

MARKER = "S3cretPassw0rdMarker"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            f"cannot open the store postgresql+asyncpg://relay:{MARKER}@db.example:5432/relay",
            "cannot open the store postgresql+asyncpg://relay:***@db.example:5432/relay",
        ),
        (f"smtp+starttls://u:{MARKER}@h:587", "smtp+starttls://u:***@h:587"),
        (f"postgresql://:{MARKER}@h/db", "postgresql://:***@h/db"),
        (f"'postgresql://u:p@{MARKER}@h/db'", "'postgresql://u:***@h/db'"),  # unencoded @
        (f"a imap://u:{MARKER}@h b smtp://v:{MARKER}@k", "a imap://u:***@h b smtp://v:***@k"),
        (f"host=h user=u password={MARKER} dbname=d", "host=h user=u password=*** dbname=d"),
        ("sqlite+aiosqlite:///var/relay.db", "sqlite+aiosqlite:///var/relay.db"),
        ("postgresql://relay@h/db", "postgresql://relay@h/db"),
        ("RCPT TO:<a@b.example>", "RCPT TO:<a@b.example>"),
    ],
)
def test_redact_hides_every_password(text: str, shown: str) -> None:
    assert redact(text) == shown


def relay_env(tmp_path: Path, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
    return {
        **env,
        "RELAY_DATABASE_URL": database_url,
        "RELAY_DATA_DIR": str(tmp_path / "var"),
        "RELAY_SUBMISSION_LISTEN": f"127.0.0.1:{free_port()}",
        "RELAY_BOUNCE_LISTEN": f"127.0.0.1:{free_port()}",
        "RELAY_HTTP_LISTEN": f"127.0.0.1:{free_port()}",
    }


@pytest.mark.parametrize(
    "args",
    [("-vv", "serve"), ("-vv", "serve", "--workers", "2"), ("-vv", "accounts", "list")],
    ids=["serve", "serve-workers", "cli"],
)
def test_a_failing_start_never_shows_the_database_password(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Nothing listens on this port: the store cannot be opened and the start fails.
    url = f"postgresql://relay:{MARKER}@127.0.0.1:{free_port()}/relay"
    done = subprocess.run(
        [sys.executable, "-m", "relay", *args],
        env=relay_env(tmp_path, url),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode in {1, EXIT_STARTUP_FAILED}, done.stderr
    output = done.stdout + done.stderr
    assert "cannot open the store" in output or "store unavailable" in output
    assert MARKER not in output
    assert "Traceback" not in output
    if "serve" in args:
        assert "relay:***@127.0.0.1" in done.stderr


def test_a_log_line_with_a_url_is_redacted(tmp_path: Path) -> None:
    # Whatever logs a URL (here a library's own message and a traceback), the handler the
    # relay command installs writes it without the password.
    code = (
        "import logging, sys\n"
        "from relay.cli.app import cli\n"
        "@cli.command('leak')\n"
        "def leak():\n"
        f"    url = 'postgresql://relay:{MARKER}@h/db'\n"
        "    logging.getLogger('sqlalchemy.pool').warning('cannot connect to %s', url)\n"
        "    try:\n"
        "        raise ConnectionError(url)\n"
        "    except ConnectionError:\n"
        "        logging.getLogger('relay').exception('failed')\n"
        "cli(['leak'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=relay_env(tmp_path, "sqlite:///x.db"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "cannot connect to postgresql://relay:***@h/db" in done.stderr, done.stderr
    assert "ConnectionError: postgresql://relay:***@h/db" in done.stderr
    assert MARKER not in done.stderr


# --- unknown RELAY_* variables ------------------------------------------------------------------


def test_every_unknown_relay_variable_is_warned_about_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    environ = {
        "RELAY_DATABSE_URL": "sqlite:///x.db",
        "RELAY_NO_SUCH_THING": "1",
        "RELAY_USER": "ann",
        "RELAY_HOSTNAME": "relay.example",
        "HOME": "/root",
    }
    with caplog.at_level(logging.WARNING, logger="relay.config"):
        settings = load_settings(None, environ=environ)
    assert settings.server.hostname == "relay.example"
    assert [r.getMessage() for r in caplog.records] == [
        "unknown environment variable RELAY_DATABSE_URL is ignored "
        "(did you mean RELAY_DATABASE_URL?)",
        "unknown environment variable RELAY_NO_SUCH_THING is ignored",
    ]


def test_known_variables_are_not_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    environ = dict.fromkeys([*ENVIRONMENT, *OTHER_ENVIRONMENT], "")
    environ = {k: v for k, v in environ.items() if k not in ENVIRONMENT}  # values stay valid
    with caplog.at_level(logging.WARNING, logger="relay.config"):
        load_settings(None, environ={**environ, "RELAY_CONFIG": ""})
    assert caplog.records == []


READ = re.compile(r"""(?:environ(?:\.get)?[\[(]|getenv\(|envvar=)\s*["'](RELAY_[A-Z0-9_]+)["']""")


def test_every_relay_variable_the_code_reads_is_known() -> None:
    """Every RELAY_* name read anywhere in the project is one the warning knows."""
    read = set()
    for folder in ("relay", "storage", "config", "bounce_parser", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            read |= set(READ.findall(path.read_text(encoding="utf-8")))
    assert "RELAY_USER" in read  # the pattern finds what it should
    assert read <= ENVIRONMENT.keys() | OTHER_ENVIRONMENT
