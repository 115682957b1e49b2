"""The open client connections of one listener, and its cap."""

from __future__ import annotations


class ConnectionLimit:
    """The open client connections of one listener in this process, and its cap.

    A connection is counted from its protocol's first ``connection_made`` and released once,
    by ``RelaySMTP._release``, whichever comes first of the transport's ``connection_lost``
    and the end of the session's task (which closes the socket): so the count cannot drift,
    whatever the event loop and however the connection ends.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0
        self.refused = 0  # connections answered 421 since start

    def admit(self) -> bool:
        """Count one connection more, or False when ``limit`` are open."""
        if self.open >= self.limit:
            self.refused += 1
            return False
        self.open += 1
        return True

    def release(self) -> None:
        """Count one connection less."""
        self.open -= 1
