"""The bounce-rate guard: an account whose copies bounce too often is warned, then paused
(451 4.7.1 at MAIL and RCPT) until an operator resumes it with a fresh window."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import aiosmtplib
import pytest

from storage.webhooks import EventType
from tests.conftest import MakeRelay
from tests.support.cli import relay_cmd
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import SENDER, register, wait_until

GUARD = {"window": 10, "refresh_interval": 0.1}
HOOKS = {"allow_private": True, "retry_schedule": [0.2], "poll_interval": 0.1}
PAUSED = "4.7.1 sending paused: bounce rate 10.0% over the last 10 copies"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.start()
    yield made
    made.stop()


async def send_each(relay: Relay, addresses: list[str]) -> None:
    async with relay.client() as smtp:
        for to in addresses:
            await smtp.sendmail(SENDER, [to], message(SENDER, to))


async def mail_reply(relay: Relay) -> tuple[int, str]:
    async with relay.client() as smtp:
        reply = await smtp.mail(SENDER)
        return reply.code, reply.message


async def test_pause_then_resume(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver, tmp_path: Path
) -> None:
    relay = await make_relay(guard=GUARD, webhooks=HOOKS)
    await register(relay.settings, receiver, events=[EventType.ACCOUNT_WARNING])
    assert (await relay_cmd(tmp_path, "users", "add", "root", "--role", "operator")).returncode == 0
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    # Nine good copies, then one bounce: 1 in 10 is the pause rate, on a full window.
    await send_each(relay, [f"r{n}@example.net" for n in range(9)])
    assert await mail_reply(relay) == (250, "2.1.0 Sender OK")
    await send_each(relay, ["gone@example.net"])

    await wait_until(lambda: len(receiver.arrivals) == 1)
    warning = receiver.arrivals[0]
    assert warning.type == "account.warning"
    assert warning.data["level"] == "paused"
    assert warning.data["bounce_rate"] == pytest.approx(0.1)
    async with asyncio.timeout(10):
        while (refusal := await _refusal(relay)) is None:
            await asyncio.sleep(0.1)
    assert refusal.code == 451
    assert refusal.message == PAUSED
    listed = await relay_cmd(tmp_path, "accounts", "list", "--json")
    assert '"guard": "paused: bounce rate 10.0% over the last 10 copies' in listed.stdout

    made = await relay_cmd(
        tmp_path, "users", "add", "ann", "--account", "acme", "--role", "super_admin",
        "--as", "root",
    )  # fmt: skip
    assert made.returncode == 0
    denied = await relay_cmd(tmp_path, "accounts", "resume", "acme", "--as", "ann")
    assert denied.returncode == 3
    assert "only an operator may do this" in denied.stderr
    resumed = await relay_cmd(tmp_path, "accounts", "resume", "acme", "--as", "root")
    assert resumed.returncode == 0, resumed.stderr
    assert "was paused: bounce rate 10.0%" in resumed.stdout
    async with asyncio.timeout(10):
        while await _refusal(relay) is not None:
            await asyncio.sleep(0.1)
    # A fresh window: the old bounce no longer counts, so one more bounce does not pause.
    await send_each(relay, ["gone2@example.net"])
    upstream.rcpt_replies["gone2@example.net"] = "550 5.1.1 User unknown"
    assert await mail_reply(relay) == (250, "2.1.0 Sender OK")
    audit = await relay_cmd(tmp_path, "audit", "--json")
    assert '"action": "account_resume"' in audit.stdout


async def _refusal(relay: Relay) -> aiosmtplib.SMTPSenderRefused | None:
    try:
        await mail_reply(relay)
    except aiosmtplib.SMTPSenderRefused as exc:
        return exc
    return None


async def test_rcpt_of_a_session_open_before_the_pause_is_refused(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(guard=GUARD)
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    await send_each(relay, [f"r{n}@example.net" for n in range(9)])
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        await send_each(relay, ["gone@example.net"])
        async with asyncio.timeout(10):
            while True:
                code, text = await smtp.execute_command(b"RCPT", b"TO:<late@example.net>")
                if code != 250:
                    break
                await asyncio.sleep(0.1)
    assert (code, text) == (451, PAUSED)


async def test_a_warning_does_not_pause(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    relay = await make_relay(guard={**GUARD, "window": 20}, webhooks=HOOKS)
    await register(relay.settings, receiver, events=[EventType.ACCOUNT_WARNING])
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    await send_each(relay, [*(f"r{n}@example.net" for n in range(19)), "gone@example.net"])
    await wait_until(lambda: len(receiver.arrivals) == 1)
    assert receiver.arrivals[0].data["level"] == "warning"
    assert receiver.arrivals[0].data["detail"] == "bounce rate 5.0% over the last 20 copies"
    await asyncio.sleep(0.3)  # past the refresh interval
    assert await mail_reply(relay) == (250, "2.1.0 Sender OK")


async def test_a_window_not_yet_full_does_nothing(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    relay = await make_relay(guard=GUARD)
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    await send_each(relay, ["gone@example.net", *(f"r{n}@example.net" for n in range(3))])
    await asyncio.sleep(0.3)
    assert await mail_reply(relay) == (250, "2.1.0 Sender OK")
