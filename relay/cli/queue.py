"""``relay queue``: the recipient copies waiting for delivery."""

from __future__ import annotations

import sys

import click

from relay.admin.rules import counted
from relay.cli.common import Failure, emit, format_options, settings_of, with_store
from relay.instance import dead_instances, reclaim
from storage import queue
from storage.engine import Store, utcnow


@click.group("queue")
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
