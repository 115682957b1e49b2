"""Building a listener's RelaySMTP protocols cheaply: one prototype, then copies of it."""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

from aiosmtpd.smtp import (
    _AuthMechAttr,
)

from relay.smtp.limit import ConnectionLimit
from relay.smtp.server import RelaySMTP, new_stream


def protocol_factory(
    handler: Any, *, limit: ConnectionLimit, **kwargs: Any
) -> Callable[[], RelaySMTP]:
    """RelaySMTP protocols for one listener, built cheaply after the first.

    aiosmtpd's constructor walks both the protocol and the handler with ``inspect.getmembers``
    and ``dir`` to build its command, hook and AUTH tables, which cost a tenth of the CPU of a
    one-message session. Those tables are the same for every connection of a listener, so
    aiosmtpd builds one prototype (and the first connection's protocol), and the later ones
    copy the prototype's attributes with its methods bound to them; only the stream state is
    made fresh, by asyncio's own constructor.
    """
    prototype: RelaySMTP | None = None
    plain: dict[str, Any] = {}  # attributes every copy shares the value of
    tables: dict[str, Any] = {}  # dicts: a copy each, with the prototype's methods rebound

    def build() -> RelaySMTP:
        nonlocal prototype
        if prototype is None:  # kept aside, never connected: the source of the copies
            prototype = RelaySMTP(handler, limit=limit, **kwargs)
            stream_state = new_stream(RelaySMTP.__new__(RelaySMTP), prototype.loop).keys()
            for name, value in vars(prototype).items():
                if name not in stream_state:
                    shared = not isinstance(value, (dict, list, set, types.MethodType))
                    (plain if shared else tables)[name] = value
            return RelaySMTP(handler, limit=limit, **kwargs)
        protocol: RelaySMTP = RelaySMTP.__new__(RelaySMTP)
        state = new_stream(protocol, prototype.loop)
        state.update(plain)
        for name, value in tables.items():
            state[name] = _rebound(value, prototype, protocol)
        protocol.command_size_limits.clear()  # as aiosmtpd's constructor does
        return protocol

    return build


def _rebound(value: Any, old: object, new: object) -> Any:
    """A copy of ``value`` with every method bound to ``old`` bound to ``new`` instead."""
    if isinstance(value, types.MethodType):
        return types.MethodType(value.__func__, new) if value.__self__ is old else value
    if isinstance(value, _AuthMechAttr):
        return _AuthMechAttr(_rebound(value.method, old, new), value.is_builtin)
    if isinstance(value, dict):
        return {k: _rebound(v, old, new) for k, v in value.items()}
    if isinstance(value, (list, set)):
        return type(value)(value)
    return value
