"""The ``relay`` command: serving, the schema, accounts, credentials, domains and the queue."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import getpass
import imaplib
import importlib
import json
import logging
import mailbox
import os
import secrets
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from config import (
    ConfigError,
    MailboxKind,
    Settings,
    ensure_verp_key,
    load_settings,
    redact,
    redact_logs,
)
from relay import dkim_sign, status
from relay.admin import Action, NoActor, Refused, change_actor, counted
from relay.bounces import BounceProcessor, Outcome, Processed
from relay.instance import dead_instances, reclaim
from relay.logs import use_format
from relay.mailbox import MailboxReader, PollResult
from relay.metrics import enable_multiprocess, metrics_dir
from relay.service import run
from relay.workers import supervise, worker_settings
from storage import accounts, admin, queue
from storage.accounts import AlreadyExists, NotFound
from storage.addresses import BadAddress
from storage.engine import Store, StoreUnavailable, open_store, utcnow
from storage.guard import GuardLevel, GuardState, guard_states
from storage.schema import SchemaOutdated, ensure_schema, upgrade

T = TypeVar("T")
console = Console()


class Failure(click.ClickException):
    """One line on stderr, exit 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"relay: error: {redact(self.message)}", err=True)


class RefusedExit(click.ClickException):
    """A rule refused the change: its own message on stderr, exit 3."""

    exit_code = 3

    def show(self, file: Any = None) -> None:
        click.echo(f"relay: refused: {redact(self.message)}", err=True)


def as_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--as USER`` (or RELAY_USER): who makes the change."""
    return click.option(
        "--as",
        "as_user",
        envvar="RELAY_USER",
        metavar="USER",
        help="The user making the change (default: RELAY_USER).",
    )(func)


def format_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--json`` / ``--csv`` for machines; an aligned table otherwise."""
    func = click.option("--csv", "as_csv", is_flag=True, help="CSV with a header row.")(func)
    return click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")(func)


def emit(
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    as_json: bool = False,
    as_csv: bool = False,
    title: str | None = None,
) -> None:
    """Print rows as JSON lines, CSV, or a table for people."""
    if as_json and as_csv:
        raise click.UsageError("--json and --csv exclude each other")
    if as_json:
        for row in rows:
            click.echo(json.dumps(dict(zip(columns, row, strict=True)), default=plain_value))
        return
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([plain_value(v) if v is not None else "" for v in row] for row in rows)
        return
    if not sys.stdout.isatty():
        # A pipe or a file: every value whole, tab-separated under a header (as `postqueue -p`
        # or `kubectl get` print when piped), never cut to a terminal's width.
        if title:
            click.echo(f"# {title}")
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(_cell(v) for v in row))
        return
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    console.print(table)


def _cell(value: object) -> str:
    """A value as one cell: tabs and line breaks (a diagnostic text may hold them) as spaces."""
    if value is None:
        return ""
    text = str(plain_value(value))
    return " ".join(text.split()) if isinstance(value, str) else text


def plain_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def actor_name() -> str:
    """Who the audit log names for a change made without --as: RELAY_USER, or the login."""
    if os.environ.get("RELAY_USER"):
        return os.environ["RELAY_USER"]
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry, as in some containers
        return "cli"


def settings_of(ctx: click.Context) -> Settings:
    """The settings, loaded once per invocation."""
    obj: dict[str, Any] = ctx.ensure_object(dict)
    if "settings" not in obj:
        try:
            obj["settings"] = load_settings(obj.get("config"))
        except ConfigError as exc:
            raise Failure(str(exc)) from exc
    settings: Settings = obj["settings"]
    return settings


def with_store(
    ctx: click.Context, work: Callable[[Store], Awaitable[T]], *, schema: bool = True
) -> T:
    """Run ``work`` against the configured store, turning store failures into one line."""
    settings = settings_of(ctx)

    async def main() -> T:
        store = open_store(settings.database.url, pool_size=2)
        try:
            if schema:
                await ensure_schema(store)
            return await work(store)
        finally:
            await store.close()

    try:
        return asyncio.run(main())
    except Refused as exc:
        raise RefusedExit(str(exc)) from exc
    except (NoActor, NotFound, AlreadyExists, BadAddress, SchemaOutdated, ValueError) as exc:
        raise Failure(str(exc)) from exc
    except StoreUnavailable as exc:
        raise Failure(f"store unavailable: {exc}") from exc
    except OSError as exc:
        raise Failure(f"store unavailable: {exc}") from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    help="TOML configuration (default: RELAY_CONFIG, else the shipped defaults).",
)
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, verbose: int) -> None:
    """bounce-relay: an SMTP relay that stops sending to addresses that hard-bounced."""
    ctx.ensure_object(dict)["config"] = config
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    redact_logs()  # no password of a URL reaches a log line


