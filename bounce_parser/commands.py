"""Which SMTP command a failure answered, and what that changes about its reason."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bounce_parser.reason import RECIPIENT_REASONS
from bounce_parser.reason import Reason as R

# Which SMTP command a reply answered, in the wordings of transcripts and notices; group 1 is
# the verb as written. The last one named before the reply is the one that failed. Each
# pattern starts with a literal so that searching a long notice stays cheap.
COMMAND_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Exim (transports/smtp.c) writes "after %s%s" and "in response to %s%s" with "pipelined "
    # before the command when PIPELINING was in use: "after pipelined MAIL FROM:<...>".
    re.compile(
        r"after (?:the |pipelined )?(initial connection|e?hlo|mail from|rcpt to|end of data"
        r"|data|sending (?:the )?message)"
    ),
    re.compile(r"in re(?:ply|sponse) to (?:pipelined )?(e?hlo|mail from|rcpt to|end of data|data)"),
    re.compile(r">>> ?(e?hlo|mail from|rcpt to|data)\b"),
    # Courier (module.esmtp/libesmtp.c) logs a refused greeting as sent "(initial greeting)".
    re.compile(r">>> ?\((initial greeting)\)"),
    re.compile(r"\[(mail_from|rcpt_to|data)\]"),
    re.compile(r"our (e?hlo|rcpt|data|mail from)"),
    re.compile(r"smtp (greeting|banner)"),
    # qmail-1.03 qmail-remote.c names the step that failed in its own words: "Connected to %s
    # but greeting failed", "... but my name was rejected" (HELO), "... but sender was
    # rejected" (MAIL FROM), "%s does not like recipient", "%s failed on DATA command",
    # "%s failed after I sent the message".
    re.compile(r"connected to \S+ but (greeting|my name|sender) (?:failed|was rejected)"),
    re.compile(r"does not like (recipient)"),
    re.compile(r"failed (?:on|after i sent the) (data|message)"),
    # hMailServer (SMTPClientConnection.cpp): "hMailServer sent: %s" quotes the command the
    # remote refused, then "Remote server replied: %s".
    re.compile(r"hmailserver sent: (e?hlo|mail from|rcpt to|data)"),
    # m-FILTER's failure notice (Digital Arts' FAQ, pa-solution.net Detail.aspx?id=2686)
    # quotes the reply under "-------server message" and the last command it sent under
    # "-------SMTP command" on the next line.
    re.compile(r"-------smtp command[ \t]*\n[ \t]*(e?hlo|mail from|rcpt to|data)\b"),
    # sendmail's transcript (deliver.c/usersmtp.c: "... while talking to %s:", then each
    # command sent as ">>> " and each reply read as "<<< "): a reply read before any command
    # was sent is the server's greeting, refused (RFC 5321 section 3.1: a server may answer
    # the connection with 554 instead of 220; section 4.3.2 lists 554 for the greeting).
    re.compile(r"while talking to [^\s:]+:[ \t]*\n[ \t]*(<<<) ?[45]\d\d[ -]"),
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
    ("my name", "HELO"),
    ("sender", "MAIL"),
    ("<<<", "CONN"),  # a reply read before any command was sent: the greeting
)


@dataclass(frozen=True, slots=True)
class CommandRule:
    """A reason read from the text that means something else where the failure happened.

    ``commands`` are the verbs the rule applies at (``None``: the notice names none);
    ``subjects``, when given, the RFC 3463 status subjects (``"2"`` of ``5.2.1``) it needs.
    """

    commands: frozenset[str | None]
    reasons: frozenset[R]
    becomes: R
    subjects: frozenset[str] | None = None
    # Only when the text is the bare "user unknown" wording.
    bare: bool = False
    # Only for a reply from NTT docomo (``from_docomo``).
    docomo: bool = False

    def applies(
        self, command: str | None, reason: R, subject: str, text: str = "", docomo: bool = False
    ) -> bool:
        """Whether this rule reinterprets ``reason`` given at ``command`` with ``subject``."""
        return (
            command in self.commands
            and reason in self.reasons
            and (self.subjects is None or subject in self.subjects)
            and (not self.bare or _BARE_UNKNOWN.search(text.lower()) is not None)
            and (docomo or not self.docomo)
        )


_BARE_UNKNOWN = re.compile(r"\b(?:unknown user|user unknown)\b")
# A host or address in NTT docomo's own domain; and the host a notice says answered.
_DOCOMO_DOMAIN = re.compile(r"(?:^|[@.])docomo\.ne\.jp\.?$")
_ANSWERING_HOST = re.compile(r"(?:\bhost|talking to|remote host|remote-mta:\s*dns;)\s+([\w.-]+)")


def from_docomo(recipient: str | None, remote: str | None, text: str = "") -> bool:
    """Whether a reply is NTT docomo's: to a docomo.ne.jp address, or from one of its hosts.

    ``remote`` is the Remote-MTA; ``text`` the diagnostic and its notice, read for the host
    that answered ("host mfsmax.docomo.ne.jp[...] said", "while talking to ...").
    """
    names = [recipient.rpartition("@")[2] if recipient else "", (remote or "").split(" ")[0]]
    names += _ANSWERING_HOST.findall(text.lower())
    return any(_DOCOMO_DOMAIN.search(name.lower().strip("[]")) for name in names if name)


# Every place a failure can be reported but the RCPT command.
NOT_AT_RCPT: frozenset[str | None] = frozenset({None, "CONN", "HELO", "MAIL", "DATA"})

ANY_COMMAND: frozenset[str | None] = NOT_AT_RCPT | {"RCPT"}

COMMAND_RULES: tuple[CommandRule, ...] = (
    # A refusal of MAIL FROM is about our sender address, not the recipient: RFC 5321 section
    # 3.3, no recipient has been named yet. Every recipient condition (a 551 "user not local"
    # or a 553 "mailbox name not allowed" read from the reply code alone) is the sender's.
    CommandRule(
        frozenset({"MAIL"}),
        frozenset({*RECIPIENT_REASONS, R.UNDEFINED, R.SYNTAX_ERROR}),
        R.REJECTED,
    ),
    # NTT docomo's reception filter, and only docomo's (the reply comes from its own hosts or
    # is about one of its addresses: ``from_docomo``). docomo answers RCPT with 250 and then
    # refuses a filtered sender with "550 Unknown user <addr>" after the data
    # (https://akisoftware.com/pmsrv/help/docomo.html, an MTA vendor's transcript with
    # mfsmax.docomo.ne.jp; https://note.com/sendmagic/n/neb6bbe7e51cf: the same reply for a
    # missing address or the recipient's reception refusal setting). So the bare words from
    # docomo after DATA under no specific status, or under a mailbox status (x.2.x) not at
    # RCPT, are its filter; under 5.1.1 a missing mailbox (is_specific comes first; the
    # same split as https://moneytimes.jp/archives/185548/2 describes). From any
    # other server "user unknown" means what it says at every stage (precedence.py rule 2;
    # issue #14's held-out set counts the stage overriding it as its largest error kind).
    CommandRule(
        frozenset({"DATA"}), frozenset({R.USER_UNKNOWN}), R.FILTERED, bare=True, docomo=True
    ),
    CommandRule(
        NOT_AT_RCPT,
        frozenset({R.USER_UNKNOWN}),
        R.FILTERED,
        frozenset({"2"}),
        bare=True,
        docomo=True,
    ),
    # A refusal at DATA or after the data that names no reason (no specific status, no words
    # the tables know: sa-exim's default "550 Rejected", sa-exim.c's SAmsgpermrej) is the
    # receiver's refusal of the message, not of an address: every recipient it went to had
    # been accepted at RCPT (RFC 5321 sections 3.3 and 4.1.1.4: DATA is only taken after a
    # RCPT was, and the end of data is answered for the message as a whole). The recipient's
    # own words ("user unknown" at DATA) are read before this rule, which takes only
    # undefined.
    CommandRule(frozenset({"DATA"}), frozenset({R.UNDEFINED}), R.FILTERED),
    # Content refused under a security or policy code (x.7.x): a spam filter's verdict.
    CommandRule(ANY_COMMAND, frozenset({R.CONTENT_ERROR}), R.SPAM_DETECTED, frozenset({"7"})),
    # Refused before any address was named: the client itself is not welcome.
    CommandRule(
        frozenset({"CONN", "HELO"}),
        frozenset({R.UNDEFINED, R.USER_UNKNOWN, R.REJECTED, R.SECURITY_ERROR, R.SYSTEM_ERROR}),
        R.BLOCKED,
    ),
)
