"""Stored notices read from their words alone, against their full reading.

    python bench/score_text_only.py [--list] [--set real|composed]

Many servers send a notice with no machine-readable part (RFC 3464's message/delivery-status),
and forwarders and mail clients drop it. For every multipart/report notice stored under
``tests/bounce_parser/real_*`` by the real-MTA beds (``--set composed``: the composed sets'
notices), this keeps only its first text/plain part (with its From and Subject), parses both
forms and counts the notices whose kind (failed, delayed, relayed...) differs and, per
recipient of the full reading: a different suppress bit, a different reason, a recipient the
text alone does not give (lost); and recipients only the text alone gives (extra). The full
reading is the reference: the counts show how much of the verdict rests on the report part
rather than on the words. Some differences are the text's own (nullmailer's text names the
address and no reason; a list manager's or a content filter's text names no recipient at
all); ``--list`` prints each one.
"""

from __future__ import annotations

import argparse
import email
import email.policy
from collections import Counter
from email.message import EmailMessage
from pathlib import Path

from bounce_parser import parse

STORED = Path(__file__).resolve().parent.parent / "tests" / "bounce_parser"
SETS = {"real": "real_*/**/*.eml", "composed": "composed/*.eml"}


def text_alone(raw: bytes) -> bytes | None:
    """The notice with only its first text/plain part, or None if it is no multipart/report."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or message.get_content_type() != "multipart/report":
        return None
    text = next((p for p in message.walk() if p.get_content_type() == "text/plain"), None)
    if not isinstance(text, EmailMessage):
        return None
    alone = EmailMessage()
    for name in ("From", "To", "Subject", "Date", "Message-ID"):
        if message[name]:
            alone[name] = str(message[name])
    alone.set_content(text.get_content())
    return alone.as_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every difference")
    parser.add_argument(
        "--set", choices=sorted(SETS), default="real", help="the stored notices to read"
    )
    args = parser.parse_args()
    counts: Counter[str] = Counter()
    rows: list[str] = []
    notices = 0
    for path in sorted(STORED.glob(SETS[args.set])):
        raw = path.read_bytes()
        alone = text_alone(raw)
        if alone is None:
            continue
        notices += 1
        name = path.relative_to(STORED)
        whole, text = parse(raw), parse(alone)
        if whole.kind != text.kind:
            counts["kind"] += 1
            rows.append(f"{name}: kind {whole.kind.value} -> {text.kind.value}")
        full = {b.address.lower(): b for b in whole.recipients}
        words = {b.address.lower(): b for b in text.recipients}
        counts["recipients"] += len(full)
        for address, bounce in full.items():
            other = words.get(address)
            if other is None:
                counts["lost"] += 1
                rows.append(f"{name} {address}: lost ({bounce.reason.value})")
            elif other.suppresses != bounce.suppresses:
                counts["suppress"] += 1
                rows.append(
                    f"{name} {address}: suppress {bounce.suppresses} -> {other.suppresses} "
                    f"({bounce.reason.value} -> {other.reason.value})"
                )
            elif other.reason != bounce.reason:
                counts["reason"] += 1
                rows.append(
                    f"{name} {address}: reason {bounce.reason.value} -> {other.reason.value}"
                )
        for address in words.keys() - full.keys():
            counts["extra"] += 1
            rows.append(f"{name} {address}: extra ({words[address].reason.value})")
    print(
        f"{notices} notices, {counts['recipients']} recipients: kind differs {counts['kind']}, "
        f"suppress bit differs "
        f"{counts['suppress']}, reason differs {counts['reason']}, lost {counts['lost']}, "
        f"extra {counts['extra']}"
    )
    if args.list:
        print("\n".join(rows))


if __name__ == "__main__":
    main()
