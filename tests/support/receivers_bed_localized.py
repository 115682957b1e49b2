"""LOCALIZED (non-ASCII) replies of the destinations as REAL writers carry them into their
notices (judge89, issue #14): providers answer in their own languages, in UTF-8 or a legacy
8-bit charset. A real Postfix 3.7 (Debian's), Exim 4.96, Sendmail 8.17, OpenSMTPD 6.8,
Courier 1.0.16 or chasquid 1.11 (the unpacked copies) relays two messages to scripted
destinations on 127.0.0.1 that answer RCPT or the DATA's dot with localized refusals, and
writes its notice back to the scenario's envelope sender at a capture server. The machinery
is receivers_bed_writer.py's (its ``Bed``, ``Destination`` with a ``script``, ``Tuning``,
``Glue``), as judge82's many-recipients bed uses it; the one change folded into it: a
script's reply line may carry another charset's raw bytes (decoded with surrogateescape).

No new words: each reply's text is quoted from a lang_*.toml entry's source (the entry's
``source`` field quotes it), its code the one the source gives; where the source gives no
enhanced status code the reply carries only its basic reply code (RFC 5321 section 4.2.1):

- ``de-unknown@`` "550 5.1.1 Das E-Mail-Konto, das Sie kontaktieren möchten, ist nicht
  vorhanden" (lang_de.toml, user_unknown: Google's German for its 550 5.1.1 reply,
  support.google.com/mail/bin/answer.py?hl=de&answer=82454), UTF-8;
- ``es-unknown@`` "550 5.1.1 La dirección de correo electrónico del destinatario no existe"
  (lang_es.toml, user_unknown: Gmail's Spanish help page, answer/6596?hl=es-419), UTF-8;
- ``ja-unknown@`` "550 5.1.1 送信先のメール アカウントは存在しません" (lang_ja.toml,
  user_unknown: Gmail's Japanese help page, answer/6596?hl=ja), UTF-8;
- ``ja-euc@`` "550 受信者が存在していないため、"<address>"へのメールを正しく送信できません"
  in EUC-JP bytes (lang_ja.toml, user_unknown: gromox data/local_bounce/euc-jp/BOUNCE_NO_USER,
  a file in EUC-JP; its <rcpt> written as the refused address), no enhanced code;
- ``zh-gb@`` "550 因为该收件人并不存在\uff01请验证该邮件地址是否真实有效" in GB2312 bytes
  (lang_zh.toml, user_unknown: gromox data/local_bounce/gb2312/BOUNCE_NO_USER, a file in GB2312), no
  enhanced code;
- ``zh-full@`` "552 收件人空间不足" (lang_zh.toml, mailbox_full: QQ Mail's notices,
  qqmailbox.com/transceivers/169.html), UTF-8, no enhanced code;
- ``zh-spam@`` at ``spam-loc.test``, after the DATA's dot: "554 [退信] 垃圾邮件退信:Content
  reject/Spam denied" (lang_zh.toml, spam_detected: emailhost.com.cn's bounce reasons), UTF-8,
  no enhanced code;
- ``de-fast@`` "450 4.2.1 Der Nutzer, den Sie kontaktieren möchten, erhält zu schnell E-Mails"
  (lang_de.toml, speeding: Google's German for 450 4.2.1, support.google.com/a/answer/3726730
  ?hl=de), UTF-8, every time until the queue lifetime ends;
- ``fr-full@`` "452 4.2.2 Le compte de messagerie auquel vous avez envoyé un message a épuisé
  sa capacité de stockage" (lang_fr.toml, mailbox_full: Google's French for its 452-4.2.2,
  support.google.com/a/answer/1186436?hl=fr), UTF-8, every time until the queue lifetime ends.

Five languages (German, Spanish, Japanese, Chinese, French), UTF-8 and two legacy charsets
(EUC-JP, GB2312: the charsets the gromox sources are written in; no lang_*.toml source text
is in ISO-8859-1). Not used: the Russian entries (all 'unverified' translations, no source
text to quote). ``ok@loc.test`` is a recipient of both messages and is delivered.

Two messages (a writer sends the final refusals at once and the deferred recipients' notice
when the queue lifetime ends):

- ``localized_refused_at_once``: ``ok@``, ``de-unknown@``, ``es-unknown@``, ``ja-unknown@``,
  ``ja-euc@``, ``zh-gb@``, ``zh-full@`` at loc.test, ``zh-spam@spam-loc.test``;
- ``localized_deferred_until_expiry``: ``ok@``, ``de-fast@``, ``fr-full@`` at loc.test.

The rule, written before the first score:

1. Each failed recipient is labelled by its lang_*.toml entry's group, whatever bytes the
   writer made of the reply's words (raw 8-bit, escapes, MIME encoded words, "?", cut).
2. ``user_unknown``: the address does not exist: the recipient's, permanent, suppressed,
   ``user_unknown``.
3. ``mailbox_full`` (552 at once; 452 4.2.2 until the queue lifetime ends): the recipient's,
   temporary by the SPEC's vocabulary (a full mailbox is a soft bounce whatever the reply's
   class, as the many-recipients bed labels 552 5.2.2), never suppressed, ``mailbox_full``
   (``expired`` accepted for the 452 so retried).
4. ``spam_detected`` after the DATA's dot: the sender's, permanent, never suppressed,
   ``spam_detected`` (the many bed's SPAM accepted).
5. ``speeding`` (450 4.2.1, the recipient receives mail too fast) retried until the queue
   lifetime ends: transient, temporary, never suppressed, ``expired`` (``speeding``
   accepted), as the greylisting and many beds label a 4xx so retried.
6. The delivered ``ok@`` is no failed recipient.
7. Status and reply code as each writer's notice states them (its Status and
   Diagnostic-Code fields; the quoted reply's enhanced code where the notice quotes one,
   else the Status field), from the first runs, read before the first score: ``AS_STATED``.
   An expiry whose notice quotes no reply: ``expired`` first, whose fault the group's.

``LEFT_OUT`` says which writer cannot be driven to which scenario, and why.

LATIN legacy charsets (judge90, issue #14): European destinations still answer in ISO-8859-1,
ISO-8859-2 or Windows-125x. A third message, ``localized_latin_refused_at_once``, carries five
refusals quoted from lang_*.toml entries' sources, each encoded in a legacy charset its
language is written in (raw bytes on the wire, no label: RFC 5321 section 4.2):

- ``de-latin1@`` "550 5.4.1 Empfängeradresse abgelehnt: Zugriff verweigert" in ISO-8859-1
  (lang_de.toml, user_unknown: Microsoft's German page support.microsoft.com/de-de/topic/
  c0e98a8e-81db-49c2-9bf1-32a1734d3e77, the recipient's address is invalid);
- ``de-cp1252@`` "550 5.1.1 Das E-Mail-Konto, das Sie kontaktieren möchten, ist nicht
  vorhanden" in Windows-1252 (lang_de.toml, user_unknown, Google's German, as ``de-unknown@``);
- ``es-latin1@`` "550 5.1.1 La dirección de correo electrónico del destinatario no existe" in
  ISO-8859-1 (lang_es.toml, user_unknown, Gmail's Spanish help page, as ``es-unknown@``);
- ``sk-latin2@`` at ``spam-latin.test``, after the DATA's dot: "550 Správa bola nahlásená ako
  spam alebo Správa bola dočasne odmietnutá" in ISO-8859-2 (lang_sk.toml, spam_detected:
  Gmail's Slovak help page support.google.com/mail/answer/6596?hl=sk; the source gives no
  code: 550, RFC 5321 section 4.2.3's refusal "for policy reasons", no enhanced code);
- ``sv-cp1252@`` at ``policy-latin.test``, after the DATA's dot: "550 5.7.1 Detta meddelande
  bryter mot e-postpolicyn för example.com \u2013 gcdp <sessionid> \u2013 gsmtp" in
  Windows-1252 (its U+2013 en dashes are byte 0x96, which ISO-8859-1 leaves a control)
  (lang_sv.toml,
  policy_violation: support.google.com/a/answer/3726730, Swedish, a rule the administrator
  made).

No Polish, Czech or Hungarian text: lang_pl.toml's sourced entries with letters outside ASCII
are the sender's own limits (Google's Polish sender_quota and exceed_limit), its recipient
entries unverified translations with no text to quote; there is no lang_cs or lang_hu table.
No French: lang_fr.toml's sourced texts with accents are Google's 452 4.2.2 and 450 4.2.1
(already carried in UTF-8 by the deferred message), its "boîte pleine" unverified.

The rule for the third message, written before its first score: rules 1, 2 and 6 as above;
8. ``spam_detected`` and ``policy_violation`` after the DATA's dot: the sender's (the
   message's content or the receiving administrator's rule for it), permanent, never
   suppressed, the many bed's SPAM reasons accepted (``policy_violation`` among them).
9. Status and reply code as each writer's notice states them (rule 7), from the first runs
   read before the first score.
"""

