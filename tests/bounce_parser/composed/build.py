"""Compose the held-out set of returned messages from providers' documented texts.

``python tests/bounce_parser/composed/build.py`` writes one ``.eml`` per case next to this
file and ``manifest.json`` in the format ``../shared/tools/score_bounces.py`` reads. Every
reply text below is quoted from the page or source file named in its case's ``source``; the
wrappers (a Postfix or Exim DSN, a qmail or Exim plain-text notice, Gmail's and Exchange's own
notices) follow the layouts those programs write. The label of each recipient is known by
construction: its address, the status the notice states, the reason, whether the address is
dead (``hardbounce``, the suppress-or-not bit) and whose fault it is (``party``).

The set was composed before the phrase tables were touched for it; its first score is the
honest held-out number (docs/bounces.md, "composed held-out set").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATE = "Thu, 03 Dec 2026 09:14:05 +0000"
RELAY = "mta1.relay.example"
RETURN_PATH = "bounce+c3f1a9@bounces.shop.example"


@dataclass(frozen=True)
class Rcpt:
    """One recipient of a notice and its label."""

    address: str
    reply: str  # the remote server's reply (or the notice's own words), one line
    status: str  # the status the notice states ("" when it states none)
    reasons: tuple[str, ...]  # the acceptable reasons, the first is the label
    hard: bool  # a dead address: the relay must suppress it
    party: str  # recipient, sender, transient or undetermined ("a|b": either is right)
    remote: str = "mx.example.net"
    stage: str = "RCPT TO"
    kind: str = "bounce"  # bounce, delayed (a delay notice's recipient), vacation
    action: str = "failed"


def rcpt(
    address: str,
    reply: str,
    status: str,
    reasons: tuple[str, ...],
    hard: bool,
    party: str,
    **kw: str,
) -> Rcpt:
    """One labelled recipient; cases.py, templates.py and appliances.py import it as ``r``."""
    return Rcpt(address, reply, status, reasons, hard, party, **kw)


def delayed(
    address: str,
    reply: str,
    status: str,
    reasons: tuple[str, ...],
    parties: str = "transient|sender|recipient",
    **kw: str,
) -> Rcpt:
    """A delay notice's recipient: never a bounce, never suppressed."""
    return Rcpt(
        address, reply, status, reasons, False, parties, kind="delayed", action="delayed", **kw
    )


@dataclass(frozen=True)
class Case:
    """One composed notice."""

    name: str
    provider: str
    lang: str
    form: str  # postfix-dsn, exim-dsn, exim-text, qmail-text, gmail-text, exchange-ndr, ...
    source: str
    rcpts: tuple[Rcpt, ...]
    extra: dict[str, str] = field(default_factory=dict)


def case(
    name: str, provider: str, lang: str, form: str, source: str, *rcpts: Rcpt, **extra: str
) -> Case:
    """One composed notice, its recipients listed as arguments."""
    return Case(name, provider, lang, form, source, tuple(rcpts), dict(extra))


def original(to: str) -> str:
    """The headers of the message our relay sent."""
    return (
        f"Return-Path: <{RETURN_PATH}>\n"
        f"From: Shop News <news@shop.example>\n"
        f"To: <{to}>\n"
        f"Subject: December offers\n"
        f"Date: Thu, 03 Dec 2026 09:10:00 +0000\n"
        f"Message-ID: <20261203091000.4711@shop.example>\n"
        f"X-Campaign-ID: dec-2026\n"
        f"MIME-Version: 1.0\n"
        f"Content-Type: text/plain; charset=utf-8\n"
    )


def headers(
    case: Case,
    subject: str,
    sender: str,
    content_type: str,
    *,
    message_id: str | None = None,
    auto_submitted: bool = True,
) -> str:
    """The notice's header block; ``message_id`` (default: composed-NAME@relay) and the
    Auto-Submitted field as the sender's software writes them."""
    return (
        f"Return-Path: <>\n"
        f"Date: {DATE}\n"
        f"From: {sender}\n"
        f"To: {RETURN_PATH}\n"
        f"Subject: {subject}\n"
        f"Message-ID: <{message_id or f'composed-{case.name}@{RELAY}'}>\n"
        + ("Auto-Submitted: auto-replied\n" if auto_submitted else "")
        + f"X-Composed-Source: {case.source}\n"
        f"MIME-Version: 1.0\n"
        f"Content-Type: {content_type}\n"
    )


def dsn_fields(reporting: str, rcpts: tuple[Rcpt, ...]) -> str:
    blocks = [f"Reporting-MTA: dns; {reporting}\nArrival-Date: Thu, 03 Dec 2026 09:10:02 +0000\n"]
    for r in rcpts:
        block = (
            f"Final-Recipient: rfc822; {r.address}\n"
            f"Original-Recipient: rfc822;{r.address}\n"
            f"Action: {r.action}\n"
            f"Status: {r.status or '5.0.0'}\n"
            f"Remote-MTA: dns; {r.remote}\n"
            f"Diagnostic-Code: smtp; {r.reply}\n"
        )
        if r.action == "delayed":
            block += "Will-Retry-Until: Sun, 06 Dec 2026 09:10:02 +0000\n"
        blocks.append(block)
    return "\n".join(blocks)


