"""The ``relay`` command as operators run it, on a real SQLite file: in this process, and as a
real process for the entry point and exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cli import Done, invoke

Run = Callable[..., "subprocess.CompletedProcess[str] | Done"]


def environment(tmp_path: Path) -> dict[str, str]:
    return {
        "RELAY_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "RELAY_DATA_DIR": str(tmp_path / "var"),
    }


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """``relay ...`` in this process (click's CliRunner)."""
    env = environment(tmp_path)

    def call(*args: str, stdin: str | None = None) -> Done:
        return invoke(args, env=env, stdin=stdin or "")

    return call


@pytest.fixture
def process(tmp_path: Path) -> Run:
    """``python -m relay ...`` as a real process: the entry point and exit status as a shell
    sees them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
    env.update(environment(tmp_path))

    def call(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "relay", *args],
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            env={**env, "COLUMNS": "200"},
            timeout=60,
            check=False,
        )

    return call


def test_accounts_add_and_list(run: Run) -> None:
    done = run(
        "accounts", "add", "acme", "--domain", "acme.example", "--domain", "Mail.ACME.example"
    )
    assert done.returncode == 0, done.stderr
    listed = run("accounts", "list")
    assert listed.returncode == 0
    assert "acme" in listed.stdout
    assert "mail.acme.example" in listed.stdout


def test_a_duplicate_account_is_one_line_and_exit_1(process: Run) -> None:
    run = process
    run("accounts", "add", "acme")
    done = run("accounts", "add", "acme")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["relay: error: account 'acme' already exists"]


def test_usage_errors_exit_2(process: Run) -> None:
    run = process
    assert run("accounts", "add").returncode == 2
    assert run("no-such-command").returncode == 2


def test_credentials_from_stdin_are_stored_hashed(run: Run, tmp_path: Path) -> None:
    run("accounts", "add", "acme", "--domain", "acme.example")
    done = run("credentials", "add", "acme", "app@acme", stdin="s3cret-password\n")
    assert done.returncode == 0, done.stderr
    raw = (tmp_path / "cli.db").read_bytes()
    assert b"s3cret-password" not in raw
    assert b"$argon2id$" in raw


def test_credentials_generate_prints_the_password_once(run: Run) -> None:
    run("accounts", "add", "acme")
    done = run("credentials", "add", "acme", "gen@acme", "--generate")
    assert done.returncode == 0, done.stderr
    (line,) = [ln for ln in done.stdout.splitlines() if ln.startswith("password: ")]
    assert len(line.removeprefix("password: ")) >= 24


def test_credentials_for_an_unknown_account_fail(run: Run) -> None:
    done = run("credentials", "add", "nobody", "u", stdin="long enough password\n")
    assert done.returncode == 1
    assert "no account named 'nobody'" in done.stderr


def test_domains_add_prints_the_dkim_record_and_a_new_key_each_time(run: Run) -> None:
    run("accounts", "add", "acme")
    first = run("domains", "add", "acme.example", "--account", "acme", "--dkim-selector", "s1")
    second = run("domains", "add", "acme.example", "--account", "acme", "--dkim-selector", "s1")
    assert first.returncode == second.returncode == 0
    record = [ln for ln in first.stdout.splitlines() if "_domainkey" in ln]
    assert record[0].startswith('s1._domainkey.acme.example. IN TXT "v=DKIM1; k=rsa; p=')
    assert first.stdout != second.stdout
    listed = run("domains", "list")
    assert "acme.example" in listed.stdout
    assert "s1" in listed.stdout


def test_a_domain_of_another_account_is_refused(run: Run) -> None:
    run("accounts", "add", "acme", "--domain", "acme.example")
    run("accounts", "add", "other")
    done = run("domains", "add", "acme.example", "--account", "other")
    assert done.returncode == 1
    assert "belongs to another account" in done.stderr


def test_queue_list_and_retry_on_an_empty_queue(run: Run) -> None:
    listed = run("queue", "list")
    assert listed.returncode == 0
    assert "0 copies queued" in listed.stdout
    assert run("queue", "retry").returncode == 0
    missing = run("queue", "retry", "42")
    assert missing.returncode == 1
    assert "no queued copy 42" in missing.stderr


def test_a_bad_configuration_is_one_line(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[server]\nmax_recipients = -1\n")
    done = run("--config", str(bad), "accounts", "list")
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert "server.max_recipients" in line


def test_db_upgrade_creates_the_schema(run: Run, tmp_path: Path) -> None:
    done = run("db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cli.db").exists()
    assert run("db", "upgrade").returncode == 0


def test_account_credential_and_domain_changes_are_audited(run: Run) -> None:
    run("accounts", "add", "acme", "--domain", "acme.example")
    run("credentials", "add", "acme", "app@acme", stdin="long enough password\n")
    run("domains", "add", "acme.example", "--account", "acme")
    done = run("audit", "--account", "acme", "--json")
    assert done.returncode == 0, done.stderr
    entries = [json.loads(line) for line in done.stdout.splitlines()]
    assert [e["action"] for e in entries] == ["account_add", "credential_add", "domain_add"]
    assert entries[1]["subject"] == "app@acme"
    assert all(e["actor"] == "bootstrap" for e in entries)  # no user exists yet


def ok(done: subprocess.CompletedProcess[str] | Done) -> subprocess.CompletedProcess[str] | Done:
    assert done.returncode == 0, done.stderr
    return done


# What a store command has no use for: the SMTP server, the bounce parser, the HTTP client.
SERVER_ONLY = ("relay.process", "relay.smtp.server", "bounce_parser.parser", "aiohttp")


def test_a_store_command_loads_only_its_own_module(tmp_path: Path) -> None:
    """`relay accounts list` imports the accounts commands, not the server's (start-up time)."""
    probe = (
        "import sys\n"
        "from relay.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        f"    print([m for m in {SERVER_ONLY!r} if m in sys.modules], file=sys.stderr)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
    done = subprocess.run(
        [sys.executable, "-c", probe, "accounts", "list"],
        capture_output=True,
        text=True,
        env={**env, **environment(tmp_path)},
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_the_first_user_must_be_an_operator(process: Run) -> None:
    run = process
    ok(run("accounts", "add", "acme"))
    refused = run("users", "add", "ann", "--account", "acme", "--role", "super_admin")
    assert refused.returncode == 3
    assert "the first user must be an operator" in refused.stderr
    assert "Traceback" not in refused.stderr
    ok(run("users", "add", "root", "--role", "operator"))
    assert "root,operator," in run("users", "list", "--csv").stdout


@pytest.fixture
def managed(run: Run) -> Run:
    """acme and other, an operator root, acme's super admin ann and viewer vic."""
    ok(run("accounts", "add", "acme", "--domain", "acme.example"))
    ok(run("accounts", "add", "other"))
    ok(run("users", "add", "root", "--role", "operator"))
    for name, role in [("ann", "super_admin"), ("vic", "viewer")]:
        ok(run("users", "add", name, "--account", "acme", "--role", role, "--as", "root"))
    return run


def test_after_the_first_user_changes_need_as(managed: Run) -> None:
    run = managed
    password = "long enough password\n"
    for args, stdin in [
        (("accounts", "add", "third"), ""),
        (("credentials", "add", "acme", "app@acme"), password),
        (("domains", "add", "mail.acme.example", "--account", "acme"), ""),
    ]:
        anonymous = run(*args, stdin=stdin)
        assert anonymous.returncode == 1, anonymous.stderr
        assert anonymous.stderr.strip().splitlines() == [
            "relay: error: this command changes something: "
            "say who you are with --as USER (or RELAY_USER)"
        ]
        by_viewer = run(*args, "--as", "vic", stdin=stdin)
        assert by_viewer.returncode == 3, by_viewer.stderr
        assert "user vic is a viewer" in by_viewer.stderr
    # A super admin manages its own account's credentials and domains, not accounts.
    assert run("accounts", "add", "third", "--as", "ann").returncode == 3
    ok(run("credentials", "add", "acme", "app@acme", "--as", "ann", stdin=password))
    ok(run("domains", "add", "mail.acme.example", "--account", "acme", "--as", "ann"))
    other = run("credentials", "add", "other", "x@other", "--as", "ann", stdin=password)
    assert other.returncode == 3
    assert "does not belong to account other" in other.stderr
    ok(run("accounts", "add", "third", "--as", "root"))
    entries = [json.loads(line) for line in run("audit", "--json").stdout.splitlines()]
    changes = [(e["actor"], e["action"], e["subject"]) for e in entries]
    assert changes[-3:] == [
        ("ann", "credential_add", "app@acme"),
        ("ann", "domain_add", "mail.acme.example"),
        ("root", "account_add", "third"),
    ]
    assert len(run("accounts", "list").stdout.split("third")) == 2  # nothing else was added


def roles(run: Run) -> dict[str, str]:
    listed = ok(run("users", "list", "--json")).stdout.splitlines()
    return {row["user"]: row["role"] for row in map(json.loads, listed)}


def test_users_remove_and_set_role_keep_an_operator(managed: Run) -> None:
    run = managed
    last = run("users", "remove", "root", "--as", "root")
    assert last.returncode == 3
    assert "root is the last operator" in last.stderr
    demote = run("users", "set-role", "root", "viewer", "--account", "acme", "--as", "root")
    assert demote.returncode == 3
    assert "root is the last operator" in demote.stderr
    assert run("users", "remove", "vic").returncode == 1  # no --as
    by_admin = run("users", "set-role", "root", "viewer", "--account", "acme", "--as", "ann")
    assert by_admin.returncode == 3
    assert "only an operator may change an operator" in by_admin.stderr
    promote = run("users", "set-role", "vic", "operator", "--as", "ann")
    assert promote.returncode == 3
    ok(run("users", "set-role", "vic", "marketing_email", "--as", "ann"))
    ok(run("users", "set-role", "ann", "operator", "--as", "root"))
    ok(run("users", "set-role", "root", "super_admin", "--account", "other", "--as", "ann"))
    assert roles(run) == {"ann": "operator", "root": "super_admin", "vic": "marketing_email"}
    ok(run("users", "remove", "root", "--as", "ann"))
    assert run("users", "remove", "ann", "--as", "ann").returncode == 3
    missing = run("users", "remove", "nobody", "--as", "ann")
    assert missing.stderr.strip() == "relay: error: no user named 'nobody'"
    entries = [json.loads(line) for line in run("audit", "--json").stdout.splitlines()]
    changes = [
        (e["actor"], e["action"], e["subject"]) for e in entries if e["action"] != "user_add"
    ]
    assert changes[-4:] == [
        ("ann", "user_set_role", "vic"),
        ("root", "user_set_role", "ann"),
        ("ann", "user_set_role", "root"),
        ("ann", "user_remove", "root"),
    ]


def test_status_without_a_running_relay_is_one_line(run: Run) -> None:
    done = run("status")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("relay: error: no running relay")
