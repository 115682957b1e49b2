"""The suppression resources of /api/v1: list, look up, check, add, unbounce, import, export.

Every change goes through the same rule functions as the ``relay`` command (relay.admin,
relay.admin); the check through the rule of RCPT itself (relay.send.recipient_check).
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from relay.admin import suppressions as suppression_rules
from relay.admin import unbounce_rules
from relay.admin.rules import Action
from relay.admin.suppression_files import importable_address
from relay.http import suppression_docs  # noqa: F401  (describes these routes in the OpenAPI)
from relay.http.auth import acting_user, require
from relay.http.openapi import API
from relay.http.params import (
    iso,
    own_account_only,
    query,
    query_bool,
    query_int,
    query_time,
    read_json,
    readable_account,
)
from relay.http.problems import BAD_ADDRESS, MALFORMED, UNCONFIRMED, Problem
from relay.http.state import AppState
from relay.send import recipient_check
from relay.send.recipient_check import Verdict
from storage.accounts import account_by_name
from storage.addresses import BadAddress, normalize_address
from storage.engine import utcnow
from storage.suppression_pages import BadCursor, PagedSuppression, PageFilter, suppression_page
from storage.suppressions import HardBounce, suppression_case

MAX_CHECK = 10_000
CHECK_SLICE = 1000  # addresses checked between two turns of the event loop


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckBody(_Body):
    account: str
    addresses: Annotated[list[str], Field(max_length=MAX_CHECK)]
    # as if the client's MAIL FROM carried SMTPUTF8 (RFC 6531), as modern clients' does
    smtputf8: bool = True


class AddBody(_Body):
    account: str
    address: str
    reason: Annotated[str, Field(min_length=1, max_length=64)] = "manual"


class UnbounceBody(_Body):
    account: str
    confirm: str = ""


class GlobalUnbounceBody(_Body):
    confirm: str = ""


def stored_address(text: str) -> str:
    """An address as the store keys it; a 422 problem if it is none."""
    try:
        return normalize_address(text)
    except BadAddress as exc:
        raise Problem(BAD_ADDRESS, str(exc)) from exc


def _confirmed(given: str) -> None:
    if given != unbounce_rules.CONFIRMATION:
        raise Problem(
            UNCONFIRMED,
            f'confirm must be "{unbounce_rules.CONFIRMATION}", word for word: nothing changed',
            confirmation=unbounce_rules.CONFIRMATION,
        )


def _listed(row: PagedSuppression, account: str | None) -> dict[str, Any]:
    return {
        "address": row.address,
        "account": account,
        "tier": "global" if row.account_id is None else "account",
        "reason": row.reason,
        "detail": row.detail,
        "since": iso(row.created_at),
        "bounce_id": row.bounce_id,
        "bounce_status": row.bounce_status,
        "bounce_reason": row.bounce_reason,
        "hard": row.hard,
    }


async def list_suppressions(request: Request) -> Response:
    """A page of the account's (or the global) suppressions, newest first."""
    tier = query(request, "tier") or "account"
    if tier not in {"account", "global"}:
        raise Problem(MALFORMED, "tier must be account or global")
    if tier == "global":
        user = await acting_user(request)
        require(user, Action.GLOBAL_UNBOUNCE, None)  # operators see the global tier
        account_id, name = None, None
    else:
        _, account = await readable_account(request)
        account_id, name = account.id, account.name
    address = query(request, "address")
    where = PageFilter(
        account_id,
        address=address.lower() if address else None,
        reason=query(request, "reason"),
        since=query_time(request, "since"),
        until=query_time(request, "until"),
        hard_reason_known=query_bool(request, "hard_reason_known"),
    )
    limit = query_int(request, "limit", 100, low=1, high=1000)
    try:
        async with AppState.of(request).store.reading() as session:
            page = await suppression_page(
                session, where, cursor=query(request, "cursor"), limit=limit
            )
    except BadCursor as exc:
        raise Problem(MALFORMED, str(exc)) from exc
    return JSONResponse(
        {"items": [_listed(r, name) for r in page.rows], "next_cursor": page.next_cursor}
    )


def _case(case: HardBounce | None) -> dict[str, Any]:
    if case is None:
        return {}
    return {
        "since": iso(case.suppressed_at),
        "reason": case.reason,
        "detail": case.detail,
        "bounce_id": case.bounce_id,
        "bounced_at": iso(case.bounced_at),
        "dsn_status": case.dsn_status,
        "diagnostic": case.diagnostic,
        "message_id": case.message_id,
        "campaign": case.campaign,
    }


async def get_suppression(request: Request) -> Response:
    """Whether the address is suppressed for the account, in which tier, since when, and why."""
    _, account = await readable_account(request)
    address = stored_address(request.path_params["address"])
    async with AppState.of(request).store.reading() as session:
        own = await suppression_case(session, account.id, address)
        shared = await suppression_case(session, None, address)
    # the account's own suppression is the one RCPT names; the global one may be there too
    case = own or shared
    body: dict[str, Any] = {
        "address": address,
        "account": account.name,
        "suppressed": case is not None,
        "tier": None if case is None else "account" if own else "global",
        "globally_suppressed": shared is not None,
        **_case(case),
    }
    return JSONResponse(body)


