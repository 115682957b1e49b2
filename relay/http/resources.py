"""The read resources of /api/v1: a message's or campaign's results by tab, an address's
record, a bounce and its returned message, an account's stats."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from relay.http.auth import acting_user, may_read
from relay.http.json_forms import (
    bounce_json,
    counts_json,
    event_json,
    interval_json,
    message_json,
    recipient_json,
)
from relay.http.openapi import API, BEARER, describe
from relay.http.params import iso
from relay.http.problems import MALFORMED, NOT_FOUND, Problem
from relay.http.state import AppState
from storage import history, views
from storage.accounts import AccountInfo, account_by_name
from storage.addresses import normalize_address
from storage.admin import UserInfo
from storage.engine import utcnow
from storage.views import Tab

DEFAULT_LIMIT = 100
MAX_BUCKETS = 1000


def int_param(request: Request, name: str, default: int | None = None) -> int | None:
    """A whole-number query parameter; 422 when it is not one."""
    text = request.query_params.get(name)
    if text in (None, ""):
        return default
    try:
        return int(text)
    except ValueError:
        raise Problem(MALFORMED, f"{name} must be a whole number, not {text!r}") from None


async def account_for(request: Request, user: UserInfo) -> AccountInfo:
    """The account named by ``?account=`` (the user's own when left out); 403 for another's."""
    name = request.query_params.get("account") or user.account
    if not name:
        raise Problem(MALFORMED, "say which account: ?account=NAME")
    async with AppState.of(request).store.reading() as session:
        account = await account_by_name(session, name)
    may_read(user, account)
    return account


def _tabs(request: Request) -> list[Tab]:
    wanted = request.query_params.get("tab")
    if not wanted:
        return list(Tab)
    try:
        return [Tab(wanted)]
    except ValueError:
        names = ", ".join(t.value for t in Tab)
        raise Problem(MALFORMED, f"tab must be one of {names}, not {wanted!r}") from None


async def _report(request: Request, kind: str, value: str) -> Response:
    user = await acting_user(request)
    account = await account_for(request, user)
    limit = views.clamp(int_param(request, "limit", DEFAULT_LIMIT) or DEFAULT_LIMIT)
    after = request.query_params.get("cursor") or None
    tabs = _tabs(request)
    async with AppState.of(request).store.reading() as session:
        found = await views.target(session, account.id, kind, value)
        if found is None:
            raise Problem(NOT_FOUND, f"no {kind} {value!r} for account {account.name}")
        pages = {
            tab: await views.recipients(
                session, account.id, kind, value, tab, after=after, limit=limit
            )
            for tab in tabs
        }
    body: dict[str, Any] = {
        "account": account.name,
        kind: found.value,
        "counts": counts_json(found.counts),
        "message_count": found.message_count,
        "messages": [message_json(m) for m in found.messages],  # the newest 50
        "tabs": {
            tab.value: {
                "count": found.counts.of(tab),
                "recipients": [recipient_json(r) for r in rows],
                "next_cursor": rows[-1].cursor if len(rows) == limit else None,
            }
            for tab, rows in pages.items()
        },
    }
    return JSONResponse(body)


async def message(request: Request) -> Response:
    """GET /api/v1/messages/{message_id}: a message's recipients by outcome."""
    return await _report(request, "message", str(request.path_params["message_id"]))


async def campaign(request: Request) -> Response:
    """GET /api/v1/campaigns/{campaign}: the same for every message of a campaign."""
    return await _report(request, "campaign", str(request.path_params["campaign"]))


async def address(request: Request) -> Response:
    """GET /api/v1/addresses/{address}: the address's record in time order and its state."""
    user = await acting_user(request)
    account = await account_for(request, user)
    key = normalize_address(str(request.path_params["address"]))
    async with AppState.of(request).store.reading() as session:
        state = await history.address_state(session, account.id, account.name, key)
        events = await history.address_events(session, account.id, key)
    return JSONResponse(
        {
            "address": key,
            "account": account.name,
            "state": {
                "suppressed": state.suppressed,
                "tier": state.scope,
                "since": iso(state.since),
                "reason": state.reason,
                "status": state.status,
                "bounce_id": state.bounce_id,
                "line": state.line(),
            },
            "events": [event_json(e) for e in events],
        }
    )


async def _visible_bounce(request: Request) -> history.StoredBounce:
    user = await acting_user(request)
    bounce_id = int(request.path_params["bounce_id"])
    async with AppState.of(request).store.reading() as session:
        found = await history.bounce_by_id(session, bounce_id)
    # Another account's bounce is answered like a missing one: ids are not to be probed.
    if found is None or (user.account_id is not None and found.account_id != user.account_id):
        raise Problem(NOT_FOUND, f"no bounce {bounce_id}")
    return found


async def bounce(request: Request) -> Response:
    """GET /api/v1/bounces/{id}: one bounce, with the copy it was of."""
    found = await _visible_bounce(request)
    return JSONResponse(
        {
            **bounce_json(found.facts),
            "address": found.address,
            "message_id": found.message_id,
            "campaign": found.campaign,
            "reporting_mta": found.reporting_mta,
        }
    )


async def bounce_raw(request: Request) -> Response:
    """GET /api/v1/bounces/{id}/raw: the returned message as it came (message/rfc822)."""
    found = await _visible_bounce(request)
    async with AppState.of(request).store.reading() as session:
        raw = await history.bounce_raw(session, found.facts.id)
    if raw is None:
        raise Problem(NOT_FOUND, f"the returned message of bounce {found.facts.id} is not kept")
    return Response(
        raw,
        media_type="message/rfc822",
        headers={
            "Content-Disposition": f'attachment; filename="bounce-{found.facts.id}.eml"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def parse_when(text: str | None, name: str, default: dt.datetime) -> dt.datetime:
    """An ISO date or date-time parameter (UTC when it has no offset)."""
    if not text:
        return default
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise Problem(MALFORMED, f"{name} must be an ISO 8601 date or time, not {text!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


_SPAN = {"hour": dt.timedelta(hours=1), "day": dt.timedelta(days=1), "month": dt.timedelta(31)}


async def stats(request: Request) -> Response:
    """GET /api/v1/stats: sent, delivered, bounced, complaints, not sent and rates per
    interval (the last 30 days by day unless asked)."""
    user = await acting_user(request)
    account = await account_for(request, user)
    interval = request.query_params.get("interval", "day")
    if interval not in history.INTERVALS:
        raise Problem(MALFORMED, f"interval must be one of {', '.join(history.INTERVALS)}")
    end = parse_when(request.query_params.get("to"), "to", utcnow())
    start = parse_when(request.query_params.get("from"), "from", end - dt.timedelta(days=30))
    if start >= end:
        raise Problem(MALFORMED, "from must come before to")
    if (end - start) / _SPAN[interval] > MAX_BUCKETS:
        raise Problem(MALFORMED, f"at most {MAX_BUCKETS} intervals at a time")
    async with AppState.of(request).store.reading() as session:
        rows = await history.stats(session, account.id, start=start, end=end, interval=interval)
    return JSONResponse(
        {
            "account": account.name,
            "from": iso(start),
            "to": iso(end),
            "interval": interval,
            "intervals": [interval_json(r) for r in rows],
        }
    )


Endpoint = Callable[[Request], Awaitable[Response]]
_ROUTES: list[tuple[str, Endpoint, str]] = [
    ("/messages/{message_id:path}", message, "A message's recipients by outcome"),
    ("/campaigns/{campaign:path}", campaign, "A campaign's recipients by outcome"),
    ("/addresses/{address}", address, "An address's record and state"),
    ("/bounces/{bounce_id:int}/raw", bounce_raw, "The returned message (message/rfc822)"),
    ("/bounces/{bounce_id:int}", bounce, "One bounce"),
    ("/stats", stats, "Rates per interval"),
]

_QUERY = {
    "account": "The account (default: the token user's own; operators must name it).",
    "tab": "Only this tab: sent, bounced, not_sent or deferred.",
    "cursor": "The next_cursor of the previous page of a tab.",
    "limit": "Recipients per tab and page (1-500, default 100).",
    "from": "Start (ISO 8601; default 30 days before `to`).",
    "to": "End (ISO 8601; default now).",
    "interval": "hour, day or month (default day).",
}
_PARAMS = {
    "/messages/{message_id:path}": ["account", "tab", "cursor", "limit"],
    "/campaigns/{campaign:path}": ["account", "tab", "cursor", "limit"],
    "/addresses/{address}": ["account"],
    "/stats": ["account", "from", "to", "interval"],
}

ROUTES: list[BaseRoute] = []
for _path, _endpoint, _summary in _ROUTES:
    ROUTES.append(Route(API + _path, _endpoint, methods=["GET"]))
    _documented = API + _path.replace(":path", "").replace(":int", "")
    describe(
        _documented,
        "get",
        {
            "summary": _summary,
            "description": (_endpoint.__doc__ or "").strip(),
            "security": BEARER,
            "parameters": [
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                for name in re.findall(r"{(\w+)}", _documented)
            ] + [
                {"name": name, "in": "query", "required": False, "description": _QUERY[name],
                 "schema": {"type": "string"}}
                for name in _PARAMS.get(_path, [])
            ],
            "responses": {200: {"description": "OK"}},
            "problems": [401, 403, 404, 422],
        },
    )  # fmt: skip
