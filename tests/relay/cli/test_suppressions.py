"""``relay suppressions`` and ``relay segments`` as a real process on a real SQLite file."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import Action, Refused, authorize
from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.engine import open_store, utcnow
from storage.models import Role
from storage.schema import ensure_schema
from storage.suppressions import suppress
from tests.conftest import MakeRelay
from tests.support.cli import Done, invoke
from tests.support.records import hard_bounced

T = TypeVar("T")
Run = Callable[..., Done]
SENDER = "news@acme.example"


def relay_env(database_url: str, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
    return {**env, "RELAY_DATABASE_URL": database_url, "RELAY_DATA_DIR": str(data_dir)}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "cli.db"


def runner(db: Path, data_dir: Path) -> Run:
    """``relay ...`` in this process (click's CliRunner) on the SQLite file ``db``."""
    env = {"RELAY_DATABASE_URL": f"sqlite:///{db}", "RELAY_DATA_DIR": str(data_dir)}

    def call(*args: str, **extra_env: str) -> Done:
        return invoke(args, env={**env, **extra_env})

    return call


@pytest.fixture
def run(tmp_path: Path, db: Path) -> Run:
    return runner(db, tmp_path / "var")


def ok(done: Done) -> Done:
    assert done.returncode == 0, done.stderr
    return done


def in_store(db: Path, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run ``work`` in one transaction on the CLI's store (from a synchronous test)."""

    async def main() -> T:
        store = open_store(f"sqlite+aiosqlite:///{db}", pool_size=1)
        try:
            await ensure_schema(store)
            async with store.transaction() as session:
                return await work(session)
        finally:
            await store.close()

    return asyncio.run(main())


# Users of the `people` fixture: name -> (role, account).
PEOPLE = {
    "op": (Role.OPERATOR, None),
    "boss": (Role.SUPER_ADMIN, "acme"),
    "mk": (Role.MARKETING_EMAIL, "acme"),
    "vic": (Role.VIEWER, "acme"),
    "olga": (Role.SUPER_ADMIN, "other"),
}


@pytest.fixture(scope="module")
def people_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Accounts acme and other, and one user of each role, made once with the relay command."""
    base = tmp_path_factory.mktemp("people")
    run = runner(base / "cli.db", base / "var")
    ok(run("accounts", "add", "acme", "--domain", "acme.example"))
    ok(run("accounts", "add", "other"))
    ok(run("users", "add", "op", "--role", "operator"))  # the first user needs no --as
    for name, (role, account) in PEOPLE.items():
        if name != "op":
            ok(run("users", "add", name, "--account", str(account), "--role", role, "--as", "op"))
    return base / "cli.db"


@pytest.fixture
def people(people_store: Path, db: Path) -> None:
    """A copy of ``people_store`` as this test's store (the processes that made it are gone)."""
    for suffix in ("", "-wal"):
        made = Path(f"{people_store}{suffix}")
        if made.exists():
            shutil.copyfile(made, f"{db}{suffix}")


def stored(db: Path, account: str = "acme") -> list[str]:
    """The account's suppressed addresses, read straight from the file."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT s.address FROM suppressions s JOIN accounts a ON a.id = s.account_id "
            "WHERE a.name = ? ORDER BY s.address",
            (account,),
        )
        return [address for (address,) in rows]


def refusal(name: str, action: Action) -> str:
    """The rule's own message for ``name`` doing ``action`` on acme, as the CLI prints it."""
    role, account = PEOPLE[name]
    user = admin.UserInfo(0, name, role, None if account is None else 99, account)
    with pytest.raises(Refused) as refused:
        authorize(user, action, AccountInfo(1, "acme", ()))
    return f"relay: refused: {refused.value}"


def listing(run: Run, account: str = "acme") -> list[dict[str, Any]]:
    done = ok(run("suppressions", "list", "--account", account, "--json"))
    return [json.loads(line) for line in done.stdout.splitlines()]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- who may do what ---------------------------------------------------------------------


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("who", "allowed"),
    [("op", True), ("boss", True), ("mk", False), ("vic", False), ("olga", False)],
)
def test_add_is_for_super_admins_of_the_account_and_operators(
    run: Run, who: str, allowed: bool, db: Path
) -> None:
    done = run("suppressions", "add", "X@Example.com", "--account", "acme", "--as", who)
    if allowed:
        assert done.returncode == 0, done.stderr
        assert done.stdout == "suppressed x@example.com for acme\n"
        assert stored(db) == ["x@example.com"]
    else:
        assert done.returncode == 3
        assert done.stderr.strip() == refusal(who, Action.MANAGE_SUPPRESSIONS)
        assert stored(db) == []


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("who", "allowed"),
    [("op", True), ("boss", True), ("mk", False), ("vic", False), ("olga", False)],
)
def test_remove_is_for_super_admins_of_the_account_and_operators(
    run: Run, who: str, allowed: bool, db: Path
) -> None:
    ok(run("suppressions", "add", "x@example.com", "--account", "acme", "--as", "boss"))
    done = run("suppressions", "remove", "x@example.com", "--account", "acme", "--as", who)
    if allowed:
        assert done.returncode == 0, done.stderr
        assert stored(db) == []
    else:
        assert done.returncode == 3
        assert done.stderr.strip() == refusal(who, Action.MANAGE_SUPPRESSIONS)
        assert stored(db) == ["x@example.com"]


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("who", "allowed"),
    [("op", True), ("boss", True), ("mk", True), ("vic", False), ("olga", False)],
)
def test_import_is_for_super_admins_marketing_and_operators(
    run: Run, tmp_path: Path, who: str, allowed: bool, db: Path
) -> None:
    source = write(tmp_path / "list.csv", "email\na@example.com\n")
    done = run("suppressions", "import", str(source), "--account", "acme", "--as", who)
    if allowed:
        assert done.returncode == 0, done.stderr
        assert stored(db) == ["a@example.com"]
    else:
        assert done.returncode == 3
        assert done.stderr.strip() == refusal(who, Action.IMPORT_SUPPRESSIONS)
        assert stored(db) == []


