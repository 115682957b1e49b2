"""CPU time of one DKIM signature (relay.send.dkim.sign), against OpenSSL's floor, in one process.

    python bench/bench_dkim.py [--count N] [--repeat R] [--signer FILE] [--profile SIZE]

Three messages as the relay signs them (its Received line on top, CRLF): a 2 KB text message,
a 20 KB multipart one with a base64 attachment and a 200 KB one. Each contender signs each
message ``count`` times per repetition; repetitions are interleaved (every contender once, then
again) and the median of their CPU milliseconds per message (time.process_time) is printed.
The references, measured in the same run:

- ``sha256``: hashing the message once, what canonicalizing nothing would cost;
- ``floor``: that hash plus OpenSSL's RSA-2048 signature of a SHA-256 digest, the least a
  signature can cost (a DKIM signature hashes the body, then a few headers, then signs);
- ``dkim.sign``: dkimpy's own sign() given the whole message, as the relay called it up to
  perf10 (still with relay.send.dkim's patches to dkimpy: OpenSSL's RSA, the parsed key's cache,
  the whitespace short cuts);
- ``sign``: relay.send.dkim.sign, what the relay calls.

``--signer FILE`` loads relay/send/dkim.py from FILE instead (``git show main:relay/send/dkim.py
> /tmp/before.py`` for a before/after comparison, run alternately).
``--profile SIZE`` (2k, 20k or 200k) prints cProfile's top entries for ``sign`` instead.
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import hashlib
import importlib
import importlib.util
import os
import pstats
import random
import statistics
import time
import types
from collections.abc import Callable

import dkim
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils

TEXT = (
    "the account your order has been shipped and will arrive within three working days "
    "please find attached invoice for last month thank you for being a customer of ours"
)
WORDS = TEXT.split(" ")


def _headers(content_type: str, rng: random.Random) -> bytes:
    lines = [
        "Received: from app1.acme.example (app1.acme.example [192.0.2.10])\r\n"
        "\tby relay.acme.example (bounce-relay) with ESMTPS id 4f8a2c1e9b\r\n"
        "\tfor <bob@example.net>; Sun, 6 Dec 2026 20:40:01 +0000",
        "From: Acme Shop <orders@acme.example>",
        "To: Bob Example <bob@example.net>",
        f"Subject: Your order #{rng.randint(10000, 99999)} has been shipped",
        "Date: Sun, 6 Dec 2026 20:40:00 +0000",
        f"Message-ID: <{rng.getrandbits(128):032x}@app1.acme.example>",
        "MIME-Version: 1.0",
        f"Content-Type: {content_type}",
        f"List-Unsubscribe: <https://acme.example/unsubscribe?u={rng.getrandbits(64):016x}>,\r\n"
        f" <mailto:unsubscribe@acme.example?subject={rng.getrandbits(64):016x}>",
        "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
        "X-Mailer: acme-mailer 4.2",
    ]
    return "\r\n".join(lines).encode("ascii") + b"\r\n\r\n"


def _text(size: int, rng: random.Random) -> bytes:
    lines: list[str] = []
    total = 0
    while total < size:
        line = " ".join(rng.choices(WORDS, k=rng.randint(6, 12)))
        lines.append(line)
        total += len(line) + 2
        if rng.random() < 0.15:
            lines.append("")
    return ("\r\n".join(lines) + "\r\n").encode("ascii")


def _base64_lines(size: int, rng: random.Random) -> bytes:
    raw = base64.b64encode(rng.randbytes(size * 3 // 4))
    return b"".join(raw[i : i + 76] + b"\r\n" for i in range(0, len(raw), 76))


def messages() -> dict[str, bytes]:
    rng = random.Random(18)
    plain = _headers('text/plain; charset="utf-8"', rng) + _text(1500, rng)
    boundary = f"=_acme_{rng.getrandbits(64):016x}"

    def multipart(attachment: int) -> bytes:
        body = (
            f"--{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: 7bit\r\n\r\n".encode("ascii")
            + _text(2000, rng)
            + f"--{boundary}\r\nContent-Type: application/pdf; name=invoice.pdf\r\n"
            f"Content-Transfer-Encoding: base64\r\n"
            f'Content-Disposition: attachment; filename="invoice.pdf"\r\n\r\n'.encode("ascii")
            + _base64_lines(attachment, rng)
            + f"--{boundary}--\r\n".encode("ascii")
        )
        return _headers(f'multipart/mixed; boundary="{boundary}"', rng) + body

    return {"2k": plain, "20k": multipart(17_000), "200k": multipart(195_000)}


def signer(path: str | None) -> types.ModuleType:
    """relay.send.dkim, or the same module from another file (another commit's, say)."""
    if path is None:
        return importlib.import_module("relay.send.dkim")
    spec = importlib.util.spec_from_file_location("dkim_signer", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def contenders(module: types.ModuleType, pem: str) -> dict[str, Callable[[bytes], object]]:
    key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    prehashed = utils.Prehashed(hashes.SHA256())

    def floor(message: bytes) -> object:
        digest = hashlib.sha256(message).digest()
        return key.sign(digest, padding.PKCS1v15(), prehashed)  # type: ignore[union-attr,call-arg]

    def dkimpy_sign(message: bytes) -> object:
        return dkim.sign(
            message, b"s1", b"acme.example", pem.encode("ascii"),
            canonicalize=(b"relaxed", b"relaxed"), include_headers=list(module.SIGNED_HEADERS),
        )  # fmt: skip

    def relay_sign(message: bytes) -> object:
        return module.sign(message, domain="acme.example", selector="s1", private_key_pem=pem)

    return {
        "sha256": lambda message: hashlib.sha256(message).digest(),
        "floor": floor,
        "dkim.sign": dkimpy_sign,
        "sign": relay_sign,
    }


def cpu_ms(fn: Callable[[bytes], object], message: bytes, count: int) -> float:
    start = time.process_time()
    for _ in range(count):
        fn(message)
    return (time.process_time() - start) * 1000 / count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--count", type=int, default=300, help="signatures per message and round")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved repetitions (median)")
    ap.add_argument("--signer", help="relay/send/dkim.py from this file (e.g. main's), not ours")
    ap.add_argument("--profile", choices=["2k", "20k", "200k"], help="cProfile sign on SIZE")
    args = ap.parse_args()

    module = signer(args.signer)
    pem, _ = module.new_key()
    bodies = messages()
    fns = contenders(module, pem)
    for fn in fns.values():  # warm caches (the parsed key) outside the timing
        fn(bodies["2k"])

    if args.profile:
        message = bodies[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.count):
            fns["sign"](message)
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(18)
        return

    sizes = ", ".join(f"{k} = {len(v):,} B" for k, v in bodies.items())
    print(f"signer: {module.__file__}")
    print(f"messages: {sizes}; {args.count} each per round, {args.repeat} rounds")
    print(f"load average at the start: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeat):
        for name, fn in fns.items():
            for size, message in bodies.items():
                results.setdefault((name, size), []).append(cpu_ms(fn, message, args.count))
    print(f"{'CPU ms/message':<16}" + "".join(f"{size:>10}" for size in bodies))
    for name in fns:
        cells = [statistics.median(results[(name, size)]) for size in bodies]
        print(f"{name:<16}" + "".join(f"{c:>10.3f}" for c in cells))
    above = [
        statistics.median(results[("sign", s)]) - statistics.median(results[("floor", s)])
        for s in bodies
    ]
    print(f"{'sign - floor':<16}" + "".join(f"{c:>10.3f}" for c in above))
    print(f"load average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
