"""``relay db upgrade`` (the store's schema) and ``relay status`` (what each running relay
process has open)."""

from __future__ import annotations

import click

from relay import status
from relay.cli.common import Failure, emit, format_options, settings_of, with_store
from storage.schema import upgrade


@click.group()
def db() -> None:
    """The store's schema."""


@db.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the schema to this version (creates it in an empty database)."""
    with_store(ctx, upgrade, schema=False)
    click.echo("schema is up to date")


@click.command("status")
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
