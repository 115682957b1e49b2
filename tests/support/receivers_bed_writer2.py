"""The WRITER's own failures, second part (judge60, issue #14): conversions the destination
does not offer, a destination that refuses the greeting commands or garbles its replies, a
421 in the middle of the session, replies in UTF-8, a destination that takes only so many
recipients per transaction and a refusal after the DATA's dot that fails every recipient
at once. The machinery is receivers_bed_writer.py's (its ``Bed``, ``Destination``,
``writer_mta``, ``run``): a real Postfix 3.7 (Debian's), Exim 4.96 or Sendmail 8.17 (the
unpacked copies) is sent the messages and writes the notices back to the scenario's
envelope sender at a capture server; the destinations are scripted SMTP servers on
127.0.0.1 and an address of their own, each domain one destination:

- ``seven-bit.test`` announces neither SMTPUTF8 nor 8BITMIME (EHLO: SIZE only):
  ``smtputf8_not_offered``, a message submitted with ``MAIL FROM:<..> SMTPUTF8`` to a UTF-8
  local part (``josé@``) with UTF-8 in its header: RFC 6531 section 3.2, the writer must not
  send it there; Postfix ("SMTPUTF8 is required, but was not offered by host", smtp_proto.c,
  5.6.7), Exim with ``utf8_downconvert = 0`` on the route (never convert; its default, -1,
  converts the address to an A-label form and delivers: smtputf8_bed.py shows it);
  ``eightbit_sent_as_is``, a message with no MIME header fields whose body is 8-bit,
  submitted unlabelled (no BODY=): RFC 6152 says the writer must not send 8-bit data to a
  server that did not announce 8BITMIME, and without MIME it cannot convert, but every
  writer here delivers it (``quiet``: it must arrive, no notice). Sendmail's "554
  Cannot send 8-bit data to 7-bit destination" (deliver.c openmailer(), 5.6.3) needs a
  mailer flagged 7-bit (``F=7``) and a message it may not make MIME; labelled BODY=8BITMIME
  it wraps the body in MIME and base64 itself (X-MIME-Autoconverted), EightBitMode=s
  (strict) or not; unlabelled under strict it refuses the message at submission; with the
  flag and the unlabelled message its queue stalled in the bed (no notice within the
  60 s deadline, the other messages held with it): LEFT_OUT, see docs/bounces.md;
- ``nohelo.test`` refuses EHLO and HELO with Postfix's check_helo_access REJECT words
  ("554 5.7.1 <name>: Helo command rejected: Access denied", smtpd_check.c);
- ``nocode.test`` answers RCPT with a line of no code, ``badcode.test`` with a code out of
  RFC 5321 section 4.2's range (first digit 6), ``longreply.test`` with a 550 5.1.1 longer
  than RFC 5321 section 4.5.3.1.5's 512 octets (a help link in it);
- ``shutdown.test`` answers RCPT with RFC 5321 section 3.8's "421 ... Service not available,
  closing transmission channel" and closes, every time, until the queue lifetime ends;
- ``cjk.test`` and ``de.test`` refuse the recipient in UTF-8: "550 5.1.1 用户不存在" ("the
  user does not exist") and "550 5.1.1 Benutzer unbekannt — Konto gelöscht" ("user unknown
  — account deleted");
- ``toomany.test`` takes two recipients per transaction and answers "452 4.5.3 Too many
  recipients" to the others (RFC 5321 section 4.5.3.1.10: the client must send them again
  in another transaction): five recipients, all must arrive, no notice (``quiet``);
- ``datareject.test`` answers the DATA's dot with rspamd's reject words, "554 5.7.1 Spam
  message rejected", for a message to three recipients.

The rule, written before the first score:

1. A refusal of a recipient in words that say the address does not exist (5.1.1, "user
   unknown", in any language or length) is the recipient's: permanent, suppressed,
   ``user_unknown`` (``suspend`` accepted for "Konto gelöscht"), whatever the reply's length
   or script.
2. A message the writer must not send to the destination as it is (SMTPUTF8 or 8BITMIME not
   offered, no conversion: RFC 6531 section 3.2, RFC 6152; RFC 3463 X.6.3 "Conversion
   required but not supported", X.6.7 in RFC 6533) is the sending side's: permanent, never
   suppressed, ``content_error`` (as real_smtputf8's no_smtputf8_offered); the address may
   be good.
3. A refusal of EHLO and HELO refuses this client's session (RFC 5321 section 4.1.1.1 and
   3.1), as a 554 greeting: the sender's, permanent, never suppressed, ``blocked``
   (``rejected``, ``policy_violation`` accepted).
4. A reply the writer cannot read (no code; a code whose first digit is not 2 to 5) says
   nothing of the address or the sender: the dialogue failed (RFC 3463 X.5.0, "Other or
   undefined protocol status"): ``undefined`` (``mailer_error``, ``system_error``,
   ``network_error`` accepted), whose fault undetermined, never suppressed; where the writer
   retried it until the queue lifetime ended, rule 6.
5. A refusal after the DATA's dot fails every recipient of the transaction by one reply: each
   is labelled with that reply's meaning (spam: ``spam_detected``, the sender's, permanent,
   never suppressed; ``rejected``, ``filtered``, ``content_error``, ``policy_violation``
   accepted).
6. A 421 in mid-session (RFC 5321 section 3.8, the server closing) is temporary: retried
   until the queue lifetime ends: transient, temporary, never suppressed, ``expired``
   (``network_error``, ``system_error`` accepted).
7. "452 4.5.3 Too many recipients": no failure; every recipient must arrive, no notice (an
   expiry notice instead would be a miss of the writer's, not labelled here).
8. Permanence (where the writer decides it: rule 4), status and reply code as the notice
   states them, from what each writer did (its log and the notice's Status field, as
   judge53's rule 5): ``AS_STATED`` below, filled before the first score. A refusal of rule
   3 that a writer retried until the queue lifetime ended stays the sender's (judge55's rule
   for a 554 greeting so retried), temporary, ``expired`` first (added with OpenSMTPD,
   Courier and chasquid as writers, before their first score).

``LEFT_OUT`` says which writer cannot be driven to which scenario, and why.
"""

