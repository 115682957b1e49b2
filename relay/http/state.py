"""What every route reaches through the request: the store and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import HTTPConnection

from config import Settings
from storage.engine import Store


@dataclass(frozen=True, slots=True)
class AppState:
    """The relay's parts the HTTP routes use (``app.state.relay``)."""

    settings: Settings
    store: Store

    @classmethod
    def of(cls, request: HTTPConnection) -> AppState:
        """The state of the app serving ``request``."""
        state = request.app.state.relay
        assert isinstance(state, cls)
        return state
