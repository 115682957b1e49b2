#!/usr/bin/env python3
"""A load like smtp-source's, from a client that pipelines (RFC 2920), as Postfix's smtp does.

smtp-source waits for each reply before its next command, so it never shows what a server
does with a pipelined group. This client opens one connection per message, as smtp-source
does, and sends EHLO, then MAIL, the RCPTs and DATA in one write, then the message, its end
and QUIT in one write. It checks every reply and exits non-zero at the first unexpected one.

  bench/pipelining_client.py --sessions 20 --messages 3000 --rcpts 5 127.0.0.1:2525
"""

from __future__ import annotations

import argparse
import asyncio
import sys


def message(sender: str, number: int, length: int) -> bytes:
    head = (
        f"From: <{sender}>\r\nTo: <rcpt@example.net>\r\nSubject: load {number}\r\n"
        f"Message-Id: <{number}.load@bench.test>\r\n\r\n"
    ).encode()
    line = b"X" * 78 + b"\r\n"
    lines = max(1, (length - len(head)) // len(line))
    return head + line * lines


async def reply(reader: asyncio.StreamReader) -> int:
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("connection closed")
        if line[3:4] != b"-":
            return int(line[:3])


async def one_message(host: str, port: int, sender: str, rcpts: int, number: int) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        codes = [await reply(reader)]
        writer.write(b"EHLO load.bench.test\r\n")
        codes.append(await reply(reader))
        group = b"MAIL FROM:<%s>\r\n" % sender.encode()
        group += b"".join(b"RCPT TO:<%drcpt@example.net>\r\n" % i for i in range(rcpts))
        writer.write(group + b"DATA\r\n")
        codes += [await reply(reader) for _ in range(rcpts + 2)]
        writer.write(message(sender, number, 2048) + b".\r\nQUIT\r\n")
        codes += [await reply(reader), await reply(reader)]
    finally:
        writer.close()
    if codes != [220, 250, 250, *[250] * rcpts, 354, 250, 221]:
        raise RuntimeError(f"message {number}: replies {codes}")


async def load(args: argparse.Namespace) -> None:
    host, _, port = args.target.rpartition(":")
    numbers = iter(range(args.messages))

    async def session() -> None:
        for number in numbers:
            await one_message(host, int(port), args.sender, args.rcpts, number)

    async with asyncio.timeout(args.timeout):
        await asyncio.gather(*(session() for _ in range(args.sessions)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="host:port")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rcpts", type=int, default=1)
    parser.add_argument("--sender", default="load@bench.test")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args()
    try:
        asyncio.run(load(args))
    except (RuntimeError, OSError, TimeoutError) as exc:
        print(f"pipelining_client: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
