"""The bulk DATA reader against aiosmtpd's own line-by-line DATA: the same bytes on the wire
give the same replies and the same message, however the bytes are split into packets."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session

from relay.smtp.data import TOO_LONG, TOO_MUCH, DataRefused, read_message
from relay.smtp.server import RelaySMTP
from tests.conftest import MakeRelay
from tests.support.harness import PASSWORD, RawClient
from tests.support.upstream import Upstream

SIZE_LIMIT = 3000
LINE_LIMIT = SMTP.line_length_limit
ENVELOPE = b"EHLO client.test\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"


class Recorder:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope.original_content, bytes)
        assert envelope.content == envelope.original_content
        self.messages.append(envelope.original_content)
        return "250 OK"


class BulkSMTP(SMTP):
    """aiosmtpd's server with the relay's DATA, nothing else of the relay's."""

    smtp_DATA = RelaySMTP.smtp_DATA
    _receive_message = RelaySMTP._receive_message
    # DATA's own timing (a pause per block, the end's reply), see the timeout tests below.
    data_received = RelaySMTP.data_received
    _time_data_blocks = RelaySMTP._time_data_blocks
    _data_block_due = RelaySMTP._data_block_due
    data_block_timeout = RelaySMTP.data_block_timeout
    data_end_timeout = RelaySMTP.data_end_timeout
    _last_received = 0.0


