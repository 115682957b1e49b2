"""Registering and removing an endpoint: the one implementation the CLI, the HTTP API and the
dashboard share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import Action, Refused, change_actor
from relay.webhooks.secrets import new_secret, seal
from relay.webhooks.targets import parse_target, resolve
from storage import admin, webhooks
from storage.accounts import AccountInfo, NotFound, account_by_name, list_accounts
from storage.webhooks import EndpointInfo, EventType


@dataclass(frozen=True, slots=True)
class Registered:
    endpoint_id: int
    url: str
    events: tuple[EventType, ...]
    secret: str  # shown once, never stored in plain text


async def check_url(url: str, *, allow_private: bool) -> str:
    """The URL, if the relay may post to it (TargetRefused says why not)."""
    target = parse_target(url)
    await resolve(target, allow_private=allow_private)
    return target.url


async def register_endpoint(
    session: AsyncSession,
    *,
    account: str,
    url: str,
    events: Sequence[EventType],
    as_user: str | None,
    master_key: bytes,
    allow_private: bool,
    now: dt.datetime,
) -> Registered:
    """Check the URL and the acting user, store the endpoint with its sealed secret, audit."""
    # Who asks first: an unauthorized user learns nothing of a URL, and costs no DNS look-up.
    owner = await account_by_name(session, account)
    actor = await change_actor(session, as_user, Action.MANAGE_WEBHOOKS, owner)
    checked = await check_url(url, allow_private=allow_private)
    secret = new_secret()
    endpoint_id = await webhooks.add_endpoint(
        session, account_id=owner.id, url=checked, sealed_secret=seal(secret, master_key),
        events=events, now=now,
    )  # fmt: skip
    await admin.audit(
        session, actor=actor, action="webhook_add", now=now, account_id=owner.id,
        subject=checked, detail={"endpoint": endpoint_id, "events": [str(e) for e in events]},
    )  # fmt: skip
    return Registered(endpoint_id, checked, tuple(events), secret)


async def unregister_endpoint(
    session: AsyncSession, endpoint_id: int, *, as_user: str | None, now: dt.datetime
) -> EndpointInfo:
    """Remove an endpoint with its waiting events and log, if the acting user may; audited.
    NotFound when there is no such endpoint; the endpoint as it was."""
    found, owner = await _endpoint_of(session, endpoint_id)
    actor = await change_actor(session, as_user, Action.MANAGE_WEBHOOKS, owner)
    await webhooks.remove_endpoint(session, endpoint_id)
    await admin.audit(
        session, actor=actor, action="webhook_remove", now=now, account_id=owner.id,
        subject=found.url, detail={"endpoint": endpoint_id},
    )  # fmt: skip
    return found


async def _endpoint_of(session: AsyncSession, endpoint_id: int) -> tuple[EndpointInfo, AccountInfo]:
    found = await webhooks.endpoint(session, endpoint_id)
    owner = next(
        (a for a in await list_accounts(session) if found and a.id == found.account_id), None
    )
    if found is None or owner is None:
        raise NotFound(f"no webhook {endpoint_id}")
    return found, owner


@dataclass(frozen=True, slots=True)
class TestSent:
    endpoint_id: int
    url: str
    event_id: str  # the webhook-id the endpoint will see, and `relay webhooks log` shows


async def send_test_event(
    session: AsyncSession, endpoint_id: int, *, as_user: str | None, now: dt.datetime
) -> TestSent:
    """Queue a ``webhook.test`` event for that endpoint only, through the outbox (signed,
    retried and logged like any event), if the acting user may manage its webhooks; audited.
    NotFound when there is no such endpoint; Refused for a disabled one."""
    found, owner = await _endpoint_of(session, endpoint_id)
    actor = await change_actor(session, as_user, Action.MANAGE_WEBHOOKS, owner)
    if found.disabled_at is not None:
        raise Refused(
            f"webhook {endpoint_id} is disabled ({found.disabled_reason}): remove it and add it "
            "again once the receiver works",
            rule="webhook-disabled",
        )
    data = {"endpoint": endpoint_id, "account": owner.name, "url": found.url, "sent_by": actor}
    event_id = await webhooks.add_test_event(session, endpoint_id, data, now=now)
    await admin.audit(
        session, actor=actor, action="webhook_test", now=now, account_id=owner.id,
        subject=found.url, detail={"endpoint": endpoint_id, "event_id": event_id},
    )  # fmt: skip
    return TestSent(endpoint_id, found.url, event_id)
