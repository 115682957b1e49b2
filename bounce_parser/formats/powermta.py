"""PowerMTA's ``X-PowerMTA-BounceCategory`` DSN field: the sender MTA's own classification.

PowerMTA files each failure under one of a documented set of categories; when a DSN carries
one, it says what the reply meant more reliably than re-reading the reply's words.
"""

from __future__ import annotations

from bounce_parser.reason import Reason as R

CATEGORY_FIELD = "x-powermta-bouncecategory"

# The documented categories; "other" and anything unknown leave the reason to the text.
BOUNCE_CATEGORIES: dict[str, R] = {
    "bad-mailbox": R.USER_UNKNOWN,
    "bad-domain": R.HOST_UNKNOWN,
    "inactive-mailbox": R.SUSPEND,
    "quota-issues": R.MAILBOX_FULL,
    "invalid-sender": R.REJECTED,
    "message-expired": R.EXPIRED,
    "no-answer-from-host": R.NETWORK_ERROR,
    "bad-connection": R.NETWORK_ERROR,
    "routing-errors": R.SYSTEM_ERROR,
    "protocol-errors": R.SYSTEM_ERROR,
    "relaying-issues": R.NO_RELAYING,
    "policy-related": R.POLICY_VIOLATION,
    "spam-related": R.SPAM_DETECTED,
    "virus-related": R.VIRUS_DETECTED,
    "content-related": R.CONTENT_ERROR,
}


def category_reason(block: dict[str, str]) -> R | None:
    """The reason a DSN recipient block's PowerMTA bounce category names, if it has one."""
    category = block.get(CATEGORY_FIELD, "").strip().lower()
    return BOUNCE_CATEGORIES.get(category)