def report(case: Case, subject: str, sender: str, text: str, fields: str) -> str:
    b = f"composed.{case.name}"
    return (
        headers(
            case, subject, sender, f'multipart/report; report-type=delivery-status; boundary="{b}"'
        )
        + f"\nThis is a MIME-encapsulated message.\n\n--{b}\n"
        + "Content-Description: Notification\nContent-Type: text/plain; charset=utf-8\n"
        + "Content-Transfer-Encoding: 8bit\n\n"
        + text
        + f"\n--{b}\nContent-Description: Delivery report\nContent-Type: message/delivery-status\n\n"
        + fields
        + f"\n--{b}\nContent-Description: Undelivered Message Headers\n"
        + "Content-Type: text/rfc822-headers\n\n"
        + original(case.rcpts[0].address)
        + f"\n--{b}--\n"
    )


def postfix_dsn(case: Case) -> str:
    """Postfix's bounce(8) notice, multipart/report (Postfix bounce_template defaults)."""
    delayed = all(r.action == "delayed" for r in case.rcpts)
    lines = [
        f"<{r.address}>: host {r.remote}[192.0.2.25] said: {r.reply} (in reply to {r.stage} command)"
        for r in case.rcpts
    ]
    mta = case.extra.get("mta", RELAY)
    if delayed:
        intro = (
            f"This is the mail system at host {mta}.\n\n"
            "####################################################################\n"
            "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
            "####################################################################\n\n"
            "Your message could not be delivered for more than 4 hour(s).\n"
            "It will be retried until it is 5 day(s) old.\n\n"
        )
        subject = "Delayed Mail (still being retried)"
    else:
        intro = case.extra.get(
            "intro",
            f"This is the mail system at host {mta}.\n\n"
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients. It's attached below.\n\n"
            "For further assistance, please send mail to postmaster.\n\n",
        )
        subject = "Undelivered Mail Returned to Sender"
    text = intro + "                   The mail system\n\n" + "\n\n".join(lines) + "\n"
    return report(
        case,
        subject,
        f"MAILER-DAEMON@{mta} (Mail Delivery System)",
        text,
        dsn_fields(mta, case.rcpts),
    )


def exim_notice(
    case: Case, parts: list[str], host: str = RELAY, trailer: str = "\nHello,\n"
) -> str:
    """Exim's plain-text failure notice (deliver.c, no DSN part) around the given block of each
    failed recipient, from ``Mailer-Daemon@host``; ``trailer`` follows the returned headers."""
    body = (
        "This message was created automatically by mail delivery software.\n\n"
        "A message that you sent could not be delivered to one or more of its\n"
        "recipients. This is a permanent error. The following address(es) failed:\n\n"
        + "\n".join(parts)
        + "\n------ This is a copy of the message, including all the headers. ------\n\n"
        + original(case.rcpts[0].address)
        + trailer
    )
    return (
        headers(
            case,
            "Mail delivery failed: returning message to sender",
            f"Mail Delivery System <Mailer-Daemon@{host}>",
            "text/plain; charset=utf-8",
        )
        + "X-Failed-Recipients: "
        + ", ".join(r.address for r in case.rcpts)
        + "\n\n"
        + body
    )


def exim_text(case: Case) -> str:
    """Exim's plain-text notice (deliver.c, no DSN part)."""
    parts = [
        f"  {r.address}\n    host {r.remote} [192.0.2.25]\n"
        f"    SMTP error from remote mail server after {r.stage}:<{r.address}>:\n    {r.reply}\n"
        for r in case.rcpts
    ]
    return exim_notice(case, parts)


def exim_delay_text(case: Case) -> str:
    """Exim's delay warning as older versions send it, plain text (deliver.c: "A message that
    you sent has not yet been delivered to one or more of its recipients after more than",
    "Delay reason:", "No action is required on your part"; subject "Warning: message %s
    delayed %s")."""
    parts = [
        f"  {r.address}\n    host {r.remote} [192.0.2.25]\n"
        f"    Delay reason: SMTP error from remote mail server after {r.stage}:<{r.address}>:\n"
        f"    {r.reply}\n"
        for r in case.rcpts
    ]
    body = (
        "This message was created automatically by mail delivery software.\n"
        "A message that you sent has not yet been delivered to one or more of its\n"
        f"recipients after more than 24 hours on the queue on {RELAY}.\n\n"
        "The message identifier is:     1wXyZa-000Abc-1x\n"
        "The subject of the message is: December offers\n"
        "The date of the message is:    Thu, 03 Dec 2026 09:10:00 +0000\n\n"
        "The address to which the message has not yet been delivered is:\n\n"
        + "\n".join(parts)
        + "\nNo action is required on your part. Delivery attempts will continue for\n"
        "some time, and this warning may be repeated at intervals if the message\n"
        "remains undelivered. Eventually the mail delivery software will give up,\n"
        "and when that happens, the message will be returned to you.\n"
    )
    return (
        headers(
            case,
            "Warning: message 1wXyZa-000Abc-1x delayed 24 hours",
            f"Mail Delivery System <Mailer-Daemon@{RELAY}>",
            "text/plain; charset=utf-8",
        )
        + "\n"
        + body
    )


