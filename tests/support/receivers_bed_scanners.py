"""The receivers' bed (receivers_bed.py) with SCANNERS IN FRONT OF AND INSIDE the destination's
MTA (judge34): clamsmtp 1.10 (an SMTP proxy asking clamd 1.4 with the bed's own one-signature
database, as receivers_bed_filters.py's) in front of a receiving Postfix 3.7 ("rx"), scenarios
cs_*; and sa-exim 4.2.1 (SpamAssassin 4.0's spamd asked from Exim's local_scan) inside a
receiving Exim 4.96 (unpacked, as tests/support/exim.py's), scenarios sa_*. Both components
are unpacked from Debian's packages (tests/support/scanners.py). A real Postfix 3.7 or Exim
4.96 writes the notices back to the scenario's envelope sender at a capture server on
127.0.0.1. A quick run (``generate(..., quick=True)``, the default suite's) sends only the
clamsmtp scenarios that end at once (spamd takes a minute to compile its rules). Labels come
from the components' configuration and the texts their sources write, never from the notices.
The same namespace as receivers_bed.py (``unshare --net --mount``, root).

The texts, from the components' sources and manuals:
  clamsmtp (clamsmtpd.conf(5), "Action": ``bounce`` "Bounce the email"; clamsmtpd.c answers
  a message clamd reports infected with "550 Virus Detected; Content Rejected", and a scan
  that fails, clamd out of reach, with "451 Local Error"): a message whose attachment carries
  the bed's signature to fine@cs.test; every message to fine@cs-down.test, a second clamsmtpd
  whose clamd never answers, until the writer's queue lifetime ends. clamsmtpd passes every
  other command through to rx: rx's own "User unknown in local recipient table" (550 5.1.1)
  for an unknown user of cs.test.
  sa-exim (its sa-exim.conf and sa-exim.c: a score at or over SApermreject is refused with
  SAmsgpermrej, by default "Rejected"; at or over SAtempreject with SAmsgtemprej, by default
  "Please try again later"; Exim's local_scan(3) interface answers LOCAL_SCAN_REJECT with 550
  and LOCAL_SCAN_TEMPREJECT with 451): GTUBE (1000 points) to fine@sa.test, over SApermreject
  100; a message carrying the bed's marker (a SpamAssassin rule of the bed's, 10 points), over
  SAtempreject 6, until expiry. sa.test knows only ``fine``: any other user is Exim's
  "Unrouteable address" (550).
  ``cs_mixed`` and ``sa_mixed`` send to an unknown user and to fine@ (a clean message,
  delivered): one failed recipient in each notice.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix, receivers_bed, scanners
from tests.support.bed import bed_entry, bed_message, label, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.real_mta import _add_users, _overlay
from tests.support.receivers_bed import (
    EXPIRED,
    SENDER_DOMAIN,
    UNKNOWN,
    UNROUTEABLE,
    Expected,
    Scenario,
)
from tests.support.receivers_bed_filters import (
    GTUBE,
    SIGNATURE,
    SPAMD,
    SPAMD_START,
    Clamd,
    Daemon,
    Spamd,
)
from tests.support.receivers_bed_greylist import stated_status
from tests.support.scripted_mx import ScriptedMx

SPAMC = Path("/usr/bin/spamc")  # Debian: spamc; sa-exim's SAspamcpath
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
WRITERS = ("postfix", "exim")

CS_DOMAIN = "cs.test"  # clamsmtpd in front of rx; only fine@ exists at rx
CS_DOWN_DOMAIN = "cs-down.test"  # a second clamsmtpd, whose clamd never answers
SA_DOMAIN = "sa.test"  # the receiving Exim with sa-exim; only fine@ exists
DATE = "Sun, 06 Dec 2026 12:00:00 +0000"

VIRUS_REJECTED = "550 Virus Detected; Content Rejected"  # clamsmtpd.c, Action: bounce
LOCAL_ERROR = "451 Local Error"  # clamsmtpd.c, a scan that failed
PERM_REJECTED = "Rejected"  # sa-exim.conf/sa-exim.c: SAmsgpermrej's default
TEMP_REJECTED = "Please try again later"  # SAmsgtemprej's default
MARKER = "BOUNCE-RELAY-BED-SPAMASSASSIN-MARKER"  # the bed's SpamAssassin rule, 10 points
MARKER_RULE = f"body BED_MARKER /{MARKER}/\nscore BED_MARKER 10.0\n"
SA_EXIM_CONF = """\
SAEximRunCond: 1
SAEximRejCond: 1
SAspamcpath: {spamc}
SAspamcHost: 127.0.0.1
SAspamcPort: {port}
SAmaxbody: 256000
SAtimeout: 120
SAtemprejectonerror: 0
SApermreject: 100.0
SAtempreject: 6.0
SAerrorSavCond: 0
SAtimeoutSavCond: 0
SApermrejectSavCond: 0
SAtemprejectSavCond: 0
SAspamacceptSavCond: 0
SAnotspamSavCond: 0
SAdevnullSavCond: 0
SAteergrubeSavCond: 0
"""

# A content filter's refusal: our message, never suppressed.
VIRUS = ("virus_detected", "filtered", "content_error", "policy_violation", "security_error")
SPAM = ("spam_detected", "filtered", "content_error", "policy_violation", "rejected")
# a scanner's temporary refusal on every attempt until the queue lifetime ends
TEMPFAILED = (EXPIRED,)


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _one(name: str, expected: Expected) -> Scenario:
    return Scenario(name, (expected.address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    cs_fine, down, sa_fine = f"fine@{CS_DOMAIN}", f"fine@{CS_DOWN_DOMAIN}", f"fine@{SA_DOMAIN}"
    return (
        _one(
            "cs_no_such_user",
            Expected(f"nosuchuser@{CS_DOMAIN}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        _one("cs_virus", Expected(cs_fine, True, False, VIRUS, "sender", "5.0.0", "550")),
        _one(
            "cs_scan_failed_to_expiry",
            Expected(down, False, False, TEMPFAILED, "transient", "4.0.0", "451"),
        ),
        Scenario(
            "cs_mixed",
            (f"departed@{CS_DOMAIN}", cs_fine),
            (Expected(f"departed@{CS_DOMAIN}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        _one(
            "sa_no_such_user",
            Expected(
                f"nosuchuser@{SA_DOMAIN}", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"
            ),
        ),
        _one("sa_gtube", Expected(sa_fine, True, False, SPAM, "sender", "5.0.0", "550")),
        _one(
            "sa_tempreject_to_expiry",
            Expected(sa_fine, False, False, TEMPFAILED, "transient", "4.0.0", "451"),
        ),
        Scenario(
            "sa_mixed",
            (f"departed@{SA_DOMAIN}", sa_fine),
            (
                Expected(
                    f"departed@{SA_DOMAIN}", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"
                ),
            ),
        ),
    )


# The scenarios left out of a quick run: the ones waiting for the queue lifetime, and sa-exim's
SLOW = frozenset({"cs_scan_failed_to_expiry"})
QUICK = "+quick"  # a writer's name with this: the quick run


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    """The scenarios a run sends: all, or the clamsmtp ones that end at once for ``quick``."""
    return tuple(
        s for s in scenarios() if not (quick and (s.name in SLOW or s.name.startswith("sa_")))
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    for path, package in ((SPAMD, "spamd"), (SPAMC, "spamc")):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    try:
        pwd.getpwnam("clamav")
    except KeyError:
        return "no user clamav (Debian: clamav-daemon)"
    return scanners.missing() or exim.missing() or receivers_bed.missing(writer)


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the receiving site's scanners decide.\n"
    if scenario.name == "sa_gtube":
        body += f"\n{GTUBE}\n"
    elif scenario.name == "sa_tempreject_to_expiry":
        body += f"\n{MARKER}\n"
    msg = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Scanners bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )
    if scenario.name == "cs_virus":
        msg.add_attachment(f"A report.\n{SIGNATURE}\n", filename="report.txt")
    return msg


CLAMSMTPD_CONF = """\
OutAddress: 127.0.0.1:{out}
Listen: 127.0.0.1:{port}
ClamAddress: 127.0.0.1:{clamd}
TempDirectory: {root}
PidFile: {root}/clamsmtpd.pid
User: clamav
Action: bounce
"""


@dataclass
class Clamsmtpd(Daemon):
    """clamsmtpd in the foreground (-d), as clamav (clamd reads its files), passing messages
    on to ``out`` and asking clamd at ``clamd``; a virus bounced (Action: bounce)."""

    out: int = 0
    clamd: int = 0

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam("clamav")
        os.chown(self.root, user.pw_uid, user.pw_gid)
        conf = CLAMSMTPD_CONF.format(out=self.out, port=self.port, clamd=self.clamd, root=self.root)
        (self.root / "clamsmtpd.conf").write_text(conf)

    def argv(self) -> list[str]:
        return [str(scanners.binary()), "-d", "2", "-f", str(self.root / "clamsmtpd.conf")]


@dataclass
class SiteSpamd(Spamd):
    """spamd (receivers_bed_filters's) with a site configuration of its own: Debian's
    /etc/spamassassin and the bed's one rule (MARKER_RULE)."""

    def prepare(self) -> None:
        super().prepare()
        site = self.root / "site"
        shutil.copytree("/etc/spamassassin", site)
        (site / "bed.cf").write_text(MARKER_RULE)
        for path in (site, *site.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)

    def argv(self) -> list[str]:
        return [*super().argv(), f"--siteconfigpath={self.root / 'site'}"]


EXIM_RX_ACL = """\
begin acl
acl_check_rcpt:
  require verify = recipient
  accept

"""


@dataclass
class SaEximReceiver(exim.Exim):
    """Debian's Exim 4 (unpacked) receiving SA_DOMAIN, only ``fine`` a user (the rest is
    "Unrouteable address" at RCPT), every message scanned by sa-exim (local_scan_path)."""

    def _text(self) -> str:
        text = super()._text()
        return text.replace("begin routers", EXIM_RX_ACL + "begin routers", 1)


def _exim_rx(port: int) -> SaEximReceiver:
    return SaEximReceiver(
        port,
        {},
        settings={
            "primary_hostname": "sa-rx.test",
            "qualify_domain": "sa-rx.test",
            "domainlist local_domains": SA_DOMAIN,
            "acl_smtp_rcpt": "acl_check_rcpt",
            "local_scan_path": str(scanners.sa_exim()),
        },
        routers=(
            "fine:",
            "  driver = accept",
            "  domains = +local_domains",
            "  local_parts = fine",
            "  transport = nowhere",
            "elsewhere:",
            "  driver = redirect",
            "  domains = ! +local_domains",
            "  data = :fail: not here",
            "  no_more",
        ),
        transports=(
            "nowhere:",
            "  driver = appendfile",
            "  file = /dev/null",
            f"  user = {exim.USER}",
        ),
    )


def _rx(port: int) -> postfix.Postfix:
    """The receiving Postfix behind clamsmtpd: only fine@ of CS_DOMAIN and CS_DOWN_DOMAIN."""
    root = Path(tempfile.mkdtemp(prefix="pf-rx-scanners-", dir="/var/tmp"))
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": f"{CS_DOMAIN}, {CS_DOWN_DOMAIN}",
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
        },
    )


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None
    quick: bool = False

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in sent(self.quick))