class Server:
    def __init__(self, kind: type[SMTP], idle_timeout: float = 300.0) -> None:
        self.kind = kind
        self.idle_timeout = idle_timeout
        self.recorder = Recorder()
        self.server: asyncio.Server | None = None
        self.port = 0
        self.reset = False  # the last session ended with a reset (see hung_up)

    async def start(self) -> None:
        def protocol() -> SMTP:
            return self.kind(
                self.recorder,
                data_size_limit=SIZE_LIMIT,
                decode_data=False,
                timeout=self.idle_timeout,
            )

        loop = asyncio.get_running_loop()
        self.server = await loop.create_server(protocol, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def session(self, stream: bytes, pieces: list[int]) -> tuple[list[bytes], list[bytes]]:
        """Send ``stream`` cut at ``pieces``; every reply line until the server hangs up.

        The bytes are kept as they arrive, not read from a StreamReader afterwards: when the
        server hangs up while the rest of the stream is still coming (a message that ended
        early, then junk), the reset that follows made the reader raise before the replies it
        had buffered, or (uvloop) the next write raise, depending on timing.
        """
        loop = asyncio.get_running_loop()
        transport, received = await loop.create_connection(_Received, "127.0.0.1", self.port)
        before = len(self.recorder.messages)
        start = 0
        for end in [*pieces, len(stream)]:
            if transport.is_closing():  # it hung up
                break
            transport.write(stream[start:end])
            await asyncio.sleep(0.002)  # separate packets, mostly
            start = end
        async with asyncio.timeout(10):
            await received.lost
        transport.close()
        self.reset = received.reset
        lines = bytes(received.data).split(b"\n")
        if lines[-1] == b"":
            lines.pop()
        return [line.rstrip(b"\r\n") for line in lines], self.recorder.messages[before:]


class _Received(asyncio.Protocol):
    """Every byte the server wrote, until the connection is gone however it ends."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.reset = False
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        self.data += data

    def eof_received(self) -> bool:
        return False  # the server hung up: close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.reset = isinstance(exc, ConnectionResetError)
        if not self.lost.done():
            self.lost.set_result(None)


@pytest.fixture
async def servers() -> AsyncIterator[tuple[Server, Server]]:
    stock, bulk = Server(SMTP), Server(BulkSMTP)
    await stock.start()
    await bulk.start()
    yield stock, bulk
    await stock.stop()
    await bulk.stop()


# What a body is made of: the pieces a line end, a lone dot and dot-stuffing are made of.
TOKENS = [b"a", b"text ", b"\r\n", b"\r\n", b"\r\n", b".", b"..", b"\r", b"\n", b"\r\n."]


def body(rng: random.Random) -> bytes:
    parts = [rng.choice(TOKENS) for _ in range(rng.randrange(0, 40))]
    if rng.random() < 0.15:
        parts.insert(rng.randrange(len(parts) + 1), b"x" * rng.choice([997, 998, 999, 1000, 1500]))
    if rng.random() < 0.1:
        parts.append(b"y" * SIZE_LIMIT)
    return b"".join(parts)


def stream_of(rng: random.Random) -> bytes:
    text = body(rng)
    end = b"" if text.endswith(b"\r\n") or not text else b"\r\n"
    return ENVELOPE + b"DATA\r\n" + text + end + b".\r\n" + b"NOOP\r\nQUIT\r\n"


def cuts(rng: random.Random, stream: bytes) -> list[int]:
    start = len(ENVELOPE)
    return sorted(
        rng.sample(range(start, len(stream)), min(rng.randrange(0, 6), len(stream) - start))
    )


def hung_up(replies: list[bytes]) -> bool:
    """Whether aiosmtpd hung up in the middle of the stream (its fifth unrecognised command,
    BOGUS_LIMIT): the rest of the stream is then still coming, and it closes the socket with
    those bytes unread, which resets the connection (RFC 1122 4.2.2.13): the replies not yet
    delivered to the client may be lost, more of them the busier the machine (19 against
    12 lines under a full run; 3 resets in 201 sessions of that stream, leak13). How many
    arrive is timing, not the DATA reader's doing.

    A reply list cut short by a reset may lack the goodbye line: hence either list's, and
    either session's reset (Server.reset)."""
    return any(line.startswith(b"502 5.5.1 Too many unrecognized") for line in replies)


def same_refusal(stock: list[bytes], bulk: list[bytes], stream: bytes) -> bool:
    """Both refused for a limit, where the message broke both limits (documented choice)."""
    refusals = {TOO_LONG.encode(), TOO_MUCH.encode()}
    swapped = [(a, b) for a, b in zip(stock, bulk, strict=True) if a != b and {a, b} <= refusals]
    return len(stream) > SIZE_LIMIT and len(swapped) == 1


async def test_replies_and_message_match_aiosmtpd(servers: tuple[Server, Server]) -> None:
    stock, bulk = servers
    rng = random.Random(5321)
    compared = refused = 0
    for _ in range(250):
        stream = stream_of(rng)
        pieces = cuts(rng, stream)
        want, want_messages = await stock.session(stream, pieces)
        got, got_messages = await bulk.session(stream, pieces)
        if hung_up(want) or hung_up(got) or stock.reset or bulk.reset:
            # Only the replies both had before the hang-up's lost ones are compared.
            want, got = want[: len(got)], got[: len(want)]
            assert len(got) > want.index(b"354 End data with <CR><LF>.<CR><LF>") + 1, stream
        assert len(got) == len(want), (stream, got, want)
        if got != want:
            assert same_refusal(want, got, stream), (stream, got, want)
        assert got_messages == want_messages, stream
        compared += 1
        refused += any(line.startswith((b"500", b"552")) for line in got)
    assert compared == 250
    assert refused >= 10  # the limits were reached, not only the plain cases


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        pytest.param(b".\r\n", b"", id="empty"),
        pytest.param(b"\r\n.\r\n", b"\r\n", id="an empty line"),
        pytest.param(b"..\r\n.\r\n", b".\r\n", id="a stuffed dot first"),
        pytest.param(b"a\r\n..b\r\n.\r\n", b"a\r\n.b\r\n", id="a stuffed dot later"),
        pytest.param(b"\r\r\n.\r\n", b"\r\r\n", id="a bare CR before the line end"),
        pytest.param(b".\r.\r\n.\r\n", b"\r.\r\n", id="dot, bare CR, dot"),
        pytest.param(b"a\n.\r\n.\r\n", b"a\n.\r\n", id="a bare LF does not end a line"),
        pytest.param(b"x" * 999 + b"\r\n.\r\n", b"x" * 999 + b"\r\n", id="longest line"),
    ],
)
async def test_every_split_of_a_message_reads_the_same(sent: bytes, message: bytes) -> None:
    tail = b"QUIT\r\n"
    for split in range(len(sent) + 1):
        reader = asyncio.StreamReader(limit=LINE_LIMIT)
        reader.feed_data(sent[:split])
        reading = asyncio.create_task(
            read_message(reader, size_limit=SIZE_LIMIT, line_limit=LINE_LIMIT)
        )
        await asyncio.sleep(0)
        reader.feed_data(sent[split:] + tail)
        async with asyncio.timeout(5):  # a reader that missed the end would wait forever
            assert await reading == message, split
        assert await reader.readline() == tail  # nothing past the lone dot was taken