from __future__ import annotations

from dataclasses import replace
from email import policy
from typing import Any

import aiosmtplib

from tests.support import receivers_bed
from tests.support import receivers_bed_writer as writer_bed
from tests.support.bed import bed_message
from tests.support.dns_server import DnsServer
from tests.support.receivers_bed import SENDER_DOMAIN, Expected, Scenario
from tests.support.receivers_bed_writer import HOSTNAME, Destination, sender_of

WRITERS = ("postfix", "exim", "sendmail", "opensmtpd", "courier", "chasquid")
DATE = "Mon, 07 Dec 2026 14:00:00 +0000"

SEVEN = "seven-bit.test"  # neither SMTPUTF8 nor 8BITMIME
NO_HELO = "nohelo.test"  # refuses EHLO and HELO
NO_CODE = "nocode.test"  # answers RCPT with no code
BAD_CODE = "badcode.test"  # answers RCPT with a code out of range
LONG = "longreply.test"  # answers RCPT with a 550 5.1.1 longer than 512 octets
SHUTDOWN = "shutdown.test"  # answers RCPT with a 421 and closes
CJK = "cjk.test"  # refuses the recipient in Chinese
GERMAN = "de.test"  # refuses the recipient in German
TOO_MANY = "toomany.test"  # two recipients per transaction, 452 4.5.3 to the others
DATA_REJECT = "datareject.test"  # 554 5.7.1 after the DATA's dot

OWN_ADDRESS = {
    SEVEN: "127.0.0.31",
    NO_HELO: "127.0.0.32",
    NO_CODE: "127.0.0.33",
    BAD_CODE: "127.0.0.34",
    LONG: "127.0.0.35",
    SHUTDOWN: "127.0.0.36",
    CJK: "127.0.0.37",
    GERMAN: "127.0.0.38",
    TOO_MANY: "127.0.0.39",
    DATA_REJECT: "127.0.0.40",
}

