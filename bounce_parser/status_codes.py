"""What an RFC 3463 enhanced status code says about a failure, as tables.

``STATUS_REASONS`` maps ``subject.detail`` (RFC 3463 and the IANA registry, plus the few vendor
details seen in the wild) to a reason; ``GENERIC_STATUSES`` are details that say too little, so
the diagnostic text is read first; ``SUBJECT_REASONS`` is the last fallback by subject alone.
"""

from __future__ import annotations

from bounce_parser.reason import Reason as R

STATUS_REASONS: dict[str, R] = {
    "1.1": R.USER_UNKNOWN,
    "1.2": R.HOST_UNKNOWN,
    "1.3": R.USER_UNKNOWN,
    "1.4": R.USER_UNKNOWN,
    "1.6": R.HAS_MOVED,
    "1.7": R.REJECTED,
    "1.8": R.REJECTED,
    "1.9": R.SYSTEM_ERROR,
    "1.10": R.NOT_ACCEPT,
    "2.1": R.SUSPEND,
    "2.2": R.MAILBOX_FULL,
    "2.3": R.EXCEED_LIMIT,
    "2.4": R.SYSTEM_ERROR,
    "3.1": R.SYSTEM_FULL,
    "3.2": R.NOT_ACCEPT,
    "3.3": R.SYSTEM_ERROR,
    "3.4": R.MESG_TOO_BIG,
    "3.5": R.SYSTEM_ERROR,
    "4.0": R.NETWORK_ERROR,
    "4.1": R.NETWORK_ERROR,
    "4.2": R.NETWORK_ERROR,
    "4.3": R.SYSTEM_ERROR,
    "4.4": R.HOST_UNKNOWN,
    "4.5": R.SYSTEM_FULL,
    "4.6": R.NETWORK_ERROR,
    "4.7": R.EXPIRED,
    "5.1": R.SYNTAX_ERROR,
    "5.2": R.SYNTAX_ERROR,
    "5.3": R.EXCEED_LIMIT,
    "5.4": R.SYNTAX_ERROR,
    "5.5": R.SYSTEM_ERROR,
    "5.6": R.SYNTAX_ERROR,
    "6.0": R.CONTENT_ERROR,
    "6.1": R.CONTENT_ERROR,
    "6.2": R.CONTENT_ERROR,
    "6.3": R.CONTENT_ERROR,
    "6.4": R.CONTENT_ERROR,
    "6.5": R.CONTENT_ERROR,
    "6.6": R.CONTENT_ERROR,
    "6.7": R.CONTENT_ERROR,
    "6.8": R.CONTENT_ERROR,
    "6.9": R.CONTENT_ERROR,
    "6.10": R.CONTENT_ERROR,
    "7.2": R.POLICY_VIOLATION,
    "7.3": R.SECURITY_ERROR,
    "7.4": R.SECURITY_ERROR,
    "7.5": R.SECURITY_ERROR,
    "7.6": R.SECURITY_ERROR,
    "7.7": R.SECURITY_ERROR,
    "7.8": R.SECURITY_ERROR,
    "7.9": R.SECURITY_ERROR,
    "7.10": R.SECURITY_ERROR,
    "7.11": R.SECURITY_ERROR,
    "7.12": R.SECURITY_ERROR,
    "7.13": R.SUSPEND,
    "7.14": R.SECURITY_ERROR,
    "7.15": R.POLICY_VIOLATION,
    "7.16": R.MESG_TOO_BIG,
    "7.17": R.HAS_MOVED,
    "7.18": R.HAS_MOVED,
    "7.19": R.HAS_MOVED,
    "7.20": R.AUTH_FAILURE,
    "7.21": R.AUTH_FAILURE,
    "7.22": R.AUTH_FAILURE,
    "7.23": R.AUTH_FAILURE,
    "7.24": R.AUTH_FAILURE,
    "7.25": R.REQUIRE_PTR,
    "7.26": R.AUTH_FAILURE,
    "7.27": R.NOT_ACCEPT,
    "7.28": R.SPAM_DETECTED,
    "7.29": R.AUTH_FAILURE,
    "7.30": R.SECURITY_ERROR,
    # Microsoft 365: 5.7.606-649 banned sending IP, 4.7.650+ IP reputation, 5.7.509 DMARC.
    "7.606": R.BLOCKED,
    "7.650": R.BAD_REPUTATION,
    "7.509": R.AUTH_FAILURE,
}

# Details that name only a broad area: the text decides, the status is the fallback.
GENERIC_STATUSES = frozenset(
    {"0.0", "1.0", "1.3", "1.10", "2.0", "2.1", "3.0", "4.0", "4.1", "5.0", "7.0", "7.1", "7.9"}
)
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
