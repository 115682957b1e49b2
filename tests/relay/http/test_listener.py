"""The HTTP listener: uvicorn serving the app on the running loop over a real socket, the
health check, problem documents for every error (never a traceback), TLS, a graceful stop."""

from __future__ import annotations

import asyncio
import ssl
from pathlib import Path

import httpx
import pytest
import trustme
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from config import Listen
from relay.http.app import build_app, relay_app
from relay.http.openapi import PATHS, build_document
from relay.http.server import HttpListener, HttpStartError, bind
from storage.engine import Store, open_store
from tests.conftest import MakeRelay
from tests.support.api import SETTINGS, Api, problem_type, served


async def test_healthz_answers_ok_without_a_token(api: Api) -> None:
    async with api.client() as http:
        answer = await http.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


async def test_healthz_is_503_when_the_store_does_not_answer() -> None:
    # a PostgreSQL URL on a port nobody listens on: every connection is refused
    dead = open_store("postgresql+asyncpg://relay:relay@127.0.0.1:9/none")
    try:
        async with served(SETTINGS, dead) as listener, httpx.AsyncClient() as http:
            answer = await http.get(f"http://127.0.0.1:{listener.port}/healthz")
    finally:
        await dead.close()
    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable"}


async def test_unknown_path_and_wrong_method_are_problem_documents(api: Api) -> None:
    async with api.client() as http:
        missing = await http.get("/api/v1/nothing-here")
        wrong = await http.delete("/healthz")
    assert (missing.status_code, problem_type(missing)) == (404, "not-found")
    assert (wrong.status_code, problem_type(wrong)) == (405, "method-not-allowed")


async def failing(request: Request) -> Response:
    raise RuntimeError("secret internals /etc/relay/key.pem")


async def slow(request: Request) -> Response:
    await asyncio.sleep(float(request.query_params["seconds"]))
    return JSONResponse({"done": True})


async def test_a_bug_is_a_500_problem_without_its_traceback(store: Store) -> None:
    app = build_app(SETTINGS, store, extra_routes=[Route("/boom", failing)])
    sock = bind(Listen(host="127.0.0.1", port=0), reuse_port=False)
    listener = HttpListener(app, sock, tls=None, drain_timeout=2)
    await listener.start()
    try:
        async with httpx.AsyncClient() as http:
            answer = await http.get(f"http://127.0.0.1:{listener.port}/boom")
            after = await http.get(f"http://127.0.0.1:{listener.port}/healthz")
    finally:
        await listener.stop()
    assert (answer.status_code, problem_type(answer)) == (500, "internal")
    assert "secret internals" not in answer.text
    assert after.status_code == 200  # the server lives on


async def test_stop_lets_a_request_under_way_finish_and_then_refuses(store: Store) -> None:
    app = build_app(SETTINGS, store, extra_routes=[Route("/slow", slow)])
    sock = bind(Listen(host="127.0.0.1", port=0), reuse_port=False)
    listener = HttpListener(app, sock, tls=None, drain_timeout=5)
    await listener.start()
    url = f"http://127.0.0.1:{listener.port}"
    async with httpx.AsyncClient() as http:
        under_way = asyncio.create_task(http.get(f"{url}/slow", params={"seconds": "1.0"}))
        await asyncio.sleep(0.3)
        await listener.stop()
        answer = await under_way
    assert answer.json() == {"done": True}
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient() as http:
            await http.get(f"{url}/healthz")


async def test_a_port_in_use_is_a_one_line_start_up_error() -> None:
    with bind(Listen(host="127.0.0.1", port=0), reuse_port=False) as taken:
        port = taken.getsockname()[1]
        with pytest.raises(HttpStartError, match=rf"cannot listen on 127.0.0.1:{port} \(http\)"):
            bind(Listen(host="127.0.0.1", port=port), reuse_port=False)


async def test_tls_with_the_relays_certificate(
    store: Store, ca: trustme.CA, tls_files: tuple[Path, Path]
) -> None:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*tls_files)
    sock = bind(Listen(host="127.0.0.1", port=0), reuse_port=False)
    listener = HttpListener(build_app(SETTINGS, store), sock, tls=context, drain_timeout=2)
    await listener.start()
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    try:
        async with httpx.AsyncClient(verify=client_context) as http:
            answer = await http.get(f"https://127.0.0.1:{listener.port}/healthz")
        async with httpx.AsyncClient() as http:
            with pytest.raises(httpx.RemoteProtocolError):
                await http.get(f"http://127.0.0.1:{listener.port}/healthz")
    finally:
        await listener.stop()
    assert answer.status_code == 200


async def test_the_openapi_document_describes_every_route_and_problem(api: Api) -> None:
    async with api.client() as http:
        document = (await http.get("/api/v1/openapi.json")).json()
    assert document == build_document()
    app = relay_app(SETTINGS, api.store)  # what `relay serve` runs
    served_routes = set()
    for route in app.routes:
        if (
            isinstance(route, Mount)
            or route.path == "/"
            or not route.path.startswith(("/api/", "/healthz"))
        ):
            continue  # the dashboard's pages and assets are no part of the API
        assert isinstance(route, Route)
        path = route.path.replace(":path}", "}").replace(":int}", "}")
        served_routes |= {(path, m.lower()) for m in route.methods or () if m != "HEAD"}
    described = {(path, method) for path, ops in PATHS.items() for method in ops}
    assert served_routes == described
    types = {p["type"].rsplit("/", 1)[1] for p in document["x-problem-types"]}
    assert {"unauthorized", "role", "unbounce-quota", "unbounce-once", "global-tier"} <= types


async def test_the_relay_serves_https_when_told_to_even_on_loopback(make_relay: MakeRelay) -> None:
    relay = await make_relay(http={"listen": "127.0.0.1:0", "tls": "on"})
    assert relay.service.http is not None
    url = f"https://127.0.0.1:{relay.service.http.port}/healthz"
    async with httpx.AsyncClient(verify=relay.client_tls()) as http:
        answer = await http.get(url)
    assert answer.json() == {"status": "ok"}


async def test_the_relay_serves_no_http_when_listen_is_empty(make_relay: MakeRelay) -> None:
    relay = await make_relay(http={"listen": ""})
    assert relay.service.http is None
