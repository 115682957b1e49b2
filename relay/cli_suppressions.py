"""``relay suppressions`` (list, export, import, add, remove) and ``relay segments``."""

from __future__ import annotations

import csv
import datetime as dt
import os
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from relay import suppression_rules
from relay.admin import Action, Refused, authorize, counted
from relay.cli import Failure, as_option, cli, emit, format_options, with_store
from relay.suppression_files import (
    EXPORT_COLUMNS,
    ImportFile,
    export_row,
    importable_address,
    parse_created,
)
from storage import admin
from storage.accounts import account_by_name
from storage.addresses import BadAddress, normalize_address
from storage.engine import Store, utcnow
from storage.suppression_lists import (
    ImportCounts,
    ListedSuppression,
    SuppressionFilter,
    count_suppressions,
    list_suppressions,
    remove_suppression,
    stream_suppressions,
)
from storage.suppressions import suppression_case

LARGE_FILE = 1 << 20  # a progress bar from this size on
SHOWN_BAD_ROWS = 1000  # bad rows listed one by one; beyond, only counted
T = TypeVar("T")


async def each(items: Iterable[T]) -> AsyncIterator[T]:
    """``items`` as an asynchronous iterable (what the rule functions take)."""
    for item in items:
        yield item


@contextmanager
def progress_bar(source: ImportFile) -> Iterator[None]:
    """A progress bar over the file's bytes, on stderr, if it is a terminal and the file large."""
    size = source.path.stat().st_size
    if size < LARGE_FILE or not sys.stderr.isatty():
        yield
        return
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(
        *columns, TimeRemainingColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task(f"importing {source.path.name}", total=size)
        source.on_batch = lambda position: progress.update(task, completed=position)
        yield


def _needs_actor(command: str, as_user: str | None) -> str:
    if not as_user:
        raise Failure(f"relay suppressions {command} needs --as USER (or RELAY_USER)")
    return as_user


def _new_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return importable_address(value)
    except BadAddress as exc:
        raise click.BadParameter(str(exc)) from exc


def _stored_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    # Only normalized: whatever the relay once suppressed can be named to lift it.
    try:
        return normalize_address(value)
    except BadAddress as exc:
        raise click.BadParameter(str(exc)) from exc


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_created(value, utcnow())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc


@cli.group("suppressions")
def suppressions_group() -> None:
    """The addresses an account does not send to: list, export, import, add, remove."""


def _filters(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--since", help="Only those suppressed since DATE (UTC).")(func)
    func = click.option("--reason", help="Only those with this reason.")(func)
    return click.option("--account", required=True)(func)


@suppressions_group.command("list")
@_filters
@click.option(
    "--limit",
    default=1000,
    show_default=True,
    type=click.IntRange(min=0),
    help="At most this many (0: all).",
)
@format_options
@click.pass_context
def suppressions_list(
    ctx: click.Context,
    account: str,
    reason: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The account's suppressions with the bounce behind each (the global list is not shown)."""
    where = SuppressionFilter(reason, _since(since))

    async def work(store: Store) -> tuple[list[ListedSuppression], int]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            rows = await list_suppressions(session, target.id, where, limit=limit or None)
            return rows, await count_suppressions(session, target.id, where)

    rows, total = with_store(ctx, work)
    emit(
        ("address", "reason", "created", "status", "bounced", "detail"),
        [
            (r.address, r.reason, r.created_at, r.bounce_status, r.bounced_at, r.detail)
            for r in rows
        ],
        as_json=as_json,
        as_csv=as_csv,
    )
    if len(rows) < total:
        click.echo(
            f"showing {len(rows)} of {total}: `relay suppressions export` writes them all", err=True
        )


@suppressions_group.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_filters
@click.pass_context
def suppressions_export(
    ctx: click.Context, file: Path | None, account: str, reason: str | None, since: str | None
) -> None:
    """Write the account's suppressions as CSV (address, reason, created, status) to FILE."""
    where = SuppressionFilter(reason, _since(since))

    async def work(store: Store) -> int:
        count = 0
        async with store.reading() as session:
            target = await account_by_name(session, account)
            with _output(file) as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(EXPORT_COLUMNS)
                async for r in stream_suppressions(session, target.id, where):
                    writer.writerow(export_row(r))
                    count += 1
        return count

    count = with_store(ctx, work)
    if file is not None:
        click.echo(f"{count} suppressions of {account} written to {file}", err=True)


@contextmanager
def _output(file: Path | None) -> Iterator[IO[str]]:
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


@suppressions_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--account", required=True)
@click.option(
    "--reason",
    "default_reason",
    default="imported",
    show_default=True,
    help="The reason of rows that give none.",
)
@as_option
@click.pass_context
def suppressions_import(
    ctx: click.Context, file: Path, account: str, default_reason: str, as_user: str | None
) -> None:
    """Suppress every address of a CSV file (a list of addresses or an ESP's export)."""
    actor = _needs_actor("import", as_user)
    now = utcnow()

    async def work(store: Store) -> tuple[ImportCounts, list[str]]:
        with ImportFile.open(file, now=now, default_reason=default_reason) as source:
            async with store.transaction() as session:
                user = await admin.user_by_name(session, actor)
                target = await account_by_name(session, account)
                with progress_bar(source):
                    counts = await suppression_rules.import_suppressions(
                        session,
                        user,
                        target,
                        each(source.batches()),
                        source=file.name,
                        skipped=source.bad,
                        now=now,
                    )
            return counts, source.bad

    counts, bad = with_store(ctx, work)
    for line in bad[:SHOWN_BAD_ROWS]:
        click.echo(line, err=True)
    if len(bad) > SHOWN_BAD_ROWS:
        click.echo(f"... and {len(bad) - SHOWN_BAD_ROWS} more bad rows", err=True)
    click.echo(
        f"{counts.imported} imported, {counts.already_suppressed} already suppressed, "
        f"{len(bad)} skipped (bad rows)"
    )


@suppressions_group.command("add")
@click.argument("address", callback=_new_address)
@click.option("--account", required=True)
@click.option("--reason", default="manual", show_default=True)
@as_option
@click.pass_context
def suppressions_add(
    ctx: click.Context, address: str, account: str, reason: str, as_user: str | None
) -> None:
    """Stop the account from sending to ADDRESS (super admins of the account and operators)."""
    actor = _needs_actor("add", as_user)

    async def work(store: Store) -> bool:
        async with store.transaction() as session:
            user = await admin.user_by_name(session, actor)
            target = await account_by_name(session, account)
            return await suppression_rules.add_suppression(
                session, user, target, address, reason=reason, now=utcnow()
            )

    if with_store(ctx, work):
        click.echo(f"suppressed {address} for {account}")
    else:
        click.echo(f"{address} was already suppressed for {account}: nothing changed")


@suppressions_group.command("remove")
@click.argument("address", callback=_stored_address)
@click.option("--account", required=True)
@as_option
@click.pass_context
def suppressions_remove(
    ctx: click.Context, address: str, account: str, as_user: str | None
) -> None:
    """Let the account send to ADDRESS again, if it was added by hand or imported."""
    actor = _needs_actor("remove", as_user)

    async def work(store: Store) -> bool:
        async with store.transaction() as session:
            user = await admin.user_by_name(session, actor)
            target = await account_by_name(session, account)
            authorize(user, Action.MANAGE_SUPPRESSIONS, target)
            case = await suppression_case(session, target.id, address)
            globally = await suppression_case(session, None, address) is not None
            if case is None and globally:
                raise Refused(
                    f"{address} is globally suppressed, not by {account}: only the relay's "
                    "operator can lift a global bounce (relay global unbounce)"
                )
            if case is None:
                raise Failure(f"{address} is not suppressed for {account}")
            if case.bounce_id is not None:
                # Lifting a bounce the relay saw is an unbounce: quota, once only, confirmation.
                raise Refused(
                    f"{address} bounced for {account} ({case.reason}): lift it with "
                    "`relay unbounce`, which applies the unbounce rules"
                )
            await remove_suppression(session, target.id, address, actor=user.name, now=utcnow())
            return globally

    still_global = with_store(ctx, work)
    click.echo(f"removed the suppression of {address} for {account}")
    if still_global:
        click.echo(f"{address} stays globally suppressed: the relay still refuses it", err=True)


@cli.group("segments")
def segments_group() -> None:
    """Saved lists of addresses (e.g. a campaign's bounced recipients)."""


@segments_group.command("list")
@click.option("--account", required=True)
@format_options
@click.pass_context
def segments_list(ctx: click.Context, account: str, as_json: bool, as_csv: bool) -> None:
    """The account's segments with their sizes."""

    async def work(store: Store) -> list[admin.SegmentInfo]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            return await admin.list_segments(session, target.id)

    rows = [(s.name, s.size, s.created_at, s.description) for s in with_store(ctx, work)]
    emit(("segment", "addresses", "created", "description"), rows, as_json=as_json, as_csv=as_csv)


def _members(ctx: click.Context, account: str, name: str) -> list[tuple[str, str | None]]:
    async def work(store: Store) -> list[tuple[str, str | None]]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            return await admin.segment_members(session, target.id, name)

    return with_store(ctx, work)


@segments_group.command("show")
@click.argument("name")
@click.option("--account", required=True)
@format_options
@click.pass_context
def segments_show(ctx: click.Context, name: str, account: str, as_json: bool, as_csv: bool) -> None:
    """The addresses of a segment, with the reason each is in it."""
    emit(("address", "reason"), _members(ctx, account, name), as_json=as_json, as_csv=as_csv)


@segments_group.command("export")
@click.argument("name")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--account", required=True)
@click.pass_context
def segments_export(ctx: click.Context, name: str, file: Path | None, account: str) -> None:
    """Write a segment as CSV (address, reason) to FILE, or to stdout."""
    members = _members(ctx, account, name)
    with _output(file) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("address", "reason"))
        writer.writerows((address, reason or "") for address, reason in members)
    if file is not None:
        click.echo(
            f"{counted(len(members), 'address', 'addresses')} of segment {name} written to {file}",
            err=True,
        )