def qmail_text(case: Case) -> str:
    """qmail-send's plain-text notice (qmail-send.c)."""
    parts = [
        f"<{r.address}>:\n192.0.2.25 does not like recipient.\nRemote host said: {r.reply}\nGiving up on 192.0.2.25.\n"
        for r in case.rcpts
    ]
    body = (
        f"Hi. This is the qmail-send program at {RELAY}.\n"
        "I'm afraid I wasn't able to deliver your message to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        + "\n".join(parts)
        + "\n--- Below this line is a copy of the message.\n\n"
        + original(case.rcpts[0].address)
        + "\nHello,\n"
    )
    return (
        headers(case, "failure notice", f"MAILER-DAEMON@{RELAY}", "text/plain; charset=utf-8")
        + "\n"
        + body
    )


def sendmail_exchange(r: Rcpt) -> str:
    """One recipient's part of Sendmail's transcript: our command (">>> ") and the reply."""
    stage = {"RCPT TO": "RCPT To:<{a}>", "MAIL FROM": f"MAIL From:<{RETURN_PATH}>"}
    command = stage.get(r.stage, "DATA").format(a=r.address)
    return f"... while talking to {r.remote}.:\n>>> {command}\n<<< {r.reply}"


def sendmail_dsn(case: Case, transcript: Callable[[Rcpt], str] = sendmail_exchange) -> str:
    """Sendmail's notice (savemail.c errbody: the failed addresses, the transcript of the
    session as usersmtp.c logs it, ``transcript``'s lines for each recipient), multipart/report."""
    lines = [transcript(r) for r in case.rcpts]
    text = (
        f"The original message was received at {DATE}\nfrom localhost [127.0.0.1]\n\n"
        "   ----- The following addresses had permanent fatal errors -----\n"
        + "".join(f"<{r.address}>\n    (reason: {r.reply})\n" for r in case.rcpts)
        + "\n   ----- Transcript of session follows -----\n"
        + "\n".join(lines)
        + "\n"
    )
    return report(
        case,
        "Returned mail: see transcript for details",
        f"Mail Delivery Subsystem <MAILER-DAEMON@{RELAY}>",
        text,
        dsn_fields(RELAY, case.rcpts),
    )


def gmail_text(case: Case) -> str:
    """Gmail's own plain notice as it sends it for its users (quoted in pastebin tNAR8aLA)."""
    r = case.rcpts[0]
    domain = r.address.split("@")[1]
    body = (
        "Delivery to the following recipient failed permanently:\n\n"
        f"     {r.address}\n\n"
        "Technical details of permanent failure:\n"
        f"Google tried to deliver your message, but it was rejected by the server for the recipient domain {domain} by {r.remote}. [192.0.2.25].\n\n"
        "The error that the other server returned was:\n"
        f"{r.reply}\n\n"
        "----- Original message -----\n\n" + original(r.address)
    )
    return (
        headers(
            case,
            "Delivery Status Notification (Failure)",
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "text/plain; charset=utf-8",
        )
        + "\n"
        + body
    )


def gmail_localized(case: Case) -> str:
    """Gmail's own notice for a user whose Gmail speaks another language.

    The layout is Gmail's plain notice (``gmail_text``); its headline is Google's own text in
    that language (``extra['headline']``, from the localized help page the case names), and
    the subject stays "Delivery Status Notification (Failure)" (Google's German help page:
    "Die Betreffzeile lautet oft ..."). A remote reply, where the case has one, follows it.
    """
    blocks = []
    for r in case.rcpts:
        block = f"{case.extra['headline']}\n\n     {r.address}\n"
        if r.reply:
            block += f"\n{r.reply}\n"
        blocks.append(block)
    body = (
        "\n".join(blocks) + "\n----- Original message -----\n\n" + original(case.rcpts[0].address)
    )
    return (
        headers(
            case,
            "Delivery Status Notification (Failure)",
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "text/plain; charset=utf-8",
        )
        + "Content-Transfer-Encoding: 8bit\n\n"
        + body
    )


def localized_text(case: Case) -> str:
    """A provider's own notice in its users' language: the words are in ``extra['text']``."""
    body = case.extra["text"] + "\n\n" + original(case.rcpts[0].address)
    subject = case.extra.get("subject", "Returned mail")
    return (
        headers(
            case,
            subject,
            f"Mail Delivery System <MAILER-DAEMON@{case.extra.get('mta', RELAY)}>",
            "text/plain; charset=utf-8",
        )
        + "Content-Transfer-Encoding: 8bit\n\n"
        + body
    )


def exchange_ndr(case: Case) -> str:
    """Exchange / Microsoft 365 NDR: its text part and its delivery-status part."""
    prose = case.extra["prose"]
    srv = case.extra.get("mta", "AM0PR01MB1234.eurprd01.prod.outlook.com")
    heads = case.extra.get(
        "heads",
        (
            "Delivery has failed to these recipients or groups:",
            "Diagnostic information for administrators:",
            "Generating server:",
        ),
    )
    text = f"{heads[0]}\n\n" if heads[0] else ""
    text += "\n\n".join(f"{r.address}\n{prose}" for r in case.rcpts)
    text += f"\n\n{heads[1]}\n\n{heads[2]} {srv}\n\n"
    text += (
        "\n\n".join(f"{r.address}\nRemote Server returned '{r.reply}'" for r in case.rcpts) + "\n"
    )
    return report(
        case,
        case.extra.get("subject", "Undeliverable: December offers"),
        f"Microsoft Outlook <postmaster@{srv}>",
        text,
        dsn_fields(srv, case.rcpts),
    )


