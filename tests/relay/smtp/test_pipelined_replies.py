"""Replies to a pipelined group (RFC 2920): the same replies as one command at a time, the
replies to its MAIL, RCPTs and RSETs written together with the next reply that is not held."""

from __future__ import annotations

import socket
import struct

from tests.support.harness import RawClient, Relay, message
from tests.support.upstream import Upstream

RETURN_DOMAIN = "bounces.relay.test"  # the harness's VERP domain: every copy's envelope sender
GROUP = (
    b"MAIL FROM:<news@acme.example>\r\n",
    b"RCPT TO:<bob@example.net>\r\n",
    b"RCPT TO:<not an address>\r\n",  # refused: a refusal in a group is answered the same
    b"RCPT TO:<carol@example.net>\r\n",
    b"DATA\r\n",
)
# struct tcp_info (linux/tcp.h): tcpi_data_segs_in, the segments with data received
_DATA_SEGS_IN = struct.Struct("=I")
_DATA_SEGS_IN_OFFSET = 152


def data_segments_in(client: RawClient) -> int:
    """How many TCP segments with data the client's socket has received."""
    sock = client.writer.get_extra_info("socket")
    info = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 256)
    (count,) = _DATA_SEGS_IN.unpack_from(info, _DATA_SEGS_IN_OFFSET)
    return int(count)


async def replies(client: RawClient, count: int) -> list[tuple[int, str]]:
    return [await client.reply() for _ in range(count)]


async def one_by_one(relay: Relay) -> list[tuple[int, str]]:
    client = await RawClient.connect(relay)
    try:
        answered = [await client.send(command) for command in GROUP]
        answered.append(await client.send(BODY + b".\r\n"))
        answered.append(await client.send(b"QUIT\r\n"))
        return answered
    finally:
        await client.close()


BODY = message("news@acme.example", "bob@example.net")


async def test_a_pipelined_group_gets_the_same_replies_in_one_write(
    relay: Relay, upstream: Upstream
) -> None:
    expected = await one_by_one(relay)
    assert [code for code, _ in expected] == [250, 250, 501, 250, 354, 250, 221]
    client = await RawClient.connect(relay)
    try:
        before = data_segments_in(client)
        client.writer.write(b"".join(GROUP))
        got = await replies(client, len(GROUP))
        assert data_segments_in(client) - before == 1  # one write, not one per command
        client.writer.write(BODY + b".\r\nQUIT\r\n")  # the end of data and QUIT together
        got += await replies(client, 2)
    finally:
        await client.close()
    assert [code for code, _ in got] == [code for code, _ in expected]
    assert [text for _, text in got][:5] == [text for _, text in expected][:5]
    # each message's two copies, one per accepted recipient, the same both ways
    copies = sorted((r.mail_from.partition("@")[2], r.rcpt_tos) for r in upstream.received)
    assert copies == sorted(
        2 * [(RETURN_DOMAIN, ("bob@example.net",))] + 2 * [(RETURN_DOMAIN, ("carol@example.net",))]
    )


async def test_a_group_ending_in_a_held_command_is_answered_whole(relay: Relay) -> None:
    # No DATA at the end: the RCPT's reply is the last and goes out with the MAIL's.
    client = await RawClient.connect(relay)
    try:
        client.writer.write(b"".join(GROUP[:2]))
        assert [code for code, _ in await replies(client, 2)] == [250, 250]
        assert await client.send(b"RSET\r\n") == (250, "2.0.0 OK")
    finally:
        await client.close()


async def test_many_grouped_resets_are_all_answered_in_order(relay: Relay) -> None:
    # More held replies than the hold's limit: they go out in several writes, none lost.
    client = await RawClient.connect(relay)
    try:
        client.writer.write(b"RSET\r\n" * 1000 + b"NOOP\r\n")
        got = await replies(client, 1001)
    finally:
        await client.close()
    assert got == [(250, "2.0.0 OK")] * 1001
