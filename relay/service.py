"""One relay's service: start-up (store, listeners, workers), the serving loop, and a bounded
drain on shutdown. Running it as a process (event loop, signals, exit code) is relay.process."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import ssl
import weakref
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from config import (
    Listen,
    MailboxKind,
    Settings,
    ensure_tls_pair,
    ensure_verp_key,
    redact,
)
from relay import status
from relay.bounce.listener import BounceHandler, bounce_server_factory
from relay.bounce.mailbox import MailboxReader
from relay.bounce.recorder import BounceRecorder
from relay.http.app import relay_app
from relay.http.server import HttpListener, HttpStartError, bind
from relay.instance import Instance
from relay.metrics import RelayMetrics
from relay.send.delivery import Deliverer
from relay.send.guard import PausedAccounts
from relay.send.submission import SubmissionHandler
from relay.send.transports.base import Transport
from relay.send.transports.mx import MxTransport
from relay.send.transports.smarthost import SmarthostTransport
from relay.smtp.factory import protocol_factory
from relay.smtp.limit import ConnectionLimit
from relay.smtp.server import RelaySMTP
from relay.webhooks.dispatcher import Dispatcher
from storage.accounts import NotFound, account_by_name
from storage.engine import Store, StoreUnavailable, open_store
from storage.schema import SchemaOutdated, ensure_schema

log = logging.getLogger(__name__)


class StartupError(Exception):
    """The relay cannot start; the message is one line for the operator."""


def make_transport(settings: Settings) -> Transport:
    """The configured upstream: direct MX delivery or a smarthost."""
    if settings.delivery.upstream.mx:
        return MxTransport(settings)
    return SmarthostTransport(settings)


def server_tls(settings: Settings) -> ssl.SSLContext:
    """The STARTTLS context offered to mail clients."""
    cert, key = ensure_tls_pair(settings)
    # A server context with the ssl module's secure defaults (TLS 1.2 or later, no
    # compression). Not create_default_context(CLIENT_AUTH): that also loads the system's CA
    # bundle, which only a server asking for client certificates uses, at ~40 ms a start.
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    try:
        context.load_cert_chain(cert, key)
    except (OSError, ssl.SSLError) as exc:
        raise StartupError(f"cannot load the TLS certificate {cert} / key {key}: {exc}") from exc
    return context


@dataclass
class RelayService:
    """Owns the store, the listeners and the queue worker of one relay process."""

    settings: Settings
    reuse_port: bool = False  # several worker processes share the listening ports
    dispatch: bool = True  # deliver webhooks here (not when a dispatcher process does)
    should_exit: asyncio.Event = field(default_factory=asyncio.Event)
    store: Store | None = None
    deliverer: Deliverer | None = None
    handler: SubmissionHandler | None = None
    servers: list[asyncio.Server] = field(default_factory=list)
    protocols: weakref.WeakSet[RelaySMTP] = field(default_factory=weakref.WeakSet)
    worker: asyncio.Task[None] | None = None
    instance: Instance | None = None  # this process in the store (see relay.instance)
    heartbeat: asyncio.Task[None] | None = None
    background: list[asyncio.Task[None]] = field(default_factory=list)
    # The open-connection count of each listener, in this process ("submission", "bounce").
    connection_limits: dict[str, ConnectionLimit] = field(default_factory=dict)
    http: HttpListener | None = None  # the API and health check (relay.http)
    metrics: RelayMetrics = field(default_factory=RelayMetrics)

    async def startup(self) -> None:
        """Open the store, check the schema, bind the listeners, start the queue worker."""
        settings = self.settings
        if settings.verp.return_path_domain.endswith(".localhost"):
            log.warning(
                "return-path domain is %s: production needs a real domain whose MX is this "
                "relay's bounce listener (RELAY_RETURN_PATH_DOMAIN)",
                settings.verp.return_path_domain,
            )
        self.store = store = open_store(settings.database.url, checkpoint=True)
        try:
            await ensure_schema(store)
            trusted = await self._trusted_accounts(store)
        except SchemaOutdated as exc:
            raise StartupError(str(exc)) from exc
        except (StoreUnavailable, OSError) as exc:
            shown = redact(settings.database.url)
            raise StartupError(f"cannot open the store {shown}: {exc}") from exc
        key = ensure_verp_key(settings)
        self.instance = instance = Instance(store, timeout=settings.queue.instance_timeout)
        try:
            await instance.register()
        except StoreUnavailable as exc:
            raise StartupError(f"cannot open the store {settings.database.url}: {exc}") from exc
        self.heartbeat = asyncio.create_task(instance.run())
        self.deliverer = Deliverer(
            settings, store, make_transport(settings), key, instance=instance
        )
        self.handler = SubmissionHandler(settings, store, self.deliverer, trusted)
        self.handler.metrics = self.deliverer.metrics = self.metrics
        recorder = BounceRecorder(settings, store, key)
        tls = server_tls(settings)
        await self._listen(tls)
        await self._listen_for_bounces(recorder)
        await self._listen_http(store, tls, self.metrics)
        deliverer, stop = self.deliverer, self.should_exit
        self.worker = asyncio.create_task(
            supervised("queue worker", lambda: deliverer.run_queue(stop), stop)
        )
        if settings.guard.enabled:
            paused = PausedAccounts(store, interval=settings.guard.refresh_interval)
            with contextlib.suppress(StoreUnavailable, OSError):  # its task tries again
                await paused.refresh()
            self.handler.paused = paused
            self.background.append(asyncio.create_task(paused.run(stop)))
        if self.dispatch:
            dispatcher = Dispatcher(settings, store, key, holder=lambda: instance.id)
            self.background.append(
                asyncio.create_task(
                    supervised("webhook dispatcher", lambda: dispatcher.run(stop), stop)
                )
            )
        if settings.mailbox.kind is not MailboxKind.NONE:
            reader = MailboxReader(settings, recorder)
            self.background.append(asyncio.create_task(reader.run(self.should_exit)))
        reporting = status.report(
            settings.data_dir,
            self.connection_limits,
            settings.server.status_interval,
            self.should_exit,
        )
        self.background.append(asyncio.create_task(reporting))
        tracking = self.metrics.track_connections(self.connection_limits, self.should_exit)
        self.background.append(asyncio.create_task(tracking))
        log.info(
            "relay listening on %s (upstream %s, event loop %s)",
            settings.server.submission_listen,
            settings.delivery.upstream,
            type(asyncio.get_running_loop()).__module__.partition(".")[0],
        )

    async def _trusted_accounts(
        self, store: Store
    ) -> dict[ipaddress.IPv4Network | ipaddress.IPv6Network, int]:
        found = {}
        async with store.reading() as session:
            for item in self.settings.server.trusted_networks:
                try:
                    found[item.network] = (await account_by_name(session, item.account)).id
                except NotFound as exc:
                    raise StartupError(
                        f"configuration error: server.trusted_networks: {exc}"
                    ) from exc
        return found

    async def _listen(self, tls: ssl.SSLContext) -> None:
        settings, handler = self.settings.server, self.handler
        assert handler is not None
        limit = self.connection_limits["submission"] = ConnectionLimit(settings.max_connections)

        build = protocol_factory(
            handler,
            limit=limit,
            hostname=settings.hostname,
            ident="bounce-relay",
            data_size_limit=settings.max_message_size,
            enable_SMTPUTF8=True,
            decode_data=False,
            tls_context=tls,
            require_starttls=False,
            auth_required=False,
            auth_require_tls=True,
            timeout=settings.idle_timeout,
            data_block_timeout=settings.data_block_timeout,
            data_end_timeout=settings.data_end_timeout,
        )

        def factory() -> RelaySMTP:
            protocol = build()
            self.protocols.add(protocol)
            return protocol

        await self._bind(settings.submission_listen, factory)

    async def _listen_for_bounces(self, recorder: BounceRecorder) -> None:
        settings = self.settings
        limit = ConnectionLimit(settings.server.max_connections)
        self.connection_limits["bounce"] = limit
        factory = bounce_server_factory(
            settings,
            BounceHandler(settings, recorder),
            limit,
        )
        await self._bind(settings.server.bounce_listen, factory)

    async def _listen_http(self, store: Store, tls: ssl.SSLContext, metrics: RelayMetrics) -> None:
        settings = self.settings
        if settings.http.listen is None:
            return
        try:
            sock = bind(settings.http.listen, reuse_port=self.reuse_port)
            self.http = HttpListener(
                relay_app(settings, store, metrics=metrics),
                sock,
                tls=tls if settings.http.uses_tls else None,
                drain_timeout=settings.server.drain_timeout,
                max_connections=settings.server.max_connections,
            )
            await self.http.start()
        except HttpStartError as exc:
            raise StartupError(str(exc)) from exc

    async def _bind(self, listen: Listen, factory: Callable[[], asyncio.Protocol]) -> None:
        """Listen on ``listen``; a port that cannot be bound is a start-up failure."""
        try:
            server = await asyncio.get_running_loop().create_server(
                factory,
                host=listen.host,
                port=listen.port,
                reuse_address=True,
                reuse_port=self.reuse_port or None,
            )
        except OSError as exc:
            raise StartupError(f"cannot listen on {listen}: {exc.strerror}") from exc
        self.servers.append(server)

    @property
    def bounce_port(self) -> int:
        """The bound port of the bounce listener."""
        return int(self.servers[1].sockets[0].getsockname()[1])

    @property
    def submission_port(self) -> int:
        """The bound port (useful when configured as 0)."""
        return int(self.servers[0].sockets[0].getsockname()[1])

    async def serve(self) -> None:
        """Run until asked to exit, then shut down."""
        try:
            await self.should_exit.wait()
        finally:
            await self.shutdown()

    async def shutdown(self) -> None:
        """Stop accepting, let in-flight work finish within the drain timeout, queue the rest."""
        self.should_exit.set()
        for server in self.servers:
            server.close()
        handler, deliverer = self.handler, self.deliverer
        drain = self.settings.server.drain_timeout
        pending: set[asyncio.Task[None]] = set(handler.inline) if handler else set()
        if self.worker is not None:
            pending.add(self.worker)
        pending.update(self.background)
        if self.http is not None:
            pending.add(asyncio.create_task(self.http.stop()))
        if pending:
            _done, late = await asyncio.wait(pending, timeout=drain)
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=5)
        if self.http is not None:
            await self.http.abort()  # if the drain ran out first
        if deliverer is not None:
            with contextlib.suppress(StoreUnavailable):
                await deliverer.release_in_flight()
            await deliverer.close()
        await self._deregister()
        for protocol in list(self.protocols):
            if protocol.transport is not None:
                protocol.transport.close()
        for server in self.servers:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(server.wait_closed(), timeout=2)
        if self.store is not None:
            await self.store.close()

    async def _deregister(self) -> None:
        """Stop the heartbeat and remove this instance's row: it holds nothing any more."""
        if self.heartbeat is not None:
            self.heartbeat.cancel()
            await asyncio.gather(self.heartbeat, return_exceptions=True)
        if self.instance is not None:
            with contextlib.suppress(StoreUnavailable):
                await self.instance.deregister()


async def supervised(
    name: str,
    run: Callable[[], Coroutine[Any, Any, None]],
    stop: asyncio.Event,
    *,
    pause: float = 1.0,
) -> None:
    """Run ``run()`` until ``stop`` is set, starting it again (after ``pause`` seconds) each
    time it ends early or fails: one bug must not leave deferred mail unretried until a restart."""
    while not stop.is_set():
        try:
            await run()
        except Exception:
            log.exception("%s failed; restarting it", name)
        else:
            if stop.is_set():
                return
            log.error("%s ended unexpectedly; restarting it", name)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=pause)
