"""The reasons a message was not (or was) delivered, in the widely used Sisimai taxonomy."""

from __future__ import annotations

import enum


class Party(enum.StrEnum):
    """Whose fault a failure is: only a permanent ``RECIPIENT`` verdict condemns the address."""

    RECIPIENT = "recipient"  # no such user or domain, disabled account, mailbox full, moved
    SENDER = "sender"  # reputation, block lists, authentication, content, rate, policy
    TRANSIENT = "transient"  # network, system, timeouts, greylisting, queue lifetime
    UNDETERMINED = "undetermined"  # the notice does not say; never suppresses


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
    {Reason.USER_UNKNOWN, Reason.HOST_UNKNOWN, Reason.HAS_MOVED, Reason.NOT_ACCEPT, Reason.SUSPEND}
)
# Conditions of the recipient's address or mailbox (the party is the recipient).
RECIPIENT_REASONS = ADDRESS_REASONS | {Reason.MAILBOX_FULL}

_SENDER_REASONS = (
    "filtered rejected blocked bad_reputation require_ptr auth_failure policy_violation"
    " security_error spam_detected virus_detected content_error mesg_too_big exceed_limit"
    " too_many_conn speeding no_relaying syntax_error not_compliant_rfc"
)
_TRANSIENT_REASONS = "expired network_error system_error system_full mailer_error"

# Whose fault each reason is when read from text (a status code brings its own party).
PARTY_OF_REASON: dict[Reason, Party] = {
    **dict.fromkeys(RECIPIENT_REASONS, Party.RECIPIENT),
    **{Reason(name): Party.SENDER for name in _SENDER_REASONS.split()},
    **{Reason(name): Party.TRANSIENT for name in _TRANSIENT_REASONS.split()},
    **dict.fromkeys(
        (Reason.ON_HOLD, Reason.UNDEFINED, Reason.FEEDBACK, Reason.VACATION, Reason.DELIVERED),
        Party.UNDETERMINED,
    ),
}
