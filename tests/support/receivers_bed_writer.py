"""The receivers' bed (receivers_bed.py) for the WRITER's own failures, which no receiving
server words (judge53): a real Postfix 3.7 (Debian's), Exim 4.96 or Sendmail 8.17 (the
unpacked copies) is sent messages it cannot deliver for reasons it finds itself, and writes
the notices back to the scenario's envelope sender at a capture server:

- a mail loop: the message already carries more Received headers (HOPS) than the writer's
  hop limit (Postfix hopcount_limit, 50; Exim received_headers_max, 30; Sendmail
  MaxHopCount, 25). Postfix and Exim refuse such a message in the SMTP session (at the end
  of DATA), so the bed submits it through the writer's own submission program (``sendmail
  -C``, ``exim -C ... -f``; Sendmail's too, alike), whose failures the writer returns by mail;
- the recipient domain's MX names the writer itself (``loop.test``: MX ``mx.loop.test``,
  127.0.0.1, Postfix's and Exim's own address, and one of Sendmail's names, class w);
- an MX that names a host that does not exist (``dead-mx.test``: NXDOMAIN for its target), a
  host with no address record (``noaddr-mx.test``: its target has a TXT record only), and an
  IP address written as the MX's name (``ip-mx.test``: ``MX 10 127.0.0.2.``, a name RFC 1035
  and RFC 5321 section 5.1 do not allow an address for);
- the destination refusing the session at its greeting with RFC 5321 section 4.2.3's "554 No
  SMTP service here" (permanently);
- the destination refusing the sender at MAIL FROM, for a message to several recipients:
  Postfix's check_sender_access REJECT ("554 5.7.1 <s>: Sender address rejected: Access
  denied", smtpd_check.c) and reject_sender_login_mismatch ("553 5.7.1 <s>: Sender address
  rejected: not owned by user ...", smtpd_check.c);
- the destination closing the connection after the DATA's dot without a reply, and one that
  never answers RCPT (the writer's timeout), both until the queue lifetime ends;
- a message to a domain whose MX does not exist and to a good one (only the first fails);
- (judge55) an MX that names an alias (``cname-mx.test``: MX ``mx.cname-mx.test``, a CNAME
  for a name that does not exist; RFC 2181 section 10.3: an MX must not name an alias), and,
  Postfix only, local(8)'s loops (``forward.test`` one of its local domains): two aliases
  naming each other ("alias database loop", local/alias.c) and a message that carries its
  recipient's Delivered-To header ("mail forwarding loop", local(8)), both status 5.4.6.

judge55 added OpenSMTPD 6.8, Courier 1.0.16 and chasquid 1.11 as writers (``LEFT_OUT``: the
scenarios a writer cannot be driven to are left out for it, with why).
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

import aiosmtplib

from tests.support import (
    chasquid,
    courier,
    exim,
    opensmtpd,
    postfix,
    receivers_bed,
    sendmail,
    unpacked,
)
from tests.support.bed import bed_entry, bed_message, label, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import SENDER_DOMAIN, Expected, Scenario
from tests.support.scripted_mx import RawListener, ScriptedMx

DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
QUICK_GRACE = 0.3
TIMEOUT = "2s"  # the writers' wait for a reply on the stalling destination's route
WRITERS = ("postfix", "exim", "sendmail", "opensmtpd", "courier", "chasquid")
DATE = "Mon, 07 Dec 2026 11:00:00 +0000"
HOSTNAME = "writer-mx.test"
HOPS = 60  # Received headers the looping message carries: past Postfix 50, Exim 30, Sendmail 25

# Looked up in the bed's DNS (the writers' MX lookups)
LOOP = "loop.test"  # MX names the writer's own address
DEAD_MX = "dead-mx.test"  # MX names a host that does not exist
NOADDR_MX = "noaddr-mx.test"  # MX names a host without an address record
IP_MX = "ip-mx.test"  # MX written as an IP address
# Routed to a scripted destination on 127.0.0.1 (Destination.mode)
GOOD = "good.test"  # accepts every message
GREETING = "greet554.test"  # 554 at the greeting
REFUSES_SENDER = "mailfrom.test"  # refuses the sender at MAIL FROM
NOT_OWNED = "notowned.test"  # refuses the sender at MAIL FROM (553, login mismatch)
DROPPED = "dropped.test"  # closes after the DATA's dot without a reply
STALLED = "stalled.test"  # never answers RCPT
CNAME_MX = "cname-mx.test"  # MX names an alias of a name that does not exist (judge55)
FORWARD = "forward.test"  # Postfix's local domain, two aliases naming each other (judge55)

NO_SERVICE = f"554 {HOSTNAME} No SMTP service here"  # RFC 5321 section 4.2.3


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def access_denied(scenario: str) -> str:
    """Postfix smtpd_check.c, check_sender_access with REJECT (access_map_reject_code 554)."""
    return f"554 5.7.1 <{sender_of(scenario)}>: Sender address rejected: Access denied"


def not_owned(scenario: str) -> str:
    """Postfix smtpd_check.c, reject_sender_login_mismatch: "553 5.7.1 <%s>: Sender address
    rejected: not owned by user %s"."""
    return f"553 5.7.1 <{sender_of(scenario)}>: Sender address rejected: not owned by user relay"


# The labels (docs/bounces.md, judge53, "The rule")
NO_MAIL_SERVER = ("host_unknown", "not_accept")
LOOPED = ("network_error", "system_error", "mailer_error")
GREETING_REFUSED = ("blocked", "rejected", "not_accept", "policy_violation")
SENDER_REFUSED = ("rejected", "blocked", "policy_violation")
NOT_OWNED_REFUSED = ("rejected", "security_error", "auth_failure", "policy_violation")
TRANSIENT_EXPIRY = ("expired", "network_error", "system_error")

