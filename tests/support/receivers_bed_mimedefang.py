"""The receivers' bed (receivers_bed.py) with MIMEDEFANG at the destination (judge32): a
receiving Postfix 3.7 ("rx") with Debian's MIMEDefang 3.3 as its milter (``mimedefang`` with
relay, sender and recipient checks, -r -s -t, asking the bed's own mimedefang-multiplexor on a
socket in its own spool, which runs mimedefang.pl with the bed's filter, FILTER below),
scenarios md_*; and a receiving Sendmail 8.17 (receivers_bed_sm_courier's SendmailReceiver with
INPUT_MAIL_FILTER) asking the same MIMEDefang, scenarios sm_* (no relay scenario). A real
Postfix 3.7 or Exim 4.96 writes the notices back to the scenario's envelope sender at a capture
server on 127.0.0.1. A quick run (``generate(..., quick=True)``, the default suite's) leaves
out the Sendmail receiver and the scenarios that wait for the queue lifetime. Labels come
from the filter's action and the text it sends (as mimedefang-filter(5) documents them), never
from the notices. The same namespace as receivers_bed.py (``unshare --net --mount``, root).

The texts, from mimedefang-filter(5) and MIMEDefang's sources (Mail/MIMEDefang/Actions.pm,
mimedefang.pl's send_filter_answer):
  action_bounce($reply, $code, $dsn) ("ACTIONS": "Reject the entire e-mail message with an SMTP
  failure code"); with no text, "Forbidden for policy reasons", 554 5.7.1 (Actions.pm): the
  filter's answer to an attachment whose name ends in .exe (the default filter's
  filter_bad_filename list); a text of ours for a .scr ("An attachment named invoice.scr was
  refused: it constitutes a security hazard", 554 5.7.1); the default filter's own
  "MIME type message/partial not accepted here" for a message/partial part; and "Message
  too large for this site's filter (limit N bytes)", 552 5.3.4, for a message over N bytes.
  action_tempfail($msg, $code, $dsn): with no text, "Try again later", 451 4.3.0
  (Actions.pm), for any message to later@md.test, until the writer's queue lifetime ends.
  filter_sender / filter_recipient ("FILTERING BY SENDER", "FILTERING BY RECIPIENT"):
  ('REJECT', $msg) with no codes is 554 5.7.1 (send_filter_answer): a sender refused by the
  site's list, "Sorry; mail from <a> is not accepted here"; a recipient refused by policy,
  "Mail to this recipient is refused by the site's policy"; and a recipient the filter knows
  to be gone, ('REJECT', "No such user here", 550, "5.1.1") - the one refusal that is the
  recipient's, as it says so.
  filter_relay ("CONTROLLING RELAYING"): ('REJECT', ...) for connections to rx's second smtpd
  (the filter sees its port, Postfix's {daemon_port}); as the manual says, the text cannot
  reach the client: Postfix answers with its own for a milter's connect-time reject.
  md.test accepts any user (the filter decides); fine@md.test is delivered (discard(8)).
  ``md_mixed`` sends to a gone user, to the policy-refused recipient and to fine@ (accepted).
action_discard returns nothing to anyone (a notice never comes), so no scenario uses it.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix, receivers_bed, sendmail
from tests.support.bed import bed_message, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    SENDER_DOMAIN,
    SIZE_LIMIT,
    TOO_BIG,
    UNKNOWN,
    EximSender,
    Expected,
    Scenario,
)
from tests.support.receivers_bed_filters import Daemon, wait_for_path
from tests.support.receivers_bed_sm_courier import CAPTURE_DOMAIN, SendmailReceiver
from tests.support.scripted_mx import ScriptedMx

MIMEDEFANG = Path("/usr/bin/mimedefang")  # Debian: mimedefang
MULTIPLEXOR = Path("/usr/bin/mimedefang-multiplexor")
WORKER = Path("/usr/bin/mimedefang.pl")
USER = "defang"  # the Debian package's user; neither program runs as root
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
WRITERS = ("postfix", "exim")

MD_DOMAIN = "md.test"  # rx's own; MIMEDefang decides for every message
RELAY_DOMAIN = (
    "md-relay.test"  # routed to rx's second smtpd, whose connections filter_relay refuses
)
FILTER_LIMIT = 30000  # the filter's own size limit, in bytes of the whole message
SM_DOMAIN = "md-sm.test"  # the Sendmail receiver's, with the same MIMEDefang as its milter
DATE = "Sun, 06 Dec 2026 12:00:00 +0000"

DEFAULT_BOUNCE = "Forbidden for policy reasons"  # Actions.pm, action_bounce with no text
DEFAULT_TEMPFAIL = "Try again later"  # Actions.pm, action_tempfail with no text
PARTIAL = "MIME type message/partial not accepted here"  # the default filter's filter()
HAZARD = "An attachment named invoice.scr was refused: it constitutes a security hazard"
TOO_LARGE = f"Message too large for this site's filter (limit {FILTER_LIMIT} bytes)"
# the manual's own example for filter_sender ("FILTERING BY SENDER"), for our sender
SENDER_REFUSED = f"Sorry; <bounces+md_sender_refused@{SENDER_DOMAIN}> is blacklisted."
RCPT_REFUSED = "Mail to this recipient is refused by the site's policy"
NO_SUCH_USER = "No such user here"
RELAY_REFUSED = "Connections to this service are refused"

# The bed's filter (mimedefang-filter(5)); {relay_port}: rx's second smtpd
FILTER = r"""
$AdminAddress = 'postmaster@localhost';
$AdminName = "The bed's MIMEDefang";
$DaemonAddress = 'mimedefang@localhost';
$AddWarningsInline = 0;

