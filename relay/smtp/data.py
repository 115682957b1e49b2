"""The message after DATA, read in a few large reads instead of one read per line.

aiosmtpd reads the message line by line: for a 2 KB message that is some forty awaited reads,
a large share of what a whole SMTP session costs the relay. The rules stay those of RFC 5321
(section 4.5.2) and of aiosmtpd: the message ends at a line holding a lone dot, so only at
CRLF "." CRLF (a bare CR or LF never ends a line); a leading dot is removed from every line;
a line longer than the limit (its CRLF included) or more bytes than the size limit refuse
the message, but only once its end has been read, so that the client hears the refusal in
step (section 4.2.5). Where a message breaks both limits, the size is the one reported (aiosmtpd
reports whichever it met first); a message over the size limit is not held past it.

The one place a terminator can stand without a CRLF in front of it is the first line: the
CRLF of the DATA command is already read. So each line whose first byte could begin a
terminator (a dot, or a CR that may begin the CRLF of an empty line) is read on its own; any
other line start hands over to reads up to the next CRLF "." CRLF, which the stream still
holds whole from there on.
"""

from __future__ import annotations

import asyncio

TERMINATOR = b"\r\n.\r\n"
TOO_LONG = "500 Line too long (see RFC5321 4.5.3.1.6)"  # aiosmtpd's texts: the replies
TOO_MUCH = "552 Error: Too much mail data"  # module maps them to enhanced status codes


class DataRefused(Exception):
    """The message was read to its end and is refused; ``reply`` says why."""

    def __init__(self, reply: str) -> None:
        super().__init__(reply)
        self.reply = reply


class _Body:
    """The message as sent (dot-stuffing and all), dropped once it is over the size limit."""

    def __init__(self, size_limit: int | None) -> None:
        self.parts: list[bytes] = []
        self.size = 0  # bytes of the message's lines, the lone dot's not counted
        # What is held: a read may end with the lone dot, not counted but not yet cut off.
        self._hold = size_limit + len(b".\r\n") if size_limit else None

    def add(self, data: bytes) -> None:
        self.size += len(data)
        if self._hold is not None and self.size > self._hold:
            self.parts.clear()  # keep reading to the end, holding nothing
        else:
            self.parts.append(data)

    def end_in(self, data: bytes) -> None:
        """Add the last read, which ends with CRLF "." CRLF."""
        self.add(data)
        self.size -= len(b".\r\n")
        if self.parts:
            self.parts[-1] = self.parts[-1][: -len(b".\r\n")]  # the last line keeps its CRLF


async def read_message(
    reader: asyncio.StreamReader, *, size_limit: int | None, line_limit: int
) -> bytes:
    """The message up to the lone dot, its dot-stuffing undone.

    :raises DataRefused: after the end was read, when a limit was passed
    :raises asyncio.IncompleteReadError: the connection closed before the end
    """
    body = _Body(size_limit)
    while True:  # at the start of a line
        first = await reader.readexactly(1)
        if first == b"." or first == b"\r":
            if await _line_from(reader, first, body):
                break
            continue
        body.add(first)
        while True:
            try:
                body.end_in(await reader.readuntil(TERMINATOR))
                break
            except asyncio.LimitOverrunError as exc:  # more than the reader's limit buffered
                body.add(await reader.read(exc.consumed))
        break
    if size_limit and body.size > size_limit:
        raise DataRefused(TOO_MUCH)
    raw = b"".join(body.parts)
    if max(map(len, raw.split(b"\r\n"))) + len(b"\r\n") > line_limit:
        raise DataRefused(TOO_LONG)
    if raw[:1] == b".":
        raw = raw[1:]
    return raw.replace(b"\r\n.", b"\r\n")


async def _line_from(reader: asyncio.StreamReader, first: bytes, body: _Body) -> bool:
    """Read the line ``first`` began into ``body``; whether it was the lone dot that ends it."""
    line = first
    if line == b".":
        line += await reader.readexactly(1)
    while line[-1:] == b"\r":  # a CR here may be the start of the line's CRLF
        line += await reader.readexactly(1)
        if line[-1:] == b"\n":
            if line == b".\r\n":
                return True
            body.add(line)
            return False
    body.add(line)
    while True:
        try:
            body.add(await reader.readuntil(b"\r\n"))
            return False
        except asyncio.LimitOverrunError as exc:
            body.add(await reader.read(exc.consumed))