JOSE = f"josé@{SEVEN}"
HELP = "https://" + HOSTNAME + "/help/unknown-recipient?ref=" + "0123456789abcdef" * 36


def helo_refused(line: str) -> str:
    """Postfix smtpd_check.c, check_helo_access with REJECT (access_map_reject_code 554)."""
    return f"554 5.7.1 <{line.split(' ', 1)[-1].strip()}>: Helo command rejected: Access denied"


def long_reply(address: str) -> str:
    """A 550 5.1.1 of Postfix's words (smtpd_check.c, the local recipient table) with a help
    link: more than RFC 5321 section 4.5.3.1.5's 512 octets."""
    return (
        f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient "
        f"table; see {HELP}"
    )


NO_CODE_REPLY = "Recipient noted"
BAD_CODE_REPLY = "650 Recipient noted"
CLOSING = f"421 4.3.2 {HOSTNAME} Service not available, closing transmission channel"
CJK_REPLY = "550 5.1.1 用户不存在"
GERMAN_REPLY = "550 5.1.1 Benutzer unbekannt — Konto gelöscht"
TOO_MANY_REPLY = "452 4.5.3 Too many recipients"
PER_TRANSACTION = 2
SPAM_REPLY = "554 5.7.1 Spam message rejected"  # rspamd's reject action's words

# The labels (rules 1 to 6)
UNKNOWN = ("user_unknown",)
UNKNOWN_DELETED = ("user_unknown", "suspend")
CONVERSION = ("content_error",)
HELO_REFUSED = ("blocked", "rejected", "policy_violation")
UNREADABLE = ("undefined", "mailer_error", "system_error", "network_error")
SPAM = ("spam_detected", "rejected", "filtered", "content_error", "policy_violation")
EXPIRY = ("expired", "network_error", "system_error")


def _rcpt(address: str) -> str:
    return address.split("<", 1)[-1].split(">", 1)[0]


def _script(domain: str) -> Any:
    """The replies ``domain``'s destination gives instead of its mode's (Destination.script)."""

    def script(verb: str, line: str, recipients: list[str]) -> list[str] | None:
        if domain == NO_HELO and verb in ("EHLO", "HELO"):
            return [helo_refused(line)]
        if verb == "RCPT":
            if domain == NO_CODE:
                return [NO_CODE_REPLY]
            if domain == BAD_CODE:
                return [BAD_CODE_REPLY]
            if domain == LONG:
                return [long_reply(_rcpt(line))]
            if domain == SHUTDOWN:
                return [CLOSING]
            if domain == CJK:
                return [CJK_REPLY]
            if domain == GERMAN:
                return [GERMAN_REPLY]
            if domain == TOO_MANY and len(recipients) >= PER_TRANSACTION:
                return [TOO_MANY_REPLY]
        if domain == DATA_REJECT and verb == ".":
            return [SPAM_REPLY]
        return None

    return script


ENHANCED = ("ENHANCEDSTATUSCODES", "8BITMIME", "SIZE 10240000")


def destinations() -> dict[str, Destination]:
    served = {d: Destination(ehlo=ENHANCED, script=_script(d)) for d in OWN_ADDRESS}
    served[SEVEN] = Destination(ehlo=("SIZE 10240000",))
    return served


def _one(name: str, address: str, expected: Expected) -> Scenario:
    return Scenario(name, (address,), (expected,))


def _failed(
    addresses: list[str], reasons: tuple[str, ...], party: str, status: str, code: str
) -> tuple[Expected, ...]:
    permanent = party != "transient"
    suppress = party == "recipient"
    return tuple(Expected(a, permanent, suppress, reasons, party, status, code) for a in addresses)


