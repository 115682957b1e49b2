"""Against real MTAs from Debian's packages: Postfix as the relay's upstream writing its own
DSN to the VERP return path, and swaks as a client submitting with STARTTLS and AUTH."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from storage.models import Bounce
from tests.conftest import MakeRelay
from tests.support import db, postfix
from tests.support.harness import PASSWORD, Relay, message
from tests.support.process import free_port
from tests.support.upstream import Upstream

# The slow tests run in `make test-all`; the one unmarked here is this file's in `make test`.
SENDER = "news@acme.example"


async def rcpt(relay: Relay, to: str) -> int:
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        code, _ = await smtp.execute_command(b"RCPT", f"TO:<{to}>".encode())
    return code


@pytest.mark.skipif(
    not postfix.available(), reason="Postfix is not installed (apt-get install postfix)"
)
async def test_a_postfix_dsn_reaches_the_bounce_listener_and_suppresses(
    make_relay: MakeRelay,
) -> None:
    port = free_port()
    relay = await make_relay(delivery={"upstream": f"smtp://127.0.0.1:{port}"})
    route = f"bounces.relay.test=smtp:[127.0.0.1]:{relay.service.bounce_port}"
    mta = postfix.Postfix(
        port,
        main={
            "mydestination": "example.test",  # Postfix is final for it and knows no users there
            "transport_maps": "inline:{ " + route + " }",
            "default_transport": "error:no other route in this test",
        },
    )
    await asyncio.to_thread(mta.start)
    try:
        to = "no-such-user@example.test"
        async with relay.client() as smtp:
            await smtp.sendmail(SENDER, [to], message(SENDER, to))
        (copy,) = await db.recipients_of(relay, to)
        assert copy.status == "sent"  # Postfix took it; the failure comes later, as a DSN
        async with asyncio.timeout(30):
            while await rcpt(relay, to) != 550:
                await asyncio.sleep(0.2)
        async with db.store_of(relay).reading() as session:
            (bounce,) = (await session.scalars(select(Bounce).where(Bounce.address == to))).all()
        assert (bounce.verified, bounce.hard, bounce.reason) == (True, True, "user_unknown")
        assert bounce.dsn_status == "5.1.1"
        assert bounce.reporting_mta == "postfix.test"
    finally:
        await asyncio.to_thread(mta.stop)


SWAKS = shutil.which("swaks")


def swaks(relay: Relay, ca_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            "swaks", "--server", "127.0.0.1", "--port", str(relay.port),
            "--from", SENDER, "--to", "bob@example.net",
            "--header", f"From: {SENDER}", "--header", "Subject: from swaks",
            *args,
        ],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.skipif(SWAKS is None, reason="swaks is not installed (apt-get install swaks)")
@pytest.mark.slow
async def test_swaks_submits_with_starttls_and_auth(
    relay: Relay, upstream: Upstream, tmp_path: Path
) -> None:
    ca_file = tmp_path / "ca.pem"
    relay.ca.cert_pem.write_to_path(str(ca_file))
    auth = ["--auth", "PLAIN", "--auth-user", "app@acme", "--auth-password", PASSWORD]
    done = await asyncio.to_thread(
        swaks, relay, ca_file, "--tls", "--tls-verify", "--tls-ca-path", str(ca_file), *auth
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(upstream.to("bob@example.net")) == 1
    without_tls = await asyncio.to_thread(swaks, relay, ca_file, *auth)
    assert without_tls.returncode != 0
    assert len(upstream.to("bob@example.net")) == 1


@pytest.mark.skipif(
    not postfix.available(), reason="Postfix is not installed (apt-get install postfix)"
)
async def test_the_test_beds_postfix_starts_on_a_port_another_socket_holds_for_a_moment() -> None:
    # A port free when it was chosen may be another process's socket when Postfix's master
    # binds it (a full run's bed: "fatal: bind 127.0.0.1 port 41303: Address already in use",
    # then "mail system startup failed"); the master is started again until it is free.
    port = free_port()
    holder = socket.socket()
    holder.bind(("127.0.0.1", port))
    holder.listen()
    asyncio.get_running_loop().call_later(3.0, holder.close)
    mta = postfix.Postfix(port)
    try:
        await asyncio.to_thread(mta.start)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert (await reader.readline()).startswith(b"220 ")
        writer.close()
        await writer.wait_closed()
    finally:
        holder.close()
        await asyncio.to_thread(mta.stop)