from __future__ import annotations

from typing import Any

from tests.support import receivers_bed
from tests.support import receivers_bed_writer as writer_bed
from tests.support.bed import submit
from tests.support.dns_server import DnsServer
from tests.support.receivers_bed import EXPIRED, SENDER_DOMAIN, Expected, Scenario
from tests.support.receivers_bed_writer import Destination

WRITERS = ("postfix", "exim", "sendmail", "opensmtpd", "courier", "chasquid")

LOC = "loc.test"
SPAM_LOC = "spam-loc.test"
SPAM_LATIN = "spam-latin.test"
POLICY_LATIN = "policy-latin.test"
OWN_ADDRESS = {
    LOC: "127.0.0.71",
    SPAM_LOC: "127.0.0.72",
    SPAM_LATIN: "127.0.0.73",
    POLICY_LATIN: "127.0.0.74",
}
DELIVERED = f"ok@{LOC}"


def _raw(text: str, charset: str) -> str:
    """``text`` as ``charset``'s bytes, carried in a str the destination writes byte for
    byte (Destination's say: surrogateescape)."""
    return text.encode(charset).decode("utf-8", "surrogateescape")


# The words, as each lang_*.toml entry's source quotes them
DE_UNKNOWN = "Das E-Mail-Konto, das Sie kontaktieren möchten, ist nicht vorhanden"
ES_UNKNOWN = "La dirección de correo electrónico del destinatario no existe"
JA_UNKNOWN = "送信先のメール アカウントは存在しません"
JA_GROMOX = '受信者が存在していないため、"{address}"へのメールを正しく送信できません'
ZH_GROMOX = "因为该收件人并不存在\uff01请验证该邮件地址是否真实有效"
ZH_FULL = "收件人空间不足"
ZH_SPAM = "[退信] 垃圾邮件退信:Content reject/Spam denied"
DE_FAST = "Der Nutzer, den Sie kontaktieren möchten, erhält zu schnell E-Mails"
FR_FULL = (
    "Le compte de messagerie auquel vous avez envoyé un message a épuisé sa capacité de stockage"
)

