"""``relay segments``: the named address lists of an account."""

from __future__ import annotations

import csv
from pathlib import Path

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import counted
from relay.cli.common import emit, format_options, output_file, reading
from storage import admin
from storage.accounts import account_by_name


@click.group("segments")
def segments_group() -> None:
    """Saved lists of addresses (e.g. a campaign's bounced recipients)."""


@segments_group.command("list")
@click.option("--account", required=True)
@format_options
@click.pass_context
def segments_list(ctx: click.Context, account: str, as_json: bool, as_csv: bool) -> None:
    """The account's segments with their sizes."""

    async def work(session: AsyncSession) -> list[admin.SegmentInfo]:
        target = await account_by_name(session, account)
        return await admin.list_segments(session, target.id)

    rows = [(s.name, s.size, s.created_at, s.description) for s in reading(ctx, work)]
    emit(("segment", "addresses", "created", "description"), rows, as_json=as_json, as_csv=as_csv)


def _members(ctx: click.Context, account: str, name: str) -> list[tuple[str, str | None]]:
    async def work(session: AsyncSession) -> list[tuple[str, str | None]]:
        target = await account_by_name(session, account)
        return await admin.segment_members(session, target.id, name)

    return reading(ctx, work)


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
    with output_file(file) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("address", "reason"))
        writer.writerows((address, reason or "") for address, reason in members)
    if file is not None:
        click.echo(
            f"{counted(len(members), 'address', 'addresses')} of segment {name} written to {file}",
            err=True,
        )