def scenarios() -> tuple[Scenario, ...]:
    """Every scenario that must bring a notice back, labelled by the rule (Postfix's statuses;
    the other writers' in AS_STATED)."""
    spam = [f"{local}@{DATA_REJECT}" for local in ("first", "second", "third")]
    long_, cjk, german = f"gone@{LONG}", f"wang@{CJK}", f"mueller@{GERMAN}"
    return (
        _one(
            "smtputf8_not_offered",
            JOSE,
            Expected(JOSE, True, False, CONVERSION, "sender", "5.6.7"),
        ),
        _one(
            "ehlo_helo_refused",
            f"fine@{NO_HELO}",
            Expected(f"fine@{NO_HELO}", True, False, HELO_REFUSED, "sender", "5.7.1", "554"),
        ),
        _one(
            "reply_without_code",
            f"fine@{NO_CODE}",
            Expected(f"fine@{NO_CODE}", True, False, UNREADABLE, "undetermined", "5.5.0"),
        ),
        _one(
            "reply_code_out_of_range",
            f"fine@{BAD_CODE}",
            Expected(f"fine@{BAD_CODE}", True, False, UNREADABLE, "undetermined", "5.5.0"),
        ),
        Scenario(
            "reply_too_long", (long_,), _failed([long_], UNKNOWN, "recipient", "5.1.1", "550")
        ),
        _one(
            "reply_421_at_rcpt_until_expiry",
            f"fine@{SHUTDOWN}",
            Expected(f"fine@{SHUTDOWN}", False, False, EXPIRY, "transient", "4.3.2", "421"),
        ),
        Scenario("utf8_reply_cjk", (cjk,), _failed([cjk], UNKNOWN, "recipient", "5.1.1", "550")),
        Scenario(
            "utf8_reply_german",
            (german,),
            _failed([german], UNKNOWN_DELETED, "recipient", "5.1.1", "550"),
        ),
        Scenario(
            "rejected_after_data_several",
            tuple(spam),
            _failed(spam, SPAM, "sender", "5.7.1", "554"),
        ),
    )


TOO_MANY_SCENARIO = Scenario(
    "too_many_recipients", tuple(f"r{n}@{TOO_MANY}" for n in range(1, 6)), ()
)
# The 8-bit message every writer here delivers (rule 7's check: it must arrive)
EIGHTBIT_SENT_AS_IS = Scenario("eightbit_sent_as_is", (f"eight@{SEVEN}",), ())

# Sendmail 8.17 (Debian's) is built without USE_EAI (``sendmail -d0.1``: no EAI among its
# compile flags): it neither announces SMTPUTF8 nor takes the parameter, so the message
# cannot be submitted to it as one
# OpenSMTPD 6.8 does not announce SMTPUTF8 to the bed's client, nor do the fronts that hand
# messages to Courier and chasquid (tests/support/unpacked.Front, aiosmtpd without it): the
# client refuses to send the message ("SMTPUTF8 is not supported by this server")
LEFT_OUT = dict.fromkeys(
    ("sendmail", "opensmtpd", "courier", "chasquid"), frozenset({"smtputf8_not_offered"})
)


def scenarios_for(writer: str) -> tuple[Scenario, ...]:
    left_out = LEFT_OUT.get(writer, frozenset())
    return tuple(s for s in scenarios() if s.name not in left_out)


# the default suite's run: the scenarios that end without the queue lifetime
QUICK_SCENARIOS = ("ehlo_helo_refused", "utf8_reply_cjk", "rejected_after_data_several")


sent = writer_bed.quick_sent(scenarios_for, QUICK_SCENARIOS)


def quiet(writer: str) -> tuple[Scenario, ...]:
    """The scenarios sent that must bring no notice back (rule 7, and the 8-bit message every
    writer here delivers). OpenSMTPD defers the recipients refused with 452 and retries them
    later than the bed's 8 s queue lifetime: they expire ("Envelope expired", never
    suppressing; which ones depends on its order of RCPTs), so rule 7 is not asked of it."""
    many = () if writer == "opensmtpd" else (TOO_MANY_SCENARIO,)
    return (*many, EIGHTBIT_SENT_AS_IS)


missing = writer_bed.missing


