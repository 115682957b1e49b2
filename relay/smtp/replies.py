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
NEEDS_SMTPUTF8 = "553 5.6.7 Non-ASCII address without SMTPUTF8 in MAIL FROM"
BAD_PATH = "501 5.5.4 Syntax: MAIL FROM:<address> or RCPT TO:<address>, the path in brackets"
BAD_DESTINATION = "550 5.1.2 Recipient domain is not one this relay sends to"
BARE_LF_COMMAND = "500 5.5.2 Bare LF in a command line; lines must end with CRLF"
INTERNAL_ERROR = "451 4.3.0 Temporary internal error, try again later"
RELAY_FORM_REFUSED = "550 5.7.1 Relaying denied: %, !, source routes and quoted @ are refused"
STORE_UNAVAILABLE = "451 4.3.0 Temporary failure: the suppression store is unavailable, try later"
QUEUE_UNAVAILABLE = "451 4.3.0 Temporary failure: could not queue the message, try later"
BARE_LINE_END = "550 5.5.2 Bare CR or LF in message data; lines must end with CRLF"
NO_FROM = "550 5.7.1 The message has no From: header with an address"
MESSAGE_TOO_BIG = "552 5.3.4 Message size exceeds the fixed maximum message size"
TOO_MANY_CONNECTIONS = "421 4.7.0 Too many connections, try again later"
SHUTTING_DOWN = "421 4.3.2 Service shutting down, try again later"
CANNOT_PARSE = "554 5.6.0 The message headers cannot be parsed"


def suppressed(
    address: str, *, why: str, when: str, reason: str, status: str | None, scope: str
) -> str:
    """550 for a suppressed recipient: why (it bounced, complained, or was put on the list),
    since when, and the reason."""
    detail = f"{reason} {status}" if status else reason
    return (
        f"550 5.7.1 <{address}>: not sent: {why} on {when} ({detail}); address is suppressed{scope}"
    )


def foreign_from(domain: str) -> str:
    """550 for a From: domain that is not one of the account's sending domains."""
    return f"550 5.7.1 From: domain {domain} is not a sending domain of this account"


def sending_paused(why: str) -> str:
    """451 at MAIL and RCPT while the bounce-rate guard pauses the account (issue 16 part 6):
    ``451 4.7.1 sending paused: bounce rate 12.3% over the last 1000 copies``."""
    return f"451 4.7.1 sending paused: {why}"


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
    "501 Error: SMTPUTF8 disabled": "501 5.5.4 Error: SMTPUTF8 disabled",
    "553 5.1.3 Error: malformed address": BAD_PATH,
    "501 Error: BODY can only be one of 7BIT, 8BITMIME": (
        "501 5.5.4 Error: BODY can only be one of 7BIT, 8BITMIME"
    ),
    "555 MAIL FROM parameters not recognized or not implemented": (
        "555 5.5.4 MAIL FROM parameters not recognized or not implemented"
    ),
    "555 RCPT TO parameters not recognized or not implemented": (
        "555 5.5.4 RCPT TO parameters not recognized or not implemented"
    ),
    "501 Syntax: MAIL FROM: <address>": "501 5.5.4 Syntax: MAIL FROM:<address>",
    "501 Syntax: MAIL FROM: <address> [SP <mail-parameters>]": (
        "501 5.5.4 Syntax: MAIL FROM:<address> [SP <mail-parameters>]"
    ),
    "501 Syntax: RCPT TO: <address>": "501 5.5.4 Syntax: RCPT TO:<address>",
    "501 Syntax: RCPT TO: <address> [SP <mail-parameters>]": (
        "501 5.5.4 Syntax: RCPT TO:<address> [SP <mail-parameters>]"
    ),
    "503 Error: send HELO first": "503 5.5.1 Error: send HELO first",
    "503 Error: send EHLO first": "503 5.5.1 Error: send EHLO first",
    "500 Error: command 'AUTH' not recognized": "502 5.5.1 AUTH is not offered here",
    "501 Syntax: VRFY <address>": "501 5.5.4 Syntax: VRFY <address>",
    "252 Cannot VRFY user, but will accept message and attempt delivery": (
        "252 2.5.2 Cannot VRFY user, but will accept message and attempt delivery"
    ),
    "250 OK": "250 2.0.0 OK",
    "221 Bye": "221 2.0.0 Bye",
    "220 Ready to start TLS": "220 2.0.0 Ready to start TLS",
}

# Enhanced codes for aiosmtpd's replies that carry variable text (its "500 Error: command
# "X" not recognized", "502 Could not VRFY ..." and HELP), by the reply code.
_BY_CODE = {"250": "2.0.0", "500": "5.5.2", "501": "5.5.4", "502": "5.5.1", "503": "5.5.1"}


def with_status(reply: str) -> str:
    """``reply`` with an enhanced status code (RFC 2034): aiosmtpd's texts mapped above, and
    any other reply that lacks one given its code's. The greeting, HELO's reply and the 3xx
    prompts are left alone (RFC 2034 §3 exempts the first two; 3xx have no enhanced codes)."""
    mapped = BUILTIN.get(reply)
    if mapped is not None:
        return mapped
    if reply[3:4] != " ":  # a line of a multi-line reply (EHLO's), or not a reply at all
        return reply
    code, _, text = reply.partition(" ")
    if (text[:1].isdigit() and text[1:2] == ".") or code[:1] not in "245" or code == "220":
        return reply
    if code == "250" and not text.startswith(("Syntax:", "Supported commands:")):
        return reply  # HELO's "250 <hostname>"
    status = _BY_CODE.get(code, f"{code[0]}.0.0")
    return f"{code} {status} {text}"
