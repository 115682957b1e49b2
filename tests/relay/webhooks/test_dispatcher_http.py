"""What the dispatcher's HTTP client puts on the wire, read by a raw socket server on the
loopback: the request line and headers a receiver relies on (the endpoint's own Host, the
Standard Webhooks headers, no cookie carried from an answer to the next request), one
kept-alive connection for an address's events, redirects refused and a silent endpoint
given up after the timeout, each attempt logged and the event kept for its retry."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import pytest
from standardwebhooks import Webhook

from config import async_database_url
from config.settings import WebhookSettings
from relay.webhooks.dispatcher import Dispatcher
from relay.webhooks.targets import parse_target, resolve
from storage import webhooks
from storage.engine import Store, open_store
from storage.schema import ensure_schema
from tests.support.api import SETTINGS
from tests.support.webhooks import endpoint_with_events

KEY = b"k" * 32


@dataclass
class Request:
    connection: int
    line: str
    headers: dict[str, str]
    body: bytes


@dataclass
class RawServer:
    """Reads HTTP/1.1 requests off each connection and answers each with ``answer(request)``
    (the raw bytes of a response; None: say nothing and keep the connection open)."""

    answer: Callable[[Request], bytes | None]
    requests: list[Request] = field(default_factory=list)
    connections: int = 0

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        connection = self.connections
        try:
            while head := await reader.readuntil(b"\r\n\r\n"):
                line, *fields = head.decode("latin-1").split("\r\n")[:-2]
                headers = {}
                for f in fields:
                    name, _, value = f.partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                request = Request(connection, line, headers, body)
                self.requests.append(request)
                reply = self.answer(request)
                if reply is None:
                    await reader.read()  # silent until the client gives up
                    return
                writer.write(reply)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def no_content(extra: str = "") -> Callable[[Request], bytes]:
    return lambda _request: f"HTTP/1.1 204 No Content\r\n{extra}\r\n".encode()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    made = open_store(async_database_url(database_url))
    await ensure_schema(made)
    yield made
    await made.close()


async def serving(raw: RawServer, host: str) -> tuple[asyncio.Server, int]:
    server = await asyncio.start_server(raw.serve, host, 0)
    return server, server.sockets[0].getsockname()[1]


def dispatcher(store: Store, timeout: float = 5.0) -> Dispatcher:
    hooked = WebhookSettings(allow_private=True, retry_schedule=(30.0,), timeout=timeout)
    return Dispatcher(SETTINGS.model_copy(update={"webhooks": hooked}), store, KEY)


async def logged(store: Store, endpoint_id: int) -> list[webhooks.AttemptInfo]:
    async with store.reading() as session:
        return await webhooks.attempts_log(session, endpoint_id)


async def waiting(store: Store) -> int:
    async with store.reading() as session:
        return await webhooks.outbox_depth(session)


async def test_the_request_on_the_wire_and_one_connection_for_an_address(store: Store) -> None:
    # An answer setting a cookie: a client keeping cookies would send it back next time.
    raw = RawServer(no_content("Set-Cookie: session=abc; Path=/\r\n"))
    address = await resolve(parse_target("http://localhost/"), allow_private=True)
    server, port = await serving(raw, str(address))
    try:
        url = f"http://localhost:{port}/hooks?tenant=7"
        endpoint_id, secret = await endpoint_with_events(store, url, ["a@example.net"] * 3, key=KEY)
        hooks = dispatcher(store)
        async with hooks.client() as client:
            assert await hooks.deliver_due(client) == 3
    finally:
        server.close()
        await server.wait_closed()

    assert [r.line for r in raw.requests] == ["POST /hooks?tenant=7 HTTP/1.1"] * 3
    assert {r.connection for r in raw.requests} == {1}  # kept alive, in order
    verify = Webhook(secret)
    for n, request in enumerate(raw.requests):
        headers = request.headers
        assert headers["host"] == f"localhost:{port}"  # the endpoint's name, not the address
        assert headers["user-agent"] == "bounce-relay-webhooks/1"
        assert headers["content-type"] == "application/json"
        assert headers["accept-encoding"] == "identity"  # its body is never read
        assert "cookie" not in headers
        assert verify.verify(request.body, headers)["data"]["n"] == n
        assert headers["webhook-id"]
        assert headers["webhook-timestamp"].isdigit()
    assert [a.status_code for a in await logged(store, endpoint_id)] == [204] * 3
    assert await waiting(store) == 0


async def test_a_redirect_is_not_followed(store: Store) -> None:
    elsewhere = RawServer(no_content())
    other, other_port = await serving(elsewhere, "127.0.0.1")
    moved = f"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:{other_port}/x\r\n"
    raw = RawServer(lambda _request: (moved + "Content-Length: 0\r\n\r\n").encode())
    server, port = await serving(raw, "127.0.0.1")
    try:
        endpoint_id, _ = await endpoint_with_events(
            store, f"http://127.0.0.1:{port}/hooks", ["a@example.net"], key=KEY
        )
        hooks = dispatcher(store)
        async with hooks.client() as client:
            assert await hooks.deliver_due(client) == 1
    finally:
        for s in (server, other):
            s.close()
            await s.wait_closed()

    assert len(raw.requests) == 1
    assert elsewhere.requests == []
    [attempt] = await logged(store, endpoint_id)
    assert (attempt.status_code, attempt.error) == (307, "HTTP 307")
    assert await waiting(store) == 1  # kept for its retry


async def test_a_silent_endpoint_is_given_up_after_the_timeout(store: Store) -> None:
    raw = RawServer(lambda _request: None)
    server, port = await serving(raw, "127.0.0.1")
    try:
        endpoint_id, _ = await endpoint_with_events(
            store, f"http://127.0.0.1:{port}/hooks", ["a@example.net", "a@example.net"], key=KEY
        )
        hooks = dispatcher(store, timeout=1.0)
        async with asyncio.timeout(10), hooks.client() as client:
            assert await hooks.deliver_due(client) == 2  # the second one waits for the first
    finally:
        server.close()
        await server.wait_closed()

    # One connection: the second event was not sent beside the first. Whether the server had
    # read the first request's bytes when the client gave up depends on the scheduler (a full
    # run on 3 processes once recorded the connection and no request), so it is not asserted.
    assert raw.connections == 1
    assert len(raw.requests) <= 1
    [attempt] = await logged(store, endpoint_id)
    assert attempt.status_code is None
    assert attempt.error is not None
    assert "Timeout" in attempt.error
    assert 900 <= attempt.duration_ms < 5000
    assert await waiting(store) == 2