# judge90's Latin legacy charsets: the words, as each entry's source quotes them
DE_MS = "Empfängeradresse abgelehnt: Zugriff verweigert"
SK_SPAM = "Správa bola nahlásená ako spam alebo Správa bola dočasne odmietnutá"
SV_POLICY = (
    "Detta meddelande bryter mot e-postpolicyn för example.com \u2013 gcdp <sessionid> \u2013 gsmtp"
)
# local part -> (reply code and enhanced code, words, charset)
LATIN = {
    "de-latin1": ("550 5.4.1", DE_MS, "iso-8859-1"),
    "de-cp1252": ("550 5.1.1", DE_UNKNOWN, "windows-1252"),
    "es-latin1": ("550 5.1.1", ES_UNKNOWN, "iso-8859-1"),
    "sk-latin2": ("550", SK_SPAM, "iso-8859-2"),
    "sv-cp1252": ("550 5.7.1", SV_POLICY, "windows-1252"),
}


def _latin(local: str) -> str:
    code, words, charset = LATIN[local]
    return f"{code} " + _raw(words, charset)


# The replies at RCPT by local part, given the address as sent (str: UTF-8 bytes on the wire)
AT_RCPT: dict[str, Any] = {
    "de-unknown": lambda a: f"550 5.1.1 {DE_UNKNOWN}",
    "es-unknown": lambda a: f"550 5.1.1 {ES_UNKNOWN}",
    "ja-unknown": lambda a: f"550 5.1.1 {JA_UNKNOWN}",
    "ja-euc": lambda a: "550 " + _raw(JA_GROMOX.format(address=a), "euc-jp"),
    "zh-gb": lambda a: "550 " + _raw(ZH_GROMOX, "gb2312"),
    "zh-full": lambda a: f"552 {ZH_FULL}",
    "de-fast": lambda a: f"450 4.2.1 {DE_FAST}",
    "fr-full": lambda a: f"452 4.2.2 {FR_FULL}",
    "de-latin1": lambda a: _latin("de-latin1"),
    "de-cp1252": lambda a: _latin("de-cp1252"),
    "es-latin1": lambda a: _latin("es-latin1"),
}
SPAM_REPLY = f"554 {ZH_SPAM}"
# the replies after the DATA's dot by domain
AT_DOT = {SPAM_LOC: SPAM_REPLY, SPAM_LATIN: _latin("sk-latin2"), POLICY_LATIN: _latin("sv-cp1252")}