@cli.command()
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Relay processes sharing the listening ports (SO_REUSEPORT) and the store "
    "[default: server.workers, itself 'auto': one per usable core].",
)
# set by the supervisor for each of its workers: share the ports, and 1/N of the connections
@click.option("--worker-of", type=click.IntRange(1, 64), default=None, hidden=True)
@click.option("--supervisor", type=int, default=None, hidden=True)  # its pid, for the worker
@click.pass_context
def serve(
    ctx: click.Context, workers: int | None, worker_of: int | None, supervisor: int | None
) -> None:
    """Run the relay until SIGTERM or SIGINT."""
    settings = settings_of(ctx)
    use_format(settings.log.format)
    if logging.getLogger().level > logging.INFO:
        logging.getLogger().setLevel(logging.INFO)
        logging.getLogger("mail.log").setLevel(logging.WARNING)
    # Every worker counts in the same files; the process that starts the relay empties them.
    enable_multiprocess(metrics_dir(settings), fresh=worker_of is None)
    if worker_of is not None:
        sys.exit(run(worker_settings(settings, worker_of), supervisor=supervisor))
    count = workers or settings.server.worker_count
    if count > 1:
        config = ctx.ensure_object(dict).get("config")
        argv = [
            *(["--config", str(config)] if config else []),
            *("serve", "--worker-of", str(count), "--supervisor", str(os.getpid())),
        ]
        sys.exit(supervise(settings, count, argv))
    sys.exit(run(settings))


@cli.group()
def db() -> None:
    """The store's schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the schema to this version (creates it in an empty database)."""
    with_store(ctx, upgrade, schema=False)
    click.echo("schema is up to date")


@cli.group("accounts")
def accounts_group() -> None:
    """Sending organisations."""


@accounts_group.command("add")
@click.argument("name")
@click.option("--domain", "domains", multiple=True, help="A sending domain (repeatable).")
@as_option
@click.pass_context
def accounts_add(
    ctx: click.Context, name: str, domains: tuple[str, ...], as_user: str | None
) -> None:
    """Create an account with its sending domains (an operator; anyone before the first user)."""

    async def work(store: Store) -> accounts.AccountInfo:
        async with store.transaction() as session:
            actor = await change_actor(session, as_user, Action.ADD_ACCOUNT, None)
            info = await accounts.add_account(session, name, list(domains))
            await admin.audit(
                session,
                actor=actor,
                action="account_add",
                now=utcnow(),
                account_id=info.id,
                subject=name,
                detail={"domains": list(info.domains)},
            )
            return info

    info = with_store(ctx, work)
    click.echo(
        f"account {info.name} created (id {info.id}), domains: {', '.join(info.domains) or '-'}"
    )


@accounts_group.command("list")
@format_options
@click.pass_context
def accounts_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every account with its sending domains."""

    async def work(store: Store) -> tuple[list[accounts.AccountInfo], dict[int, GuardState]]:
        async with store.reading() as session:
            return await accounts.list_accounts(session), await guard_states(session)

    found, guarded = with_store(ctx, work)
    rows = [
        (info.id, info.name, ", ".join(info.domains), guard_column(guarded.get(info.id)))
        for info in found
    ]
    emit(("id", "account", "sending domains", "guard"), rows, as_json=as_json, as_csv=as_csv)


def guard_column(state: GuardState | None) -> str:
    """The bounce-rate guard's word on an account: ok, or warned/paused and why."""
    if state is None or state.level is GuardLevel.OK:
        return "ok"
    return f"{state.level}: {state.why()} (since {plain_value(state.since)})"


@cli.group("credentials")
def credentials_group() -> None:
    """SMTP submission user names and passwords."""


@credentials_group.command("add")
@click.argument("account")
@click.argument("username")
@click.option("--generate", is_flag=True, help="Make a strong password and print it once.")
@as_option
@click.pass_context
def credentials_add(
    ctx: click.Context, account: str, username: str, generate: bool, as_user: str | None
) -> None:
    """Let USERNAME submit mail for ACCOUNT (password from stdin, a prompt, or --generate)."""
    if generate:
        password = secrets.token_urlsafe(24)
    elif not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise Failure("the password must have at least 8 characters")

    async def work(store: Store) -> None:
        async with store.transaction() as session:
            target = await accounts.account_by_name(session, account)
            actor = await change_actor(session, as_user, Action.MANAGE_CREDENTIALS, target)
            await accounts.add_credential(session, account, username, password)
            await admin.audit(
                session,
                actor=actor,
                action="credential_add",
                now=utcnow(),
                account_id=target.id,
                subject=username,
            )

    with_store(ctx, work)
    click.echo(f"user {username} can now submit mail for {account}")
    if generate:
        click.echo(f"password: {password}")