@pytest.mark.parametrize(
    ("sent", "reply"),
    [
        pytest.param(b"x" * 1000 + b"\r\n.\r\n", TOO_LONG, id="line one over"),
        pytest.param(b"a\r\n" + b".x" * 600 + b"\r\n.\r\n", TOO_LONG, id="long stuffed line"),
        pytest.param(b"y\r\n" * 1001 + b".\r\n", TOO_MUCH, id="one line over the size"),
    ],
)
async def test_a_limit_refuses_after_the_end(sent: bytes, reply: str) -> None:
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    reader.feed_data(sent + b"QUIT\r\n")
    with pytest.raises(DataRefused) as refused:
        await read_message(reader, size_limit=SIZE_LIMIT, line_limit=LINE_LIMIT)
    assert refused.value.reply == reply
    assert await reader.readline() == b"QUIT\r\n"


@pytest.mark.parametrize("extra", [b"", b"z"], ids=["at the limit", "one byte over"])
async def test_the_size_limit_counts_the_lines_not_the_lone_dot(extra: bytes) -> None:
    sent = b"z\r\n" * (SIZE_LIMIT // 3 - 1) + extra + b"z\r\n"
    assert len(sent) == SIZE_LIMIT + len(extra)
    reader = asyncio.StreamReader(limit=LINE_LIMIT)
    reader.feed_data(sent + b".\r\n")
    reading = read_message(reader, size_limit=SIZE_LIMIT, line_limit=LINE_LIMIT)
    if extra:
        with pytest.raises(DataRefused, match="552"):
            await reading
    else:
        assert await reading == sent


@pytest.mark.parametrize("cut", [b"", b".", b"\r", b"From: a@example.org\r\n\r\nhalf a mess"])
async def test_a_client_gone_before_the_lone_dot_leaves_no_message(
    servers: tuple[Server, Server], cut: bytes
) -> None:
    _, bulk = servers
    reader, writer = await asyncio.open_connection("127.0.0.1", bulk.port)
    writer.write(ENVELOPE + b"DATA\r\n" + cut)
    await writer.drain()
    async with asyncio.timeout(5):
        while not (await reader.readline()).startswith(b"354"):
            pass
    writer.close()
    await writer.wait_closed()
    whole = b"Subject: s\r\n\r\nbody\r\n"
    replies, messages = await bulk.session(ENVELOPE + b"DATA\r\n" + whole + b".\r\nQUIT\r\n", [])
    assert replies[-2:] == [b"250 OK", b"221 Bye"]  # the next session is served as usual
    assert bulk.recorder.messages == messages == [whole]  # nothing from the cut one


# --- timeouts ------------------------------------------------------------------------------

IDLE = 0.5  # seconds a client may stay silent between commands
BLOCK = 1.5  # seconds it may pause between blocks of a message (wide: a busy machine stalls)


class TimedSMTP(BulkSMTP):
    data_block_timeout = BLOCK


@pytest.fixture
async def timed() -> AsyncIterator[Server]:
    server = Server(TimedSMTP, idle_timeout=IDLE)
    await server.start()
    yield server
    await server.stop()


async def _until_closed(reader: asyncio.StreamReader) -> list[bytes]:
    lines = []
    async with asyncio.timeout(10):
        while line := await reader.readline():
            lines.append(line.rstrip(b"\r\n"))
    return lines


async def test_a_slow_message_is_not_cut_off_while_its_blocks_keep_coming(timed: Server) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", timed.port)
    writer.write(ENVELOPE + b"DATA\r\n")
    lines = [f"line {n}\r\n".encode() for n in range(14)]
    started = asyncio.get_running_loop().time()
    for line in lines:  # 14 x 0.25 s: far past the idle timeout and a block's
        writer.write(line)
        await asyncio.sleep(IDLE / 2)
    assert asyncio.get_running_loop().time() - started > 2 * BLOCK
    writer.write(b".\r\nQUIT\r\n")
    replies = await _until_closed(reader)
    writer.close()
    assert replies[-2:] == [b"250 OK", b"221 Bye"]
    assert timed.recorder.messages == [b"".join(lines)]


async def test_a_pause_longer_than_a_block_ends_the_session(timed: Server) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", timed.port)
    loop = asyncio.get_running_loop()
    writer.write(ENVELOPE + b"DATA\r\nSubject: stalled\r\n")
    await asyncio.sleep(IDLE * 1.5)  # longer than the idle timeout: still in time
    writer.write(b"\r\nbody\r\n")
    paused = loop.time()
    replies = await _until_closed(reader)  # then silent: the server hangs up
    silence = loop.time() - paused
    writer.close()
    assert replies[-1].startswith(b"354")
    assert BLOCK * 0.9 <= silence < BLOCK * 3
    assert timed.recorder.messages == []


async def test_the_idle_timeout_bounds_the_wait_for_the_next_command(timed: Server) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", timed.port)
    loop = asyncio.get_running_loop()
    writer.write(ENVELOPE + b"DATA\r\nSubject: s\r\n\r\nbody\r\n.\r\n")
    async with asyncio.timeout(5):
        while not (await reader.readline()).startswith(b"354"):
            pass
        assert (await reader.readline()).rstrip(b"\r\n") == b"250 OK"
    answered = loop.time()
    assert await _until_closed(reader) == []
    writer.close()
    assert IDLE * 0.9 <= loop.time() - answered < BLOCK  # the idle timeout, not a block's


async def test_the_relay_takes_a_slow_message_past_its_idle_timeout(
    make_relay: MakeRelay, upstream: Upstream
) -> None:
    # Wider than above: the idle timeout also bounds the session's set-up on a busy machine.
    idle = 1.0
    relay = await make_relay(server={"idle_timeout": idle, "data_block_timeout": 2 * idle})
    # The password's argon2 check now, outside any session: the login below is then answered
    # from the relay's cache of recent logins, not after a check that a busy machine can
    # stretch past the 1 s idle timeout (which hung up before DATA was reached).
    principal = await relay.service.handler.verify_login(b"app@acme", PASSWORD.encode())
    assert principal is not None
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example>\r\n"))[0] == 250
        assert (await client.send(b"RCPT TO:<slow@example.net>\r\n"))[0] == 250
        assert (await client.send(b"DATA\r\n"))[0] == 354
        client.writer.write(b"From: news@acme.example\r\nSubject: slow\r\n\r\n")
        for n in range(8):  # 8 x 0.4 s: three idle timeouts long
            client.writer.write(f"line {n}\r\n".encode())
            await asyncio.sleep(0.4 * idle)
        code, _ = await client.send(b".\r\n")
        assert code == 250
    finally:
        await client.close()
    await upstream.wait_for(1)
    assert b"line 7" in upstream.to("slow@example.net")[0].content
