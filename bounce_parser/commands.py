"""Which SMTP command a failure answered, and what that changes about its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bounce_parser.reason import Reason as R

# Which SMTP command a reply answered, in the wordings of transcripts and notices; group 1 is
# the verb as written. The last one named before the reply is the one that failed. Each
# pattern starts with a literal so that searching a long notice stays cheap.
COMMAND_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"after (?:the )?(initial connection|e?hlo|mail from|rcpt to|end of data"
        r"|pipelined data|data|sending (?:the )?message)"
    ),
    re.compile(r"in reply to (e?hlo|mail from|rcpt to|end of data|data)"),
    re.compile(r">>> ?(e?hlo|mail from|rcpt to|data)\b"),
    re.compile(r"\[(mail_from|rcpt_to|data)\]"),
    re.compile(r"our (e?hlo|rcpt|data|mail from)"),
    re.compile(r"smtp (greeting|banner)"),
    # "503 Need RCPT" after a pipelined DATA means the RCPT before it was the one refused.
    re.compile(r"<<< ?503[ -][^\n]*(rcpt|recipient)"),
)
COMMAND_OF_VERB: tuple[tuple[str, str], ...] = (
    ("conn", "CONN"),
    ("greeting", "CONN"),
    ("banner", "CONN"),
    ("hlo", "HELO"),
    ("mail", "MAIL"),
    ("rcpt", "RCPT"),
    ("recipient", "RCPT"),
    ("data", "DATA"),
    ("message", "DATA"),
)


@dataclass(frozen=True, slots=True)
class CommandRule:
    """A reason read from the text that means something else when a given command failed."""

    commands: frozenset[str]
    reasons: frozenset[R]
    becomes: R


COMMAND_RULES: tuple[CommandRule, ...] = (
    # The address was accepted at RCPT; a later "unknown user" is a filter speaking.
    CommandRule(frozenset({"DATA"}), frozenset({R.USER_UNKNOWN}), R.FILTERED),
    # A refusal of MAIL FROM is about our sender address, not the recipient.
    CommandRule(
        frozenset({"MAIL"}),
        frozenset({R.USER_UNKNOWN, R.HOST_UNKNOWN, R.UNDEFINED, R.SUSPEND, R.SYNTAX_ERROR}),
        R.REJECTED,
    ),
    # Refused before any address was named: the client itself is not welcome.
    CommandRule(
        frozenset({"CONN", "HELO"}),
        frozenset({R.UNDEFINED, R.USER_UNKNOWN, R.REJECTED, R.SECURITY_ERROR, R.SYSTEM_ERROR}),
        R.BLOCKED,
    ),
)
