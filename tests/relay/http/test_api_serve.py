"""`relay serve` as a process serves HTTP next to SMTP (in every worker), with tokens made by
`relay tokens add` (printed once, stored hashed, audited) and revoked by `relay tokens revoke`."""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from storage import admin
from storage.engine import open_store, utcnow
from storage.models import Role
from tests.support.cli import invoke
from tests.support.harness import add_account, base_sections, load, write_config
from tests.support.process import RelayProcess, free_port
from tests.support.upstream import Upstream


@dataclass
class Served:
    config: Path
    http: str  # base URL of the HTTP listener
    process: RelayProcess
    sections: dict[str, dict[str, Any]]
    data_dir: Path


@pytest.fixture
async def configured(
    tmp_path: Path, tls_files: tuple[Path, Path], upstream: Upstream, database_url: str
) -> AsyncIterator[Served]:
    """A configuration with the accounts acme and other, users root, ann (acme), vic (acme,
    viewer) and olga (other); the relay not started yet."""
    sections = base_sections(tmp_path, *tls_files, upstream.port, database_url)
    port, http_port = free_port(), free_port()
    sections["server"]["submission_listen"] = f"127.0.0.1:{port}"
    sections["server"]["bounce_listen"] = f"127.0.0.1:{free_port()}"
    sections["http"] = {"listen": f"127.0.0.1:{http_port}"}
    settings = load(tmp_path, sections)
    await add_account(settings, "acme", "acme.example", "app@acme")
    await add_account(settings, "other", "other.example", "app@other")
    config = write_config(tmp_path / "relay.toml", sections, {"data_dir": str(tmp_path / "var")})
    store = open_store(settings.database.url, pool_size=1)
    try:
        async with store.transaction() as session:
            for name, role, account in [
                ("root", Role.OPERATOR, None),
                ("ann", Role.SUPER_ADMIN, "acme"),
                ("vic", Role.VIEWER, "acme"),
                ("olga", Role.SUPER_ADMIN, "other"),
            ]:
                await admin.add_user(session, name, role, account, now=utcnow())
    finally:
        await store.close()
    process = RelayProcess(config, port)
    yield Served(config, f"http://127.0.0.1:{http_port}", process, sections, tmp_path / "var")
    await process.kill()


async def run_cli(config: Path, *args: str) -> tuple[int, str, str]:
    """``relay --config CONFIG ARGS`` in this process (click's CliRunner) in a thread, beside the
    relay serving as a real process: exit code, stdout and stderr."""
    done = await asyncio.to_thread(invoke, ("--config", str(config), *args), env={})
    return done.returncode, done.stdout, done.stderr


async def make_token(config: Path, user: str, *args: str) -> str:
    code, out, err = await run_cli(config, "tokens", "add", user, *args)
    assert code == 0, err
    return out.strip().splitlines()[-1]


async def test_tokens_from_the_cli_work_against_relay_serve_until_revoked(
    configured: Served,
) -> None:
    config = configured.config
    secret = await make_token(config, "ann", "--name", "crm", "--expires", "30", "--as", "root")
    assert secret.startswith("brt_")
    own = await make_token(config, "vic", "--as", "ann")  # a super admin of vic's account
    refusals = [
        await run_cli(config, "tokens", "add", "ann", "--as", "olga"),  # another account
        await run_cli(config, "tokens", "add", "ann", "--as", "vic"),  # a viewer
        await run_cli(config, "tokens", "add", "root", "--as", "ann"),  # an operator's token
        await run_cli(config, "tokens", "add", "ann"),  # nobody named
    ]
    assert [code for code, _, _ in refusals] == [3, 3, 3, 1]
    assert all(out == "" for _, out, _ in refusals)
    code, listed, _ = await run_cli(config, "tokens", "list", "--json")
    assert code == 0
    rows = [json.loads(line) for line in listed.splitlines()]
    assert [(r["user"], r["name"], r["state"]) for r in rows] == [
        ("ann", "crm", "active"),
        ("vic", "", "active"),
    ]
    assert secret not in listed
    assert own not in listed

    await configured.process.start()
    async with httpx.AsyncClient(base_url=configured.http, timeout=30) as http:
        health = await http.get("/healthz")
        anonymous = await http.get("/api/v1/suppressions", params={"account": "acme"})
        headers = {"Authorization": f"Bearer {secret}"}
        added = await http.post(
            "/api/v1/suppressions",
            json={"account": "acme", "address": "stop@serve.test"},
            headers=headers,
        )
        code, _, err = await run_cli(config, "tokens", "revoke", str(rows[0]["id"]), "--as", "ann")
        assert code == 0, err
        after = await http.get("/api/v1/suppressions", headers=headers)
    assert health.json() == {"status": "ok"}
    assert anonymous.status_code == 401
    assert added.status_code == 201
    assert after.status_code == 401  # revoked: refused at once by the running relay
    code, audit, _ = await run_cli(config, "audit", "--json")
    actions = [(e["actor"], e["action"]) for e in map(json.loads, audit.splitlines())]
    assert ("root", "token_add") in actions
    assert ("ann", "token_add") in actions
    assert ("ann", "token_revoke") in actions
    assert ("ann", "suppression_add") in actions
    again = await run_cli(config, "tokens", "revoke", str(rows[0]["id"]), "--as", "ann")
    assert again[0] == 1
    assert "already revoked" in again[2]

    await configured.process.signal(signal.SIGTERM)
    code, _ = await configured.process.wait()
    assert code == 0


@pytest.mark.slow
@pytest.mark.parametrize("loop", ["uvloop", "asyncio"])
async def test_every_worker_serves_http_on_the_shared_port(configured: Served, loop: str) -> None:
    configured.process.extra = ("--workers", "2")
    configured.sections["server"]["event_loop"] = loop
    write_config(configured.config, configured.sections, {"data_dir": str(configured.data_dir)})
    await configured.process.start()
    async with httpx.AsyncClient(base_url=configured.http, timeout=30) as http:
        for _ in range(20):
            # a fresh connection each time: the kernel spreads them over the workers
            answer = await http.get("/healthz", headers={"Connection": "close"})
            assert answer.status_code == 200
    await configured.process.signal(signal.SIGTERM)
    code, stderr = await configured.process.wait()
    assert code == 0, stderr.decode()[-2000:]


@pytest.mark.slow
async def test_a_taken_http_port_is_a_start_up_failure(configured: Served) -> None:
    host, _, port = configured.http.removeprefix("http://").partition(":")
    blocker = await asyncio.start_server(lambda r, w: None, host, int(port))
    try:
        await configured.process.launch()
        code, stderr = await configured.process.wait()
    finally:
        blocker.close()
        await blocker.wait_closed()
    assert code == 3
    assert f"cannot listen on {host}:{port} (http)" in stderr.decode()
