"""The suppression resources of /api/v1: list, look up, check, add, unbounce, import, export."""

from __future__ import annotations

from starlette.routing import BaseRoute

ROUTES: list[BaseRoute] = []