@cli.group("domains")
def domains_group() -> None:
    """Sending domains and their DKIM keys."""


@domains_group.command("add")
@click.argument("domain")
@click.option("--account", required=True)
@click.option("--dkim-selector", default="relay", show_default=True)
@as_option
@click.pass_context
def domains_add(
    ctx: click.Context, domain: str, account: str, dkim_selector: str, as_user: str | None
) -> None:
    """Add a sending domain (or renew its DKIM key) and print the DNS record to publish."""
    private_pem, public = dkim_sign.new_key()

    async def work(store: Store) -> accounts.DomainInfo:
        async with store.transaction() as session:
            target = await accounts.account_by_name(session, account)
            actor = await change_actor(session, as_user, Action.MANAGE_DOMAINS, target)
            info = await accounts.add_domain(
                session, account, domain, selector=dkim_selector, private_key=private_pem
            )
            await admin.audit(
                session,
                actor=actor,
                action="domain_add",
                now=utcnow(),
                account_id=target.id,
                subject=info.domain,
                detail={"dkim_selector": dkim_selector, "new_key": True},
            )
            return info

    info = with_store(ctx, work)
    click.echo(f"domain {info.domain} signs with DKIM selector {dkim_selector}; publish:")
    click.echo(dkim_sign.dns_record(info.domain, dkim_selector, public))


@domains_group.command("list")
@format_options
@click.pass_context
def domains_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every sending domain and its DKIM selector."""

    async def work(store: Store) -> list[accounts.DomainInfo]:
        async with store.reading() as session:
            return await accounts.list_domains(session)

    rows = [(i.domain, i.account, i.dkim_selector) for i in with_store(ctx, work)]
    emit(("domain", "account", "DKIM selector"), rows, as_json=as_json, as_csv=as_csv)


@cli.command("status")
@format_options
@click.pass_context
def status_cmd(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Open connections of each running relay process, per listener, and the total."""
    settings = settings_of(ctx)
    states = status.read_states(settings.data_dir, max_age=3 * settings.server.status_interval)
    rows: list[tuple[object, ...]] = []
    totals: dict[str, list[int]] = {}
    for state in states:
        for name, listener in state.listeners.items():
            rows.append((state.pid, name, listener.open, listener.limit, listener.refused))
            total = totals.setdefault(name, [0, 0, 0])
            for n, value in enumerate((listener.open, listener.limit, listener.refused)):
                total[n] += value
    if len(states) > 1 or as_json or as_csv:
        rows += [("total", name, *values) for name, values in totals.items()]
    emit(("process", "listener", "open", "limit", "refused"), rows, as_json=as_json, as_csv=as_csv)
    if not states:
        raise Failure(f"no running relay writes its state under {settings.data_dir}")


@cli.group("queue")
def queue_group() -> None:
    """Copies waiting for another delivery attempt."""


@queue_group.command("list")
@format_options
@click.pass_context
def queue_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """The queued copies, soonest due first: each one's state (due, waiting, in flight,
    orphaned) and the relay instance holding it."""

    timeout = settings_of(ctx).queue.instance_timeout

    async def work(store: Store) -> list[queue.QueuedCopy]:
        dead = await dead_instances(store, instance_timeout=timeout)
        async with store.reading() as session:
            return await queue.list_queue(session, now=utcnow(), dead=dead)

    rows = with_store(ctx, work)
    columns = ["id", "recipient", "message", "attempts", "state", "due", "holder", "host", "pid",
               "last_error"]  # fmt: skip
    machine = as_json or as_csv
    whole = machine or not sys.stdout.isatty()  # a pipe gets every value whole
    emit(
        columns,
        (
            [
                item.queue_id,
                item.address,
                item.message_id,
                item.attempts,
                str(item.state),
                item.due_at,
                item.holder.instance_id if item.holder else None,
                item.holder.host if item.holder else None,
                item.holder.pid if item.holder else None,
                item.last_error if whole else (item.last_error or "")[:60],
            ]
            for item in rows
        ),
        as_json=as_json,
        as_csv=as_csv,
    )
    if not machine:
        click.echo(f"{counted(len(rows), 'copy', 'copies')} queued")