def _script(domain: str) -> Any:
    def script(verb: str, line: str, recipients: list[str]) -> list[str] | None:
        if verb == "RCPT" and domain == LOC:
            address = line.split("<", 1)[-1].split(">", 1)[0]
            reply = AT_RCPT.get(address.split("@", 1)[0].lower())
            return None if reply is None else [reply(address)]
        if verb == "." and domain in AT_DOT and recipients:
            return [AT_DOT[domain]]
        return None

    return script


def destinations() -> dict[str, Destination]:
    ehlo = ("ENHANCEDSTATUSCODES", "8BITMIME", "SIZE 10240000")
    return {d: Destination(ehlo=ehlo, script=_script(d)) for d in OWN_ADDRESS}


# The labels (rules 2 to 5)
UNKNOWN = ("user_unknown",)
FULL = ("mailbox_full",)
FULL_EXPIRED = ("mailbox_full", EXPIRED)
SPAM = ("spam_detected", "rejected", "filtered", "content_error", "policy_violation")
FAST_EXPIRED = (EXPIRED, "speeding")

AT_ONCE = "localized_refused_at_once"
UNTIL_EXPIRY = "localized_deferred_until_expiry"
LATIN_AT_ONCE = "localized_latin_refused_at_once"

AT_ONCE_SENT = (
    DELIVERED,
    f"de-unknown@{LOC}",
    f"es-unknown@{LOC}",
    f"ja-unknown@{LOC}",
    f"ja-euc@{LOC}",
    f"zh-gb@{LOC}",
    f"zh-full@{LOC}",
    f"zh-spam@{SPAM_LOC}",
)
UNTIL_EXPIRY_SENT = (DELIVERED, f"de-fast@{LOC}", f"fr-full@{LOC}")
LATIN_AT_ONCE_SENT = (
    DELIVERED,
    f"de-latin1@{LOC}",
    f"de-cp1252@{LOC}",
    f"es-latin1@{LOC}",
    f"sk-latin2@{SPAM_LATIN}",
    f"sv-cp1252@{POLICY_LATIN}",
)


def _e(
    address: str,
    reasons: tuple[str, ...],
    party: str,
    status: str,
    code: str,
    permanent: bool = True,
) -> Expected:
    suppress = permanent and party == "recipient"
    return Expected(address, permanent, suppress, reasons, party, status, code)


def scenarios() -> tuple[Scenario, ...]:
    """The two messages, each failed recipient labelled by the rule (the reply's enhanced
    code, else 5.0.0 or 4.0.0 by its class; each writer's own in AS_STATED)."""
    at_once = (
        _e(f"de-unknown@{LOC}", UNKNOWN, "recipient", "5.1.1", "550"),
        _e(f"es-unknown@{LOC}", UNKNOWN, "recipient", "5.1.1", "550"),
        _e(f"ja-unknown@{LOC}", UNKNOWN, "recipient", "5.1.1", "550"),
        _e(f"ja-euc@{LOC}", UNKNOWN, "recipient", "5.0.0", "550"),
        _e(f"zh-gb@{LOC}", UNKNOWN, "recipient", "5.0.0", "550"),
        _e(f"zh-full@{LOC}", FULL, "recipient", "5.0.0", "552", permanent=False),
        _e(f"zh-spam@{SPAM_LOC}", SPAM, "sender", "5.0.0", "554"),
    )
    until_expiry = (
        _e(f"de-fast@{LOC}", FAST_EXPIRED, "transient", "4.2.1", "450", permanent=False),
        _e(f"fr-full@{LOC}", FULL_EXPIRED, "recipient", "4.2.2", "452", permanent=False),
    )
    latin_at_once = (  # rules 2 and 8 (judge90)
        _e(f"de-latin1@{LOC}", UNKNOWN, "recipient", "5.4.1", "550"),
        _e(f"de-cp1252@{LOC}", UNKNOWN, "recipient", "5.1.1", "550"),
        _e(f"es-latin1@{LOC}", UNKNOWN, "recipient", "5.1.1", "550"),
        _e(f"sk-latin2@{SPAM_LATIN}", SPAM, "sender", "5.0.0", "550"),
        _e(f"sv-cp1252@{POLICY_LATIN}", SPAM, "sender", "5.7.1", "550"),
    )
    return (
        Scenario(AT_ONCE, AT_ONCE_SENT, at_once),
        Scenario(UNTIL_EXPIRY, UNTIL_EXPIRY_SENT, until_expiry),
        Scenario(LATIN_AT_ONCE, LATIN_AT_ONCE_SENT, latin_at_once),
    )


