"""``/api/v1/webhooks``: register, list and remove endpoints over HTTP, with the same rules
as ``relay webhooks`` (relay.webhooks.endpoints is the one implementation)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from config import Settings, ensure_verp_key
from relay.http.auth import acting_user, may_read
from relay.http.openapi import API, BEARER, describe
from relay.http.problems import MALFORMED, NOT_FOUND, Problem, problem_type
from relay.http.state import AppState
from relay.webhooks.endpoints import register_endpoint, send_test_event, unregister_endpoint
from relay.webhooks.targets import TargetRefused
from storage import webhooks
from storage.accounts import account_by_name
from storage.engine import utcnow
from storage.webhooks import TEST_EVENT, EndpointInfo, EventType

TARGET = problem_type(
    "webhook-target", 422, "Webhook target refused",
    "The URL is not http(s), cannot be resolved, or resolves to a loopback, link-local or "
    "private address.",
)  # fmt: skip


def _events(value: object) -> list[EventType]:
    known = {str(e) for e in EventType}
    if value == "all":
        return list(EventType)
    if not isinstance(value, list) or not value or not all(v in known for v in value):
        raise Problem(MALFORMED, f"events: a non-empty list of {', '.join(sorted(known))}")
    return [EventType(v) for v in dict.fromkeys(value)]


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError as exc:
        raise Problem(MALFORMED, "the body must be a JSON object") from exc
    if not isinstance(body, dict):
        raise Problem(MALFORMED, "the body must be a JSON object")
    return body


def _shown(e: EndpointInfo, account: str) -> dict[str, Any]:
    return {
        "id": e.id, "account": account, "url": e.url, "events": list(e.events),
        "enabled": e.disabled_at is None,
        "disabled_at": e.disabled_at.isoformat() if e.disabled_at else None,
        "disabled_reason": e.disabled_reason, "waiting": e.pending,
        "created_at": e.created_at.isoformat(),
    }  # fmt: skip


def _endpoint_id(request: Request) -> int:
    given = str(request.path_params["endpoint_id"])
    if not given.isdigit():
        raise Problem(NOT_FOUND, f"no webhook {given}")
    return int(given)


async def _master_key(settings: Settings) -> bytes:
    """The key the secrets are sealed under (relay.webhooks.secrets): the VERP key."""
    return await asyncio.to_thread(ensure_verp_key, settings)


def _routes() -> list[BaseRoute]:
    async def add(request: Request) -> Response:
        user = await acting_user(request)
        body = await _body(request)
        account, url = body.get("account"), body.get("url")
        if not isinstance(account, str) or not isinstance(url, str):
            raise Problem(MALFORMED, "account and url are required strings")
        events = _events(body.get("events"))
        state = AppState.of(request)
        master_key = await _master_key(state.settings)
        async with state.store.transaction() as session:
            try:
                done = await register_endpoint(
                    session, account=account, url=url, events=events, as_user=user.name,
                    master_key=master_key, allow_private=state.settings.webhooks.allow_private,
                    now=utcnow(),
                )  # fmt: skip
            except TargetRefused as exc:
                raise Problem(TARGET, str(exc)) from exc
        answer = {"id": done.endpoint_id, "account": account, "url": done.url,
                  "events": [str(e) for e in done.events], "secret": done.secret}  # fmt: skip
        return JSONResponse(answer, status_code=201)

    async def listing(request: Request) -> Response:
        user = await acting_user(request)
        name = request.query_params.get("account")
        if not name:
            raise Problem(MALFORMED, "account is required")
        async with AppState.of(request).store.reading() as session:
            account = await account_by_name(session, name)
            may_read(user, account)
            found = await webhooks.list_endpoints(session, account.id)
        return JSONResponse({"webhooks": [_shown(e, name) for e in found]})

    async def remove(request: Request) -> Response:
        user = await acting_user(request)
        endpoint_id = _endpoint_id(request)
        async with AppState.of(request).store.transaction() as session:
            await unregister_endpoint(session, endpoint_id, as_user=user.name, now=utcnow())
        return Response(status_code=204)

    async def test(request: Request) -> Response:
        user = await acting_user(request)
        endpoint_id = _endpoint_id(request)
        async with AppState.of(request).store.transaction() as session:
            sent = await send_test_event(session, endpoint_id, as_user=user.name, now=utcnow())
        answer = {"endpoint": sent.endpoint_id, "url": sent.url, "type": TEST_EVENT,
                  "event_id": sent.event_id}  # fmt: skip
        return JSONResponse(answer, status_code=202)

    return [
        Route(f"{API}/webhooks", add, methods=["POST"]),
        Route(f"{API}/webhooks/{{endpoint_id}}/test", test, methods=["POST"]),
        Route(f"{API}/webhooks", listing, methods=["GET"]),
        Route(f"{API}/webhooks/{{endpoint_id}}", remove, methods=["DELETE"]),
    ]


ROUTES = _routes()


describe(f"{API}/webhooks", "post", {
    "summary": "Register a webhook endpoint; the answer holds its signing secret, once",
    "security": BEARER,
    "requestBody": {"content": {"application/json": {"schema": {
        "type": "object", "required": ["account", "url", "events"],
        "properties": {"account": {"type": "string"}, "url": {"type": "string"},
                       "events": {"oneOf": [{"type": "array", "items": {"type": "string",
                                             "enum": [str(e) for e in EventType]}},
                                            {"const": "all"}]}},
    }}}},
    "responses": {201: {"description": "Registered: id, url, events, secret (whsec_...)"}},
    "problems": [401, 403, 404, 422],
})  # fmt: skip
describe(f"{API}/webhooks", "get", {
    "summary": "The account's endpoints, enabled or disabled (and why), events waiting",
    "security": BEARER,
    "parameters": [{"name": "account", "in": "query", "required": True,
                    "schema": {"type": "string"}}],
    "responses": {200: {"description": "{\"webhooks\": [...]}"}},
    "problems": [401, 403, 404, 422],
})  # fmt: skip
describe(f"{API}/webhooks/{{endpoint_id}}", "delete", {
    "summary": "Remove an endpoint with its waiting events",
    "security": BEARER,
    "parameters": [{"name": "endpoint_id", "in": "path", "required": True,
                    "schema": {"type": "integer"}}],
    "responses": {204: {"description": "Removed"}},
    "problems": [401, 403, 404],
})  # fmt: skip
describe(f"{API}/webhooks/{{endpoint_id}}/test", "post", {
    "summary": "Send the endpoint a webhook.test event through the outbox (signed and logged "
               "like any event)",
    "security": BEARER,
    "parameters": [{"name": "endpoint_id", "in": "path", "required": True,
                    "schema": {"type": "integer"}}],
    "responses": {202: {"description": "Queued: endpoint, url, type, event_id (the webhook-id)"}},
    "problems": [401, 403, 404, 409],
})  # fmt: skip