sub filter_relay {
    my ($ip, $name, $port, $myip, $myport, $qid) = @_;
    return ('REJECT', "RELAY_REFUSED") if (defined($myport) and $myport eq "{relay_port}");
    return ('CONTINUE', "ok");
}

sub filter_sender {
    my ($sender, $ip, $name, $helo) = @_;
    return ('REJECT', "Sorry; $sender is blacklisted.") if ($sender =~ /_sender_refused\@/i);
    return ('CONTINUE', "ok");
}

sub filter_recipient {
    my ($recip, $sender, $ip, $name, $first, $helo) = @_;
    return ('REJECT', "NO_SUCH_USER", 550, "5.1.1") if ($recip =~ /^<?(gone|departed)\@/i);
    return ('REJECT', "RCPT_REFUSED") if ($recip =~ /^<?barred\@/i);
    return ('CONTINUE', "ok");
}

sub filter_begin {
    my ($entity) = @_;
    if (grep { /^<?later\@/i } @Recipients) {
        return action_tempfail();
    }
    if (-s "./INPUTMSG" > FILTER_LIMIT) {
        return action_bounce("TOO_LARGE", 552, "5.3.4");
    }
}

sub filter {
    my ($entity, $fname, $ext, $type) = @_;
    return if message_rejected();
    if (lc($type) eq "message/partial") {
        return action_bounce("MIME type message/partial not accepted here");
    }
    return action_bounce() if ($fname =~ /\.exe$/i);
    return action_bounce("An attachment named $fname was refused: it constitutes a security hazard")
        if ($fname =~ /\.scr$/i);
    return action_accept();
}

sub filter_multipart {
    my ($entity, $fname, $ext, $type) = @_;
    return if message_rejected();
    if (lc($type) eq "message/partial") {
        return action_bounce("MIME type message/partial not accepted here");
    }
    return action_accept();
}

sub filter_end {
    my ($entity) = @_;
}

