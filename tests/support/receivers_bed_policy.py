"""The receivers' bed (receivers_bed.py) with REAL POLICY COMPONENTS at the destination (judge24):
a receiving Postfix 3.7 ("rx", as judge16's) that asks Debian's postfix-policyd-spf-python 3.0.4
(SPF of our envelope sender, a policy service spawned by rx's master) and OpenDMARC 1.4.2 (a
milter on 127.0.0.1, DMARC of the From: domain) and, for greylisting, postgrey 1.37 and sqlgrey
1.8 (milter-greylist is not in Debian 12's archive). A real Postfix 3.7, Exim 4.96, Sendmail
8.17 or Courier 1.0.16 (judge26) writes the notices back to the scenario's envelope sender at a
capture server on 127.0.0.1. Labels come
from how rx and the DNS records are set up, never from the notices. The same namespace as
receivers_bed.py (``unshare --net --mount``, root): the bed's DNS server on port 53 serves the
SPF and DMARC TXT records; resolv.conf and /etc/hosts are replaced only inside that namespace.

The texts, in the components' own words:
  policyd-spf (spf_engine/policyd_spf.py: ``550 5.7.23`` for an SPF result its configuration
  rejects, ``550 5.7.24`` for an error; policydspfsupp.py's ``Reason_Message`` "Message
  {rejectdefer} due to: {spf}. Please see {url}"); its configuration here rejects a Fail and a
  Softfail of MAIL FROM (``Mail_From_reject = Softfail``) and a PermError
  (``PermError_reject = True``), and skips no address (``skip_addresses`` names
  none of 127.0.0.0/8, its default's). Our sending domains: spf-fail.test "v=spf1 -all",
  spf-soft.test "v=spf1 ~all", spf-perm.test an unknown mechanism; rx asks it only for
  spf-rx.test, and a second instance configured with ``SPF_Enhanced_Status_Codes = No``
  ("550 Message rejected ...", to which rx adds access(5)'s default 5.7.1) for
  spf-plain-rx.test.
  OpenDMARC (opendmarc.c: "rejected by DMARC policy for <domain>", 550 5.7.1) with
  ``RejectFailures``, ``RequiredHeaders`` (a message with two Subject fields: mlfi_eom's bare
  SMFIS_REJECT, Postfix's milter default "550 5.7.1 Command rejected") and its own SPF check
  (``SPFSelfValidate``), ``IgnoreHosts`` naming nothing of 127.0.0.1 (its default ignores it):
  dmarc.test publishes "p=reject", our message claims From: news@dmarc.test, is sent from
  sender.test (no SPF record) with no DKIM signature: DMARC fails, rx refuses after DATA.
  Not in the bed: an SPF temperror deferred (``TempError_Defer``): with the bed's DNS
  answering SERVFAIL for our domain, policyd-spf 3.0.4 returned "None" and rx took the
  message.
  postgrey's delay (300 s) is far past the writer's 8 s queue lifetime: "450 4.2.0 ...
  Greylisted" until expiry; a second message to it asks NOTIFY=DELAY only, so the writer's
  delay warning (2 s) is the one notice, and no failure is reported after it.
  sqlgrey (its default ``reject_first_attempt = delay``: "defer_if_permit Greylisted for 5
  minutes", which rx answers with access(5)'s defer code, "450 4.7.1"), until expiry.
  pol.test knows only ``fine``: any other user is Postfix's "User unknown in local recipient
  table" (550 5.1.1); ``pol_mixed`` sends, from spf-fail.test, to an unknown user, to
  spf-rx.test (SPF refused) and to fine@pol.test (accepted).
"""

from __future__ import annotations

import asyncio
import email
import os
import pwd
import subprocess
import tempfile
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import courier, postfix, receivers_bed
from tests.support.bed import (
    bed_message,
    stderr_tail,
    stop_group,
    submit,
    wait_for_notices,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    QUEUE_LIFETIME,
    SENDER_DOMAIN,
    UNKNOWN,
    EximSender,
    Expected,
    Postgrey,
    Scenario,
    SendmailSender,
)
from tests.support.scripted_mx import ScriptedMx

POLICYD_SPF = Path("/usr/bin/policyd-spf")  # Debian: postfix-policyd-spf-python
OPENDMARC = Path("/usr/sbin/opendmarc")  # Debian: opendmarc
SQLGREY = Path("/usr/sbin/sqlgrey")  # Debian: sqlgrey (with libdbd-sqlite3-perl)
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
DELAY_WARNING = 2  # seconds in the writer's queue before a delay warning
WRITERS = ("postfix", "exim", "sendmail", "courier")

