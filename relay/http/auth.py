"""Bearer tokens: ``Authorization: Bearer TOKEN`` names the user every /api/ call acts as."""

from __future__ import annotations

import logging

from starlette.requests import Request

from relay.admin.rules import Action, Refused, authorize
from relay.http.problems import UNAUTHORIZED, Problem, refusal
from relay.http.state import AppState
from storage import tokens
from storage.accounts import AccountInfo
from storage.admin import UserInfo
from storage.engine import StoreUnavailable, utcnow

log = logging.getLogger(__name__)


def bearer_secret(request: Request) -> str | None:
    """The token of the Authorization header, if it has the Bearer scheme (RFC 6750)."""
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


async def acting_user(request: Request) -> UserInfo:
    """The user the request's token acts as; a 401 problem without a live token."""
    cached = request.scope.get("relay.user")
    if isinstance(cached, UserInfo):
        return cached
    secret = bearer_secret(request)
    if secret is None:
        raise Problem(UNAUTHORIZED, "this needs an API token: Authorization: Bearer TOKEN")
    state = AppState.of(request)
    now = utcnow()
    async with state.store.reading() as session:
        found = await tokens.bearer(session, secret, now=now)
    if found is None:
        raise Problem(UNAUTHORIZED, "the API token is unknown, expired or revoked")
    if found.token.last_used_at is None or now - found.token.last_used_at >= (
        tokens.LAST_USED_GRANULARITY
    ):
        try:
            async with state.store.transaction() as session:
                await tokens.touch(session, found.token, now=now)
        except StoreUnavailable as exc:  # a note of use is not worth refusing the request
            log.warning("cannot note the use of API token %s: %s", found.token.id, exc)
    request.scope["relay.user"] = found.user
    return found.user


def require(user: UserInfo, action: Action, account: AccountInfo | None) -> None:
    """The same role check the CLI makes (relay.admin.authorize), as a 403 problem."""
    try:
        authorize(user, action, account)
    except Refused as exc:
        raise refusal(exc) from exc


def may_read(user: UserInfo, account: AccountInfo) -> None:
    """Any role may read its own account; an operator every account (403 otherwise)."""
    if user.account_id is not None and user.account_id != account.id:
        raise refusal(
            Refused(f"user {user.name} does not belong to account {account.name}", "account")
        )