1;
"""

# Content and sending policy: our message or our sending, never suppressed.
# action_bounce on a part (an attachment's name, a MIME type): the message's content refused;
# with its default text, "Forbidden for policy reasons", in the words of a policy
ATTACHMENT = ("content_error", "filtered", "policy_violation")
ATTACHMENT_BY_POLICY = ("policy_violation", "content_error", "filtered")
# filter_recipient's REJECT with a policy text: this site's policy refused the sending
POLICY = ("policy_violation", "rejected", "blocked")
# filter_sender's REJECT, the sender on the site's list
SENDER_POLICY = ("blocked", "rejected", "policy_violation")
# filter_relay's REJECT: Postfix answers the connection with a 554 greeting of its own, which
# a sending Postfix skips as a soft error (smtp_skip_5xx_greeting) and retries until the queue
# lifetime ends: expired, the sending host refused by the site (the sender's side)
RELAY_POLICY = (EXPIRED, "blocked", "policy_violation")
# action_tempfail until the queue lifetime ends
TEMPFAILED = (EXPIRED,)


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _one(name: str, address: str, expected: Expected, size: int = 0) -> Scenario:
    return Scenario(name, (address,), (expected,), size)


def _sender_side(name: str, address: str, reasons: tuple[str, ...], size: int = 0) -> Scenario:
    """A permanent refusal of our message or our sending (554 5.7.1 unless the filter said)."""
    return _one(name, address, Expected(address, True, False, reasons, "sender", "5.7.1", "554"))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels: to rx (Postfix) and to sm_rx (Sendmail)."""
    relay = Scenario(
        "md_relay_refused",
        (f"fine@{RELAY_DOMAIN}",),
        (Expected(f"fine@{RELAY_DOMAIN}", False, False, RELAY_POLICY, "sender", "4.0.0", "554"),),
    )
    return (*_behind("md", MD_DOMAIN), relay, *_behind("sm", SM_DOMAIN))