LEFT_OUT: dict[str, frozenset[str]] = {}


def scenarios_for(writer: str) -> tuple[Scenario, ...]:
    left_out = LEFT_OUT.get(writer, frozenset())
    return tuple(s for s in scenarios() if s.name not in left_out)


QUICK_SCENARIOS = (AT_ONCE,)


sent = writer_bed.quick_sent(scenarios_for, QUICK_SCENARIOS)


missing = writer_bed.missing


def check(
    chosen: tuple[Scenario, ...], _quiet: tuple[Scenario, ...], served: dict[str, Any]
) -> str | None:
    """Rule 6: the delivered recipient arrived."""
    arrived = {a for d in served.values() for t in d.arrivals for a in t}
    if chosen and DELIVERED not in arrived:
        return f"{DELIVERED} not delivered ({sorted(arrived)})"
    return None


def dns_records(dns: DnsServer) -> None:
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")


async def send(port: int, scenario: Scenario, writer: str) -> None:
    # neither the Courier front nor chasquid takes RCPT parameters (writer_bed._send's rule)
    options = [] if writer in ("courier", "chasquid") else ["NOTIFY=FAILURE"]
    sender = writer_bed.sender_of(scenario.name)
    await submit(port, writer_bed.message(scenario), sender, scenario.recipients, options)


TUNING = writer_bed.Tuning(own_address=OWN_ADDRESS)
BED = writer_bed.Bed(
    sent=sent,
    destinations=destinations,
    own_address=OWN_ADDRESS,
    dns_records=dns_records,
    send=send,
    check=check,
    tuning=TUNING,
)

# Rule 7: what each writer's notice states, from the first runs (read before the first
# score): address -> (status, reply code, reasons or None for the rule's).
# Postfix writes UTF-8 replies raw (8bit) and turns the bytes of a legacy charset that are not
# UTF-8 partly into "?", keeping the rest raw; its Status is the quoted enhanced code, else
# 5.0.0, 4.2.1 and 4.2.2 for the expiries. Exim writes every byte above 127 as an octal escape
# ("m\303\266chten", string_printing()) and Status 5.0.0 everywhere. Sendmail writes every
# reply raw, the legacy bytes too, and states its own Status where the reply has no enhanced
# code: 5.1.1 for the 550s, 5.2.2 for the 552; 4.4.7 for the expiries, quoting the last reply.
# OpenSMTPD writes the replies raw in a part it declares us-ascii, no Diagnostic-Code, Status
# 5.0.0, and for the expiries only "Envelope expired" (4.4.7). Courier writes them raw
# (Status 5.0.0), chasquid raw with "MAIL+RCPT"/"DATA closing" before them (Status 5.0.0, 4.0.0
# for the expiries, their last reply quoted).
# The Latin message (judge90, first runs of all six writers, read before its first score):
# Postfix turns every byte of the Latin replies that is no UTF-8 into "?" ("Empf?ngeradresse");
# Exim writes them as octal escapes ("Empf\\344ngeradresse"); Sendmail, OpenSMTPD, Courier and
# chasquid raw. Every writer quotes the replies whole with their enhanced codes; the bare 550
# after the dot has Status 5.0.0 everywhere but Sendmail's 5.2.0.
AS_STATED: dict[str, dict[str, tuple[str, str, tuple[str, ...] | None]]] = {
    "opensmtpd": {
        f"de-fast@{LOC}": ("4.4.7", "", FAST_EXPIRED),
        f"fr-full@{LOC}": ("4.4.7", "", (EXPIRED, "mailbox_full")),
    },
    "sendmail": {
        f"sk-latin2@{SPAM_LATIN}": ("5.2.0", "550", None),
        f"ja-euc@{LOC}": ("5.1.1", "550", None),
        f"zh-gb@{LOC}": ("5.1.1", "550", None),
        f"zh-full@{LOC}": ("5.2.2", "552", None),
    },
}


_as_stated = writer_bed.stated_by_address(AS_STATED)


GLUE = writer_bed.Glue(
    __name__,
    "the localized replies' bed",
    "real-receivers-localized",
    BED,
    scenarios,
    sent,
    _as_stated,
)
entry, run, write, ADAPTER = GLUE.entry, GLUE.run, GLUE.write, GLUE.adapter
generate = ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
