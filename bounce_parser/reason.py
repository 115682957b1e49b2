"""The reasons a message was not (or was) delivered, in the widely used Sisimai taxonomy."""

from __future__ import annotations

import enum


class Reason(enum.StrEnum):
    """Why a recipient bounced; the value is the snake_case name used in reports."""

    USER_UNKNOWN = "user_unknown"
    HOST_UNKNOWN = "host_unknown"
    HAS_MOVED = "has_moved"
    NOT_ACCEPT = "not_accept"
    MAILBOX_FULL = "mailbox_full"
    SUSPEND = "suspend"
    EXPIRED = "expired"
    FILTERED = "filtered"
    REJECTED = "rejected"
    BLOCKED = "blocked"
    BAD_REPUTATION = "bad_reputation"
    REQUIRE_PTR = "require_ptr"
    AUTH_FAILURE = "auth_failure"
    POLICY_VIOLATION = "policy_violation"
    SECURITY_ERROR = "security_error"
    SPAM_DETECTED = "spam_detected"
    VIRUS_DETECTED = "virus_detected"
    CONTENT_ERROR = "content_error"
    MESG_TOO_BIG = "mesg_too_big"
    EXCEED_LIMIT = "exceed_limit"
    TOO_MANY_CONN = "too_many_conn"
    SPEEDING = "speeding"
    NETWORK_ERROR = "network_error"
    SYSTEM_ERROR = "system_error"
    SYSTEM_FULL = "system_full"
    MAILER_ERROR = "mailer_error"
    NO_RELAYING = "no_relaying"
    SYNTAX_ERROR = "syntax_error"
    NOT_COMPLIANT_RFC = "not_compliant_rfc"
    ON_HOLD = "on_hold"
    UNDEFINED = "undefined"
    FEEDBACK = "feedback"
    VACATION = "vacation"
    DELIVERED = "delivered"


# The address itself is bad; NOT_ACCEPT only counts with a permanent status (see classify).
ADDRESS_REASONS = frozenset(
    {Reason.USER_UNKNOWN, Reason.HOST_UNKNOWN, Reason.HAS_MOVED, Reason.NOT_ACCEPT}
)
