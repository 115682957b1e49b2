"""SMTP smuggling and bare line ends: nothing a client hides in DATA reaches the upstream
as a line end or as a second message."""

from __future__ import annotations

import pytest

from tests.support.harness import RawClient, Relay, message
from tests.support.upstream import Upstream

HEADERS = b"From: news@acme.example\r\nTo: bob@example.net\r\nSubject: s\r\n\r\n"
SMUGGLED = (
    b"MAIL FROM:<news@acme.example>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\n"
    b"From: ceo@acme.example\r\nSubject: smuggled\r\n\r\nsmuggled body\r\n"
)


async def send_data(relay: Relay, body: bytes) -> tuple[int, str]:
    client = await RawClient.connect(relay)
    try:
        assert (await client.send(b"MAIL FROM:<news@acme.example>\r\n"))[0] == 250
        assert (await client.send(b"RCPT TO:<bob@example.net>\r\n"))[0] == 250
        assert (await client.send(b"DATA\r\n"))[0] == 354
        return await client.send(body + b"\r\n.\r\n")
    finally:
        await client.close()


@pytest.mark.parametrize(
    "end",
    [
        pytest.param(b"\n.\n", id="LF-dot-LF"),
        pytest.param(b"\r\n.\n", id="CRLF-dot-LF"),
        pytest.param(b"\n.\r\n", id="LF-dot-CRLF"),
        pytest.param(b"\r.\r\n", id="CR-dot-CRLF"),
        pytest.param(b"\r\n.\r", id="CRLF-dot-CR"),
    ],
)
async def test_smuggled_end_of_data_is_refused_whole(
    relay: Relay, upstream: Upstream, end: bytes
) -> None:
    code, text = await send_data(relay, HEADERS + b"first body" + end + SMUGGLED)
    assert (code, text[:5]) == (550, "5.5.2")
    assert upstream.received == []


@pytest.mark.parametrize("bare", [b"\n", b"\r"], ids=["bare-LF", "bare-CR"])
async def test_bare_line_ends_in_the_body_are_refused(
    relay: Relay, upstream: Upstream, bare: bytes
) -> None:
    code, text = await send_data(relay, HEADERS + b"one" + bare + b"two")
    assert (code, text[:5]) == (550, "5.5.2")
    assert upstream.received == []


async def test_dot_stuffed_lines_arrive_intact(relay: Relay, upstream: Upstream) -> None:
    body = message("news@acme.example", "bob@example.net") + b"..leading dot\r\n"
    code, _ = await send_data(relay, body)
    assert code == 250
    (got,) = upstream.received
    assert b"\r\n.leading dot\r\n" in got.content
    assert b"\r\n..leading dot" not in got.content