async def run(writer: str = "postfix") -> Run:
    """clamsmtpd in front of rx and (unless QUICK) the Exim with sa-exim, the writer and the
    capture; the scenarios sent."""
    writer, quick = writer.removesuffix(QUICK), writer.endswith(QUICK)
    dns = DnsServer()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, quick=quick)
    rx = _rx(free_port())
    clamd = Clamd("clamd", free_port())
    cs = Clamsmtpd("clamsmtpd", free_port(), out=rx.smtpd_port, clamd=clamd.port)
    # nothing listens on the second clamsmtpd's clamd port: every scan fails
    down = Clamsmtpd("clamsmtpd-down", free_port(), out=rx.smtpd_port, clamd=free_port())
    spamd = SiteSpamd("spamd", free_port(), timeout=SPAMD_START)
    daemons: list[Daemon] = [clamd, cs, *([] if quick else [down, spamd])]
    exim_rx = _exim_rx(free_port())
    if not quick:
        scanners.SA_EXIM_CONF.write_text(SA_EXIM_CONF.format(spamc=SPAMC, port=spamd.port))
    tx: receivers_bed.Sender | None = None
    try:
        await asyncio.gather(
            asyncio.to_thread(rx.start), *(asyncio.to_thread(d.start) for d in daemons)
        )
        if not quick:
            await exim_rx.start()
        port = free_port()
        routes = {
            SENDER_DOMAIN: capture.port,
            CS_DOMAIN: cs.port,
            CS_DOWN_DOMAIN: down.port,
            SA_DOMAIN: exim_rx.smtpd_port,
        }
        tx = receivers_bed.writer_mta(writer, port, routes)
        await receivers_bed.start_writer(tx)
        for scenario in sent(quick):
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the scanners' receivers' bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"rx: {rx.log_tail(60)}"]
        logs.append(f"exim rx: {exim_rx.log_tail(40)}")
        logs += [f"{d.name}: {d.log_tail()}" for d in daemons]
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(tx)
        await exim_rx.stop()
        await asyncio.to_thread(rx.stop)
        await asyncio.gather(*(asyncio.to_thread(d.stop) for d in daemons), return_exceptions=True)
        await capture.stop()
        await dns.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    # a bare 4xx given up on: Postfix's 4.0.0, Exim's 5.0.0 (receivers_bed_greylist's)
    expected = [label(e, stated_status(writer, e), {"party": e.party}) for e in scenario.failed]
    return bed_entry(f"real-receivers-scanners-{writer}", name, scenario.name, expected)


