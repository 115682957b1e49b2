"""What every ``relay`` command shares: its errors, output formats and the store it opens."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from config import (
    ConfigError,
    Settings,
    load_settings,
    redact,
)
from relay.admin.rules import NoActor, Refused
from storage.accounts import AlreadyExists, NotFound
from storage.addresses import BadAddress, normalize_address
from storage.engine import Store, StoreUnavailable, open_store
from storage.schema import SchemaOutdated, ensure_schema

console = Console()

T = TypeVar("T")


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


def reading(ctx: click.Context, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """``work`` in one read-only session of the configured store (see with_store)."""

    async def read(store: Store) -> T:
        async with store.reading() as session:
            return await work(session)

    return with_store(ctx, read)


def in_transaction(ctx: click.Context, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """``work`` in one transaction of the configured store, committed if it returns."""

    async def change(store: Store) -> T:
        async with store.transaction() as session:
            return await work(session)

    return with_store(ctx, change)


def address_callback(
    read: Callable[[str], str],
) -> Callable[[click.Context, click.Parameter, str], str]:
    """A click callback reading an address argument with ``read``: a bad one is a usage error
    (exit 2)."""

    def callback(ctx: click.Context, param: click.Parameter, value: str) -> str:
        try:
            return read(value)
        except BadAddress as exc:
            raise click.BadParameter(str(exc)) from exc

    return callback


# An address argument, only normalized: whatever the relay once recorded can be named.
address_argument = address_callback(normalize_address)


def parse_date(value: str | None) -> dt.datetime | None:
    """``YYYY-MM-DD`` (or a full ISO time) as an aware UTC datetime."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@contextmanager
def output_file(file: Path | None) -> Iterator[IO[str]]:
    """stdout, or FILE written whole or not at all (through a temporary file beside it)."""
    if file is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`... | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    partial = file.with_name(f".{file.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(partial, file)
    except OSError as exc:
        raise Failure(f"cannot write {file}: {exc.strerror}") from exc
    finally:
        partial.unlink(missing_ok=True)