def auto_reply(case: Case) -> str:
    r = case.rcpts[0]
    return (
        f"Return-Path: <{r.address}>\nDate: {DATE}\nFrom: <{r.address}>\nTo: {RETURN_PATH}\n"
        f"Subject: Automatic reply: December offers\nMessage-ID: <composed-{case.name}@{r.remote}>\n"
        f"Auto-Submitted: auto-replied\nX-Auto-Response-Suppress: All\n"
        f"In-Reply-To: <20261203091000.4711@shop.example>\n"
        f"X-Composed-Source: {case.source}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
        f"{r.reply}\n"
    )


def ses_mail(case: Case) -> str:
    """An Amazon SES notification delivered by e-mail (its JSON object in the body)."""
    return (
        f"Return-Path: <no-reply@sns.amazonaws.com>\nDate: {DATE}\n"
        f"From: AWS Notifications <no-reply@sns.amazonaws.com>\nTo: {RETURN_PATH}\n"
        f"Subject: AWS Notification Message\nMessage-ID: <composed-{case.name}@sns.amazonaws.com>\n"
        f"X-Composed-Source: {case.source}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\n"
        + case.extra["json"]
        + "\n"
    )


def haraka_dsn(case: Case) -> str:
    """Haraka's outbound notice (haraka 3.3.4 on npm: config/outbound.bounce_message and
    outbound/hmail.js ``populate_bounce_message_with_headers``).

    The template's headers and text, then a delivery-status part in Haraka's own spelling:
    ``Reporting-MTA: dns;host`` and ``Final-Recipient: rfc822;addr`` without a space,
    ``Remote-MTA`` without a type, ``Diagnostic-Code: smtp;<code> <status> <text> `` (with its
    trailing space), and ``Status`` only where the remote's reply carried an enhanced status
    or Haraka set one of its own, then with its code and text in parentheses ("5.1.2 (550 No
    Such Domain: x)"). ``extra['reason']`` is the template's Failure Reason; a recipient
    refused at RCPT also gets its own line (``recip.reason``).
    """
    me = case.extra.get("mta", "mta1.haraka.example")
    b = f"boundary_composed-{case.name}"
    extended = [f"<{r.address}>: {r.reply}" for r in case.rcpts if r.reply and r.stage == "RCPT TO"]
    text = (
        f"Hi. This is the Haraka Mailer program at {me}.\n"
        "I'm afraid I wasn't able to deliver your message\n"
        '    "December offers"\n'
        "to the following addresses.\n"
        "This is a permanent error; I've given up. Sorry it didn't work out.\n\n"
        f"Intended Recipients: {', '.join(f'<{r.address}>' for r in case.rcpts)}\n"
        f"Failure Reason: {case.extra['reason']}\n\n" + "\n".join(extended) + "\n"
    )
    fields = [
        "Original-Envelope-Id: <20261203091000.4711@shop.example>",
        f"Reporting-MTA: dns;{me}",
        "Arrival-Date: Thu, 03 Dec 2026 09:10:02 +0000",
    ]
    for r in case.rcpts:
        fields += ["", f"Final-Recipient: rfc822;{r.address}", f"Action: {r.action}"]
        status = case.extra.get("status_field", r.status)
        if status:
            fields.append(f"Status: {status}")
        if r.reply:
            fields.append(f"Remote-MTA: {r.remote}")
            fields.append(f"Diagnostic-Code: smtp;{r.reply} ")
    return (
        f"Received: (Haraka 4711 invoked for bounce); {DATE}\n"
        f"Date: {DATE}\n"
        f"From: MAILER-DAEMON@{me}\n"
        f"To: {RETURN_PATH}\n"
        "Auto-Submitted: auto-replied\n"
        "Subject: failure notice\n"
        f"Message-Id: <composed-{case.name}@{me}>\n"
        f"X-Composed-Source: {case.source}\n"
        "Content-Type: multipart/report; report-type=delivery-status;\n"
        f'    boundary="{b}"\n'
        "References: <20261203091000.4711@shop.example>\n\n"
        "This is a MIME-encapsulated message.\n\n"
        f"--{b}\nContent-Type: text/plain; charset=us-ascii\n\n{text}\n"
        f"--{b}\nContent-type: message/delivery-status\n\n" + "\n".join(fields) + "\n\n"
        f"--{b}\nContent-Description: Undelivered Message Headers\n"
        "Content-Type: text/rfc822-headers\n\n" + original(case.rcpts[0].address) + f"\n--{b}--\n"
    )


FORMS = {
    "postfix-dsn": postfix_dsn,
    "exim-text": exim_text,
    "exim-delay-text": exim_delay_text,
    "qmail-text": qmail_text,
    "sendmail-dsn": sendmail_dsn,
    "gmail-text": gmail_text,
    "gmail-localized": gmail_localized,
    "localized-text": localized_text,
    "exchange-ndr": exchange_ndr,
    "auto-reply": auto_reply,
    "ses-json": ses_mail,
    "haraka-dsn": haraka_dsn,
}


def manifest_entry(case: Case) -> dict[str, object]:
    expected = [
        {
            "address": r.address,
            "kind": r.kind,
            "hardbounce": r.hard,
            "party": r.party,
            "reason": r.reasons[0].replace("_", ""),
            "reason_snake": r.reasons[0],
            "reason_accept": list(r.reasons),
            "status": r.status,
            "reply_code": r.reply[:3] if r.reply[:3].isdigit() else "",
            "feedback_type": "",
            "message": 1,
        }
        for r in case.rcpts
    ]
    return {
        "engine_id": case.provider,
        "path": f"{case.name}.eml",
        "expected": expected,
        "messages": 1,
        "split": "holdout",
        "lang": case.lang,
        "form": case.form,
        "source": case.source,
    }


