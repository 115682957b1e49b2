"""The receivers' bed (receivers_bed.py) with SCANNERS IN FRONT OF AND INSIDE the destination's
MTA (judge34): clamsmtp 1.10 (an SMTP proxy asking clamd 1.4 with the bed's own one-signature
database, as receivers_bed_filters.py's) in front of a receiving Postfix 3.7 ("rx"), scenarios
cs_*; sa-exim 4.2.1 (SpamAssassin 4.0's spamd asked from Exim's local_scan) inside a receiving
Exim 4.96 (unpacked, as tests/support/exim.py's), scenarios sa_*; and opensmtpd-filter-rspamd
0.1.7 (rspamd 3.4 asked over HTTP) as a receiving OpenSMTPD 6.8's filter (unpacked, as
tests/support/opensmtpd.py's), scenarios osr_*. The three components are unpacked from
Debian's packages (tests/support/scanners.py). A real Postfix 3.7 or Exim 4.96 writes the
notices back to the scenario's envelope sender at a capture server on 127.0.0.1. A quick run
(``generate(..., quick=True)``, the default suite's) sends only the clamsmtp scenarios that
end at once (spamd and rspamd take a while to load their rules). Labels come from the
components' configuration and the texts their sources write, never from the notices. The same
namespace as receivers_bed.py (``unshare --net --mount``, root).

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
  filter-rspamd (filter-rspamd.go, dataCommit, as the GitHub source and the Debian binary's
  strings have it): rspamd's "reject" action answered "550 <rspamd's SMTP message>" (for
  GTUBE rspamd's "Gtube pattern", src/libmime/message.c; with no message "message
  rejected"); "soft reject" "451 <message>" (a multimap prefilter of the bed's for later@,
  rspamd's "Matched map: BED_SOFT_REJECT", until expiry); a query that failed
  (rspamdTempFail: rspamd out of reach) "421 server internal error", until expiry, on a
  second listener whose filter asks a port where nothing listens. osr.test knows fine@ and
  later@ (relayed to the capture): any other user is smtpd's "550 Invalid recipient: <a>".
  ``cs_mixed``, ``sa_mixed`` and ``osr_mixed`` send to an unknown user and to fine@ (a clean
  message, delivered): one failed recipient in each notice.
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

from tests.support import exim, opensmtpd, postfix, receivers_bed, scanners
from tests.support.bed import bed_message, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.real_mta import _add_users, _opensmtpd_directories, _overlay
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
    RSPAMD,
    RSPAMD_LOCAL,
    RSPAMD_START,
    SIGNATURE,
    SPAMD,
    SPAMD_START,
    Clamd,
    Daemon,
    Rspamd,
    Spamd,
)
from tests.support.scripted_mx import ScriptedMx

SPAMC = Path("/usr/bin/spamc")  # Debian: spamc; sa-exim's SAspamcpath
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
WRITERS = ("postfix", "exim")

CS_DOMAIN = "cs.test"  # clamsmtpd in front of rx; only fine@ exists at rx
CS_DOWN_DOMAIN = "cs-down.test"  # a second clamsmtpd, whose clamd never answers
SA_DOMAIN = "sa.test"  # the receiving Exim with sa-exim; only fine@ exists
OSR_DOMAIN = "osr.test"  # the receiving OpenSMTPD with filter-rspamd; only fine@, later@
OSR_DOWN_DOMAIN = "osr-down.test"  # its second listener, whose filter's rspamd never answers
OSR_SOFT = f"later@{OSR_DOMAIN}"  # rspamd's soft reject for this recipient (a multimap)
DATE = "Sun, 06 Dec 2026 12:00:00 +0000"

VIRUS_REJECTED = "550 Virus Detected; Content Rejected"  # clamsmtpd.c, Action: bounce
LOCAL_ERROR = "451 Local Error"  # clamsmtpd.c, a scan that failed
PERM_REJECTED = "Rejected"  # sa-exim.conf/sa-exim.c: SAmsgpermrej's default
TEMP_REJECTED = "Please try again later"  # SAmsgtemprej's default
# filter-rspamd.go's dataCommit: rspamd's "reject" as "550 <its SMTP message>" (GTUBE's:
# "Gtube pattern", rspamd's src/libmime/message.c), "soft reject" as "451 <message>", and a
# query that failed (rspamdTempFail) as "421 server internal error"
GTUBE_REJECTED = "550 Gtube pattern"
RSPAMD_FAILED = "421 server internal error"
SOFT_REJECTED = "451 Matched map: BED_SOFT_REJECT"  # rspamd's multimap text, the bed's map
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
# rspamd's "soft reject" action until expiry (receivers_bed_filters's SOFT_REJECTED)
SOFT_REJECTED_REASONS = (EXPIRED, "speeding", "spam_detected", "policy_violation")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _one(name: str, expected: Expected) -> Scenario:
    return Scenario(name, (expected.address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    cs_fine, down, sa_fine = f"fine@{CS_DOMAIN}", f"fine@{CS_DOWN_DOMAIN}", f"fine@{SA_DOMAIN}"
    osr_fine, osr_down = f"fine@{OSR_DOMAIN}", f"fine@{OSR_DOWN_DOMAIN}"
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
        _one(
            "osr_no_such_user",
            Expected(f"nosuchuser@{OSR_DOMAIN}", True, True, UNKNOWN, "recipient", "5.0.0", "550"),
        ),
        _one("osr_gtube", Expected(osr_fine, True, False, SPAM, "sender", "5.0.0", "550")),
        _one(
            "osr_soft_reject_to_expiry",
            Expected(OSR_SOFT, False, False, SOFT_REJECTED_REASONS, "transient", "4.0.0", "451"),
        ),
        _one(
            "osr_rspamd_down_to_expiry",
            Expected(osr_down, False, False, TEMPFAILED, "transient", "4.0.0", "421"),
        ),
        Scenario(
            "osr_mixed",
            (f"departed@{OSR_DOMAIN}", osr_fine),
            (Expected(f"departed@{OSR_DOMAIN}", True, True, UNKNOWN, "recipient", "5.0.0", "550"),),
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


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    """The scenarios a run sends: all, or the clamsmtp ones that end at once for ``quick``."""
    return tuple(
        s
        for s in scenarios()
        if not (quick and (s.name in SLOW or s.name.startswith(("sa_", "osr_"))))
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    for path, package in ((SPAMD, "spamd"), (SPAMC, "spamc"), (RSPAMD, "rspamd")):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    try:
        pwd.getpwnam("clamav")
    except KeyError:
        return "no user clamav (Debian: clamav-daemon)"
    return (
        scanners.missing() or exim.missing() or opensmtpd.missing() or receivers_bed.missing(writer)
    )


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the receiving site's scanners decide.\n"
    if scenario.name in ("sa_gtube", "osr_gtube"):
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


# rspamd (receivers_bed_filters's local.d) with its normal worker, which filter-rspamd asks
# over HTTP, on the bed's port; the multimap's soft reject for OSR_SOFT
OSR_RSPAMD_LOCAL = {
    **RSPAMD_LOCAL,
    "multimap.conf": 'BED_SOFT_REJECT {{\n  type = "rcpt";\n'
    f'  map = ["{OSR_SOFT}"];\n'
    '  prefilter = true;\n  action = "soft reject";\n}}\n',
}


@dataclass
class NormalRspamd(Rspamd):
    """rspamd 3.4 as receivers_bed_filters's, its normal worker (rspamd's /checkv2) on
    ``port``; its proxy worker, unused here, on a port of its own."""

    def prepare(self) -> None:
        Daemon.prepare(self)
        user = pwd.getpwnam("_rspamd")  # the Debian package's user
        for sub in ("local.d", "db", "run"):
            (self.root / sub).mkdir()
        ports = {"port": free_port(), "normal": self.port, "controller": free_port()}
        ports["fuzzy"] = free_port()
        for name, text in OSR_RSPAMD_LOCAL.items():
            (self.root / "local.d" / name).write_text(text.format(**ports))
        for path in (self.root, *self.root.rglob("*")):
            os.chown(path, user.pw_uid, user.pw_gid)


@dataclass
class RspamdOpenSmtpd(opensmtpd.OpenSmtpd):
    """Debian's OpenSMTPD 6.8 (unpacked) receiving OSR_DOMAIN on ``smtpd_port`` with
    filter-rspamd (proc-exec, smtpd.conf(5) "FILTERS") asking rspamd at ``rspamd``, and
    OSR_DOWN_DOMAIN on ``down_port`` with a filter-rspamd whose rspamd (``dead``) never
    answers; only fine@ and later@ take mail (relayed to the capture), any other user is
    smtpd's "550 Invalid recipient"."""

    down_port: int = 0
    rspamd: int = 0
    dead: int = 0
    capture: int = 0

    def write_config(self) -> None:
        binary = scanners.filter_rspamd()
        lines = [
            f'filter "rspamd" proc-exec "{binary} -url http://127.0.0.1:{self.rspamd}"',
            f'filter "rspamd_down" proc-exec "{binary} -url http://127.0.0.1:{self.dead}"',
            f"listen on 127.0.0.1 port {self.smtpd_port} filter rspamd",
            f"listen on 127.0.0.1 port {self.down_port} filter rspamd_down",
            f'table valid {{ "fine@{OSR_DOMAIN}", "{OSR_SOFT}", "fine@{OSR_DOWN_DOMAIN}" }}',
            f'action "capture" relay host smtp://127.0.0.1:{self.capture}',
            f'match from any for domain "{OSR_DOMAIN}" rcpt-to <valid> action "capture"',
            f'match from any for domain "{OSR_DOWN_DOMAIN}" rcpt-to <valid> action "capture"',
        ]
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")


