"""The ASGI application: /healthz, the /api/v1 routes, and whatever other parts add."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from config import Settings
from relay.http import openapi
from relay.http.openapi import API
from relay.http.problems import EXCEPTION_HANDLERS
from relay.http.state import AppState
from storage.engine import Store, StoreUnavailable


async def healthz(request: Request) -> Response:
    """200 when the store answers, 503 otherwise; no token (load balancers probe it)."""
    store = AppState.of(request).store
    try:
        async with store.reading() as session:
            await session.execute(text("SELECT 1"))
    except (StoreUnavailable, OSError):
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


def build_app(
    settings: Settings,
    store: Store,
    *,
    extra_routes: Sequence[BaseRoute] = (),
) -> Starlette:
    """The app: /healthz, the API's routes, then ``extra_routes`` (Route, Mount, ...) that other
    parts add (the dashboard, metrics, webhooks), all sharing its error handling."""
    from relay.http import suppressions  # the resources import this module's API prefix

    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route(f"{API}/openapi.json", openapi.document, methods=["GET"]),
        *suppressions.ROUTES,
        *extra_routes,
    ]
    app = Starlette(routes=routes, exception_handlers=EXCEPTION_HANDLERS)
    app.state.relay = AppState(settings, store)
    return app
