"""``/api/v1/accounts``: the accounts a token may see with the bounce-rate guard's state, and
the operator's resume (relay.admin.accounts.resume_account, the rule `relay accounts resume`
uses)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from config import Settings
from relay.admin.accounts import resume_account
from relay.bounce.policy import guard_policy
from relay.http.auth import acting_user, may_read
from relay.http.openapi import API, BEARER, describe
from relay.http.state import AppState
from storage.accounts import AccountInfo, account_by_name, list_accounts
from storage.admin import UserInfo
from storage.engine import utcnow
from storage.guard import GuardLevel, GuardPolicy, GuardState, window_rates
from storage.models import AccountGuard

# How the guard's levels read to people: an account that is neither warned nor paused is active.
STATES = {GuardLevel.OK: "active", GuardLevel.WARNED: "warned", GuardLevel.PAUSED: "paused"}


@dataclass(frozen=True, slots=True)
class GuardView:
    """The guard's word on one account, as the API and the dashboard show it."""

    enabled: bool
    state: str  # active, warned, paused
    since: str | None  # ISO-8601, when it last changed
    why: str | None  # what tripped it (warned/paused)
    copies: int  # sent copies in the current window so far
    bounce_rate: float
    complaint_rate: float
    policy: GuardPolicy

    def as_json(self) -> dict[str, Any]:
        p = self.policy
        return {
            "enabled": self.enabled, "state": self.state, "since": self.since, "why": self.why,
            "window": {"size": p.window, "copies": self.copies, "full": self.copies >= p.window},
            "bounce_rate": round(self.bounce_rate, 6),
            "complaint_rate": round(self.complaint_rate, 6),
            "thresholds": {"warn_bounce_rate": p.warn_bounce_rate,
                           "warn_complaint_rate": p.warn_complaint_rate,
                           "pause_bounce_rate": p.pause_bounce_rate,
                           "pause_complaint_rate": p.pause_complaint_rate},
        }  # fmt: skip


async def guard_view(session: AsyncSession, settings: Settings, account_id: int) -> GuardView:
    """The account's guard state, with the rates over its current window as they are now."""
    policy = guard_policy(settings)
    enabled = policy is not None
    policy = policy or GuardPolicy(
        window=settings.guard.window,
        warn_bounce_rate=settings.guard.warn_bounce_rate,
        warn_complaint_rate=settings.guard.warn_complaint_rate,
        pause_bounce_rate=settings.guard.pause_bounce_rate,
        pause_complaint_rate=settings.guard.pause_complaint_rate,
    )
    row = await session.get(AccountGuard, account_id)
    copies, bounce_rate, complaint_rate = await window_rates(
        session, account_id, window=policy.window, after=row.window_from if row else 0
    )
    level = GuardLevel(row.state) if row else GuardLevel.OK
    if level is GuardLevel.PAUSED and row is not None:
        # frozen at the pause: the rates that paused it, not those of later copies
        copies, bounce_rate, complaint_rate = row.copies, row.bounce_rate, row.complaint_rate
    tripped = row is not None and level is not GuardLevel.OK
    why = (
        GuardState(account_id, level, row.bounce_rate, row.complaint_rate, row.copies,
                   row.changed_at).why()
        if tripped and row is not None else None
    )  # fmt: skip
    return GuardView(
        enabled=enabled,
        state=STATES[level],
        since=row.changed_at.isoformat() if row and row.changed_at else None,
        why=why,
        copies=copies,
        bounce_rate=bounce_rate,
        complaint_rate=complaint_rate,
        policy=policy,
    )


def _visible(user: UserInfo, found: list[AccountInfo]) -> list[AccountInfo]:
    """An operator sees every account; anyone else only their own."""
    return [a for a in found if user.account_id is None or a.id == user.account_id]


def _shown(account: AccountInfo, view: GuardView) -> dict[str, Any]:
    return {"id": account.id, "name": account.name, "domains": list(account.domains),
            "guard": view.as_json()}  # fmt: skip


def _routes() -> list[BaseRoute]:
    async def listing(request: Request) -> Response:
        user = await acting_user(request)
        state = AppState.of(request)
        async with state.store.reading() as session:
            shown = [
                _shown(a, await guard_view(session, state.settings, a.id))
                for a in _visible(user, await list_accounts(session))
            ]
        return JSONResponse({"accounts": shown})

    async def one(request: Request) -> Response:
        user = await acting_user(request)
        state = AppState.of(request)
        async with state.store.reading() as session:
            account = await account_by_name(session, request.path_params["account"])
            may_read(user, account)
            view = await guard_view(session, state.settings, account.id)
        return JSONResponse(_shown(account, view))

    async def resume(request: Request) -> Response:
        user = await acting_user(request)
        state = AppState.of(request)
        async with state.store.transaction() as session:
            done = await resume_account(
                session, request.path_params["account"], as_user=user.name, now=utcnow()
            )
            view = await guard_view(session, state.settings, done.account.id)
        before = done.before
        answer = _shown(done.account, view)
        answer["was"] = {"state": STATES[before.level] if before else "active",
                         "why": before.why() if before and before.level is not GuardLevel.OK
                         else None}  # fmt: skip
        return JSONResponse(answer)

    return [
        Route(f"{API}/accounts", listing, methods=["GET"]),
        Route(f"{API}/accounts/{{account}}", one, methods=["GET"]),
        Route(f"{API}/accounts/{{account}}/resume", resume, methods=["POST"]),
    ]


ROUTES = _routes()

_ACCOUNT = [{"name": "account", "in": "path", "required": True, "schema": {"type": "string"}}]
_GUARD = ("guard: enabled, state (active, warned, paused), since, why, window {size, copies, "
          "full}, bounce_rate, complaint_rate (fractions over the window), thresholds")  # fmt: skip

describe(f"{API}/accounts", "get", {
    "summary": "The accounts the token may see (an operator: all), each with its bounce-rate "
               "guard state",
    "security": BEARER,
    "responses": {200: {"description": "{\"accounts\": [{id, name, domains, guard}]}; " + _GUARD}},
    "problems": [401],
})  # fmt: skip
describe(f"{API}/accounts/{{account}}", "get", {
    "summary": "One account with its bounce-rate guard state",
    "security": BEARER,
    "parameters": _ACCOUNT,
    "responses": {200: {"description": "{id, name, domains, guard}; " + _GUARD}},
    "problems": [401, 403, 404],
})  # fmt: skip
describe(f"{API}/accounts/{{account}}/resume", "post", {
    "summary": "Let a paused account send again with a fresh guard window (operators; audited, "
               "like `relay accounts resume`)",
    "security": BEARER,
    "parameters": _ACCOUNT,
    "responses": {200: {"description": "The account as GET shows it, and was {state, why}"}},
    "problems": [401, 403, 404],
})  # fmt: skip
