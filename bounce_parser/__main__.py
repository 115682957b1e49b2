"""``python -m bounce_parser [--json] FILE...``: parse each file, one line per file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from bounce_parser.parser import parse
from bounce_parser.report import BounceReport


def as_json(path: str, report: BounceReport) -> str:
    """One JSON line in the shape ``score_bounces.py`` reads."""
    recipients = [
        {
            "address": b.address,
            "original_recipient": b.original_recipient,
            "action": b.action,
            "status": b.status,
            "reply_code": str(b.reply_code) if b.reply_code is not None else None,
            "reason": b.reason.value,
            # score_bounces.py compares "permanent" with the suppress-or-not bit (hardbounce).
            "permanent": b.hard,
            "party": b.party.value,
            "failure": "permanent" if b.permanent else "temporary",
            "rule": b.rule,
            "diagnostic": b.diagnostic,
            "reporting_mta": b.reporting_mta,
            "remote_mta": b.remote_mta,
        }
        for b in report.recipients
    ]
    row = {
        "file": path,
        "kind": report.kind.value,
        "message_id": report.message_id,
        "return_path": report.return_path,
        "reporting_mta": report.reporting_mta,
        "feedback_type": report.feedback_type,
        "recipients": recipients,
    }
    return json.dumps(row, ensure_ascii=False)


def as_text(path: str, report: BounceReport) -> str:
    """A short line per recipient for people."""
    if not report.recipients:
        return f"{path}: {report.kind.value}"
    return "\n".join(
        f"{path}: {report.kind.value} {b.address} {b.status or '-'} {b.reason.value}"
        f" {b.party.value}{' hard' if b.hard else ''}"
        for b in report.recipients
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the files named on the command line; exit 1 if one could not be read."""
    parser = argparse.ArgumentParser(prog="python -m bounce_parser", description=__doc__)
    parser.add_argument("--json", action="store_true", help="one JSON object per file")
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)
    render = as_json if args.json else as_text
    status = 0
    out = sys.stdout
    for path in args.files:
        try:
            with open(path, "rb") as fh:
                raw = fh.read()
        except OSError as exc:
            print(f"{path}: {exc.strerror}", file=sys.stderr)
            status = 1
            if args.json:
                out.write(json.dumps({"file": path, "error": str(exc), "recipients": []}) + "\n")
            continue
        out.write(render(path, parse(raw)) + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
