"""``relay webhooks add|list|remove|test|log``: endpoints that hear an account's events."""

from __future__ import annotations

import click

from config import ensure_verp_key
from relay.cli.common import Failure, as_option, emit, format_options, settings_of, with_store
from relay.webhooks.endpoints import (
    Registered,
    TestSent,
    register_endpoint,
    send_test_event,
    unregister_endpoint,
)
from relay.webhooks.targets import TargetRefused
from storage import webhooks
from storage.accounts import account_by_name, list_accounts
from storage.engine import Store, utcnow
from storage.webhooks import EventType

EVENTS = tuple(str(e) for e in EventType)


def parse_events(value: str) -> list[EventType]:
    """``E1,E2`` (or ``all``) as event types; a usage error names the known ones."""
    names = [n.strip() for n in value.split(",") if n.strip()]
    if names == ["all"]:
        return list(EventType)
    unknown = [n for n in names if n not in EVENTS]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown event {', '.join(unknown) or '(none)'}: choose from {', '.join(EVENTS)}"
        )
    return [EventType(n) for n in dict.fromkeys(names)]


@click.group("webhooks")
def webhooks_group() -> None:
    """Signed HTTP callbacks: bounces, suppressions and outcomes as they happen."""


@webhooks_group.command("add")
@click.argument("url")
@click.option("--account", required=True)
@click.option(
    "--events",
    required=True,
    help=f"Comma-separated, or 'all': {', '.join(EVENTS)}.",
)
@as_option
@click.pass_context
def webhooks_add(
    ctx: click.Context, url: str, account: str, events: str, as_user: str | None
) -> None:
    """Register URL for the account's EVENTS; prints the signing secret once, last."""
    chosen = parse_events(events)
    settings = settings_of(ctx)

    async def work(store: Store) -> Registered:
        async with store.transaction() as session:
            try:
                return await register_endpoint(
                    session, account=account, url=url, events=chosen, as_user=as_user,
                    master_key=ensure_verp_key(settings),
                    allow_private=settings.webhooks.allow_private, now=utcnow(),
                )  # fmt: skip
            except TargetRefused as exc:
                raise Failure(str(exc)) from exc

    done = with_store(ctx, work)
    endpoint_id, secret = done.endpoint_id, done.secret
    click.echo(f"webhook {endpoint_id} added for {account}: {', '.join(chosen)}")
    click.echo("signing secret (shown once; verify with any Standard Webhooks library):")
    click.echo(secret)


@webhooks_group.command("list")
@click.option("--account", default=None, help="Only this account's endpoints.")
@format_options
@click.pass_context
def webhooks_list(ctx: click.Context, account: str | None, as_json: bool, as_csv: bool) -> None:
    """Endpoints, their events, whether they are disabled (and why), events waiting."""

    async def work(store: Store) -> list[tuple[object, ...]]:
        async with store.reading() as session:
            owner = await account_by_name(session, account) if account else None
            names = {a.id: a.name for a in await list_accounts(session)}
            found = await webhooks.list_endpoints(session, owner.id if owner else None)
        return [
            (e.id, names.get(e.account_id, e.account_id), e.url, ",".join(e.events),
             f"disabled: {e.disabled_reason}" if e.disabled_at else "enabled", e.pending,
             e.created_at)
            for e in found
        ]  # fmt: skip

    columns = ("id", "account", "url", "events", "state", "waiting", "created")
    emit(columns, with_store(ctx, work), as_json=as_json, as_csv=as_csv)


@webhooks_group.command("remove")
@click.argument("endpoint_id", type=int)
@as_option
@click.pass_context
def webhooks_remove(ctx: click.Context, endpoint_id: int, as_user: str | None) -> None:
    """Delete an endpoint with its waiting events and log."""

    async def work(store: Store) -> str:
        async with store.transaction() as session:
            found = await unregister_endpoint(session, endpoint_id, as_user=as_user, now=utcnow())
            return found.url

    url = with_store(ctx, work)
    click.echo(f"webhook {endpoint_id} ({url}) removed")


@webhooks_group.command("test")
@click.argument("endpoint_id", type=int)
@as_option
@click.pass_context
def webhooks_test(ctx: click.Context, endpoint_id: int, as_user: str | None) -> None:
    """Send the endpoint a webhook.test event (through the outbox: `relay webhooks log` shows
    how it went)."""

    async def work(store: Store) -> TestSent:
        async with store.transaction() as session:
            return await send_test_event(session, endpoint_id, as_user=as_user, now=utcnow())

    sent = with_store(ctx, work)
    click.echo(f"webhook.test {sent.event_id} queued for webhook {endpoint_id} ({sent.url})")


@webhooks_group.command("log")
@click.argument("endpoint_id", type=int, required=False)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@format_options
@click.pass_context
def webhooks_log(
    ctx: click.Context, endpoint_id: int | None, limit: int, as_json: bool, as_csv: bool
) -> None:
    """Recent delivery attempts, newest first, with the status each endpoint answered."""

    async def work(store: Store) -> list[webhooks.AttemptInfo]:
        async with store.reading() as session:
            return await webhooks.attempts_log(session, endpoint_id, limit=limit)

    rows = [
        (a.at, a.endpoint_id, a.event, a.event_id, a.attempt, a.status_code, a.error,
         a.duration_ms)
        for a in with_store(ctx, work)
    ]  # fmt: skip
    columns = ("at", "endpoint", "event", "webhook-id", "attempt", "status", "error", "ms")
    emit(columns, rows, as_json=as_json, as_csv=as_csv)