@pytest.mark.usefixtures("people")
def test_changes_need_a_user(run: Run, tmp_path: Path, db: Path) -> None:
    source = write(tmp_path / "list.csv", "email\na@example.com\n")
    for args in (
        ("add", "a@example.com"),
        ("remove", "a@example.com"),
        ("import", str(source)),
    ):
        done = run("suppressions", *args, "--account", "acme")
        assert done.returncode == 1
        assert done.stderr == f"relay: error: relay suppressions {args[0]} needs --as USER " + (
            "(or RELAY_USER)\n"
        )
    unknown = run("suppressions", "add", "a@example.com", "--account", "acme", "--as", "nobody")
    assert (unknown.returncode, unknown.stderr) == (1, "relay: error: no user named 'nobody'\n")
    by_env = run("suppressions", "add", "a@example.com", "--account", "acme", RELAY_USER="boss")
    assert by_env.returncode == 0, by_env.stderr
    assert stored(db) == ["a@example.com"]


# --- add and remove ------------------------------------------------------------------------


@pytest.mark.usefixtures("people")
def test_add_twice_and_remove_twice_and_the_audit_log(run: Run) -> None:
    add = ("suppressions", "add", "a@example.com", "--account", "acme", "--as", "boss")
    ok(run(*add, "--reason", "asked_us"))
    again = ok(run(*add))
    assert "already suppressed" in again.stdout
    assert [(r["address"], r["reason"]) for r in listing(run)] == [("a@example.com", "asked_us")]
    remove = ("suppressions", "remove", "a@example.com", "--account", "acme", "--as", "op")
    ok(run(*remove))
    missing = run(*remove)
    assert missing.returncode == 1
    assert missing.stderr == "relay: error: a@example.com is not suppressed for acme\n"
    log = ok(run("audit", "--account", "acme", "--json")).stdout.splitlines()
    entries = [json.loads(line) for line in log]
    assert [(e["actor"], e["action"], e["subject"]) for e in entries[-2:]] == [
        ("boss", "suppression_add", "a@example.com"),
        ("op", "suppression_remove", "a@example.com"),
    ]


@pytest.mark.usefixtures("people")
def test_a_bad_address_is_a_usage_error(run: Run) -> None:
    done = run("suppressions", "add", "not an address", "--account", "acme", "--as", "boss")
    assert done.returncode == 2
    assert "not an address" in done.stderr


