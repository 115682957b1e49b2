"""/webhooks: an account's endpoints with their recent deliveries, and adding and removing
them through relay.webhooks.endpoints, the rules `relay webhooks` and the API apply."""

from __future__ import annotations

import asyncio
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from config import ensure_verp_key
from relay.admin.rules import ALLOWED, Action
from relay.http.dashboard.pages import base, chosen_account, list_accounts_of
from relay.http.dashboard.render import query, render
from relay.http.dashboard.signin import check_csrf, form_of, page
from relay.http.state import AppState
from relay.webhooks.endpoints import (
    Registered,
    register_endpoint,
    send_test_event,
    unregister_endpoint,
)
from relay.webhooks.targets import TargetRefused
from storage import webhooks
from storage.accounts import AccountInfo
from storage.engine import utcnow
from storage.web_sessions import SignedIn
from storage.webhooks import EventType

ATTEMPTS = 10  # recent delivery attempts shown per endpoint


async def _page(
    request: Request,
    signed: SignedIn,
    account: AccountInfo,
    *,
    added: Registered | None = None,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    async with AppState.of(request).store.reading() as session:
        found = await webhooks.list_endpoints(session, account.id)
        attempts = {e.id: await webhooks.attempts_log(session, e.id, limit=ATTEMPTS) for e in found}
    context = base(signed, "Webhooks", account)
    context.update(
        endpoints=found,
        attempts=attempts,
        events=[str(e) for e in EventType],
        may_manage=signed.user.role in ALLOWED[Action.MANAGE_WEBHOOKS],
        added=added,
        error=error,
        form=form or {"url": "", "events": []},
        outcome=request.query_params.get("done"),
        test_event=request.query_params.get("event", ""),
    )
    return render(request, "webhooks.html", context, status)


@page
async def webhooks_page(request: Request, signed: SignedIn) -> Response:
    """/webhooks?account=A: the endpoints, their state and recent attempts; add, remove."""
    account = await chosen_account(request, signed)
    if account is None:
        context = base(signed, "Webhooks: choose an account", None)
        context["accounts"] = await list_accounts_of(request)
        context["target"] = "/webhooks"
        return render(request, "accounts.html", context)
    return await _page(request, signed, account)


@page
async def add_webhook(request: Request, signed: SignedIn) -> Response:
    """POST /webhooks: register an endpoint; the answer shows its signing secret, once."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    account = await chosen_account(request, signed, form.get("account"))
    assert account is not None
    chosen = [str(v) for v in (await request.form()).getlist("events")]
    url = form.get("url", "").strip()
    shown = {"url": url, "events": chosen}
    known = {str(e) for e in EventType}
    if not chosen or not all(e in known for e in chosen):
        return await _page(request, signed, account, error="choose at least one event",
                           form=shown, status=422)  # fmt: skip
    state = AppState.of(request)
    master_key = await asyncio.to_thread(ensure_verp_key, state.settings)
    try:
        async with state.store.transaction() as session:
            done = await register_endpoint(
                session, account=account.name, url=url,
                events=[EventType(e) for e in dict.fromkeys(chosen)], as_user=signed.user.name,
                master_key=master_key, allow_private=state.settings.webhooks.allow_private,
                now=utcnow(),
            )  # fmt: skip
    except TargetRefused as exc:
        return await _page(request, signed, account, error=str(exc), form=shown, status=422)
    return await _page(request, signed, account, added=done)


@page
async def remove_webhook(request: Request, signed: SignedIn) -> Response:
    """POST /webhooks/{id}/remove: delete the endpoint with its waiting events and log."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    endpoint_id = int(request.path_params["endpoint_id"])
    async with AppState.of(request).store.transaction() as session:
        await unregister_endpoint(session, endpoint_id, as_user=signed.user.name, now=utcnow())
    return RedirectResponse("/webhooks" + query(account=form.get("account"), done="removed"), 303)


@page
async def test_webhook(request: Request, signed: SignedIn) -> Response:
    """POST /webhooks/{id}/test: queue a webhook.test event for that endpoint; its delivery
    shows in the endpoint's recent deliveries like any other."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    endpoint_id = int(request.path_params["endpoint_id"])
    async with AppState.of(request).store.transaction() as session:
        sent = await send_test_event(session, endpoint_id, as_user=signed.user.name, now=utcnow())
    target = query(account=form.get("account"), done="test", event=sent.event_id)
    return RedirectResponse(f"/webhooks{target}#e{endpoint_id}", 303)