def write(out: Path, result: Run, writer: str = "postfix") -> dict[str, Any]:
    chosen = list(sent(writer.endswith(QUICK)))
    return receivers_bed.write_for_writer(out, chosen, result, entry, writer.removesuffix(QUICK))


def generate(
    out: Path, timeout: float = 150.0, writer: str = "postfix", quick: bool = False
) -> dict[str, Any]:
    """Run the bed in its own namespaces with ``writer`` as the writer (only the quick
    clamsmtp scenarios if ``quick``); the manifest."""
    return receivers_bed.generate_in_namespaces(
        __name__, out, timeout, writer + (QUICK if quick else ""), "the scanners' bed"
    )


def isolate(etc: Path, writer: str) -> None:
    """A private /run (a tmpfs) and an overlay on /etc whose upper layer lives there
    (real_mta._overlay, as the dma bed's /etc/dma): sa-exim reads its compiled-in
    /etc/exim4/sa-exim.conf, which the machine does not have; then
    receivers_bed.writer_namespace with the unpacked Exim's libraries and user."""
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    why = _overlay("/etc", "etc")
    if why is not None:
        raise RuntimeError(f"{why} (for sa-exim's configuration)")
    scanners.SA_EXIM_CONF.parent.mkdir(exist_ok=True)
    receivers_bed.writer_namespace(etc, writer.removesuffix(QUICK), also=(exim.ROOT,))
    _add_users(etc, [exim.USER])


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(isolate, run, write)