@pytest.mark.usefixtures("people")
def test_an_account_cannot_remove_a_global_suppression(run: Run, db: Path) -> None:
    async def global_one(session: AsyncSession) -> None:
        await suppress(
            session,
            account_id=None,
            address="all@example.com",
            reason="user_unknown",
            detail=None,
            bounce_id=None,
            now=utcnow(),
        )

    in_store(db, global_one)
    done = run("suppressions", "remove", "all@example.com", "--account", "acme", "--as", "boss")
    assert done.returncode == 3
    assert done.stderr.startswith("relay: refused: all@example.com is globally suppressed")
    assert "only the relay's operator can lift a global bounce" in done.stderr
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.usefixtures("people")
def test_a_bounce_the_relay_saw_is_lifted_by_unbounce_not_remove(run: Run, db: Path) -> None:
    async def bounced(session: AsyncSession) -> None:
        acme = await account_by_name(session, "acme")
        await hard_bounced(session, acme.id, "dead@example.com", now=utcnow(), sender=SENDER)

    in_store(db, bounced)
    (row,) = listing(run)
    assert (row["reason"], row["status"]) == ("user_unknown", "5.1.1")
    done = run("suppressions", "remove", "dead@example.com", "--account", "acme", "--as", "op")
    assert done.returncode == 3
    assert "relay unbounce" in done.stderr
    assert stored(db) == ["dead@example.com"]


# --- import --------------------------------------------------------------------------------


def import_file(run: Run, path: Path, account: str = "acme", who: str = "boss") -> Any:
    return run("suppressions", "import", str(path), "--account", account, "--as", who)


@pytest.mark.usefixtures("people")
def test_import_of_a_plain_list_without_a_header(run: Run, tmp_path: Path) -> None:
    source = write(tmp_path / "plain.csv", "A@Example.com\nb@example.com\n\nb@example.com\n")
    done = ok(import_file(run, source))
    assert done.stdout == "2 imported, 1 already suppressed, 0 skipped (bad rows)\n"
    rows = listing(run)
    assert [(r["address"], r["reason"]) for r in rows] == [
        ("a@example.com", "imported"),
        ("b@example.com", "imported"),
    ]


@pytest.mark.usefixtures("people")
@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "sendgrid",
            "created,email,reason,status\n"
            "1704164645,a@example.com,550 5.1.1 unknown,5.1.1\n"
            "1704164645,b@example.com,,\n",
        ),
        (
            "mailchimp",
            '"Email Address","Reason","Created"\n'
            '"A@EXAMPLE.COM","hard","2024-01-02 03:04:05"\n'
            '"b@example.com","","2024-01-02T03:04:05Z"\n',
        ),
        (
            "mailgun",
            "address;code;error;created_at\n"
            "a@example.com;550;hard;Tue, 02 Jan 2024 03:04:05 UTC\n"
            "b@example.com;550;;2024-01-02T04:04:05+01:00\n",
        ),
    ],
)
def test_import_of_an_esp_export_keeps_reasons_and_dates(
    run: Run, tmp_path: Path, name: str, text: str
) -> None:
    source = write(tmp_path / f"{name}.csv", text)
    done = ok(import_file(run, source))
    assert done.stdout == "2 imported, 0 already suppressed, 0 skipped (bad rows)\n"
    rows = listing(run)
    assert [(r["address"], r["created"]) for r in rows] == [
        ("a@example.com", "2024-01-02 03:04:05"),
        ("b@example.com", "2024-01-02 03:04:05"),
    ]
    assert rows[0]["reason"] in {"550 5.1.1 unknown", "hard"}
    assert rows[1]["reason"] == "imported"


@pytest.mark.usefixtures("people")
def test_bad_rows_are_reported_with_their_line_numbers_and_the_rest_imported(
    run: Run, tmp_path: Path, db: Path
) -> None:
    source = write(
        tmp_path / "esp.csv",
        "email,reason,date\n"  # line 1
        "good1@example.com,hard,2024-01-02\n"  # 2
        "not-an-address,hard,2024-01-02\n"  # 3
        'good2@example.com,"a reason\nover two lines",2024-01-02\n'  # 4-5
        "bad-date@example.com,hard,31/12/2024\n"  # 6
        "\n"  # 7: blank, not a row
        "space in@example.com,hard,\n"  # 8
        "nodomain@,hard,\n"  # 9
        "good3@example.com\n",  # 10: short row, no reason or date
    )
    done = ok(import_file(run, source))
    assert done.stdout == "3 imported, 0 already suppressed, 4 skipped (bad rows)\n"
    lines = done.stderr.splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        f"{source}:3",
        f"{source}:6",
        f"{source}:8",
        f"{source}:9",
    ]
    assert "not an address: 'not-an-address'" in lines[0]
    assert "bad date '31/12/2024'" in lines[1]
    assert stored(db) == ["good1@example.com", "good2@example.com", "good3@example.com"]


