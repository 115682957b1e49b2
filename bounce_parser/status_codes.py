"""What an RFC 3463 enhanced status code and an RFC 5321 reply code say about a failure.

The meanings live in ``data/status_codes.toml``, one entry per code with the RFC section that
defines it: the reason, whose fault it is (``party``), whether the class digit decides
permanence or the RFC makes the code transient only, and whether the code is ``generic`` (names
only a broad area, so a specific statement in the text is read first). ``SUBJECT_REASONS`` is
the last fallback by subject alone.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from bounce_parser.reason import Party
from bounce_parser.reason import Reason as R


@dataclass(frozen=True, slots=True)
class CodeMeaning:
    """What one status detail or reply code means for the recipient's address."""

    code: str
    reason: R
    party: Party
    transient_only: bool
    generic: bool
    source: str
    permanent_only: bool = False  # "only useful for permanent failures" (RFC 3463 3.2)


def _load() -> tuple[dict[str, CodeMeaning], dict[int, CodeMeaning]]:
    text = resources.files("bounce_parser").joinpath("data/status_codes.toml").read_text("utf-8")
    table = tomllib.loads(text)

    def meaning(entry: dict[str, object]) -> CodeMeaning:
        return CodeMeaning(
            code=str(entry["code"]),
            reason=R(str(entry["reason"])),
            party=Party(str(entry["party"])),
            transient_only=entry["permanence"] == "transient",
            generic=bool(entry.get("generic", False)),
            source=str(entry["source"]),
            permanent_only=bool(entry.get("permanent_only", False)),
        )

    statuses = {str(e["code"]): meaning(e) for e in table["status"]}
    replies = {int(e["code"]): meaning(e) for e in table["reply"]}
    return statuses, replies


# ``subject.detail`` ("1.1" of 5.1.1) and basic reply code -> meaning; read once at import.
STATUS_MEANINGS, REPLY_MEANINGS = _load()
# Microsoft 365 numbers ranges of details; the table holds each range under its first value.
_VENDOR_RANGES = (("7.", 606, 649, "7.606"), ("7.", 650, 899, "7.650"))


def status_meaning(status: str | None) -> CodeMeaning | None:
    """The table entry for an enhanced status code (``5.1.1``), or None."""
    detail = status.partition(".")[2] if status else ""
    found = STATUS_MEANINGS.get(detail)
    if found is not None or not detail:
        return found
    for prefix, low, high, key in _VENDOR_RANGES:
        number = detail.removeprefix(prefix)
        if detail.startswith(prefix) and number.isdigit() and low <= int(number) <= high:
            return STATUS_MEANINGS[key]
    return None


STATUS_REASONS: dict[str, R] = {code: m.reason for code, m in STATUS_MEANINGS.items()}
GENERIC_STATUSES = frozenset(code for code, m in STATUS_MEANINGS.items() if m.generic)
# Fallback when neither the detail nor the text says anything more precise.
SUBJECT_REASONS: dict[str, R] = {
    "1": R.USER_UNKNOWN,
    "2": R.FILTERED,
    "3": R.SYSTEM_ERROR,
    "4": R.NETWORK_ERROR,
    "5": R.SYNTAX_ERROR,
    "6": R.CONTENT_ERROR,
    "7": R.SECURITY_ERROR,
}


# Detail numbers for a reason inferred without any status in the message: ``5.0.911`` means
# "permanent, user unknown, from text". These follow Sisimai's private x.0.9NN convention so
# reports line up with tools that use its taxonomy; RFC 3463 leaves x.0.9NN unassigned.
PSEUDO_DETAILS: dict[R, str] = {
    R.UNDEFINED: "900",
    R.ON_HOLD: "901",
    R.SYNTAX_ERROR: "902",
    R.NO_RELAYING: "909",
    R.FILTERED: "910",
    R.USER_UNKNOWN: "911",
    R.HOST_UNKNOWN: "912",
    R.HAS_MOVED: "916",
    R.REJECTED: "918",
    R.SUSPEND: "921",
    R.MAILBOX_FULL: "922",
    R.EXCEED_LIMIT: "923",
    R.SYSTEM_ERROR: "930",
    R.SYSTEM_FULL: "931",
    R.NOT_ACCEPT: "932",
    R.MESG_TOO_BIG: "934",
    R.MAILER_ERROR: "939",
    R.NETWORK_ERROR: "944",
    R.TOO_MANY_CONN: "945",
    R.SPEEDING: "946",
    R.EXPIRED: "947",
    R.CONTENT_ERROR: "960",
    R.SECURITY_ERROR: "970",
    R.BLOCKED: "971",
    R.POLICY_VIOLATION: "972",
    R.REQUIRE_PTR: "973",
    R.AUTH_FAILURE: "974",
    R.BAD_REPUTATION: "975",
    R.NOT_COMPLIANT_RFC: "976",
    R.SPAM_DETECTED: "980",
    R.VIRUS_DETECTED: "981",
}
