"""SMTP smuggling and bare line ends: nothing a client hides in DATA reaches the upstream
as a line end or as a second message."""

from __future__ import annotations

import asyncio
import logging
import re

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


SMUGGLING_ENDS = {
    "LF-dot-LF": b"\n.\n",
    "CRLF-dot-LF": b"\r\n.\n",
    "LF-dot-CRLF": b"\n.\r\n",
    "CR-dot-CRLF": b"\r.\r\n",
    "CRLF-dot-CR": b"\r\n.\r",
}


async def test_smuggled_end_of_data_is_refused_whole(relay: Relay, upstream: Upstream) -> None:
    """Each false end of DATA in a session of its own, on one relay."""
    replies = {}
    for name, end in SMUGGLING_ENDS.items():
        code, text = await send_data(relay, HEADERS + b"first body" + end + SMUGGLED)
        replies[name] = (code, text[:5])
    assert replies == dict.fromkeys(SMUGGLING_ENDS, (550, "5.5.2"))
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


async def _plain(port: int) -> RawClient:
    """A client on a listener, greeted, before any EHLO, STARTTLS or AUTH."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    client = RawClient(reader, writer)
    assert (await client.reply())[0] == 220
    return client


def _listener_port(relay: Relay, listener: str) -> int:
    return relay.port if listener == "submission" else relay.service.bounce_port


@pytest.mark.parametrize("listener", ["submission", "bounce"])
async def test_command_lines_ended_by_a_bare_lf_are_refused(
    relay: Relay, upstream: Upstream, listener: str
) -> None:
    client = await _plain(_listener_port(relay, listener))
    try:
        assert (await client.send(b"EHLO client.test\r\n"))[0] == 250
        code, text = await client.send(b"MAIL FROM:<>\n")
        assert (code, text.split()[0]) == (500, "5.5.2")
        assert (await client.send(b"NOOP\n"))[0] == 500
        # The refused MAIL was not carried out.
        code, text = await client.send(b"RCPT TO:<b@bounces.relay.test>\r\n")
        assert (code, text.split()[0]) == (503, "5.5.1")
        assert (await client.send(b"NOOP\r\n"))[0] == 250
    finally:
        await client.close()


@pytest.mark.parametrize("listener", ["submission", "bounce"])
async def test_a_broken_path_gets_a_syntax_error_and_no_traceback(
    relay: Relay, listener: str, caplog: pytest.LogCaptureFixture
) -> None:
    """It was answered "500 Error: (IndexError) string index out of range", with a traceback
    logged per command."""
    client = await _plain(_listener_port(relay, listener))
    try:
        assert (await client.send(b"EHLO client.test\r\n"))[0] == 250
        for _ in range(3):
            code, text = await client.send(b"MAIL FROM:<\r\n")
            assert (code, text.split()[0]) == (501, "5.5.4")
            assert "Error" not in text
            assert "range" not in text
    finally:
        await client.close()
    assert [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info] == []


# Replies without an enhanced status code by RFC 2034 §3: the greeting and HELO/EHLO's;
# 3xx (354, 334) have none.
_EXEMPT = (b"HELO", b"EHLO")


@pytest.mark.parametrize("listener", ["submission", "bounce"])
async def test_every_reply_carries_an_enhanced_status_code(relay: Relay, listener: str) -> None:
    commands = [
        b"NOOP", b"MAIL FROM:<a@acme.example>", b"HELO", b"EHLO", b"HELO client.test",
        b"EHLO client.test", b"NOOP x", b"RSET", b"RSET x", b"HELP", b"HELP MAIL", b"HELP FOO",
        b"VRFY", b"VRFY <a@b.example>", b"VRFY x", b"EXPN x", b"FOO", b"QUITX", b"MAIL",
        b"MAIL TO:<a@b.example>", b"MAIL FROM:a@b.example", b"MAIL FROM:<a@b.example> FOO=1",
        b"MAIL FROM:<a@b.example> BODY=9BIT", b"MAIL FROM:<a@b.example> SMTPUTF8=1",
        b"MAIL FROM:<a@b.example> SIZE=x", b"RCPT TO:<b@bounces.relay.test>", b"DATA",
        b"DATA x", b"AUTH", b"AUTH PLAIN", b"AUTH FOO", b"STARTTLS x", b"\xff\xfe",
        b"MAIL FROM:<>", b"MAIL FROM:<>", b"RCPT", b"RCPT TO:<b@bounces.relay.test> X=1",
        b"RCPT FROM:<a@b.example>", b"DATA x", b"QUIT x", b"QUIT",
    ]  # fmt: skip
    client = await _plain(_listener_port(relay, listener))
    try:
        for command in commands:
            code, text = await client.send(command + b"\r\n")
            if command.split(b" ")[0] in _EXEMPT and code == 250:
                continue
            assert re.match(r"[245]\.\d{1,3}\.\d{1,3} ", text), (command, code, text)
    finally:
        await client.close()