@pytest.mark.usefixtures("people")
def test_a_second_import_of_the_same_file_changes_nothing(run: Run, tmp_path: Path) -> None:
    source = write(
        tmp_path / "list.csv", "email\n" + "".join(f"u{n}@example.com\n" for n in range(50))
    )
    assert ok(import_file(run, source)).stdout.startswith("50 imported, 0 already")
    before = listing(run)
    again = ok(import_file(run, source))
    assert again.stdout == "0 imported, 50 already suppressed, 0 skipped (bad rows)\n"
    assert listing(run) == before
    log = ok(run("audit", "--account", "acme", "--json")).stdout.splitlines()
    imports = [json.loads(line) for line in log if '"suppressions_import"' in line]
    assert [json.loads(e["detail"]) for e in imports] == [
        {"file": "list.csv", "imported": 50, "already_suppressed": 0, "skipped": 0},
        {"file": "list.csv", "imported": 0, "already_suppressed": 50, "skipped": 0},
    ]


@pytest.mark.usefixtures("people")
def test_a_file_without_an_address_column_is_one_line_and_imports_nothing(
    run: Run, tmp_path: Path
) -> None:
    source = write(tmp_path / "people.csv", "name,phone\nann,123\n")
    done = import_file(run, source)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"relay: error: {source}: no address column")


@pytest.mark.usefixtures("people")
def test_a_file_that_breaks_midway_imports_nothing(run: Run, tmp_path: Path, db: Path) -> None:
    source = tmp_path / "broken.csv"
    good = "".join(f"u{n}@example.com\n" for n in range(25_000)).encode()
    source.write_bytes(b"email\n" + good + b"\xff\xfe not utf-8@example.com\n")
    done = import_file(run, source)
    assert done.returncode == 1
    assert "not UTF-8 text" in done.stderr
    assert "nothing imported" in done.stderr
    assert stored(db) == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)


