"""Connection probes from another process, as health checks and scanners make them.

Run as ``python -m tests.support.probes PORT ROUNDS KIND...``: every KIND once per round,
blocking sockets, as fast as they go. A separate process matters: the relay's loop must meet
clients that are already gone when it accepts them, which a client on its own loop never is.
Prints one JSON object: how many connections were greeted 220, refused 421, or neither.
"""

from __future__ import annotations

import collections
import contextlib
import json
import socket
import ssl
import struct
import sys
from collections.abc import Callable, Iterator

TIMEOUT = 10.0
Counts = collections.Counter[str]


@contextlib.contextmanager
def client(port: int) -> Iterator[socket.socket]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    try:
        yield sock
    finally:
        sock.close()


def reply(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def say(sock: socket.socket, line: bytes) -> bytes:
    sock.sendall(line)
    return reply(sock)


def reset(sock: socket.socket) -> None:
    """Close with an RST instead of a FIN (SO_LINGER with a zero timeout)."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def greeted(sock: socket.socket, counts: Counts) -> bool:
    banner = reply(sock)
    counts[banner[:3].decode("ascii", "replace") or "closed"] += 1
    return banner.startswith(b"220")


def fin_before_banner(port: int, counts: Counts) -> None:
    """What a load balancer's TCP health check does."""
    with client(port):
        counts["unread"] += 1


def rst_before_banner(port: int, counts: Counts) -> None:
    with client(port) as sock:
        reset(sock)
        counts["unread"] += 1


def fin_after_banner(port: int, counts: Counts) -> None:
    with client(port) as sock:
        greeted(sock, counts)


def rst_after_ehlo(port: int, counts: Counts) -> None:
    with client(port) as sock:
        if greeted(sock, counts):
            sock.sendall(b"EHLO probe.test\r\n")
        reset(sock)


def full_session(port: int, counts: Counts) -> None:
    with client(port) as sock:
        if greeted(sock, counts):
            say(sock, b"EHLO probe.test\r\n")
            say(sock, b"QUIT\r\n")


def _starttls(sock: socket.socket, counts: Counts) -> bool:
    if not greeted(sock, counts):
        return False
    say(sock, b"EHLO probe.test\r\n")
    return say(sock, b"STARTTLS\r\n").startswith(b"220")


def fin_during_starttls(port: int, counts: Counts) -> None:
    with client(port) as sock:
        _starttls(sock, counts)


def rst_during_starttls(port: int, counts: Counts) -> None:
    with client(port) as sock:
        _starttls(sock, counts)
        reset(sock)


def garbage_handshake(port: int, counts: Counts) -> None:
    with client(port) as sock:
        if _starttls(sock, counts):
            sock.sendall(b"\x16\x03\x01\x00\x05hello" * 20)
            with contextlib.suppress(OSError):
                reply(sock)


def half_client_hello(port: int, counts: Counts) -> None:
    """A handshake begun, then the client resets in the middle of it."""
    with client(port) as sock:
        if _starttls(sock, counts):
            hello = client_hello()
            sock.sendall(hello[: len(hello) // 2])
        reset(sock)


def client_hello() -> bytes:
    tls = ssl.create_default_context().wrap_bio(
        ssl.MemoryBIO(), outgoing := ssl.MemoryBIO(), server_hostname="localhost"
    )
    with contextlib.suppress(ssl.SSLWantReadError):
        tls.do_handshake()
    return outgoing.read()


PROBES: dict[str, Callable[[int, Counts], None]] = {
    p.__name__: p
    for p in (
        fin_before_banner,
        rst_before_banner,
        fin_after_banner,
        rst_after_ehlo,
        full_session,
        fin_during_starttls,
        rst_during_starttls,
        garbage_handshake,
        half_client_hello,
    )
}


def main(argv: list[str]) -> int:
    port, rounds, kinds = int(argv[0]), int(argv[1]), argv[2:]
    counts: Counts = collections.Counter()
    for _ in range(rounds):
        for kind in kinds:
            try:
                PROBES[kind](port, counts)
            except OSError as exc:  # reset by the relay, refused: a probe's fate, counted
                counts[type(exc).__name__] += 1
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
