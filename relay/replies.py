"""Every SMTP reply the relay gives, with its RFC 3463 enhanced status code."""

from __future__ import annotations

# Submission
OK_SENDER = "250 2.1.0 Sender OK"
OK_RECIPIENT = "250 2.1.5 Recipient OK"
AUTH_REQUIRED = "530 5.7.0 Authentication required"
AUTH_INVALID = "535 5.7.8 Authentication credentials invalid"
AUTH_UNAVAILABLE = "454 4.7.0 Temporary authentication failure"
AUTH_LOCKED = "454 4.7.0 Too many failed logins, try later"
TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"
BAD_ADDRESS = "501 5.1.3 Bad address syntax"
RELAY_FORM_REFUSED = "550 5.7.1 Relaying denied: %, !, source routes and quoted @ are refused"
STORE_UNAVAILABLE = "451 4.3.0 Temporary failure: the suppression store is unavailable, try later"
QUEUE_UNAVAILABLE = "451 4.3.0 Temporary failure: could not queue the message, try later"
BARE_LINE_END = "550 5.5.2 Bare CR or LF in message data; lines must end with CRLF"
NO_FROM = "550 5.7.1 The message has no From: header with an address"
MESSAGE_TOO_BIG = "552 5.3.4 Message size exceeds the fixed maximum message size"
TOO_MANY_CONNECTIONS = "421 4.7.0 Too many connections, try again later"
SHUTTING_DOWN = "421 4.3.2 Service shutting down, try again later"
CANNOT_PARSE = "554 5.6.0 The message headers cannot be parsed"


def suppressed(address: str, *, when: str, reason: str, status: str | None, scope: str) -> str:
    """550 for a recipient that hard-bounced: the date and reason of that bounce."""
    detail = f"{reason} {status}" if status else reason
    return (
        f"550 5.7.1 <{address}>: not sent: previously bounced on {when} ({detail}); "
        f"address is suppressed{scope}"
    )


def foreign_from(domain: str) -> str:
    """550 for a From: domain that is not one of the account's sending domains."""
    return f"550 5.7.1 From: domain {domain} is not a sending domain of this account"


def accepted(message_id: str, queued: int) -> str:
    """250 for DATA: every accepted copy delivered, bounced or safely queued."""
    tail = f", {queued} queued for retry" if queued else ""
    return f"250 2.0.0 OK {message_id}{tail}"


# Bounce listener
NOT_OUR_RETURN_PATH = "550 5.1.1 No such mailbox here: this server takes bounces only"
BOUNCE_ACCEPTED = "250 2.0.0 Bounce received"
BOUNCE_NOT_RECORDED = "451 4.3.0 Temporary failure: the bounce could not be recorded, try later"
# Too many reports tied to no copy we sent came from this host this hour (RFC 3463 4.7.1:
# delivery not authorized, temporary).
UNVERIFIED_BOUNCES_THROTTLED = (
    "450 4.7.1 Too many unverified reports from your host this hour, try later"
)

# aiosmtpd's own replies, given their enhanced status codes (RFC 2034 wants them on every reply
# once ENHANCEDSTATUSCODES is advertised).
BUILTIN = {
    "552 Error: Too much mail data": MESSAGE_TOO_BIG,
    "552 Error: message size exceeds fixed maximum message size": MESSAGE_TOO_BIG,
    "503 Error: need MAIL command": "503 5.5.1 Error: need MAIL command",
    "503 Error: need RCPT command": "503 5.5.1 Error: need RCPT command",
    "503 Error: nested MAIL command": "503 5.5.1 Error: nested MAIL command",
    "500 Line too long (see RFC5321 4.5.3.1.6)": "500 5.5.6 Line too long",
    "554 Command refused due to lack of security": "530 5.7.0 Must issue a STARTTLS command first",
    "530 Must issue a STARTTLS command first": "530 5.7.0 Must issue a STARTTLS command first",
    "500 Command line too long": "500 5.5.6 Command line too long",
    "500 Error: bad syntax": "500 5.5.2 Error: bad syntax",
    "500 Error: strict ASCII mode": "500 5.6.7 Error: non-ASCII data without SMTPUTF8",
    "454 TLS not available": "454 4.7.0 TLS not available",
    "503 Already authenticated": "503 5.5.1 Already authenticated",
    "501 Not enough value": "501 5.5.4 Syntax: AUTH mechanism [initial-response]",
    "501 Too many values": "501 5.5.4 Syntax: AUTH mechanism [initial-response]",
    "501 Syntax: DATA": "501 5.5.4 Syntax: DATA",
    "501 Syntax: RSET": "501 5.5.4 Syntax: RSET",
    "501 Syntax: QUIT": "501 5.5.4 Syntax: QUIT",
    "501 Syntax: STARTTLS": "501 5.5.4 Syntax: STARTTLS",
    "501 Syntax: HELO hostname": "501 5.5.4 Syntax: HELO hostname",
    "501 Syntax: EHLO hostname": "501 5.5.4 Syntax: EHLO hostname",
    "502 EXPN not implemented": "502 5.5.1 EXPN not implemented",
    "501 Error: SMTPUTF8 takes no arguments": "501 5.5.4 Error: SMTPUTF8 takes no arguments",
}
