"""``relay suppressions`` (list, export, import, add, remove)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin import suppressions as suppression_rules
from relay.admin.rules import Action, Refused, acting_on, acting_user
from relay.admin.suppression_files import (
    EXPORT_COLUMNS,
    ImportFile,
    export_row,
    importable_address,
    parse_created,
)
from relay.cli.common import (
    Failure,
    address_argument,
    address_callback,
    as_option,
    emit,
    format_options,
    in_transaction,
    output_file,
    reading,
    with_store,
)
from relay.cli.imports import SHOWN_BAD_ROWS, progress_bar
from storage.accounts import account_by_name
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

T = TypeVar("T")


def _needs_actor(command: str, as_user: str | None) -> str:
    if not as_user:
        raise Failure(f"relay suppressions {command} needs --as USER (or RELAY_USER)")
    return as_user


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_created(value, utcnow())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc


@click.group("suppressions")
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

    async def work(session: AsyncSession) -> tuple[list[ListedSuppression], int]:
        target = await account_by_name(session, account)
        rows = await list_suppressions(session, target.id, where, limit=limit or None)
        return rows, await count_suppressions(session, target.id, where)

    rows, total = reading(ctx, work)
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
            with output_file(file) as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(EXPORT_COLUMNS)
                async for r in stream_suppressions(session, target.id, where):
                    writer.writerow(export_row(r))
                    count += 1
        return count

    count = with_store(ctx, work)
    if file is not None:
        click.echo(f"{count} suppressions of {account} written to {file}", err=True)


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
                user = await acting_user(session, actor)
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
@click.argument("address", callback=address_callback(importable_address))
@click.option("--account", required=True)
@click.option("--reason", default="manual", show_default=True)
@as_option
@click.pass_context
def suppressions_add(
    ctx: click.Context, address: str, account: str, reason: str, as_user: str | None
) -> None:
    """Stop the account from sending to ADDRESS (super admins of the account and operators)."""
    actor = _needs_actor("add", as_user)

    async def work(session: AsyncSession) -> bool:
        user = await acting_user(session, actor)
        target = await account_by_name(session, account)
        return await suppression_rules.add_suppression(
            session, user, target, address, reason=reason, now=utcnow()
        )

    if in_transaction(ctx, work):
        click.echo(f"suppressed {address} for {account}")
    else:
        click.echo(f"{address} was already suppressed for {account}: nothing changed")


@suppressions_group.command("remove")
@click.argument("address", callback=address_argument)
@click.option("--account", required=True)
@as_option
@click.pass_context
def suppressions_remove(
    ctx: click.Context, address: str, account: str, as_user: str | None
) -> None:
    """Let the account send to ADDRESS again, if it was added by hand or imported."""
    actor = _needs_actor("remove", as_user)

    async def work(session: AsyncSession) -> bool:
        user, target = await acting_on(session, actor, Action.MANAGE_SUPPRESSIONS, account)
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

    still_global = in_transaction(ctx, work)
    click.echo(f"removed the suppression of {address} for {account}")
    if still_global:
        click.echo(f"{address} stays globally suppressed: the relay still refuses it", err=True)


async def each(items: Iterable[T]) -> AsyncIterator[T]:
    """``items`` as an asynchronous iterable (what the rule functions take)."""
    for item in items:
        yield item