def message(scenario: Scenario) -> bytes:
    """The scenario's message as submitted: UTF-8 in its header for SMTPUTF8's, a body of
    8-bit text and no MIME header fields for the 8-bit one, plain ASCII for the others."""
    if scenario.name == "eightbit_sent_as_is":
        header = (
            f"From: News <news@{SENDER_DOMAIN}>\r\nTo: {scenario.recipients[0]}\r\n"
            f"Subject: Writer bed 2: {scenario.name}\r\n"
            f"Message-ID: <{scenario.name}@{SENDER_DOMAIN}>\r\nDate: {DATE}\r\n\r\n"
        )
        return header.encode() + "Grüße aus Köln: 8-bit text, no MIME.\r\n".encode()
    utf8 = scenario.name == "smtputf8_not_offered"
    msg = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Writer bed 2: {scenario.name}" + (" — Grüße" if utf8 else ""),
        scenario.name,
        DATE,
        "A message its writer cannot deliver for a reason of its own.\n",
        policy.SMTPUTF8 if utf8 else policy.default,
    )
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))


async def send(port: int, scenario: Scenario, writer: str) -> None:
    options = {
        "smtputf8_not_offered": ["SMTPUTF8", "BODY=8BITMIME"],
    }.get(scenario.name, [])
    await aiosmtplib.send(
        message(scenario),
        sender=sender_of(scenario.name),
        recipients=list(scenario.recipients),
        hostname="127.0.0.1",
        port=port,
        start_tls=False,
        mail_options=options,
        # the Courier and chasquid fronts take no RCPT parameters (receivers_bed_writer)
        rcpt_options=[] if writer in ("courier", "chasquid") else ["NOTIFY=FAILURE"],
        timeout=30,
    )


def check(
    _chosen: tuple[Scenario, ...], quiet_ones: tuple[Scenario, ...], served: dict[str, Any]
) -> str | None:
    """Rule 7: every recipient of a quiet scenario arrived at its destination."""
    for scenario in quiet_ones:
        domain = scenario.recipients[0].split("@", 1)[1]
        arrived = {a for t in served[domain].arrivals for a in t}
        lost = [a for a in scenario.recipients if a.lower() not in arrived]
        if lost:
            return f"{scenario.name}: not delivered to {lost} (arrivals {served[domain].arrivals})"
    return None


def dns_records(dns: DnsServer) -> None:
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")


TUNING = writer_bed.Tuning(
    # Exim: announce SMTPUTF8 to the bed's client, and never convert on SEVEN's route
    exim_settings={"smtputf8_advertise_hosts": "*"},
    exim_transport={SEVEN: ("utf8_downconvert = 0",)},
    # a line of no code is no reply to Postfix (it reads on for one, until its timeout): its
    # short waits on NO_CODE's route, as on the stalling destination's; Exim answers it at
    # once ("Malformed SMTP reply"), Sendmail's waits are short for every host
    # (receivers_bed_writer.SendmailWriter)
    postfix_via={NO_CODE: "smtpimpatient"},
    own_address=OWN_ADDRESS,
)
BED = writer_bed.Bed(
    sent=sent,
    destinations=destinations,
    own_address=OWN_ADDRESS,
    dns_records=dns_records,
    send=send,
    quiet=quiet,
    check=check,
    tuning=TUNING,
)