Run = receivers_bed.QuickRun


async def run(writer: str = "postfix") -> Run:
    """clamsmtpd in front of rx and (unless a quick run) the Exim with sa-exim, the writer and the
    capture; the scenarios sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    dns = DnsServer()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, sender_of, sent, quick=quick)
    rx = _rx(free_port())
    clamd = Clamd("clamd", free_port())
    cs = Clamsmtpd("clamsmtpd", free_port(), out=rx.smtpd_port, clamd=clamd.port)
    # nothing listens on the second clamsmtpd's clamd port: every scan fails
    down = Clamsmtpd("clamsmtpd-down", free_port(), out=rx.smtpd_port, clamd=free_port())
    spamd = SiteSpamd("spamd", free_port(), timeout=SPAMD_START)
    rspamd = NormalRspamd("rspamd", free_port(), timeout=RSPAMD_START)
    daemons: list[Daemon] = [clamd, cs, *([] if quick else [down, spamd, rspamd])]
    exim_rx = _exim_rx(free_port())
    osr = RspamdOpenSmtpd(
        free_port(),
        {},
        down_port=free_port(),
        rspamd=rspamd.port,
        dead=free_port(),
        capture=capture.port,
    )
    if not quick:
        scanners.SA_EXIM_CONF.write_text(SA_EXIM_CONF.format(spamc=SPAMC, port=spamd.port))
    tx: receivers_bed.Sender | None = None
    try:
        await asyncio.gather(
            asyncio.to_thread(rx.start), *(asyncio.to_thread(d.start) for d in daemons)
        )
        if not quick:
            await asyncio.gather(exim_rx.start(), osr.start())
        port = free_port()
        routes = {
            SENDER_DOMAIN: capture.port,
            CS_DOMAIN: cs.port,
            CS_DOWN_DOMAIN: down.port,
            SA_DOMAIN: exim_rx.smtpd_port,
            OSR_DOMAIN: osr.smtpd_port,
            OSR_DOWN_DOMAIN: osr.down_port,
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
        logs.append(f"opensmtpd rx: {osr.log_tail(40)}")
        logs += [f"{d.name}: {d.log_tail()}" for d in daemons]
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(tx)
        await exim_rx.stop()
        await osr.stop()
        await asyncio.to_thread(rx.stop)
        await asyncio.gather(*(asyncio.to_thread(d.stop) for d in daemons), return_exceptions=True)
        await capture.stop()
        await dns.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    # a bare 4xx given up on: Postfix's 4.0.0, Exim's 5.0.0
    return receivers_bed.writer_entry(
        "real-receivers-scanners", writer, name, scenario.name, scenario.failed
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
    why = _opensmtpd_directories()  # its compiled-in spool and chroot, /var by an overlay
    if why is not None:
        raise RuntimeError(why)
    # the receivers' compiled-in users first: writer_namespace then finds Exim's (one bind
    # of /etc/passwd and /etc/group, not two stacked)
    _add_users(etc, [exim.USER, *opensmtpd.USERS])
    roots = (exim.ROOT, opensmtpd.ROOT)
    receivers_bed.writer_namespace(etc, writer, also=roots)


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the scanners' bed", scenarios, entry, 150.0, sent=sent, own_isolate=isolate
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