WRITTEN: dict[str, str] = {}  # each notice's file name -> the manifest it was written for


def write_set(cases: tuple[Case, ...], manifest_name: str) -> None:
    entries = []
    for case in cases:
        # two sets composing a notice of the same name would write one file over the other
        # (judge63's and judge64's Exim space shortage delays did)
        if WRITTEN.setdefault(case.name, manifest_name) != manifest_name or any(
            c is not case and c.name == case.name for c in cases
        ):
            raise SystemExit(f"{case.name}: composed twice ({WRITTEN[case.name]}, {manifest_name})")
        (HERE / f"{case.name}.eml").write_text(FORMS[case.form](case), encoding="utf-8")
        entries.append(manifest_entry(case))
    manifest = {"corpus_dir": ".", "format": 1, "entries": entries}
    (HERE / manifest_name).write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{manifest_name}: {len(entries)} notices, {sum(len(c.rcpts) for c in cases)} recipients")


def main() -> None:
    # the data lives beside this script, which it imports
    from appliances import APPLIANCE_CASES, APPLIANCE_FORMS
    from cases import CASES
    from localized4 import LOCALIZED4_CASES, LOCALIZED4_FORMS
    from published import PUBLISHED_CASES, PUBLISHED_FORMS, SECOND_CASES
    from published3 import THIRD_CASES
    from published5 import FIFTH_CASES, PUBLISHED5_FORMS
    from published6 import PUBLISHED6_FORMS, SIXTH_CASES
    from published7 import PUBLISHED7_FORMS, SEVENTH_CASES
    from published8 import EIGHTH_CASES, PUBLISHED8_FORMS
    from published9 import NINTH_CASES, PUBLISHED9_FORMS
    from published10 import PUBLISHED10_FORMS, TENTH_CASES
    from published11 import ELEVENTH_CASES, PUBLISHED11_FORMS
    from published12 import PUBLISHED12_FORMS, TWELFTH_CASES
    from published13 import PUBLISHED13_FORMS, THIRTEENTH_CASES
    from published14 import FOURTEENTH_CASES, PUBLISHED14_FORMS
    from published15 import FIFTEENTH_CASES
    from published16 import PUBLISHED16_FORMS, SIXTEENTH_CASES
    from published17 import PUBLISHED17_FORMS, SEVENTEENTH_CASES
    from published18 import PUBLISHED18_CASES
    from published19 import PUBLISHED19_CASES, PUBLISHED19_FORMS
    from published20 import PUBLISHED20_CASES
    from published21 import PUBLISHED21_CASES
    from published22 import PUBLISHED22_CASES
    from published23 import PUBLISHED23_CASES
    from published24 import PUBLISHED24_CASES
    from published25 import PUBLISHED25_CASES, PUBLISHED25_FORMS
    from published26 import PUBLISHED26_CASES
    from published27 import PUBLISHED27_CASES
    from published28 import PUBLISHED28_CASES
    from published29 import PUBLISHED29_CASES
    from published30 import PUBLISHED30_CASES
    from published31 import PUBLISHED31_CASES
    from published32 import PUBLISHED32_CASES
    from published33 import PUBLISHED33_CASES, PUBLISHED33_FORMS
    from published34 import PUBLISHED34_CASES
    from published35 import PUBLISHED35_CASES
    from published36 import PUBLISHED36_CASES
    from published37 import PUBLISHED37_CASES
    from published38 import PUBLISHED38_CASES, PUBLISHED38_FORMS
    from published39 import PUBLISHED39_CASES, PUBLISHED39_FORMS
    from published40 import PUBLISHED40_CASES
    from published41 import PUBLISHED41_CASES, PUBLISHED41_FORMS
    from published42 import PUBLISHED42_CASES
    from published43 import PUBLISHED43_CASES
    from published44 import PUBLISHED44_CASES
    from published45 import PUBLISHED45_CASES
    from published47 import PUBLISHED47_CASES, PUBLISHED47_FORMS
    from published48 import PUBLISHED48_CASES, PUBLISHED48_FORMS
    from templates import TEMPLATE_CASES, TEMPLATE_FORMS

    FORMS.update(TEMPLATE_FORMS)
    FORMS.update(PUBLISHED19_FORMS)
    FORMS.update(APPLIANCE_FORMS)
    FORMS.update(PUBLISHED_FORMS)
    FORMS.update(LOCALIZED4_FORMS)
    FORMS.update(PUBLISHED5_FORMS)
    FORMS.update(PUBLISHED6_FORMS)
    FORMS.update(PUBLISHED7_FORMS)
    FORMS.update(PUBLISHED8_FORMS)
    FORMS.update(PUBLISHED9_FORMS)
    FORMS.update(PUBLISHED11_FORMS)
    FORMS.update(PUBLISHED10_FORMS)
    FORMS.update(PUBLISHED12_FORMS)
    FORMS.update(PUBLISHED33_FORMS)
    FORMS.update(PUBLISHED13_FORMS)
    FORMS.update(PUBLISHED14_FORMS)
    FORMS.update(PUBLISHED16_FORMS)
    FORMS.update(PUBLISHED17_FORMS)
    FORMS.update(PUBLISHED25_FORMS)
    FORMS.update(PUBLISHED39_FORMS)
    FORMS.update(PUBLISHED38_FORMS)
    FORMS.update(PUBLISHED41_FORMS)
    FORMS.update(PUBLISHED47_FORMS)
    FORMS.update(PUBLISHED48_FORMS)
    write_set(CASES, "manifest.json")
    # other servers' own notice templates (templates.py), scored on their own
    write_set(TEMPLATE_CASES, "manifest_templates.json")
    # hosted filters', appliances' and hosters' notices and replies (appliances.py)
    write_set(APPLIANCE_CASES, "manifest_appliances.json")
    # providers' published error texts not yet in the phrase tables (published.py, judge20)
    write_set(PUBLISHED_CASES, "manifest_published.json")
    # its second batch, composed after the first batch's fixes (scored on its own before any
    # rule was written for it)
    write_set(SECOND_CASES, "manifest_published2.json")
    # providers' and gateways' published texts, third batch (published3.py, judge22), scored
    # before any rule was written for it
    write_set(THIRD_CASES, "manifest_published3.json")
    # localized notice templates that mail software ships (localized4.py, judge29), scored
    # before any rule was written for them
    write_set(LOCALIZED4_CASES, "manifest_localized4.json")
    # providers' and gateways' published texts, fifth batch (published5.py, judge33), scored
    # before any rule was written for it
    write_set(FIFTH_CASES, "manifest_published5.json")
    # hosting panels' and commercial mail servers' published texts (published6.py, judge36),
    # scored before any rule was written for it
    write_set(SIXTH_CASES, "manifest_published6.json")
    # regional hosters', ISPs' and carriers' published texts (published7.py, judge39), scored
    # before any rule was written for them
    write_set(SEVENTH_CASES, "manifest_published7.json")
    # email service providers' published bounce examples (published8.py, judge42), scored
    # before any rule was written for them
    write_set(EIGHTH_CASES, "manifest_published8.json")
    # Spanish-, Portuguese-, Polish- and Dutch-language providers' and hosters' published texts
    # (published9.py, judge44), scored before any rule was written for them
    write_set(NINTH_CASES, "manifest_published9.json")
    # Russian-, Ukrainian-, Japanese-, Chinese-, Korean- and Brazilian-Portuguese providers',
    # hosters' and carriers' published texts (published11.py, judge47), scored before any rule
    # was written for them
    write_set(ELEVENTH_CASES, "manifest_published11.json")
    # French-, Italian- (PEC), German-language and Turkish providers' and hosters' published
    # texts (published10.py, judge46), scored before any rule was written for them
    write_set(TENTH_CASES, "manifest_published10.json")
    # mail server software, hosted-mail platforms, filtering gateways and sending services
    # (published12.py, judge48), scored before any rule was written for them
    write_set(TWELFTH_CASES, "manifest_published12.json")
    # Czech/Slovak, Danish, Swedish, Finnish, Greek, Korean, Vietnamese and Indonesian
    # providers', hosters' and Google's localized texts (published13.py, judge49), scored before
    # any rule was written for them
    write_set(THIRTEENTH_CASES, "manifest_published13.json")
    # open-source mail servers' and policy daemons' own replies and notices, read from their
    # source code (published14.py, judge50), scored before any rule was written for them
    write_set(FOURTEENTH_CASES, "manifest_published14.json")
    # mail gateways', groupware suites' and self-hosted mail stacks' own replies, from their
    # source code and published pages (published15.py, judge51), scored before any rule was
    # written for them
    write_set(FIFTEENTH_CASES, "manifest_published15.json")
    # Norwegian, Catalan, Thai, Serbian/Bosnian, Lithuanian, Arabic and Bulgarian pages' texts,
    # languages with no phrase table before (published16.py, judge52), scored before any rule
    # was written for them
    write_set(SIXTEENTH_CASES, "manifest_published16.json")
    # ISPs, cable providers and carriers outside Europe and East Asia and large providers'
    # less-known published codes (published17.py, judge54), scored before any rule was
    # written for them
    write_set(SEVENTEENTH_CASES, "manifest_published17.json")
    # hosted e-mail security gateways' and cloud filters' published replies (VIPRE,
    # Mailprotector, Barracuda, Proofpoint, SpamExperts, Hornetsecurity, Fortinet, Exchange
    # Online Protection; published18.py, judge56), scored before any rule was written for them
    write_set(PUBLISHED18_CASES, "manifest_published18.json")
    # mailbox providers', ISPs' and hosters' published texts from Latin America, South Asia,
    # Africa and the Middle East (TK Open Systems, Tarassul, Claro, HostGator's block list,
    # xneelo, UOL/BOL, Neo, IntoHost, spamrl.com; published20.py, judge58), scored before any
    # rule was written for them
    write_set(PUBLISHED20_CASES, "manifest_published20.json")
    # commercial and enterprise mail servers' own reply texts (IceWarp's 5xx table, FTGate's
    # service errors, Coremail's bounce texts, a Chinese enterprise server's reply list;
    # published21.py, judge59), scored before any rule was written for them
    write_set(PUBLISHED21_CASES, "manifest_published21.json")
    # languages with no phrase table: Sympa's notices in Hungarian, Estonian, Basque, Galician
    # and Romanian (its shipped catalogues), a Hungarian Exchange NDR, UPC Hungary
    # (published19.py, judge57), scored before any rule was written for them
    write_set(PUBLISHED19_CASES, "manifest_published19.json")
    # anti-spam proxies', qmail add-ons' and filters' own reply texts read from their source code
    # (spamdyke, rblsmtpd, chkuser, simscan, milter-greylist, postscreen, ASSP, rmilter;
    # published22.py, judge61), scored before any rule was written for them
    write_set(PUBLISHED22_CASES, "manifest_published22.json")
    # policy daemons (Policyd v2, tumgreyspf), Postfix's less-common smtpd restrictions,
    # go-guerrilla's canned replies and Exim's recipient callout deferral, read from their
    # source code (published23.py, judge62), scored before any rule was written for them
    write_set(PUBLISHED23_CASES, "manifest_published23.json")
    # the big three MTAs' less common texts, read from their source code: Postfix's smtpd
    # timeout, bare <LF>, file-system size limit and TLS-session limit, pipe(8)'s and local(8)'s
    # own failures, Exim's smtp_in.c protocol refusals, spool shortage and "Received" loop,
    # Sendmail's access-map "Mailbox disabled", 8-bit-to-7-bit and MX loop (published25.py,
    # judge64), scored before any rule was written for them
    write_set(PUBLISHED25_CASES, "manifest_published25.json")
    # Exim's own SMTP replies and Debian's default ACL texts, Apache James's handlers, gld,
    # Postfix's policy-server failure, postfix-policyd-spf-perl and Net::Server::Mail, read from
    # their source code and packages (published24.py, judge63), scored before any rule was
    # written for them
    write_set(PUBLISHED24_CASES, "manifest_published24.json")
    # Stalwart's inbound replies beyond what is carried and MailCleaner's Exim stage-1 ACL texts,
    # from their source code (published27.py, judge66), scored before any rule was written
    write_set(PUBLISHED27_CASES, "manifest_published27.json")
    # Haraka's plugins' reply texts, read from their npm packages' source: attachment's
    # archive refusals, fcrdns's lookup error, headers' duplicate header, helo.checks,
    # qmail-deliverable, spf, limit's rate limits and uribl (published26.py, judge65), scored
    # before any rule was written for them
    write_set(PUBLISHED26_CASES, "manifest_published26.json")
    # filters that refuse at SMTP time in their own words, read from their source code:
    # OpenSMTPD's filter-senderscore and filter-dnsbl, smf-spf 2.0.2 and 2.5.2, rspamd's
    # ratelimit through its milter, Mail::Qmail::Filter::DMARC (published30.py, judge69),
    # scored before any rule was written for them
    write_set(PUBLISHED30_CASES, "manifest_published30.json")
    # forwarding and aliasing services' own replies (SimpleLogin's status.py, ForwardEmail's
    # SMTP errors, addy.io's Postfix policy, Cloudflare Email Routing's postmaster texts;
    # published29.py, judge68), scored before any rule was written for them
    write_set(PUBLISHED29_CASES, "manifest_published29.json")
    # languages not yet carried: Sympa's notices in Greek, Finnish, Korean, Vietnamese, Czech
    # and Turkish (its shipped catalogues), Mailman 3's in Czech and Turkish, Naver's "No such
    # user" (newmail10) and a greylisting list host (published31.py, judge70), scored before
    # any rule was written for them
    write_set(PUBLISHED31_CASES, "manifest_published31.json")
    # the large mailbox providers' 2024-2026 bulk-sender requirements' refusals (Gmail's
    # 4.7.23-4.7.40 / 5.7.24-5.7.40 family, Outlook.com's 5.7.515) with Gmail's own recipient
    # refusals beside them (published28.py, judge67), scored before any rule was written
    write_set(PUBLISHED28_CASES, "manifest_published28.json")
    # Japanese carriers' and ISPs' replies not yet carried (au.com and au's "User unknown" in
    # Exim's and Sendmail's notices, SoftBank's, OCN's own Postfix notice with its Japanese
    # paragraphs, m-FILTER's Japanese failure notice, MailGates' DMARC refusal; published33.py,
    # judge72), scored before any rule was written for them
    write_set(PUBLISHED33_CASES, "manifest_published33.json")
    # Exchange Online's (Microsoft 365's) NDR codes not yet carried, from Microsoft's NDR table
    # and per-code pages: the recipient's delivery restrictions (5.7.12, 5.7.13/135, 5.7.134,
    # 5.7.136), EOP's 5.7.504-5.7.513, 5.7.25/4.7.26 over IPv6, 4.7.550 throttling, 5.4.1
    # "Relay Access Denied", 5.6.11, 5.7.64, 5.0.350 (published32.py, judge71), scored before
    # any rule was written for them
    write_set(PUBLISHED32_CASES, "manifest_published32.json")
    # secure email gateways' published replies not yet carried: Mimecast's 4xx table and its
    # "Invalid Recipient", Trend Micro's ERS refusals (HES ERS-RBL/ERS-QIL, RBL+, DDEI) and a
    # recipient filter's IP block list refusal Broadcom lists (published34.py, judge73), scored
    # before any rule was written for them
    write_set(PUBLISHED34_CASES, "manifest_published34.json")
    # shared hosting's control panels (HestiaCP's and VestaCP's Exim ACLs, ISPConfig's HELO
    # blacklist, cPanel's connect ACL, sender-verify reply and suspended account, Plesk's full
    # mailbox; published35.py, judge74), scored before any rule was written for them
    write_set(PUBLISHED35_CASES, "manifest_published35.json")
    # European ISPs' and telcos' replies not yet carried: BT Internet's policy refusals,
    # daily limit and policy engine error, BT Business's sender IP reputation, Virgin Media's
    # "5.2.0 Spam content found" (published37.py, judge77), scored before any rule was written
    write_set(PUBLISHED37_CASES, "manifest_published37.json")
    # groupware and commercial servers' texts not yet carried: Kopano's LMTP agent (kopano-core
    # spooler/DAgent.cpp), Zimbra's and Carbonio's LMTP refusal of a sender address, NetEase's
    # reply codes (published36.py, judge75), scored before any rule was written for them
    write_set(PUBLISHED36_CASES, "manifest_published36.json")
    # Exchange Server's (2016/2019, on-premises and Edge Transport) own refusals not yet
    # carried, from Microsoft's "DSNs and NDRs in Exchange Server" table and "Mail flow rule
    # actions": transport rules' 5.7.900-5.7.999 and an Edge rule's bare status code, the
    # Content Filter agent's 5.2.1 quarantine, 5.2.3 RecipSizeLimit, 5.3.0, 5.3.5, 5.1.7 and
    # the 4.3.2 / 4.4.2 delays (published40.py, judge81), scored before any rule was written
    write_set(PUBLISHED40_CASES, "manifest_published40.json")
    # the destination's own internal failures, as mail servers' sources write them: Dovecot's
    # LMTP ("Temporary internal error", "Temporary user lookup failure", "Internal error
    # occurred"), Cyrus's lmtpd ("System I/O error", "Mailbox Moved", "554 5.0.0 Unexpected
    # internal error"), Postfix's deliver_pass.c, Sendmail's sysexits.c, qmail-local's maildir
    # failures (published39.py, judge79), scored before any rule was written for them
    write_set(PUBLISHED39_CASES, "manifest_published39.json")
    # machine replies that are not bounces (TMDA's confirmation requests, helpdesks'
    # acknowledgements, read and not-read MDNs) and TMDA's own failure notices
    # (published38.py, judge78), scored before any rule was written for them
    write_set(PUBLISHED38_CASES, "manifest_published38.json")
    # mail stores' own LMTP and SMTP replies not yet carried, from their sources: DBMail's
    # lmtp.c (FAIL, the RFC 1893 words after DATA, 430), Citadel's serv_smtp.c, hMailServer's
    # RecipientParser.cpp ("550 550 Account is not active." and its kin), James's RCPT check
    # and LMTP quota (published42.py, judge84), scored before any rule was written for them
    write_set(PUBLISHED42_CASES, "manifest_published42.json")
    # mailing-list managers' replies and notices to a poster: ezmlm-idx's refusals returned by
    # the list host's qmail (ezmlm-checksub, ezmlm-reject), ezmlm's, GNU Mailman 2.1's and
    # LISTSERV's own notices that fail no address (published41.py, judge83), scored before any
    # rule was written for them
    write_set(PUBLISHED41_CASES, "manifest_published41.json")
    # privacy relays not yet carried: Apple's iCloud Hide My Email ("inactive email address",
    # "recipient no longer on server", [HME1]) as Sisimai's rhost/for-apple.go quotes it, and
    # Sign in with Apple's private relay ("unauthorized sender", "transformation error", "bad
    # mailbox name") (published43.py, judge85), scored before any rule was written for them
    write_set(PUBLISHED43_CASES, "manifest_published43.json")
    # web hosts' and registrars' own mail-platform replies from their knowledge-base pages:
    # Bluehost's incoming bouncebacks (recipient rejected, GL/BL, GL/GL, sender rejected, max
    # messages per session, 421), GoDaddy's 552, DreamHost's and Web Hosting Hub's refusals as
    # our smart host (published44.py, judge86), scored before any rule was written for them
    write_set(PUBLISHED44_CASES, "manifest_published44.json")
    # e-mail security appliances' and cloud filters' texts not yet carried: Sophos Email's
    # remaining XGEMAIL codes, Vade's OX postmaster codes (OXSUS0001_101/102/105/110) and
    # MailChannels Inbound's "Message Blocked." (published45.py, judge87), scored before any
    # rule was written for them
    write_set(PUBLISHED45_CASES, "manifest_published45.json")
    # modern open-source mail servers' own replies read from their source: mox's inbound
    # refusals (no such user(s) after DATA, our IP's rate under 452 4.2.2, its hidden junk
    # "error processing", DMARC, SPF-less second recipient, null-MX MAIL FROM) and its own DSN,
    # maddy's check modules (SPF, DMARC, DNSBL, rDNS, MX of MAIL FROM, EHLO, policy errors) and
    # ZoneMTA's no-data DNS failure (published48.py, judge95), scored before any rule was
    # written for them
    write_set(PUBLISHED48_CASES, "manifest_published48.json")
    # Microsoft 365's NDRs in languages whose NDR prose was not carried (nl, sv, tr, ko, zh,
    # ar, pl): the 5.1.8 restricted-sender NDR as Microsoft's localized Learn pages quote it, with
    # and without its delivery-status part and text-only (published47.py, judge94), scored
    # before any rule was written for them
    write_set(PUBLISHED47_CASES, "manifest_published47.json")


if __name__ == "__main__":
    main()