@queue_group.command("retry")
@click.argument("queue_id", type=int, required=False)
@click.pass_context
def queue_retry(ctx: click.Context, queue_id: int | None) -> None:
    """Make one queued copy (or all) due now, those held by relay instances that died
    included; a running relay delivers them within seconds."""
    timeout = settings_of(ctx).queue.instance_timeout

    async def work(store: Store) -> tuple[int, int, queue.QueuedCopy | None]:
        found = await reclaim(store, instance_timeout=timeout)
        async with store.transaction() as session:
            count = await queue.make_due(session, now=utcnow(), queue_id=queue_id)
            held = None
            if queue_id is not None and count == 0:
                listed = await queue.list_queue(session, now=utcnow(), limit=100_000)
                held = next((c for c in listed if c.queue_id == queue_id), None)
        return count, found.copies, held

    count, orphans, held = with_store(ctx, work)
    if queue_id is not None and count == 0:
        if held is not None and held.holder is not None:
            who = held.holder
            raise Failure(
                f"queued copy {queue_id} is being delivered by relay instance "
                f"{who.instance_id} ({who.host}, pid {who.pid})"
            )
        raise Failure(f"no queued copy {queue_id}")
    note = f" ({orphans} held by relay instances that are gone)" if orphans else ""
    click.echo(f"{count} queued {'copy' if count == 1 else 'copies'} due now{note}")


@cli.group("bounces")
def bounces_group() -> None:
    """Returned mail: import it by hand, or read the configured mailbox once."""


def _messages(path: str) -> list[tuple[str, bytes]]:
    """The messages in a file (one message, or an mbox), or on stdin for ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read()
        if not data.startswith(b"From "):
            return [("stdin", data)]
        with tempfile.NamedTemporaryFile(suffix=".mbox") as spool:
            spool.write(data)
            spool.flush()
            return [(f"stdin#{n}", raw) for n, raw in _mbox(Path(spool.name))]
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
        if head == b"From ":
            return [(f"{path}#{n}", raw) for n, raw in _mbox(Path(path))]
        return [(path, Path(path).read_bytes())]
    except OSError as exc:
        raise Failure(f"cannot read {path}: {exc.strerror}") from exc


def _mbox(path: Path) -> list[tuple[int, bytes]]:
    box = mailbox.mbox(path, create=False)
    try:
        return [(n, box.get_bytes(key)) for n, key in enumerate(box.keys(), 1)]
    finally:
        box.close()


@bounces_group.command("ingest")
@click.argument("files", nargs=-1, required=True)
@click.pass_context
def bounces_ingest(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Parse and record returned messages from FILES (single messages or mbox; - for stdin)."""
    settings = settings_of(ctx)
    items = [item for path in files for item in _messages(path)]

    async def work(store: Store) -> list[tuple[str, Processed]]:
        processor = BounceProcessor(settings, store, ensure_verp_key(settings))
        return [(name, await processor.process(raw)) for name, raw in items]

    results = with_store(ctx, work)
    for name, result in results:
        extra = f", {result.unverified} unverified" if result.unverified else ""
        extra += f", {result.duplicates} already recorded" if result.duplicates else ""
        click.echo(
            f"{name}: {result.outcome} ({result.kind}), {result.recorded} recorded, "
            f"{result.verified} tied to a sent copy, {result.suppressed} suppressed{extra}"
        )
    recorded = sum(1 for _, r in results if r.outcome is Outcome.RECORDED)
    click.echo(f"{counted(len(results), 'message')}, {recorded} recorded")


@bounces_group.command("fetch")
@click.pass_context
def bounces_fetch(ctx: click.Context) -> None:
    """Read the configured mailbox (IMAP or Maildir) once."""
    settings = settings_of(ctx)
    if settings.mailbox.kind is MailboxKind.NONE:
        raise Failure("no mailbox configured ([mailbox] kind = maildir or imap)")

    async def work(store: Store) -> PollResult:
        processor = BounceProcessor(settings, store, ensure_verp_key(settings))
        try:
            return await MailboxReader(settings, processor).poll_once()
        except (imaplib.IMAP4.error, OSError) as exc:  # OSError: refused, timeout, TLS
            raise Failure(f"mailbox: {exc}") from exc

    result = with_store(ctx, work)
    click.echo(
        f"{result.recorded} recorded, {result.ignored} ignored, "
        f"{result.quarantined} quarantined, {result.failed} left for the next poll"
    )


def main() -> None:
    """Entry point of the ``relay`` console script."""
    # The admin commands live in their own modules and register on `cli` when imported.
    for module in ADMIN_COMMANDS:
        importlib.import_module(module)
    cli(prog_name="relay")


ADMIN_COMMANDS = (
    "relay.cli_admin",
    "relay.cli_views",
    "relay.cli_domains",
    "relay.cli_suppressions",
    "relay.webhooks.cli",
    "relay.cli_guard",
    "relay.cli_tokens",
)