# What each writer's notice states (rule 8), from the bed's first runs (the writers' logs and
# the notices' Status and Diagnostic-Code fields, before any score): scenario -> (permanent,
# status, reply code) where it differs from the labels above. The status is the quoted
# reply's enhanced code where the notice quotes one (receivers_bed.gave_up_status), else the
# Status field; the reply code the last one of the destination's the notice quotes
# (real_mta.py's rule), a code of RFC 5321 section 4.2's range only (2yz to 5yz): none for
# the 650, none for the line of no code (Sendmail's own "451 4.4.1 reply: read error" is no
# reply of the destination's). Corrected after the first score (docs/bounces.md, judge60):
# the first labels had 650 as the reply code, 451 for Sendmail's line of no code and
# Sendmail's Status 4.4.7 for its 421, whose transcript quotes "421 4.3.2", against this
# rule.
# Postfix reads on past a line of no code until its timeout ("conversation with ... timed
# out while sending RCPT TO", 4.4.2, deferred until expiry) and fails the 650 at once
# (Status 5.5.0). Exim fails the SMTPUTF8 message at once ("utf8 support required but not
# offered for forwarding" in its log; the notice names the address and no reason, Status
# 5.0.0) and retries the malformed reply ("Malformed SMTP reply in response to RCPT TO") and
# the 650 until expiry ("retry timeout exceeded", Status 5.0.0, the 650 quoted). Sendmail
# fails the 650 at once (Status 5.0.0, "SMTP; 650 Recipient noted"), retries the line of no
# code ("451 4.4.1 reply: read error from [127.0.0.1]", then "Connection timed out") and the
# 421 (quoted in its transcript, "Deferred: Connection reset") until expiry, with Status
# 4.4.7 and an empty Diagnostic-Code for both.
# judge60's second step, before their first score: OpenSMTPD 6.8 retries every failure but
# the 5xx to RCPT and after the dot until the queue lifetime ends, its notice saying only
# "Envelope expired" (Status 4.4.7, no reply quoted, as judge55 found); Courier 1.0.16 retries
# the line of no code ("Connection timed out"), the 650 and the 421 until then (its Status
# 5.0.0 for every address, the reply quoted after "<<< "); chasquid 1.11 retries the refused
# HELO, the 650, the line of no code ("short response: Recipient noted") and the 421 until it
# gives up ("all MXs returned transient failures (last: ...)", Status 4.0.0).
AS_STATED: dict[str, dict[str, tuple[bool, str, str]]] = {
    "opensmtpd": dict.fromkeys(
        (
            "ehlo_helo_refused",
            "reply_without_code",
            "reply_code_out_of_range",
            "reply_421_at_rcpt_until_expiry",
        ),
        (False, "4.4.7", ""),
    ),
    "courier": dict.fromkeys(
        ("reply_without_code", "reply_code_out_of_range"), (False, "5.0.0", "")
    ),
    "chasquid": {
        "ehlo_helo_refused": (False, "5.7.1", "554"),
        "reply_without_code": (False, "4.0.0", ""),
        "reply_code_out_of_range": (False, "4.0.0", ""),
    },
    "postfix": {"reply_without_code": (False, "4.4.2", "")},
    "exim": {
        "smtputf8_not_offered": (True, "5.0.0", ""),
        "reply_without_code": (False, "5.0.0", ""),
        "reply_code_out_of_range": (False, "5.0.0", ""),
    },
    "sendmail": {
        "reply_without_code": (False, "4.4.7", ""),
        "reply_code_out_of_range": (True, "5.0.0", ""),
    },
}
# the scenarios each writer retried until the queue lifetime ended where the rule expects a
# failure at once: rule 4's last clause, rule 6's labels
EXPIRED_HERE = {
    "postfix": frozenset({"reply_without_code"}),
    "exim": frozenset({"reply_without_code", "reply_code_out_of_range"}),
    "sendmail": frozenset({"reply_without_code"}),
    **dict.fromkeys(
        ("opensmtpd", "courier", "chasquid"),
        frozenset({"reply_without_code", "reply_code_out_of_range"}),
    ),
}
# the refusals of rule 3 a writer retried until the queue lifetime ended: still the sender's
# (judge55's rule for OpenSMTPD's and chasquid's 554 greeting), temporary, ``expired`` first
SENDERS_EXPIRED = dict.fromkeys(("opensmtpd", "chasquid"), frozenset({"ehlo_helo_refused"}))


def _as_stated(writer: str, scenario: str, expected: Expected) -> Expected:
    if scenario in EXPIRED_HERE.get(writer, frozenset()):
        expected = replace(expected, permanent=False, reasons=EXPIRY, party="transient")
    if scenario in SENDERS_EXPIRED.get(writer, frozenset()):
        expected = replace(expected, permanent=False, reasons=("expired", *expected.reasons))
    if scenario in AS_STATED.get(writer, {}):
        permanent, status, code = AS_STATED[writer][scenario]
        return replace(expected, permanent=permanent, status=status, reply_code=code)
    return expected


GLUE = writer_bed.Glue(
    __name__, "the second writer bed", "real-receivers-writer2", BED, scenarios, sent, _as_stated
)
entry, run, write, ADAPTER = GLUE.entry, GLUE.run, GLUE.write, GLUE.adapter
generate = ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
