"""classify_reply: one synchronous SMTP reply judged as a reason and a hard/soft verdict."""

from __future__ import annotations

import pytest

from bounce_parser import Reason, Verdict, classify_reply

R = Reason

CASES = [
    # id, reply code, status, text, expected reason, hard, expected status
    ("user-unknown", 550, "5.1.1", "User unknown", R.USER_UNKNOWN, True, "5.1.1"),
    ("mailbox-full-4xx", 452, "4.2.2", "Mailbox full", R.MAILBOX_FULL, False, "4.2.2"),
    (
        "dnsbl-block",
        550,
        "5.7.1",
        "Service unavailable; client host [192.0.2.4] blocked using zen.spamhaus.org",
        R.BLOCKED,
        False,
        "5.7.1",
    ),
    ("null-mx", 556, "5.1.10", "Recipient address has null MX", R.NOT_ACCEPT, True, "5.1.10"),
    ("spam-no-status", 554, None, "Message rejected as spam", R.SPAM_DETECTED, False, "5.0.0"),
    ("too-many-conn", 421, "4.7.0", "Too many connections", R.TOO_MANY_CONN, False, "4.7.0"),
    (
        "postfix-virtual-table",
        550,
        None,
        "<u@example.net>: Recipient address rejected: User unknown in virtual mailbox table",
        R.USER_UNKNOWN,
        True,
        "5.0.0",
    ),
    ("unknown-4xx-never-hard", 450, "4.1.1", "user unknown", R.USER_UNKNOWN, False, "4.1.1"),
    ("host-unknown", 550, "5.1.2", "Host or domain name not found", R.HOST_UNKNOWN, True, "5.1.2"),
    ("moved", 551, "5.1.6", "Mailbox has moved", R.HAS_MOVED, True, "5.1.6"),
    ("unrecognised-5xx", 554, None, "Transaction failed", R.UNDEFINED, False, "5.0.0"),
    ("status-in-text", None, None, "550 5.2.2 mailbox full", R.MAILBOX_FULL, False, "5.2.2"),
    ("spf", 550, "5.7.23", "SPF check failed", R.AUTH_FAILURE, False, "5.7.23"),
    (
        "dmarc-text",
        550,
        "5.7.1",
        "Unauthenticated email is rejected by DMARC",
        R.AUTH_FAILURE,
        False,
        "5.7.1",
    ),
    (
        "ptr",
        450,
        "4.7.1",
        "Client host rejected: cannot find your reverse hostname",
        R.REQUIRE_PTR,
        False,
        "4.7.1",
    ),
    (
        "relay-denied",
        554,
        "5.7.1",
        "<u@example.org>: Relay access denied",
        R.NO_RELAYING,
        False,
        "5.7.1",
    ),
    ("too-big", 552, "5.3.4", "Message size exceeds fixed limit", R.MESG_TOO_BIG, False, "5.3.4"),
    (
        "greylisted-falls-back-to-status",
        450,
        "4.7.1",
        "Greylisted, please try again later",
        R.SECURITY_ERROR,
        False,
        "4.7.1",
    ),
    ("virus", 554, "5.7.0", "Message contains a virus", R.VIRUS_DETECTED, False, "5.7.0"),
    ("disabled", 550, "5.2.1", "The email account is disabled", R.SUSPEND, False, "5.2.1"),
    ("expired-4xx", 451, "4.4.7", "Delivery time expired", R.EXPIRED, False, "4.4.7"),
    ("delivered", 250, "2.0.0", "Ok: queued as 1234", R.DELIVERED, False, "2.0.0"),
]


@pytest.mark.parametrize(
    ("code", "status", "text", "reason", "hard", "final_status"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_classify_reply(
    code: int | None,
    status: str | None,
    text: str,
    reason: Reason,
    hard: bool,
    final_status: str | None,
) -> None:
    assert classify_reply(code, status, text) == Verdict(reason, hard, final_status)


@pytest.mark.parametrize(
    "reason",
    [
        R.BLOCKED,
        R.BAD_REPUTATION,
        R.REQUIRE_PTR,
        R.AUTH_FAILURE,
        R.POLICY_VIOLATION,
        R.SPAM_DETECTED,
        R.SECURITY_ERROR,
        R.MAILBOX_FULL,
    ],
)
def test_sender_side_reasons_are_never_hard(reason: Reason) -> None:
    # whatever text produced the reason, a 5.7.x / 5xx verdict on it must not condemn the address
    texts = {
        R.BLOCKED: "blocked using bl.example",
        R.BAD_REPUTATION: "poor sending IP reputation",
        R.REQUIRE_PTR: "no reverse DNS for your IP",
        R.AUTH_FAILURE: "SPF check failed",
        R.POLICY_VIOLATION: "rejected for policy reasons",
        R.SPAM_DETECTED: "looks like spam",
        R.SECURITY_ERROR: "authentication required",
        R.MAILBOX_FULL: "mailbox is full",
    }
    verdict = classify_reply(550, "5.7.1" if reason is not R.MAILBOX_FULL else None, texts[reason])
    assert verdict.reason is reason
    assert not verdict.hard


def test_reason_values_are_snake_case_names() -> None:
    for reason in Reason:
        assert reason.value == reason.name.lower()
