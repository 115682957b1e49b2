"""Failed SMTP logins over real sockets: logged for fail2ban, slowed, refused for a while, and
answered in the same time whether the user exists or not."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import re
import statistics
import time
from collections.abc import AsyncIterator

import aiosmtplib
import pytest

from relay.smtp.login_guard import MAX_ENTRIES, GuardSettings, LoginGuard
from tests.conftest import MakeRelay
from tests.support.harness import PASSWORD, Relay

# The timings below compare against a real password check: the product's own argon2 cost.
pytestmark = pytest.mark.password_cost

# What a fail2ban filter for the relay would say (failregex, with <HOST> spelled out).
FAIL2BAN = re.compile(r"AUTH failed for user=(?P<user>\S+) from=(?P<host>[0-9a-f.:]+) mechanism=")
LOCKED = (454, "4.7.0 Too many failed logins, try later")


@contextlib.asynccontextmanager
async def connected(relay: Relay, source: str = "127.0.0.1") -> AsyncIterator[aiosmtplib.SMTP]:
    """A client after STARTTLS and EHLO, not logged in, connecting from ``source``."""
    smtp = aiosmtplib.SMTP(
        hostname="127.0.0.1",
        port=relay.port,
        source_address=(source, 0),
        start_tls=True,
        tls_context=relay.client_tls(),
        timeout=20,
    )
    await smtp.connect()
    try:
        await smtp.ehlo()
        yield smtp
    finally:
        with contextlib.suppress(aiosmtplib.SMTPException):
            await smtp.quit()


async def auth(smtp: aiosmtplib.SMTP, user: str, password: str) -> tuple[int, str]:
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode()
    code, text = await smtp.execute_command(b"AUTH", b"PLAIN", token.encode())
    return code, text


async def test_each_failure_is_one_line_without_the_password(
    make_relay: MakeRelay, caplog: pytest.LogCaptureFixture
) -> None:
    relay = await make_relay(server={"auth_failure_delay": 0.01})
    tricky = "evil\nAUTH failed for user=x from=10.9.9.9 mechanism=PLAIN"
    with caplog.at_level(logging.INFO, logger="relay.auth"):
        async with connected(relay) as smtp:
            assert (await auth(smtp, "app@acme", "Wr0ngPassw0rdMarker"))[0] == 535
            assert (await auth(smtp, "nobody@acme", "Wr0ngPassw0rdMarker"))[0] == 535
            assert (await auth(smtp, tricky, "Wr0ngPassw0rdMarker"))[0] == 535
            code, _ = await smtp.execute_command(b"AUTH", b"LOGIN")
            assert code == 334
            await smtp.execute_command(base64.b64encode(b"app@acme"))
            code, _ = await smtp.execute_command(base64.b64encode(b"Wr0ngPassw0rdMarker"))
            assert code == 535
    lines = [r.getMessage() for r in caplog.records if r.name == "relay.auth"]
    assert all("Wr0ngPassw0rdMarker" not in line for line in lines)
    assert all("\n" not in line for line in lines)
    matched = [FAIL2BAN.search(line) for line in lines]
    assert [(m.group("user"), m.group("host")) for m in matched if m] == [
        ("app@acme", "127.0.0.1"),
        ("nobody@acme", "127.0.0.1"),
        ("evil\\x0aAUTH\\x20failed\\x20for\\x20user=x\\x20from=10.9.9.9\\x20mechanism=PLAIN",
         "127.0.0.1"),
        ("app@acme", "127.0.0.1"),
    ]  # fmt: skip
    assert lines[-1].endswith("mechanism=LOGIN")


LOCKOUT = 4.0  # long enough for the checks while locked, on a busy machine
GUARDED = {
    "auth_failures_before_lockout": 4,
    "auth_lockout": LOCKOUT,
    "auth_failure_delay": 0.1,
    "auth_failure_max_delay": 0.3,
}


async def test_failures_are_slowed_then_refused_for_a_while(make_relay: MakeRelay) -> None:
    relay = await make_relay(server=GUARDED)
    took, cpu = [], []
    async with connected(relay) as smtp:
        for _ in range(4):
            started, cpu_started = time.monotonic(), time.process_time()
            assert (await auth(smtp, "app@acme", "wrong"))[0] == 535
            took.append(time.monotonic() - started)
            cpu.append(time.process_time() - cpu_started)
        last_failure = time.monotonic()  # the relay counted the failure before this
        # Locked: even the right password is refused, without a password check. The relay runs
        # in this process: its CPU time for the refusal is a small part of an argon2 check's
        # (a wall-clock bound would also count the waits of a busy machine).
        cpu_started = time.process_time()
        assert await auth(smtp, "app@acme", PASSWORD) == LOCKED
        assert time.process_time() - cpu_started < min(cpu) / 2, cpu
    for spent, delay in zip(took, [0.1, 0.2, 0.3, 0.3], strict=True):
        assert spent >= delay - 0.01  # the delay doubles, up to auth_failure_max_delay
    async with connected(relay) as smtp:  # a new connection does not start again
        assert await auth(smtp, "app@acme", PASSWORD) == LOCKED
    assert time.monotonic() - last_failure < LOCKOUT  # so the refusal above was the lockout's
    # The lockout ends auth_lockout seconds after the last failure.
    await asyncio.sleep(last_failure + LOCKOUT + 0.1 - time.monotonic())
    async with connected(relay) as smtp:
        assert (await auth(smtp, "app@acme", PASSWORD))[0] == 235


async def test_the_count_is_per_client_address_and_per_user_name(make_relay: MakeRelay) -> None:
    # A lockout far longer than the test: every refusal below is the count's, however slowly
    # the connections are made.
    relay = await make_relay(server={**GUARDED, "auth_failure_delay": 0.0, "auth_lockout": 600.0})
    async with connected(relay, "127.0.0.2") as smtp:
        for _ in range(4):
            assert (await auth(smtp, "app@acme", "wrong"))[0] == 535
        assert await auth(smtp, "someone@else", "wrong") == LOCKED  # this client is locked
    async with connected(relay, "127.0.0.1") as smtp:
        assert await auth(smtp, "app@acme", PASSWORD) == LOCKED  # and this user name
    async with connected(relay, "127.0.0.3") as smtp:
        assert (await auth(smtp, "someone@else", "wrong"))[0] == 535  # nobody else


async def test_login_time_does_not_tell_whether_the_user_exists(make_relay: MakeRelay) -> None:
    relay = await make_relay(
        server={"auth_failure_delay": 0.0, "auth_failures_before_lockout": 1000}
    )
    known: list[float] = []
    unknown: list[float] = []
    async with connected(relay) as smtp:
        await auth(smtp, "warm@up", "x")  # the first unknown user makes the dummy hash
        for n in range(7):
            for user, times in (("app@acme", known), (f"nobody{n}@acme", unknown)):
                started = time.perf_counter()
                assert (await auth(smtp, user, f"wrong {n}"))[0] == 535
                times.append(time.perf_counter() - started)
    ratio = statistics.median(unknown) / statistics.median(known)
    assert 0.5 < ratio < 2.0, (known, unknown)


# --- the guard's memory -------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_guard_forgets_after_the_lockout_and_stays_bounded() -> None:
    clock = Clock()
    guard = LoginGuard(GuardSettings(limit=3, window=60.0, delay=1.0, max_delay=4.0), clock)
    logging.getLogger("relay.auth").disabled = True
    try:
        delays = [guard.failed("192.0.2.1", "u", "PLAIN") for _ in range(3)]
        assert delays == [1.0, 2.0, 4.0]
        assert guard.locked("192.0.2.1", "other")
        assert guard.locked("192.0.2.9", "u")
        clock.now += 59.9
        assert guard.locked("192.0.2.1", "x")
        clock.now += 0.1
        assert not guard.locked("192.0.2.1", "u")
        for n in range(MAX_ENTRIES + 5_000):
            guard.failed(f"10.{n >> 16}.{(n >> 8) & 255}.{n & 255}", f"user{n}", "PLAIN")
        assert guard.size == (MAX_ENTRIES, MAX_ENTRIES)
    finally:
        logging.getLogger("relay.auth").disabled = False