POL_DOMAIN = "pol.test"  # rx's own, only fine@ exists
SPF_DOMAIN = "spf-rx.test"  # rx asks policyd-spf for these recipients
SPF_PLAIN = "spf-plain-rx.test"  # the same, configured without enhanced status codes
GREY_DOMAIN = "grey-rx.test"  # rx asks postgrey
SQLGREY_DOMAIN = "sqlgrey-rx.test"  # rx asks sqlgrey
RX_DOMAINS = (POL_DOMAIN, SPF_DOMAIN, SPF_PLAIN, GREY_DOMAIN, SQLGREY_DOMAIN)
SPF_FAIL, SPF_SOFT, SPF_PERM = "spf-fail.test", "spf-soft.test", "spf-perm.test"
DMARC_DOMAIN = "dmarc.test"
SENDER_DOMAINS = (SENDER_DOMAIN, SPF_FAIL, SPF_SOFT, SPF_PERM)
SPF_RECORDS = {
    SPF_FAIL: "v=spf1 -all",
    SPF_SOFT: "v=spf1 ~all",
    SPF_PERM: "v=spf1 nosuchmechanism -all",  # RFC 7208 section 4.6: unknown -> permerror
}
DMARC_RECORD = "v=DMARC1; p=reject"
POLICYD_SPF_CONF = """\
debugLevel = 1
TestOnly = 1
HELO_reject = Fail
Mail_From_reject = Softfail
PermError_reject = True
TempError_Defer = False
skip_addresses = 192.0.2.1/32
"""
OPENDMARC_CONF = """\
Socket inet:{port}@127.0.0.1
UserID opendmarc
PidFile {root}/opendmarc.pid
IgnoreHosts {root}/ignore.hosts
AuthservID rx.test
RejectFailures true
RequiredHeaders true
SPFSelfValidate true
SPFIgnoreResults true
Syslog false
"""

# SPF and DMARC refusals: our domain's authentication, the sender's side, never suppressed.
AUTH = ("auth_failure", "security_error", "policy_violation", "rejected")
GREYLISTED = (EXPIRED,)

# The envelope sender's domain of the scenarios sent from other than sender.test.
SENT_FROM = {
    "spf_fail": SPF_FAIL,
    "spf_softfail": SPF_SOFT,
    "spf_permerror": SPF_PERM,
    "spf_fail_no_enhanced_code": SPF_FAIL,
    "spf_softfail_no_enhanced_code": SPF_SOFT,
    "spf_permerror_no_enhanced_code": SPF_PERM,
    "pol_mixed": SPF_FAIL,
}
FROM_DOMAIN = {"dmarc_reject": DMARC_DOMAIN}  # the From: header's domain, if not the sender's
DELAY_ONLY = frozenset({"greylisted_delay_warning"})  # sent with NOTIFY=DELAY
TWO_SUBJECTS = "dmarc_required_headers"  # its message has two Subject fields
# OpenDMARC's RequiredHeaders refuses a message that breaks RFC 5322 section 3.6's field
# counts: our message's fault, though the reply names none (the milter's bare reject)
MALFORMED = ("not_compliant_rfc", "content_error", "security_error", "policy_violation", "rejected")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENT_FROM.get(scenario, SENDER_DOMAIN)}"