def _behind(prefix: str, domain: str) -> tuple[Scenario, ...]:
    """The scenarios of one receiving MTA with MIMEDefang: names ``prefix_...``, to ``domain``."""
    fine, gone, barred, later = (f"{u}@{domain}" for u in ("fine", "gone", "barred", "later"))
    return (
        _one(
            f"{prefix}_no_such_user",
            gone,
            Expected(gone, True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        _sender_side(f"{prefix}_bounce_default_text", fine, ATTACHMENT_BY_POLICY),
        _sender_side(f"{prefix}_bounce_custom_text", fine, ATTACHMENT),
        _sender_side(f"{prefix}_message_partial", fine, ATTACHMENT),
        _one(
            f"{prefix}_too_large_for_filter",
            fine,
            Expected(fine, True, False, TOO_BIG, "sender", "5.3.4", "552"),
            size=2 * FILTER_LIMIT,
        ),
        _one(
            f"{prefix}_tempfail_to_expiry",
            later,
            Expected(later, False, False, TEMPFAILED, "transient", "4.3.0", "451"),
        ),
        _sender_side(f"{prefix}_sender_refused", fine, SENDER_POLICY),
        _sender_side(f"{prefix}_recipient_refused_by_policy", barred, POLICY),
        Scenario(
            f"{prefix}_mixed",
            (f"departed@{domain}", barred, fine),
            (
                Expected(f"departed@{domain}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
                Expected(barred, True, False, POLICY, "sender", "5.7.1", "554"),
            ),
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    for path in (MIMEDEFANG, MULTIPLEXOR, WORKER):
        if not path.exists():
            return f"{path} is not installed (Debian: mimedefang)"
    try:
        pwd.getpwnam(USER)
    except KeyError:
        return f"no user {USER} (Debian's mimedefang package adds it)"
    return sendmail.missing() or receivers_bed.missing(writer)


@dataclass
class MilterSendmail(SendmailReceiver):
    """Debian's Sendmail 8.17 (receivers_bed_sm_courier's receiver) receiving SM_DOMAIN, any
    user to the capture (a catch-all virtusertable line), with MIMEDefang as its one milter
    (INPUT_MAIL_FILTER, cf/README "ADDING NEW MAIL FILTERS") at ``milter``; its own size
    limit above the filter's."""

    milter: int = 0

    def _mc(self) -> str:
        milter = (
            f"INPUT_MAIL_FILTER(`mimedefang', `S=inet:{self.milter}@127.0.0.1, F=T, "
            "T=S:1m;R:1m;E:5m')dnl"
        )
        mc = super()._mc().replace("MAILER(`local')dnl", f"{milter}\nMAILER(`local')dnl", 1)
        # the filter's size limit, not Sendmail's (receivers_bed's SIZE_LIMIT), refuses
        size = f"define(`confMAX_MESSAGE_SIZE', `{SIZE_LIMIT}')dnl"
        return mc.replace(size, f"define(`confMAX_MESSAGE_SIZE', `{100 * FILTER_LIMIT}')dnl")


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the receiving site's MIMEDefang decides.\n"
    if scenario.size:
        body += ("0123456789 " * 7 + "\n") * (scenario.size // 78 + 1)
    msg = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"MIMEDefang bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )
    if scenario.name.endswith("_bounce_default_text"):
        msg.add_attachment(
            b"MZ not really a program", "application", "octet-stream", filename="setup.exe"
        )
    elif scenario.name.endswith("_bounce_custom_text"):
        msg.add_attachment(
            b"MZ not really a screensaver", "application", "octet-stream", filename="invoice.scr"
        )
    elif scenario.name.endswith("_message_partial"):
        part = EmailMessage()
        part.set_content("The first part of a message sent in pieces.\n")
        part.replace_header("Content-Type", 'message/partial; id="bed-1@sender.test"; number=1')
        msg.make_mixed()
        msg.attach(part)
    return msg


def _filter_text(relay_port: int) -> str:
    text = FILTER.replace("{relay_port}", str(relay_port))
    for name in ("RELAY_REFUSED", "NO_SUCH_USER", "RCPT_REFUSED", "TOO_LARGE"):
        text = text.replace(f'"{name}"', f'"{globals()[name]}"')
    return text.replace("FILTER_LIMIT", str(FILTER_LIMIT))


@dataclass
class Multiplexor(Daemon):
    """mimedefang-multiplexor in the foreground (-D) as defang, its spool and socket in its own
    directory, running mimedefang.pl with the bed's filter (-F); ``port``: rx's second smtpd,
    which the filter's filter_relay refuses."""

    def socket(self) -> Path:
        return self.root / "mx.sock"

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam(USER)
        (self.root / "filter").write_text(_filter_text(self.port))
        os.chown(self.root, user.pw_uid, user.pw_gid)

    def argv(self) -> list[str]:
        spool = str(self.root)
        return [
            str(MULTIPLEXOR),
            "-D",
            "-U",
            USER,
            "-z",
            spool,
            "-s",
            str(self.socket()),
            "-F",
            str(self.root / "filter"),
            "-m",
            "4",
            "-x",
            "12",
            "-q",
            "20",
            "-p",
            str(self.root / "mx.pid"),
        ]

    def wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        wait_for_path(self.socket(), process, self.log_tail, self.timeout)


@dataclass
class Milter(Daemon):
    """mimedefang (the milter) on 127.0.0.1:``port`` with relay, sender and recipient checks,
    asking the multiplexor at ``mx``, its working files in ``spool``."""

    mx: Path = Path()
    spool: Path = Path()

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam(USER)
        os.chown(self.root, user.pw_uid, user.pw_gid)

    def argv(self) -> list[str]:
        return [
            str(MIMEDEFANG),
            "-D",
            "-U",
            USER,
            "-r",
            "-s",
            "-t",
            "-X",
            "-p",
            f"inet:{self.port}@127.0.0.1",
            "-m",
            str(self.mx),
            "-z",
            str(self.spool),
            "-P",
            str(self.root / "md.pid"),
            "-o",
            str(self.root / "md.lock"),
        ]


def _rx(port: int, relay: int, milter: int) -> postfix.Postfix:
    """The receiving Postfix: MIMEDefang for every message on ``port`` and on ``relay``, a
    second smtpd whose connections the filter refuses; any user of MD_DOMAIN accepted."""
    root = Path(tempfile.mkdtemp(prefix="pf-rx-mimedefang-", dir="/var/tmp"))
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": f"{MD_DOMAIN}, {RELAY_DOMAIN}",
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_milters": f"inet:127.0.0.1:{milter}",
            # mimedefang reads the daemon's port for filter_relay ({daemon_port})
            "milter_connect_macros": "j {daemon_name} {daemon_addr} {daemon_port} v _",
            "milter_default_action": "tempfail",
            "milter_content_timeout": "60s",
        },
        services=[f"127.0.0.1:{relay} inet n - n - - smtpd"],
    )


def _routes(rx: int, relay: int, sm_rx: int, capture: int) -> dict[str, int]:
    return {SENDER_DOMAIN: capture, MD_DOMAIN: rx, RELAY_DOMAIN: relay, SM_DOMAIN: sm_rx}


def _sm_rx(milter: int, capture: int) -> MilterSendmail:
    return MilterSendmail(
        free_port(),
        {},
        capture=capture,
        locals=(SM_DOMAIN,),
        virtusers={f"@{SM_DOMAIN}": f"fine@{CAPTURE_DOMAIN}"},
        milter=milter,
    )


Run = receivers_bed.QuickRun


# The scenarios that wait for the writer's queue lifetime (a tempfail, and Postfix's retries
# of a 554 greeting): a quick run (the default suite's) leaves them, and the receiving
# Sendmail's (sm_*), to the stored sets
SLOW = frozenset({"md_tempfail_to_expiry", "md_relay_refused", "sm_tempfail_to_expiry"})


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    """The scenarios a run sends: all, or without SLOW ones for a ``quick`` run."""
    return tuple(
        s for s in scenarios() if not (quick and (s.name in SLOW or s.name.startswith("sm_")))
    )


async def run(writer: str = "postfix") -> Run:
    """rx with MIMEDefang, the writer and the capture; every scenario sent (without SLOW
    ones where ``writer`` names a quick run: receivers_bed.QUICK)."""
    writer, quick = receivers_bed.quick_writer(writer)
    dns = DnsServer()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, sender_of, sent, quick=quick)
    relay = free_port()
    mx = Multiplexor("mimedefang-multiplexor", relay)
    milter = Milter("mimedefang", free_port(), mx=mx.socket(), spool=mx.root)
    daemons: list[Daemon] = [mx, milter]
    rx = _rx(free_port(), relay, milter.port)
    sm_rx = _sm_rx(milter.port, capture.port)
    tx: postfix.Postfix | EximSender | None = None
    try:
        await asyncio.to_thread(mx.start)
        await asyncio.to_thread(milter.start)
        await asyncio.gather(asyncio.to_thread(rx.start), *([] if quick else [sm_rx.start()]))
        port = free_port()
        routes = _routes(rx.smtpd_port, relay, sm_rx.smtpd_port, capture.port)
        if writer == "exim":
            tx = receivers_bed.exim_writer(port, routes)
            await tx.start()
        else:
            tx = receivers_bed.postfix_writer(port, routes)
            await asyncio.to_thread(tx.start)
        for scenario in sent(quick):
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the MIMEDefang receivers' bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"rx: {rx.log_tail(60)}"]
        logs.append(f"sm_rx: {sm_rx.log_tail(60)}")
        logs += [f"{d.name}: {d.log_tail()}" for d in daemons]
        result.log = "\n".join(logs)
        if isinstance(tx, EximSender):
            await tx.stop()
        elif tx is not None:
            await asyncio.to_thread(tx.stop)
        # at once: mimedefang takes a few seconds to end on SIGTERM
        await asyncio.gather(
            asyncio.to_thread(rx.stop),
            sm_rx.stop(),
            *(asyncio.to_thread(d.stop) for d in daemons),
            return_exceptions=True,
        )
        await capture.stop()
        await dns.stop()
    return result


# Exim takes the 554 greeting as final at once ("SMTP error from remote mail server after
# initial connection"): permanent, the sending host refused; no enhanced code, its DSN's 5.0.0
EXIM_RELAY_REFUSED = Expected(
    f"fine@{RELAY_DOMAIN}", True, False, RELAY_POLICY[1:], "sender", "5.0.0", "554"
)


def failed(scenario: Scenario, writer: str) -> tuple[Expected, ...]:
    """What ``writer``'s notice for ``scenario`` must list."""
    if writer == "exim" and scenario.name == "md_relay_refused":
        return (EXIM_RELAY_REFUSED,)
    return scenario.failed


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry(
        "real-receivers-mimedefang", writer, name, scenario.name, failed(scenario, writer)
    )


def isolate(etc: Path, writer: str) -> None:
    """receivers_bed.writer_namespace, then this host's name on 127.0.1.1 (Debian's own
    convention) in the namespace's /etc/hosts: mimedefang refuses to start unless it can
    find an address of its own host's name; 127.0.0.1 still has no name."""
    receivers_bed.writer_namespace(etc, writer, also=(sendmail.ROOT,))
    with open(etc / "hosts", "a", encoding="ascii") as hosts:
        hosts.write(f"127.0.1.1 {socket.gethostname()}\n")


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the MIMEDefang bed", scenarios, entry, 120.0, sent=sent, own_isolate=isolate
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
