"""The ASGI application: /healthz, the /api/v1 routes, and whatever other parts add."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from config import Settings
from relay.http import accounts, openapi, suppression_csv, suppressions, webhooks
from relay.http.openapi import API
from relay.http.problems import EXCEPTION_HANDLERS
from relay.http.state import AppState
from relay.metrics import RelayMetrics
from relay.metrics import routes as metrics_routes
from storage.engine import Store, StoreUnavailable

HEALTH_TIMEOUT = 5.0  # seconds the store may take to answer a health check


async def healthz(request: Request) -> Response:
    """200 when the store answers, 503 otherwise; no token (load balancers probe it)."""
    store = AppState.of(request).store
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), store.reading() as session:
            await session.execute(text("SELECT 1"))
    except (StoreUnavailable, OSError, TimeoutError):
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
    from relay.http import resources  # it imports this module's API prefix
    from relay.http.dashboard import routes as dashboard_routes
    from relay.http.dashboard.signin import html_or_problem

    routes: list[BaseRoute] = [
        Route("/healthz", healthz, methods=["GET"]),
        Route(f"{API}/openapi.json", openapi.document, methods=["GET"]),
        *suppression_csv.ROUTES,
        *suppressions.ROUTES,
        *resources.ROUTES,
        *extra_routes,
        *dashboard_routes(),
    ]
    # Outside /api/ a missing page or a wrong method is answered as a page of the dashboard.
    handlers = {**EXCEPTION_HANDLERS, HTTPException: html_or_problem}
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.state.relay = AppState(settings, store)
    return app


def relay_app(
    settings: Settings,
    store: Store,
    *,
    metrics: RelayMetrics | None = None,
) -> Starlette:
    """The app ``relay serve`` runs: the API and every other part's routes (each part adds
    its own here, one line). ``metrics``: this process's instruments, for /metrics."""
    return build_app(
        settings,
        store,
        extra_routes=[
            *accounts.ROUTES,
            *webhooks.ROUTES,
            *(metrics_routes(settings, store, metrics) if metrics is not None else []),
        ],
    )