# RFC 3463 section 3.5: X.4.6 "Routing loop detected ... useful only as a persistent
# transient error" (the product's permanent bit: temporary, as for X.4.1 and X.4.2). The
# first labels said True, against this rule (docs/bounces.md, judge53).
LOOP_PERMANENT = False

HOP_LOOP = frozenset({"hop_loop"})  # submitted through the writer's submission program
# the message already carries a Delivered-To header naming its recipient: a copy that went
# through this host's local delivery for it and came back (Postfix local(8): "mail
# forwarding loop for %s", 5.4.6)
DELIVERED_TO = frozenset({"delivered_to_loop"})
POSTFIX_ONLY = frozenset({"alias_loop", "delivered_to_loop"})


def _one(name: str, address: str, expected: Expected) -> Scenario:
    return Scenario(name, (address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels (status: what Postfix's notice states;
    Exim's in _as_stated)."""
    dead = f"someone@{DEAD_MX}"
    refused = [f"{local}@{REFUSES_SENDER}" for local in ("first", "second", "third")]
    owned = [f"{local}@{NOT_OWNED}" for local in ("first", "second")]
    return (
        _one(
            "hop_loop",
            f"fine@{GOOD}",
            Expected(f"fine@{GOOD}", LOOP_PERMANENT, False, LOOPED, "transient", "5.4.0"),
        ),
        _one(
            "mx_loops_back",
            f"someone@{LOOP}",
            Expected(f"someone@{LOOP}", LOOP_PERMANENT, False, LOOPED, "transient", "5.4.6"),
        ),
        _one("dead_mx", dead, Expected(dead, True, True, NO_MAIL_SERVER, "recipient", "5.4.4")),
        _one(
            "noaddr_mx",
            f"someone@{NOADDR_MX}",
            Expected(f"someone@{NOADDR_MX}", True, True, NO_MAIL_SERVER, "recipient", "5.4.4"),
        ),
        _one(
            "ip_mx",
            f"someone@{IP_MX}",
            Expected(f"someone@{IP_MX}", True, True, NO_MAIL_SERVER, "recipient", "5.4.4"),
        ),
        Scenario(
            "mixed_dead_mx_and_good",
            (f"other@{DEAD_MX}", f"fine@{GOOD}"),
            (Expected(f"other@{DEAD_MX}", True, True, NO_MAIL_SERVER, "recipient", "5.4.4"),),
        ),
        _one(
            "greeting_554",
            f"fine@{GREETING}",
            Expected(f"fine@{GREETING}", True, False, GREETING_REFUSED, "sender", "5.0.0", "554"),
        ),
        Scenario(
            "mail_from_refused",
            tuple(refused),
            tuple(
                Expected(a, True, False, SENDER_REFUSED, "sender", "5.7.1", "554") for a in refused
            ),
        ),
        Scenario(
            "mail_from_not_owned",
            tuple(owned),
            tuple(
                Expected(a, True, False, NOT_OWNED_REFUSED, "sender", "5.7.1", "553") for a in owned
            ),
        ),
        _one(
            "cname_mx",
            f"someone@{CNAME_MX}",
            Expected(f"someone@{CNAME_MX}", True, True, NO_MAIL_SERVER, "recipient", "5.4.4"),
        ),
        # the notice's failed recipient is the alias's target (Final-Recipient, "<target>
        # (expanded from <ours>)"), ours its Original-Recipient (judge47's rule, the
        # forwarding bed): local(8) finds the loop expanding pong, back to ping
        _one(
            "alias_loop",
            f"ping@{FORWARD}",
            Expected(f"pong@{FORWARD}", LOOP_PERMANENT, False, LOOPED, "transient", "5.4.6"),
        ),
        _one(
            "delivered_to_loop",
            f"loop@{FORWARD}",
            Expected(f"loop@{FORWARD}", LOOP_PERMANENT, False, LOOPED, "transient", "5.4.6"),
        ),
        _one(
            "dropped_after_dot_until_expiry",
            f"fine@{DROPPED}",
            Expected(f"fine@{DROPPED}", False, False, TRANSIENT_EXPIRY, "transient", "4.4.2"),
        ),
        _one(
            "rcpt_timeout_until_expiry",
            f"fine@{STALLED}",
            Expected(f"fine@{STALLED}", False, False, TRANSIENT_EXPIRY, "transient", "4.4.2"),
        ),
    )


# the default suite's run: nothing waits for the queue lifetime
QUICK_SCENARIOS = ("mx_loops_back", "dead_mx", "mail_from_refused")


# The scenarios each writer is sent (judge55): the hop-count loop is submitted through the
# writer's own submission program, which OpenSMTPD's (smtpctl, through its control socket)
# and Courier's (the front hands every message to its sendmail, which would refuse it at
# once) do not give here; local delivery is set up for Postfix only. OpenSMTPD listens on a
# port of its own, not 25: an MX naming 127.0.0.1 is for it a connection refused at port 25,
# no loop, and that refusal disables its route to 127.0.0.1 for every port (mta.c routes are
# by address), the capture's and the destinations' with it. OpenSMTPD's wait for a reply
# to RCPT is compiled in (mta_session.c), no setting gives it the others' 2 s: the stalled
# destination would outlast the bed's deadline.
LEFT_OUT = {
    "exim": POSTFIX_ONLY,
    "sendmail": POSTFIX_ONLY,
    "opensmtpd": POSTFIX_ONLY | {"hop_loop", "mx_loops_back", "rcpt_timeout_until_expiry"},
    "courier": POSTFIX_ONLY | {"hop_loop"},
    # chasquid (judge55): submitted through the bed's front (its submission port: no program
    # for the hop loop); it reaches every host on one testing port, so an MX naming 127.0.0.1
    # is a refused connection, no loop; its SMTP client's waits are compiled in, longer than
    # the bed's deadline (the stalled RCPT)
    "chasquid": POSTFIX_ONLY | {"hop_loop", "mx_loops_back", "rcpt_timeout_until_expiry"},
}


def scenarios_for(writer: str) -> tuple[Scenario, ...]:
    left_out = LEFT_OUT.get(writer, frozenset())
    return tuple(s for s in scenarios() if s.name not in left_out)


def quick_sent(
    scenarios_for: Callable[[str], tuple[Scenario, ...]], quick_names: Collection[str]
) -> Callable[..., tuple[Scenario, ...]]:
    """A writer bed's ``sent``: the scenarios ``writer`` is sent, or with ``quick`` only those
    named in ``quick_names`` (the default suite's run: none waits for the queue lifetime)."""

    def sent(quick: bool = False, writer: str = "postfix") -> tuple[Scenario, ...]:
        return tuple(s for s in scenarios_for(writer) if not quick or s.name in quick_names)

    return sent


sent = quick_sent(scenarios_for, QUICK_SCENARIOS)


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if writer == "opensmtpd":
        return opensmtpd.missing() or exim.missing() or receivers_bed.missing()
    if writer == "courier":
        return courier.missing() or exim.missing() or receivers_bed.missing()
    if writer == "chasquid":
        return chasquid.missing() or exim.missing() or receivers_bed.missing()
    return exim.missing() or receivers_bed.missing(writer)


def message(scenario: Scenario) -> EmailMessage:
    msg = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Writer bed: {scenario.name}",
        scenario.name,
        DATE,
        "A message its writer cannot deliver for a reason of its own.\n",
    )
    if scenario.name in DELIVERED_TO:
        msg["Delivered-To"] = scenario.recipients[0]
    if scenario.name not in HOP_LOOP:
        return msg
    # the trace of a message that went round: HOPS relays, newest first, at the top of the
    # header (RFC 5321 section 4.4)
    looped = EmailMessage(policy=msg.policy)
    for hop in range(HOPS, 0, -1):
        looped["Received"] = (
            f"from relay{hop}.{GOOD} (relay{hop}.{GOOD} [192.0.2.{hop}]) by "
            f"relay{hop + 1}.{GOOD} with ESMTP id HOP{hop:03d}; {DATE}"
        )
    for name, value in msg.items():
        looped[name] = value
    looped.set_content(msg.get_content())
    return looped


@dataclass
class Destination(RawListener):
    """A scripted destination on 127.0.0.1 speaking SMTP line by line: ``mode`` "accept"
    (every message, kept in ``arrivals``), "greeting" (NO_SERVICE, then only QUIT),
    "mail" (``mail_reply(sender)`` at MAIL FROM), "drop" (the connection closed after the
    DATA's dot, no reply), "stall" (no reply to RCPT, until the writer gives up).

    ``ehlo``: the extensions its EHLO reply announces; ``script`` (judge60's bed,
    receivers_bed_writer2.py): called with each command's verb ("." for the DATA's dot), the
    line and the transaction's recipients so far, the reply's lines to say instead of the
    mode's (None: the mode's; a 421 reply closes the connection after it, as RFC 5321
    section 3.8 has a server do)."""

    mode: str = "accept"
    mail_reply: Any = None
    ehlo: tuple[str, ...] = ("8BITMIME", "SIZE 10240000")
    script: Callable[[str, str, list[str]], list[str] | None] | None = None
    arrivals: list[tuple[str, ...]] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        try:
            await self._session(reader, writer)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            writer.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def say(*lines: str) -> None:
            # surrogateescape: a script's reply may carry another charset's raw bytes
            # (judge89's localized bed: bytes.decode("utf-8", "surrogateescape"))
            text = "".join(f"{line}\r\n" for line in lines)
            writer.write(text.encode("utf-8", "surrogateescape"))
            await writer.drain()

        await say(NO_SERVICE if self.mode == "greeting" else f"220 {HOSTNAME} ESMTP")
        recipients: list[str] = []
        while line := (await reader.readline()).decode("utf-8", "replace").strip():
            verb = line.split(" ", 1)[0].upper()
            scripted = None if self.script is None else self.script(verb, line, recipients)
            if verb == "QUIT":
                await say("221 2.0.0 Bye")
                return
            if scripted is not None:
                await say(*scripted)
                if scripted[-1].startswith("421"):
                    return
                if verb == "RCPT" and scripted[-1].startswith("2"):
                    recipients.append(line.split("<", 1)[-1].split(">", 1)[0].lower())
                elif verb == "MAIL":
                    recipients = []
                elif verb == "DATA" and scripted[-1].startswith("354"):
                    await self._data(reader, say, recipients)
            elif self.mode == "greeting":  # RFC 5321 section 3.1: 503 to all but QUIT
                await say("503 5.5.1 Error: no SMTP service here")
            elif verb == "EHLO":
                keywords = [f"250-{k}" for k in self.ehlo[:-1]] + [
                    f"250 {k}" for k in self.ehlo[-1:]
                ]
                await say(f"250{'-' if keywords else ' '}{HOSTNAME}", *keywords)
            elif verb == "HELO":
                await say(f"250 {HOSTNAME}")
            elif verb == "MAIL":
                recipients = []
                sender = line.split("<", 1)[-1].split(">", 1)[0]
                refusal = self.mail_reply(sender) if self.mode == "mail" else None
                await say(refusal or "250 2.1.0 Ok")
            elif verb == "RCPT":
                if self.mode == "stall":
                    await reader.read()  # until the writer gives up and closes
                    return
                recipients.append(line.split("<", 1)[-1].split(">", 1)[0].lower())
                await say("250 2.1.5 Ok")
            elif verb == "DATA":
                await say("354 End data with <CR><LF>.<CR><LF>")
                if not await self._data(reader, say, recipients):
                    return
            elif verb in ("RSET", "NOOP"):
                await say("250 2.0.0 Ok")
            else:
                await say("502 5.5.2 Error: command not recognized")

    async def _data(
        self,
        reader: asyncio.StreamReader,
        say: Callable[..., Awaitable[None]],
        recipients: list[str],
    ) -> bool:
        """The message's lines to its dot, then the reply (the script's for ".", or the
        mode's); False where the connection is to close."""
        while (await reader.readline()) not in (b".\r\n", b".\n", b""):
            pass
        if self.mode == "drop":
            return False
        scripted = None if self.script is None else self.script(".", ".", recipients)
        if scripted is not None:
            if scripted[-1].startswith("2"):
                self.arrivals.append(tuple(recipients))
            await say(*scripted)
            return not scripted[-1].startswith("421")
        self.arrivals.append(tuple(recipients))
        await say("250 2.0.0 Ok: queued")
        return True


# Each destination listens on 127.0.0.1 and on an address of its own, which OpenSMTPD is
# routed to (judge55): its mta.c disables the route to an address for a while after a
# refused banner or connection (smtp-out: "Disabling route [] <-> 127.0.0.1 for 15s"), which
# on 127.0.0.1 would hold back the capture and every other destination with it
OWN_ADDRESS = {
    GOOD: "127.0.0.11",
    GREETING: "127.0.0.12",
    REFUSES_SENDER: "127.0.0.13",
    NOT_OWNED: "127.0.0.14",
    DROPPED: "127.0.0.15",
    STALLED: "127.0.0.16",
}


@dataclass
class OpenSmtpdWriter(opensmtpd.OpenSmtpd):
    """Debian's OpenSMTPD 6.8 as the writer (tests/support/opensmtpd.py): each domain of
    ``routes`` relayed to its port on its own address (``own_address``, OWN_ADDRESS unless a
    bed says; 127.0.0.1 for the capture), every other domain looked up in DNS."""

    own_address: dict[str, str] = field(default_factory=lambda: dict(OWN_ADDRESS))

    def write_config(self) -> None:
        super().write_config()
        text = self.config.read_text(encoding="utf-8")
        for n, domain in enumerate(self.routes):
            old = f'action "route{n}" relay host smtp://127.0.0.1:'
            address = self.own_address.get(domain, "127.0.0.1")
            new = f'action "route{n}" relay host smtp://{address}:'
            assert old in text, "opensmtpd.py's routes are no longer written so"
            text = text.replace(old, new)
        self.config.write_text(text, encoding="utf-8")


def _scenario_of(sender: str) -> str:
    return sender.split("+", 1)[-1].split("@", 1)[0]


def destinations() -> dict[str, Destination]:
    return {
        GOOD: Destination(),
        GREETING: Destination(mode="greeting"),
        REFUSES_SENDER: Destination(
            mode="mail", mail_reply=lambda s: access_denied(_scenario_of(s))
        ),
        NOT_OWNED: Destination(mode="mail", mail_reply=lambda s: not_owned(_scenario_of(s))),
        DROPPED: Destination(mode="drop"),
        STALLED: Destination(mode="stall"),
    }


DNS_DOMAINS = (LOOP, DEAD_MX, NOADDR_MX, IP_MX, CNAME_MX)
# Postfix's local aliases for FORWARD: each names the other (judge55)
ALIASES = {"ping": f"pong@{FORWARD}", "pong": f"ping@{FORWARD}"}


def dns_records(dns: DnsServer) -> None:
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")
    dns.add(LOOP, "MX", f"10 mx.{LOOP}.")
    dns.add(f"mx.{LOOP}", "A", "127.0.0.1")  # the writer's own address
    dns.add(DEAD_MX, "MX", "10 mx.nowhere.test.")  # nowhere.test: NXDOMAIN
    dns.add(NOADDR_MX, "MX", f"10 mx.{NOADDR_MX}.")
    dns.add(f"mx.{NOADDR_MX}", "TXT", "no address here")  # A and AAAA: no data
    dns.add(IP_MX, "MX", "10 127.0.0.2.")  # a name of four labels that does not exist
    dns.add(CNAME_MX, "MX", f"10 mx.{CNAME_MX}.")
    dns.add(f"mx.{CNAME_MX}", "CNAME", "gone.nowhere.test.")  # nowhere.test: NXDOMAIN


@dataclass
class SendmailWriter(receivers_bed.SendmailSender):
    """Debian's Sendmail 8.17 as the writer (receivers_bed.SendmailSender: a mailer per
    scripted destination, every other domain looked up in DNS by its esmtp mailer, port 25),
    with short waits for a reply (Timeout.rcpt, Timeout.datafinal: Sendmail's timeouts are
    for every host; the scripted destinations answer at once but STALLED), and LOOP's MX
    host among its own names; ``more_mc``: a bed's lines more (judge60)."""

    more_mc: tuple[str, ...] = ()

    def _mc(self) -> str:
        text = super()._mc()
        os_type = "OSTYPE(`linux')dnl\n"
        assert os_type in text, "sendmail.py's .mc no longer names its OSTYPE"
        timeouts = "".join(
            f"define(`{name}', `{TIMEOUT}')dnl\n" for name in ("confTO_RCPT", "confTO_DATAFINAL")
        )
        # The MX of LOOP names this host, as Sendmail knows its names: class w (the host's
        # names and /etc/mail/local-host-names in Debian's configuration); Postfix and Exim
        # know themselves by their address, 127.0.0.1
        rules = "LOCAL_RULE_0\n"
        assert rules in text, "receivers_bed's .mc no longer has its rules"
        text = text.replace(rules, f"LOCAL_CONFIG\nCwmx.{LOOP}\n{rules}", 1)
        more = "".join(f"{line}\n" for line in self.more_mc)
        return text.replace(os_type, os_type + timeouts + more)


@dataclass
class CourierWriter(courier.Courier):
    """Debian's Courier 1.0.16 as the writer (tests/support/courier.py), its wait for a reply to
    any command (esmtptimeout, courier(8); 10 minutes by default) and for the DATA's reply
    (esmtptimeoutdata) short, as the other writers' on STALLED's route: Courier's timeouts are
    for every host."""

    def write_config(self) -> None:
        super().write_config()
        for name in ("esmtptimeout", "esmtptimeoutdata"):
            (self.root / "etc" / name).write_text(f"{TIMEOUT}\n", encoding="utf-8")


Writer = (
    receivers_bed.Sender
    | SendmailWriter
    | opensmtpd.OpenSmtpd
    | courier.CourierFront
    | chasquid.ChasquidFront
)


def chasquid_routes(routes: dict[str, int]) -> dict[str, int]:
    """chasquid's routes (chasquid.ChasquidFront: a loopback address of its own per domain,
    in order from 127.0.0.2): IP_MX first, with no server (port 0), so that 127.0.0.2, its MX,
    is no scripted destination's; the capture is chasquid's local domain."""
    return {IP_MX: 0, **{d: p for d, p in routes.items() if d != SENDER_DOMAIN}}


def chasquid_dns(dns: DnsServer, routes: dict[str, int]) -> None:
    """The routed domains' records chasquid looks up (it looks every domain up)."""
    for domain, address in chasquid.addresses(list(chasquid_routes(routes))).items():
        if domain != IP_MX:
            dns.add(domain, "MX", f"10 {domain}.")
            dns.add(domain, "A", address)


@dataclass(frozen=True)
class Tuning:
    """A bed's settings beyond the writers' own (judge60: receivers_bed_writer2.py): Postfix's
    main.cf and the master.cf service per routed domain (``postfix_via``: "smtpimpatient",
    STALLED's short reply timeouts), Exim's main settings and smtp transport options per
    routed domain, lines for Sendmail's .mc, and the destinations' own addresses OpenSMTPD
    is routed to (``own_address``, beside OWN_ADDRESS); ``dns_domains``: the domains Postfix
    looks up in the bed's DNS too, beside DNS_DOMAINS; ``delay_warning``: a writer's delay
    before a delay warning, by writer (its default where none), and ``courier_notify`` the
    NOTIFY the Courier front gives an envelope sender (it takes no RCPT parameters) (judge82)."""

    postfix_main: dict[str, str] = field(default_factory=dict)
    postfix_via: dict[str, str] = field(default_factory=dict)
    own_address: dict[str, str] = field(default_factory=dict)
    exim_settings: dict[str, str] = field(default_factory=dict)
    exim_transport: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sendmail_mc: tuple[str, ...] = ()
    dns_domains: tuple[str, ...] = ()
    delay_warning: dict[str, str] = field(default_factory=dict)
    courier_notify: Callable[[str], str] = lambda sender: "FAILURE"


def writer_mta(
    writer: str, port: int, routes: dict[str, int], tuning: Tuning | None = None
) -> Writer:
    """``writer``'s MTA: the scripted destinations by their routes, the DNS domains by MX
    lookups in the bed's DNS (port 25), short reply timeouts on STALLED's route; ``tuning``
    adds a bed's settings."""
    tuning = tuning or Tuning()
    warn = tuning.delay_warning.get(writer, "")
    if writer == "sendmail":
        lifetime = f"{receivers_bed.QUEUE_LIFETIME}s"
        return SendmailWriter(
            port,
            {},
            queuereturn=lifetime,
            receivers=routes,
            more_mc=tuning.sendmail_mc,
            **({"queuewarn": warn} if warn else {}),
        )
    if writer == "exim":
        impatient = (f"command_timeout = {TIMEOUT}", f"final_timeout = {TIMEOUT}")
        return receivers_bed.exim_writer(
            port,
            routes,
            settings={**tuning.exim_settings, **({"delay_warning": f"{warn}:1h"} if warn else {})},
            transport_options={STALLED: impatient, **tuning.exim_transport},
        )
    if writer == "opensmtpd":
        return OpenSmtpdWriter(
            port,
            routes,
            ttl=f"{receivers_bed.QUEUE_LIFETIME}s",
            own_address={**OWN_ADDRESS, **tuning.own_address},
            **({"warn": warn} if warn else {}),
        )
    if writer == "chasquid":
        return chasquid.ChasquidFront(
            chasquid.Chasquid(SENDER_DOMAIN, routes[SENDER_DOMAIN], free_port()),
            chasquid_routes(routes),
        )
    if writer == "courier":
        return courier.CourierFront(
            CourierWriter(
                routes,
                queuetime=f"{receivers_bed.QUEUE_LIFETIME}s",
                warntime=warn or "1h",
                timeout=TIMEOUT,
            ),
            notify=tuning.courier_notify,
        )
    tx = receivers_bed.postfix_writer(
        port,
        routes,
        via={STALLED: "smtpimpatient", **tuning.postfix_via},
        main={
            "mydestination": FORWARD,
            "alias_maps": "inline:{ " + ", ".join(f"{k}={v}" for k, v in ALIASES.items()) + " }",
            **({"delay_warning_time": warn} if warn else {}),
            **tuning.postfix_main,
        },
        services=[
            "smtpdns unix - - n - - smtp -o smtp_dns_support_level=enabled",
            f"smtpimpatient unix - - n - - smtp -o smtp_rcpt_timeout={TIMEOUT} "
            f"-o smtp_data_done_timeout={TIMEOUT}",
        ],
    )
    maps = tx.main["transport_maps"].removesuffix(" }")
    looked_up = ", ".join(f"{d}=smtpdns:{d}" for d in (*DNS_DOMAINS, *tuning.dns_domains))
    tx.main["transport_maps"] = f"{maps}, {looked_up} }}"
    return tx


async def submit_locally(tx: Writer, scenario: Scenario) -> str:
    """``scenario``'s message through the writer's own submission program (the hop-count
    check refuses it in an SMTP session); what the program printed."""
    raw = bytes(message(scenario))
    sender = sender_of(scenario.name)
    if isinstance(tx, SendmailWriter):
        command = [*sendmail.UTS, str(sendmail.binary()), "-C", str(tx.config), "-f", sender]
        command += ["--", *scenario.recipients]
        env = unpacked.environment(sendmail.binary())
    elif isinstance(tx, postfix.Postfix):
        command = [
            "/usr/sbin/sendmail",
            "-C",
            str(tx.conf),
            "-f",
            sender,
            "--",
            *scenario.recipients,
        ]
        env = None
    elif isinstance(tx, exim.Exim):
        command = [str(exim.binary()), "-C", str(tx.config), "-f", sender, "--"]
        command += list(scenario.recipients)
        env = unpacked.environment(exim.binary())
    else:
        raise RuntimeError(f"no submission program for {scenario.name} here: LEFT_OUT")
    done = await asyncio.to_thread(
        subprocess.run, command, input=raw, capture_output=True, check=False, timeout=30, env=env
    )
    return f"{command[0]} exit {done.returncode}: {done.stdout!r} {done.stderr!r}"


Run = receivers_bed.QuickRun


async def _start(tx: Writer, port: int) -> None:
    if isinstance(tx, courier.CourierFront | chasquid.ChasquidFront):
        await tx.start(port)
    elif isinstance(tx, opensmtpd.OpenSmtpd):
        await tx.start()
    else:
        await receivers_bed.start_writer(tx)


async def _stop(tx: Writer | None) -> None:
    if isinstance(tx, courier.CourierFront | opensmtpd.OpenSmtpd | chasquid.ChasquidFront):
        await tx.stop()
    else:
        await receivers_bed.stop_writer(tx)


def _log_tail(tx: Writer | None) -> str:
    if tx is None:
        return ""
    if isinstance(tx, courier.CourierFront):
        return tx.courier.log_tail(200)
    if isinstance(tx, chasquid.ChasquidFront):
        return tx.chasquid.log_tail(200)
    if isinstance(tx, opensmtpd.OpenSmtpd):
        return tx.log_tail(200)
    return tx.log_tail(3000)


@dataclass(frozen=True)
class Bed:
    """What a writer bed sends and to whom (this one, BED; judge60's receivers_bed_writer2.py):
    ``sent(quick, writer)`` its scenarios, ``destinations()`` its scripted servers by domain,
    each on its address ``own_address[domain]`` too, ``dns_records`` its DNS, ``send`` one
    scenario's message to the writer's port, ``local`` the scenarios submitted through the
    writer's own program instead, ``quiet(writer)`` scenarios sent that must bring no notice
    back, ``check(sent, quiet, destinations)`` what else the run must show (an error, or
    None), ``tuning`` the writers' settings."""

    sent: Callable[[bool, str], tuple[Scenario, ...]]
    destinations: Callable[[], dict[str, Destination]]
    own_address: dict[str, str]
    dns_records: Callable[[DnsServer], None]
    send: Callable[[int, Scenario, str], Awaitable[None]]
    local: frozenset[str] = frozenset()
    quiet: Callable[[str], tuple[Scenario, ...]] = lambda writer: ()
    check: Callable[
        [tuple[Scenario, ...], tuple[Scenario, ...], dict[str, Destination]], str | None
    ] = lambda chosen, quiet, served: None
    tuning: Tuning = field(default_factory=Tuning)


async def _send(port: int, scenario: Scenario, writer: str) -> None:
    # the Courier front takes no RCPT parameters (its notices: Courier's default NOTIFY)
    options = [] if writer in ("courier", "chasquid") else None
    await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients, options)


def _check(
    chosen: tuple[Scenario, ...], _quiet: tuple[Scenario, ...], served: dict[str, Destination]
) -> str | None:
    delivered = served[GOOD].arrivals
    if any(s.name == "mixed_dead_mx_and_good" for s in chosen) and not any(
        f"fine@{GOOD}" in a for a in delivered
    ):
        return f"the good neighbour was not delivered: {delivered}"
    return None


BED = Bed(
    lambda quick, writer: sent(quick, writer),
    destinations,
    OWN_ADDRESS,
    dns_records,
    _send,
    HOP_LOOP,
    check=_check,
)


async def run(writer: str = "postfix", bed: Bed = BED) -> Run:
    """The DNS, the destinations, the writer and the capture; every scenario sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    phase = receivers_bed.Phases()
    dns = DnsServer()
    bed.dns_records(dns)
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, sender_of, lambda q: bed.sent(q, writer), quick=quick)
    served = bed.destinations()
    tx: Writer | None = None
    notes: list[str] = []
    try:
        for domain, destination in served.items():
            await destination.start(host=("127.0.0.1", bed.own_address[domain]), port=free_port())
        routes = {SENDER_DOMAIN: capture.port, **{d: s.port for d, s in served.items()}}
        port = free_port()
        if writer == "chasquid":
            chasquid_dns(dns, routes)
        tx = writer_mta(writer, port, routes, bed.tuning)
        await _start(tx, port)
        phase("started")
        chosen = bed.sent(quick, writer)
        for s in chosen:
            if s.name in bed.local:
                notes.append(await submit_locally(tx, s))
        quiet = () if quick else bed.quiet(writer)
        await receivers_bed.submit_bounded(
            bed.send(port, s, writer) for s in (*chosen, *quiet) if s.name not in bed.local
        )
        grace = QUICK_GRACE if quick else GRACE
        # Exim's forced queue run (-qff) would thaw the message its router froze (an MX
        # naming the writer, self = freeze): Exim's own queue runs only, every second
        # OpenSMTPD and Courier retry by themselves, every second or so (Courier: retryalpha)
        nudge = tx.flush if isinstance(tx, postfix.Postfix | SendmailWriter) else None
        await wait_for_notices(capture, result.pending, DEADLINE, grace, nudge, NUDGE)
        phase("notices")
        came = [s.name for s in quiet if result.notices(s.name)]
        result.error = bed.check(chosen, quiet, served) or (
            f"notices for the scenarios that must bring none: {came}" if came else None
        )
    except (OSError, RuntimeError, KeyError, subprocess.SubprocessError) as exc:
        result.error = f"the writer bed broke off: {exc}"
    except aiosmtplib.SMTPException as exc:
        result.error = f"the writer bed broke off: {exc}"
    finally:
        result.log = "\n".join([*notes, _log_tail(tx)])
        await _stop(tx)
        for destination in served.values():
            await destination.stop()
        await capture.stop()
        await dns.stop()
        phase("stopped")
        result.log += f"\n{phase}"
    return result


# What each writer did, as its run shows (labelled by what happened, docs/bounces.md judge53):
# Postfix uses an address written as an MX's name ("warning: numeric domain name in resource
# data of MX record", smtp_addr.c) and retries the refused connection until the queue
# lifetime ends; it skips a server that greets with 5xx (smtp_skip_5xx_greeting = yes, its
# default) and retries it until then too, its notice saying 4.0.0 beside the quoted 554.
# Sendmail 8.17 uses the address too ("Connection refused by 127.0.0.2.") until its
# Timeout.queuereturn, and states 4.4.7 for every recipient it gives up on (as real_mta.py's
# EXPIRY_STATUS) where it quotes no reply; its Status for the dead MXs is 5.1.2 ("Host
# unknown (Name server: ...)"), for its MX loop ("MX list for loop.test. points back to
# sendmail.test", "554 5.3.5 Local configuration error") and the 554 greeting 5.5.0.
EXPIRES = {
    "postfix": {
        "ip_mx": ("transient", "4.4.1", "", TRANSIENT_EXPIRY),
        "greeting_554": ("sender", "4.0.0", "554", ("expired", *GREETING_REFUSED)),
    },
    "sendmail": {"ip_mx": ("transient", "4.4.7", "", TRANSIENT_EXPIRY)},
    # OpenSMTPD 6.8 (judge55) retries every failure here but the MAIL FROM refusals until the
    # queue lifetime ends, a missing MX too (mta.c: "No MX found for domain", TempFail), and
    # says only "Envelope expired" under Status 4.4.7 (queue.c; real_mta.py EXPIRY_STATUS),
    # quoting no reply: the 554 greeting is the sender's by the rule, its reply not stated
    "opensmtpd": {
        **dict.fromkeys(
            ("dead_mx", "noaddr_mx", "ip_mx", "cname_mx", "mixed_dead_mx_and_good"),
            ("transient", "4.4.7", "", TRANSIENT_EXPIRY),
        ),
        "dropped_after_dot_until_expiry": ("transient", "4.4.7", "", TRANSIENT_EXPIRY),
        "greeting_554": ("sender", "4.4.7", "", ("expired", *GREETING_REFUSED)),
    },
    # chasquid 1.11 (judge55) takes a failed dial as transient, the 554 greeting ("Error
    # creating client: 554 ...") and the lost connection too, retries them until it gives up
    # (queue.go; the bed ages its queue) and states 4.0.0 (dsn.go) with "all MXs returned
    # transient failures (last: ...)". An MX target that does not resolve ("Could not dial:
    # dial tcp: lookup mx.nowhere.test. on ...: no such host") is retried so too, but the
    # notice names the cause: rule 1 (CHASQUID_NO_HOST). The first labels had these four
    # transient as well, by rule 6; corrected after the first score (docs/bounces.md, judge55)
    "chasquid": {
        "dropped_after_dot_until_expiry": ("transient", "4.0.0", "", TRANSIENT_EXPIRY),
        "greeting_554": ("sender", "4.0.0", "554", ("expired", *GREETING_REFUSED)),
    },
}
# chasquid's notice for an MX target that does not resolve: Status 4.0.0, its words "no such
# host" (Go's net.DNSError): no mail server, rule 1, as stated
CHASQUID_NO_HOST = frozenset({"dead_mx", "noaddr_mx", "cname_mx", "mixed_dead_mx_and_good"})
SENDMAIL_STATUS = {
    "hop_loop": "5.4.6",
    "mx_loops_back": "5.5.0",
    "dead_mx": "5.1.2",
    "noaddr_mx": "5.1.2",
    "mixed_dead_mx_and_good": "5.1.2",
    "cname_mx": "5.1.2",  # judge55: as for dead_mx, "Host unknown (Name server: ...)"
    "greeting_554": "5.5.0",
    "dropped_after_dot_until_expiry": "4.4.1",
    "rcpt_timeout_until_expiry": "4.4.7",
}
# Sendmail's own lines in its Diagnostic-Code, with a reply code: "SMTP; 554 5.4.6 Too many
# hops" (collect.c) and, for the connection dropped after the dot, "SMTP; 451 4.4.1 reply:
# read error from [127.0.0.1]" (usersmtp.c reply()), the last attempt's status of its expiry
# (real_mta.py's rule: the last reply's code where the notice quotes one). The first labels
# had no reply code for either and 4.4.7 for the second (docs/bounces.md, judge53).
SENDMAIL_REPLY = {"hop_loop": "554", "dropped_after_dot_until_expiry": "451"}


def _as_stated(writer: str, scenario: str, expected: Expected) -> Expected:
    """``expected`` as ``writer``'s notice states it: the deferrals that expire (EXPIRES),
    temporary; Exim's Status is 5.0.0 for every address it fails (deliver.c), Sendmail's its
    own (SENDMAIL_STATUS), and the status the quoted reply's enhanced code where there is one
    (receivers_bed's gave_up_status rule); Exim refuses an MX written as an address ("all
    relevant MX records point to non-existent hosts or (invalidly) to IP addresses", at once),
    Exim and Sendmail answer a 554 greeting with a permanent failure, and Exim writes no
    reason at all for a routing loop."""
    if scenario in EXPIRES.get(writer, {}):
        party, status, code, reasons = EXPIRES[writer][scenario]
        return replace(
            expected,
            permanent=False,
            suppress=False,
            party=party,
            status=status,
            reply_code=code,
            reasons=reasons,
        )
    if writer == "postfix":
        return expected
    quoted = expected.reply_code and expected.status.startswith("5.7")
    if quoted:
        return expected
    if writer == "chasquid" and scenario in CHASQUID_NO_HOST:
        return replace(expected, status="4.0.0")
    if writer == "sendmail":
        code = SENDMAIL_REPLY.get(scenario, expected.reply_code)
        return replace(expected, status=SENDMAIL_STATUS[scenario], reply_code=code)
    return replace(expected, status="5.0.0")


def _isolate(etc: Path, writer: str) -> None:
    """The namespace: OpenSMTPD's compiled-in spool, chroot, users and libraries
    (receivers_bed._isolate) where it writes, writer_namespace for the others."""
    if writer == "opensmtpd":
        receivers_bed._isolate(etc, writer)
    else:
        receivers_bed.writer_namespace(etc, writer)


def stated_by_address(
    table: dict[str, dict[str, tuple[str, str, tuple[str, ...] | None]]],
) -> Callable[[str, str, Expected], Expected]:
    """A Glue ``as_stated`` for a bed that lists what each writer's notice states by address
    (writer -> address -> (status, reply code, reasons or None for the rule's)): a failed
    recipient's label with the writer's status and reply code, and its reasons where given."""

    def as_stated(writer: str, scenario: str, expected: Expected) -> Expected:
        stated = table.get(writer, {}).get(expected.address)
        if stated is None:
            return expected
        status, code, reasons = stated
        changed = replace(expected, status=status, reply_code=code)
        return changed if reasons is None else replace(changed, reasons=reasons)

    return as_stated


class Sent(Protocol):
    """A bed's ``sent``: the scenarios a run sends (QUICK: its quick run) to ``writer``."""

    def __call__(self, quick: bool = False, writer: str = "postfix") -> tuple[Scenario, ...]: ...


class Glue:
    """A bed module's glue on this bed's machinery, once for every bed built on it (this one,
    receivers_bed_writer2, receivers_bed_providers, receivers_bed_many): at the end of the
    module

        GLUE = writer_bed.Glue(__name__, "the second writer bed", "real-receivers-writer2",
                               BED, scenarios, sent, _as_stated)
        entry, run, write, ADAPTER = GLUE.entry, GLUE.run, GLUE.write, GLUE.adapter
        generate = ADAPTER.generate

        if __name__ == "__main__":  # inside the namespaces made by generate()
            receivers_bed.namespace_main(ADAPTER.isolate, run, write)

    ``engine``: the manifest's engine, the writer's name after it; ``as_stated(writer,
    scenario name, expected)``: a failed recipient's label as that writer's notice states it;
    ``bounce(scenario)``: whether the scenario's notice is a failure notice (a delay warning's
    is not)."""

    def __init__(
        self,
        module: str,
        what: str,
        engine: str,
        bed: Bed,
        scenarios: Callable[[], tuple[Scenario, ...]],
        sent: Sent,
        as_stated: Callable[[str, str, Expected], Expected],
        bounce: Callable[[Scenario], bool] = lambda scenario: True,
    ) -> None:
        self.engine = engine
        self.bed = bed
        self.sent = sent
        self.as_stated = as_stated
        self.bounce = bounce
        self.adapter = receivers_bed.BedAdapter(
            module, what, scenarios, self.entry, 120.0, sent=sent, own_isolate=_isolate
        )

    def entry(self, scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
        """The manifest entry of ``scenario``'s notice ``name`` as ``writer`` wrote it."""
        failed = [self.as_stated(writer, scenario.name, e) for e in scenario.failed]
        expected = [label(e, e.status, {"party": e.party}) for e in failed]
        engine = f"{self.engine}-{writer}"
        return bed_entry(engine, name, scenario.name, expected, bounce=self.bounce(scenario))

    async def run(self, writer: str = "postfix") -> Run:
        return await run(writer, self.bed)

    def write(self, out: Path, result: Any, writer: str = "postfix") -> dict[str, Any]:
        """The notices of the run ``writer`` names (receivers_bed.quick_writer): the scenarios
        sent to that writer (LEFT_OUT), each labelled for it."""
        name, quick = receivers_bed.quick_writer(writer)
        return receivers_bed.write_for_writer(
            out, list(self.sent(quick, name)), result, self.entry, name
        )


GLUE = Glue(__name__, "the writer bed", "real-receivers-writer", BED, scenarios, sent, _as_stated)
entry, write, ADAPTER = GLUE.entry, GLUE.write, GLUE.adapter
generate = ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
