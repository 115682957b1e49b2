"""The HTTP listener of ``relay serve``: uvicorn serving the app on the relay's own event loop.

The relay binds the socket itself (SO_REUSEPORT when workers share the port, as for SMTP) and
owns the signals: uvicorn's own handlers would replace the ones that drain SMTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
from collections.abc import Generator

import uvicorn
from starlette.applications import Starlette

from config import Listen

log = logging.getLogger(__name__)

STARTUP_TIMEOUT = 10.0  # seconds uvicorn may take to start serving on a bound socket


class HttpStartError(Exception):
    """The listener cannot start; one line for the operator."""


class _Server(uvicorn.Server):
    """uvicorn's server without its signal handlers: the relay's own stop it."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


def bind(listen: Listen, *, reuse_port: bool) -> socket.socket:
    """A listening TCP socket on ``listen``; HttpStartError when it cannot be bound."""
    family = socket.AF_INET6 if ":" in listen.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((listen.host, listen.port))
        sock.listen(1024)
        sock.setblocking(False)
    except OSError as exc:
        sock.close()
        raise HttpStartError(f"cannot listen on {listen} (http): {exc.strerror or exc}") from exc
    return sock


class HttpListener:
    """One uvicorn server on an already bound socket, started and stopped by the relay."""

    def __init__(
        self,
        app: Starlette,
        sock: socket.socket,
        *,
        tls: ssl.SSLContext | None,
        drain_timeout: float,
        max_connections: int | None = None,
    ) -> None:
        config = uvicorn.Config(
            app,
            # beyond it a request is answered 503 at once, as SMTP answers 421
            limit_concurrency=max_connections,
            lifespan="off",
            log_config=None,
            access_log=False,
            server_header=False,
            proxy_headers=False,
            ws="none",
            timeout_graceful_shutdown=max(1, round(drain_timeout)),
        )
        self.port = int(sock.getsockname()[1])
        self.tls = tls is not None
        self._tls = tls
        self._sock = sock
        self._server = _Server(config)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Serve in a task of the running loop; HttpStartError if uvicorn does not start."""
        config = self._server.config
        config.load()
        # our own context (the STARTTLS pair), not one uvicorn builds from file names
        config.ssl = self._tls
        self._task = asyncio.create_task(self._server.serve(sockets=[self._sock]))
        async with asyncio.timeout(STARTUP_TIMEOUT):
            while not self._server.started:
                if self._task.done():
                    error = self._task.exception()
                    raise HttpStartError(f"the HTTP listener did not start: {error!r}")
                await asyncio.sleep(0.01)

    async def stop(self) -> None:
        """Stop accepting, let requests under way finish (uvicorn's graceful timeout)."""
        if self._task is None:
            self._sock.close()
            return
        self._server.should_exit = True
        timeout = self._server.config.timeout_graceful_shutdown or 1
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout=timeout + 2)
        except TimeoutError:
            self._server.force_exit = True
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        except Exception:
            log.exception("the HTTP listener failed while stopping")

    async def abort(self) -> None:
        """Stop at once: requests still under way are cut off (after the drain ran out)."""
        if self._task is None or self._task.done():
            return
        self._server.should_exit = self._server.force_exit = True
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)