def _verdict(verdict: Verdict) -> dict[str, Any]:
    hit = verdict.suppression
    return {
        "address": verdict.address,
        "sendable": verdict.sendable,
        "refused": verdict.refused,
        "cause": verdict.cause,
        "reply": verdict.reply,
        "tier": None if hit is None else "global" if hit.is_global else "account",
        "reason": hit.reason if hit else None,
        "since": iso(hit.since) if hit else None,
    }


async def check(request: Request) -> Response:
    """For each address, what RCPT TO would get from the relay now for the account, and why."""
    await acting_user(request)  # a request without a token learns nothing, not even its errors
    body = await read_json(request, CheckBody)
    _, account = await readable_account(request, body.account)
    state = AppState.of(request)
    verdicts: list[Verdict] = []
    # In slices, so that a 10,000-address check lets the loop serve SMTP in between.
    for start in range(0, len(body.addresses), CHECK_SLICE):
        addresses = body.addresses[start : start + CHECK_SLICE]
        verdicts += await recipient_check.check_many(
            state.store, state.settings, account.id, addresses, smtputf8=body.smtputf8
        )
        await asyncio.sleep(0)
    return JSONResponse(
        {
            "account": account.name,
            "checked": len(verdicts),
            "not_sendable": sum(not v.sendable for v in verdicts),
            "results": [_verdict(v) for v in verdicts],
        }
    )


async def add(request: Request) -> Response:
    """Suppress an address for the account (the rule of `relay suppressions add`)."""
    user = await acting_user(request)
    body = await read_json(request, AddBody)
    own_account_only(user, body.account)
    try:
        address = importable_address(body.address)
    except BadAddress as exc:
        raise Problem(BAD_ADDRESS, str(exc)) from exc
    async with AppState.of(request).store.transaction() as session:
        account = await account_by_name(session, body.account)
        added = await suppression_rules.add_suppression(
            session, user, account, address, reason=body.reason, now=utcnow()
        )
    return JSONResponse(
        {"address": address, "account": account.name, "reason": body.reason, "added": added},
        status_code=201 if added else 200,
    )


async def unbounce(request: Request) -> Response:
    """Lift the account's hard bounce of the address, under every unbounce rule."""
    user = await acting_user(request)
    body = await read_json(request, UnbounceBody)
    own_account_only(user, body.account)
    address = stored_address(request.path_params["address"])
    _confirmed(body.confirm)
    state = AppState.of(request)
    async with state.store.transaction() as session:
        account = await account_by_name(session, body.account)
        quota = await unbounce_rules.unbounce(
            session, state.settings, user, account, address, utcnow()
        )
    return JSONResponse(
        {
            "address": address,
            "account": account.name,
            "unbounced": True,
            "quota": {"allowed": quota.allowed, "used": quota.used, "remaining": quota.remaining},
        }
    )


async def unbounce_preview(request: Request) -> Response:
    """What an unbounce would lift and the quota left, or the rule that refuses it (nothing
    changes): what a person sees before confirming."""
    user, account = await readable_account(request)
    address = stored_address(request.path_params["address"])
    state = AppState.of(request)
    now = utcnow()
    async with state.store.reading() as session:
        case = await unbounce_rules.check_unbounce(
            session, state.settings, user, account, address, now
        )
        quota = await unbounce_rules.quota_of(session, account.id, now)
    return JSONResponse(
        {
            "address": address,
            "account": account.name,
            "suppression": _case(case),
            "quota": {"allowed": quota.allowed, "used": quota.used, "remaining": quota.remaining},
            "confirmation": unbounce_rules.CONFIRMATION,
        }
    )


async def global_unbounce(request: Request) -> Response:
    """Lift a global suppression (operators; not for abandoned mailboxes)."""
    user = await acting_user(request)
    require(user, Action.GLOBAL_UNBOUNCE, None)  # before the body: no account in play
    body = await read_json(request, GlobalUnbounceBody)
    address = stored_address(request.path_params["address"])
    _confirmed(body.confirm)
    async with AppState.of(request).store.transaction() as session:
        await unbounce_rules.global_unbounce(session, user, address, utcnow())
    return JSONResponse({"address": address, "tier": "global", "unbounced": True})


ROUTES: list[BaseRoute] = [
    Route(f"{API}/suppressions", list_suppressions, methods=["GET"]),
    Route(f"{API}/suppressions", add, methods=["POST"]),
    Route(f"{API}/suppressions/check", check, methods=["POST"]),
    Route(f"{API}/suppressions/{{address:path}}/unbounce", unbounce, methods=["POST"]),
    Route(f"{API}/suppressions/{{address:path}}/unbounce", unbounce_preview, methods=["GET"]),
    Route(
        f"{API}/global-suppressions/{{address:path}}/unbounce", global_unbounce, methods=["POST"]
    ),
    Route(f"{API}/suppressions/{{address:path}}", get_suppression, methods=["GET"]),
]