def _auth(name: str, status: str, domain: str = SPF_DOMAIN) -> Scenario:
    address = f"fine@{domain}"
    return Scenario(
        name, (address,), (Expected(address, True, False, AUTH, "sender", status, "550"),)
    )


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    unknown = f"nosuchuser@{POL_DOMAIN}"
    return (
        Scenario(
            "pol_user_unknown",
            (unknown,),
            (Expected(unknown, True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        _auth("spf_fail", "5.7.23"),
        _auth("spf_softfail", "5.7.23"),
        _auth("spf_permerror", "5.7.24"),
        # SPF_Enhanced_Status_Codes = No: "550 Message rejected due to: SPF fail ...", to
        # which rx adds access(5)'s default 5.7.1 for a reject action
        _auth("spf_fail_no_enhanced_code", "5.7.1", SPF_PLAIN),
        _auth("spf_softfail_no_enhanced_code", "5.7.1", SPF_PLAIN),
        _auth("spf_permerror_no_enhanced_code", "5.7.1", SPF_PLAIN),
        Scenario(
            "dmarc_reject",
            (f"fine@{POL_DOMAIN}",),
            (Expected(f"fine@{POL_DOMAIN}", True, False, AUTH, "sender", "5.7.1", "550"),),
        ),
        # RequiredHeaders: OpenDMARC's mlfi_eom returns SMFIS_REJECT with no reply of its own,
        # which Postfix answers with its milter default, "550 5.7.1 Command rejected"
        Scenario(
            TWO_SUBJECTS,
            (f"fine@{POL_DOMAIN}",),
            (Expected(f"fine@{POL_DOMAIN}", True, False, MALFORMED, "sender", "5.7.1", "550"),),
        ),
        Scenario(
            "greylisted_to_expiry",
            (f"fine@{GREY_DOMAIN}",),
            (
                Expected(
                    f"fine@{GREY_DOMAIN}", False, False, GREYLISTED, "transient", "4.2.0", "450"
                ),
            ),
        ),
        # sqlgrey's default (reject_first_attempt = delay): "defer_if_permit Greylisted for 5
        # minutes", which rx answers with access(5)'s defer code, 450 4.7.1, until expiry
        Scenario(
            "sqlgrey_to_expiry",
            (f"fine@{SQLGREY_DOMAIN}",),
            (
                Expected(
                    f"fine@{SQLGREY_DOMAIN}", False, False, GREYLISTED, "transient", "4.7.1", "450"
                ),
            ),
        ),
        # the writer's delay warning: no failed recipient, never a bounce
        Scenario("greylisted_delay_warning", (f"later@{GREY_DOMAIN}",), ()),
        Scenario(
            "pol_mixed",
            (f"departed@{POL_DOMAIN}", f"fine@{SPF_DOMAIN}", f"fine@{POL_DOMAIN}"),
            (
                Expected(
                    f"departed@{POL_DOMAIN}", True, True, UNKNOWN, "recipient", "5.1.1", "550"
                ),
                Expected(f"fine@{SPF_DOMAIN}", True, False, AUTH, "sender", "5.7.23", "550"),
            ),
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if not POLICYD_SPF.exists():
        return f"{POLICYD_SPF} is not installed (Debian: postfix-policyd-spf-python)"
    if not OPENDMARC.exists():
        return f"{OPENDMARC} is not installed (Debian: opendmarc)"
    if not SQLGREY.exists():
        return f"{SQLGREY} is not installed (Debian: sqlgrey, libdbd-sqlite3-perl)"
    if writer == "courier":
        return courier.missing() or receivers_bed.missing()
    return receivers_bed.missing(writer)


def message(scenario: Scenario) -> EmailMessage:
    domain = SENT_FROM.get(scenario.name, SENDER_DOMAIN)
    msg = bed_message(
        domain,
        scenario.recipients,
        f"Policy bed: {scenario.name}",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        "A message whose fate the receiving site's policy components decide.\n",
    )
    if scenario.name in FROM_DOMAIN:
        del msg["From"]
        msg["From"] = f"News <news@{FROM_DOMAIN[scenario.name]}>"
    if scenario.name == TWO_SUBJECTS:  # the policy allows one Subject; a parsed message keeps two
        raw = msg.as_bytes().replace(b"Subject:", b"Subject: Second subject\r\nSubject:", 1)
        parsed = email.message_from_bytes(raw, _class=EmailMessage, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed
    return msg


@dataclass
class OpenDmarc:
    """opendmarc in the foreground on 127.0.0.1:``port`` with a configuration of its own."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="opendmarc-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.root.chmod(0o755)
        (self.root / "ignore.hosts").write_text("192.0.2.1\n")
        conf = self.root / "opendmarc.conf"
        conf.write_text(OPENDMARC_CONF.format(port=self.port, root=self.root))
        user = pwd.getpwnam("opendmarc")  # the Debian package's user
        os.chown(self.root, user.pw_uid, user.pw_gid)
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [str(OPENDMARC), "-f", "-c", str(conf), "-l"],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                start_new_session=True,
            )
        receivers_bed._wait_listening(self.port, self.process, self.log_tail)

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return stderr_tail(self.root, "opendmarc", lines)


SQLGREY_CONF = """\
conf_dir = {root}
inet = 127.0.0.1:{port}
user = sqlgrey
group = sqlgrey
pidfile = {root}/sqlgrey.pid
db_type = SQLite
db_name = {root}/db/sqlgrey.db
"""
# the whitelist and regexp files it reads from conf_dir: empty, so nothing is let through
SQLGREY_FILES = (
    "clients_ip_whitelist",
    "clients_fqdn_whitelist",
    "smtp_server.regexp",
    "dyn_fqdn.regexp",
    "discrimination.regexp",
)


@dataclass
class Sqlgrey:
    """sqlgrey on 127.0.0.1:``port``, its SQLite database and lists in a directory of its own;
    its reconnect delay (5 minutes, its default) is far past the writer's queue lifetime."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="sqlgrey-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        user = pwd.getpwnam("sqlgrey")  # the Debian package's user
        self.root.chmod(0o755)
        (self.root / "db").mkdir()
        os.chown(self.root / "db", user.pw_uid, user.pw_gid)
        for name in SQLGREY_FILES:
            (self.root / name).write_text("")
        conf = self.root / "sqlgrey.conf"
        conf.write_text(SQLGREY_CONF.format(root=self.root, port=self.port))
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [str(SQLGREY), "-f", str(conf)],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                start_new_session=True,
            )
        receivers_bed._wait_listening(self.port, self.process, self.log_tail)

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return stderr_tail(self.root, "sqlgrey", lines)


def _rx(port: int, greylist: int, milter: int, sqlgrey: int) -> postfix.Postfix:
    """The receiving Postfix: 127.0.0.1 not in its mynetworks; policyd-spf for SPF_DOMAIN,
    postgrey for GREY_DOMAIN, OpenDMARC as its milter."""
    root = Path(tempfile.mkdtemp(prefix="pf-rx-policy-", dir="/var/tmp"))
    spf_conf = root / "policyd-spf.conf"
    spf_conf.write_text(POLICYD_SPF_CONF)
    plain_conf = root / "policyd-spf-plain.conf"
    plain_conf.write_text(POLICYD_SPF_CONF + "SPF_Enhanced_Status_Codes = No\n")
    for conf in (spf_conf, plain_conf):
        conf.chmod(0o644)
    classes = {
        SPF_DOMAIN: "check_policy_service unix:private/policyd-spf",
        SPF_PLAIN: "check_policy_service unix:private/policyd-spf-plain",
        GREY_DOMAIN: f"check_policy_service inet:127.0.0.1:{greylist}",
        SQLGREY_DOMAIN: f"check_policy_service inet:127.0.0.1:{sqlgrey}",
    }
    names = {d: d.replace(".", "_").replace("-", "_") for d in classes}
    choose = ", ".join(f"{d}={names[d]}" for d in classes)
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": ", ".join(RX_DOMAINS),
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine, later=later }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": ", ".join(names.values()),
            **{names[d]: r for d, r in classes.items()},
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ " + choose + " }",
            "policyd-spf_time_limit": "3600s",
            "policyd-spf-plain_time_limit": "3600s",
            "smtpd_milters": f"inet:127.0.0.1:{milter}",
            "milter_default_action": "tempfail",
            "smtp_dns_support_level": "enabled",
        },
        services=[
            f"policyd-spf unix - n n - 0 spawn user=policyd-spf argv={POLICYD_SPF} {spf_conf}",
            "policyd-spf-plain unix - n n - 0 spawn user=policyd-spf "
            f"argv={POLICYD_SPF} {plain_conf}",
        ],
    )


def _routes(rx: int, capture: int) -> dict[str, int]:
    return {**dict.fromkeys(SENDER_DOMAINS, capture), **dict.fromkeys(RX_DOMAINS, rx)}


def _postfix_tx(port: int, routes: dict[str, int]) -> postfix.Postfix:
    warning = {"delay_warning_time": f"{DELAY_WARNING}s"}
    return receivers_bed.postfix_writer(port, routes, main=warning)


def _exim_tx(port: int, routes: dict[str, int]) -> EximSender:
    warning = {"delay_warning": f"{DELAY_WARNING}s:1h"}
    return receivers_bed.exim_writer(port, routes, settings=warning)


def _sendmail_tx(port: int, routes: dict[str, int]) -> SendmailSender:
    """Debian's Sendmail 8.17 as the writer (receivers_bed.SendmailSender): one mailer per
    receiving port, its delay warning after DELAY_WARNING (Timeout.queuewarn), a deferred
    address returned after QUEUE_LIFETIME (Timeout.queuereturn)."""
    return SendmailSender(
        port,
        {},
        queuereturn=f"{QUEUE_LIFETIME}s",
        queuewarn=f"{DELAY_WARNING}s",
        receivers=routes,
    )


def _courier_tx(routes: dict[str, int]) -> courier.CourierFront:
    """Debian's Courier 1.0.16 as the writer (tests/support/courier.py): the bed's SMTP front
    hands each message to Courier's sendmail with the scenario's NOTIFY (aiosmtpd takes no
    RCPT parameters); esmtproutes to each receiver; its delay warning after DELAY_WARNING
    (warntime), a deferred address returned after QUEUE_LIFETIME (queuetime)."""
    return courier.CourierFront(
        courier.Courier(routes, queuetime=f"{QUEUE_LIFETIME}s", warntime=f"{DELAY_WARNING}s"),
        notify=lambda sender: next(
            ("DELAY" for name in DELAY_ONLY if sender_of(name) == sender), "FAILURE"
        ),
    )


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


def _dns() -> DnsServer:
    dns = DnsServer()
    for domain, record in SPF_RECORDS.items():
        dns.add(domain, "TXT", record)
    dns.add(f"_dmarc.{DMARC_DOMAIN}", "TXT", DMARC_RECORD)
    return dns


async def run(writer: str = "postfix") -> Run:
    """The DNS server, rx with its policy components, the writer and the capture; every
    scenario sent."""
    dns = _dns()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    grey, dmarc, sqlgrey = Postgrey(free_port()), OpenDmarc(free_port()), Sqlgrey(free_port())
    rx = _rx(free_port(), grey.port, dmarc.port, sqlgrey.port)
    tx: postfix.Postfix | EximSender | SendmailSender | courier.CourierFront | None = None
    try:
        await asyncio.gather(*(asyncio.to_thread(s.start) for s in (grey, dmarc, sqlgrey)))
        await asyncio.to_thread(rx.start)
        port = free_port()
        routes = _routes(rx.smtpd_port, capture.port)
        if writer == "exim":
            tx = _exim_tx(port, routes)
            await tx.start()
        elif writer == "sendmail":
            tx = _sendmail_tx(port, routes)
            await tx.start()
        elif writer == "courier":
            tx = _courier_tx(routes)
            await tx.start(port)
        else:
            tx = _postfix_tx(port, routes)
            await asyncio.to_thread(tx.start)
        for scenario in scenarios():
            notify = ["NOTIFY=DELAY"] if scenario.name in DELAY_ONLY else None
            if writer == "courier":  # the front takes no RCPT parameters: _courier_tx's notify
                notify = []
            await submit(
                port, message(scenario), sender_of(scenario.name), scenario.recipients, notify
            )
        # Courier retries every second by itself (retryalpha): nothing to flush
        flush = None if isinstance(tx, courier.CourierFront) else tx.flush
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the policy receivers' bed broke off: {exc}"
    finally:
        tail = tx.courier.log_tail(40) if isinstance(tx, courier.CourierFront) else None
        if tx is not None and tail is None:
            tail = tx.log_tail(40)
        logs = [tail or "", f"rx: {rx.log_tail(60)}"]
        logs += [f"postgrey: {grey.log_tail()}", f"opendmarc: {dmarc.log_tail()}"]
        logs.append(f"sqlgrey: {sqlgrey.log_tail()}")
        result.log = "\n".join(logs)
        if isinstance(tx, EximSender | SendmailSender | courier.CourierFront):
            await tx.stop()
        elif tx is not None:
            await asyncio.to_thread(tx.stop)
        await asyncio.to_thread(rx.stop)
        await asyncio.gather(
            *(asyncio.to_thread(s.stop) for s in (grey, dmarc, sqlgrey)), return_exceptions=True
        )
        await capture.stop()
        await dns.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    # every refusal here carries the receiver's enhanced code, which both writers quote: the
    # status label (Exim's Status field says 5.0.0)
    bounce = scenario.name not in DELAY_ONLY
    return receivers_bed.writer_entry(
        "real-receivers-policy", writer, name, scenario.name, scenario.failed, bounce=bounce
    )


ADAPTER = receivers_bed.BedAdapter(__name__, "the policy bed", scenarios, entry, 90.0)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