def writer_busy(db: Path) -> bool:
    """Whether another process holds the SQLite write lock (an import in progress)."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


AS_BOSS = ("--account", "acme", "--as", "boss")


@pytest.mark.slow
@pytest.mark.usefixtures("people")
def test_an_import_killed_midway_leaves_nothing(tmp_path: Path, db: Path) -> None:
    source = tmp_path / "big.csv"
    source.write_text("email\n" + "".join(f"u{n}@example.com\n" for n in range(300_000)))
    env = relay_env(f"sqlite:///{db}", tmp_path / "var")
    process = subprocess.Popen(
        [sys.executable, "-m", "relay", "suppressions", "import", str(source), *AS_BOSS],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not writer_busy(db):
            assert process.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.3)  # well inside the import: staging rows, not committing
        assert process.poll() is None, "the import ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM suppressions").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == (0,)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# --- list and export -----------------------------------------------------------------------


@pytest.mark.usefixtures("people")
def test_export_and_list_round_trip_through_json_and_csv(run: Run, tmp_path: Path) -> None:
    source = write(
        tmp_path / "esp.csv",
        "email,reason,created\n"
        "c@example.com,spam,2024-03-01 10:00:00\n"
        "a@example.com,hard,2024-01-02 03:04:05\n"
        "b@example.com,,2024-02-01\n",
    )
    ok(import_file(run, source))
    as_json = listing(run)
    assert [(r["address"], r["reason"], r["created"]) for r in as_json] == [
        ("a@example.com", "hard", "2024-01-02 03:04:05"),
        ("b@example.com", "imported", "2024-02-01 00:00:00"),
        ("c@example.com", "spam", "2024-03-01 10:00:00"),
    ]
    as_csv = ok(run("suppressions", "list", "--account", "acme", "--csv")).stdout
    assert [dict(r) for r in csv.DictReader(io.StringIO(as_csv))] == [
        {k: "" if v is None else str(v) for k, v in r.items()} for r in as_json
    ]
    exported = tmp_path / "export.csv"
    ok(run("suppressions", "export", str(exported), "--account", "acme"))
    to_stdout = ok(run("suppressions", "export", "--account", "acme")).stdout
    assert exported.read_text() == to_stdout
    assert to_stdout.splitlines()[:2] == [
        "address,reason,created,status",
        "a@example.com,hard,2024-01-02 03:04:05,",
    ]
    # The export is an import file: another account gets the same list from it.
    assert ok(import_file(run, exported, "other", "op")).stdout.startswith("3 imported")
    keep = ("address", "reason", "created")
    assert [{k: r[k] for k in keep} for r in listing(run, "other")] == [
        {k: r[k] for k in keep} for r in as_json
    ]


@pytest.mark.usefixtures("people")
def test_list_filters_and_limits(run: Run, tmp_path: Path) -> None:
    source = write(
        tmp_path / "esp.csv",
        "email,reason,created\na@example.com,hard,2024-01-02\nb@example.com,spam,2024-06-01\n"
        "c@example.com,spam,2024-07-01\n",
    )
    ok(import_file(run, source))
    by_reason = ok(run("suppressions", "list", "--account", "acme", "--reason", "spam", "--json"))
    assert [json.loads(x)["address"] for x in by_reason.stdout.splitlines()] == [
        "b@example.com",
        "c@example.com",
    ]
    since = ok(run("suppressions", "list", "--account", "acme", "--since", "2024-06-15", "--csv"))
    assert since.stdout.splitlines()[1:] == [
        "c@example.com,spam,2024-07-01 00:00:00,,,imported from esp.csv"
    ]
    limited = ok(run("suppressions", "list", "--account", "acme", "--limit", "1", "--json"))
    assert len(limited.stdout.splitlines()) == 1
    assert "showing 1 of 3" in limited.stderr
    table = ok(run("suppressions", "list", "--account", "acme"))
    assert "a@example.com" in table.stdout
    unknown = run("suppressions", "list", "--account", "nobody")
    assert (unknown.returncode, unknown.stderr) == (1, "relay: error: no account named 'nobody'\n")


# --- segments ------------------------------------------------------------------------------


def test_segments_list_show_and_export(run: Run, db: Path, tmp_path: Path) -> None:
    ok(run("accounts", "add", "acme"))

    async def save(session: AsyncSession) -> None:
        acme = await account_by_name(session, "acme")
        members = [("b@example.com", "user_unknown"), ("a@example.com", None)]
        await admin.save_segment(
            session, acme.id, "spring-bounces", members, description="spring", now=utcnow()
        )
        await admin.save_segment(session, acme.id, "empty", [], description=None, now=utcnow())

    in_store(db, save)
    listed = ok(run("segments", "list", "--account", "acme", "--json")).stdout.splitlines()
    assert [(s["segment"], s["addresses"], s["description"]) for s in map(json.loads, listed)] == [
        ("empty", 0, None),
        ("spring-bounces", 2, "spring"),
    ]
    shown = ok(run("segments", "show", "spring-bounces", "--account", "acme", "--csv")).stdout
    assert shown == "address,reason\na@example.com,\nb@example.com,user_unknown\n"
    table = ok(run("segments", "show", "spring-bounces", "--account", "acme")).stdout
    assert "user_unknown" in table
    target = tmp_path / "segment.csv"
    ok(run("segments", "export", "spring-bounces", str(target), "--account", "acme"))
    assert target.read_text() == shown
    to_stdout = ok(run("segments", "export", "spring-bounces", "--account", "acme")).stdout
    assert to_stdout == shown
    missing = run("segments", "show", "autumn", "--account", "acme")
    assert (missing.returncode, missing.stderr) == (1, "relay: error: no segment named 'autumn'\n")


# --- the running relay ---------------------------------------------------------------------


async def test_an_imported_address_is_refused_at_the_next_rcpt(
    make_relay: MakeRelay, tmp_path: Path
) -> None:
    relay = await make_relay()
    env = relay_env(relay.settings.database.url, tmp_path / "var")

    async def cli(*args: str) -> str:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "relay",
            *args,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        async with asyncio.timeout(60):
            out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        return out.decode()

    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, _ = await smtp.execute_command(b"RCPT", b"TO:<Gone@Example.net>")
        assert code == 250
    await cli("users", "add", "op", "--role", "operator")
    source = write(tmp_path / "esp.csv", "Email Address,Reason\ngone@example.net,hard_bounce\n")
    out = await cli("suppressions", "import", str(source), "--account", "acme", "--as", "op")
    assert out.startswith("1 imported")
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, text = await smtp.execute_command(b"RCPT", b"TO:<Gone@Example.net>")
        assert code == 550
        assert "previously bounced" in text
        assert "hard_bounce" in text
        code, _ = await smtp.execute_command(b"RCPT", b"TO:<other@example.net>")
        assert code == 250
