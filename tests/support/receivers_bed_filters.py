"""The receivers' bed (receivers_bed.py) with REAL MILTERS AND A POLICY DAEMON at the destination
(judge25): a receiving Postfix 3.7 ("rx", as judge24's) with Debian's spamass-milter 0.4 (asking
SpamAssassin 4.0's spamd), clamav-milter 1.4 (asking clamd 1.4 with the bed's own one-signature
database, no freshclam) as its milters, and postfwd 1.35 as a policy service. A real Postfix 3.7
or Exim 4.96 writes the notices back to the scenario's envelope sender at a capture server on
127.0.0.1. Labels come from how rx and its components are set up, never from the notices. The
same namespace as receivers_bed.py (``unshare --net --mount``, root): every daemon listens on
the namespace's own loopback, so no port of the machine's is taken.

The texts, in the components' own words:
  spamass-milter (spamass-milter.cpp: ``-r -1`` rejects what spamd tags as spam with
  smfi_setreply "550" "5.7.1" "Blocked by SpamAssassin"; its ignore list, 127.0.0.1 by default,
  names another address): a message carrying GTUBE (SpamAssassin's GTUBE rule, 1000 points) to
  fine@flt.test.
  clamav-milter (clamav-milter/clamfi.c: ``OnInfected Reject``; with no ``RejectMsg``, its
  default, it returns SMFIS_REJECT with no reply of its own, and Postfix answers with its milter
  default, "550 5.7.1 Command rejected"; "Infected (%v)" is only its X-Virus-Status header): a
  message whose attachment carries the bed's signature (ClamAV's .ndb format, as
  amavis_bed.py's), which clamd reports as Bed.Test.Signature.UNOFFICIAL.
  postfwd (its manual, "ACTIONS": any Postfix access(5) action; ``rate(key/max/time/action)``):
  ``REJECT`` with a text of ours for refused@fwd.test (Postfix adds access(5)'s 554 5.7.1), and
  a rate limit of 1 message per hour for limited@fwd.test, used up by one message sent straight
  to rx first, answering "450 4.7.1 ..." until the writer's queue lifetime ends.
  rspamd 3.4 (a second smtpd of rx with rspamd's proxy worker, ``milter = yes``, as its one
  milter; Debian's configuration with the bed's local.d; no Redis): GTUBE, "554 5.7.1 Gtube
  pattern" (src/libmime/message.c), and a multimap prefilter's "soft reject" action for
  later@rspamd.test, "451 4.7.1 Matched map: BED_SOFT_REJECT", until expiry.
  flt.test knows only ``fine``: any other user is Postfix's "User unknown in local recipient
  table" (550 5.1.1); ``flt_mixed`` sends to an unknown user, to refused@fwd.test and to
  fine@flt.test (accepted).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix, receivers_bed
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
    SENDER_DOMAIN,
    UNKNOWN,
    Expected,
    Scenario,
)
from tests.support.scripted_mx import ScriptedMx

SPAMD = Path("/usr/sbin/spamd")  # Debian: spamd (SpamAssassin 4.0)
SPAMASS_MILTER = Path("/usr/sbin/spamass-milter")  # Debian: spamass-milter
CLAMD = Path("/usr/sbin/clamd")  # Debian: clamav-daemon
CLAMAV_MILTER = Path("/usr/sbin/clamav-milter")  # Debian: clamav-milter
POSTFWD = Path("/usr/sbin/postfwd1")  # Debian: postfwd
RSPAMD = Path("/usr/bin/rspamd")  # Debian: rspamd
RSPAMD_CONF = Path("/etc/rspamd/rspamd.conf")
RSPAMD_START = 90.0  # rspamd loads its Lua rules and maps first
DEADLINE = 60.0
START_TIMEOUT = 15.0
SPAMD_START = 60.0  # spamd compiles SpamAssassin's rules first
NUDGE = 15.0
GRACE = 1.5
WRITERS = ("postfix", "exim")

FLT_DOMAIN = "flt.test"  # rx's own, only fine@ exists; both milters see every message
FWD_DOMAIN = "fwd.test"  # rx asks postfwd for these recipients
RSPAMD_DOMAIN = "rspamd.test"  # rx's second smtpd, with rspamd as its one milter
RX_DOMAINS = (FLT_DOMAIN, FWD_DOMAIN, RSPAMD_DOMAIN)
SOFT_RCPT = f"later@{RSPAMD_DOMAIN}"  # rspamd's soft reject for this recipient
LIMITED = f"limited@{FWD_DOMAIN}"
DATE = "Sun, 06 Dec 2026 12:00:00 +0000"

# SpamAssassin's GTUBE (its rules' 20_body_tests.cf), a score of 1000
GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X"
SIGNATURE_NAME = "Bed.Test.Signature"
SIGNATURE = "BOUNCE-RELAY-BED-MILTER-TEST-SIGNATURE"
POSTFWD_REJECT = "Delivery refused by the site's local policy (rule fwd-refused)"
POSTFWD_RATE = "Too many messages to this recipient, try again later"
POSTFWD_RULES = f"""\
id=fwd-refused; recipient==refused@{FWD_DOMAIN}; action=REJECT {POSTFWD_REJECT}
id=fwd-rate; recipient==limited@{FWD_DOMAIN}; \
action=rate(recipient/1/3600/450 4.7.1 {POSTFWD_RATE})
"""

# Content filters' and policy refusals: our message or our sending, never suppressed.
SPAM = ("spam_detected", "filtered", "content_error", "policy_violation")
VIRUS = ("virus_detected", "filtered", "content_error", "policy_violation", "security_error")
POLICY = ("policy_violation", "rejected", "blocked")
RATE_LIMITED = (EXPIRED, "speeding", "too_many_conn")
# rspamd's "soft reject" action until expiry: a temporary refusal retried to the end
SOFT_REJECTED = (EXPIRED, "speeding", "spam_detected", "policy_violation")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _one(name: str, address: str, expected: Expected) -> Scenario:
    return Scenario(name, (address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    unknown, fine = f"nosuchuser@{FLT_DOMAIN}", f"fine@{FLT_DOMAIN}"
    refused, limited = f"refused@{FWD_DOMAIN}", LIMITED
    return (
        _one(
            "flt_user_unknown",
            unknown,
            Expected(unknown, True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        _one("spamass_gtube", fine, Expected(fine, True, False, SPAM, "sender", "5.7.1", "550")),
        _one("clamav_infected", fine, Expected(fine, True, False, VIRUS, "sender", "5.7.1", "550")),
        _one(
            "postfwd_reject",
            refused,
            Expected(refused, True, False, POLICY, "sender", "5.7.1", "554"),
        ),
        _one(
            "postfwd_rate_to_expiry",
            limited,
            Expected(limited, False, False, RATE_LIMITED, "transient", "4.7.1", "450"),
        ),
        _one(
            "rspamd_gtube",
            f"fine@{RSPAMD_DOMAIN}",
            Expected(f"fine@{RSPAMD_DOMAIN}", True, False, SPAM, "sender", "5.7.1", "554"),
        ),
        _one(
            "rspamd_soft_reject_to_expiry",
            SOFT_RCPT,
            Expected(SOFT_RCPT, False, False, SOFT_REJECTED, "transient", "4.7.1", "451"),
        ),
        Scenario(
            "flt_mixed",
            (f"departed@{FLT_DOMAIN}", refused, fine),
            (
                Expected(
                    f"departed@{FLT_DOMAIN}", True, True, UNKNOWN, "recipient", "5.1.1", "550"
                ),
                Expected(refused, True, False, POLICY, "sender", "5.7.1", "554"),
            ),
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    for path, package in (
        (SPAMD, "spamd"),
        (SPAMASS_MILTER, "spamass-milter"),
        (CLAMD, "clamav-daemon"),
        (CLAMAV_MILTER, "clamav-milter"),
        (POSTFWD, "postfwd"),
        (RSPAMD, "rspamd"),
    ):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return receivers_bed.missing(writer)


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the receiving site's filters decide.\n"
    if scenario.name in ("spamass_gtube", "rspamd_gtube"):
        body += f"\n{GTUBE}\n"
    msg = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Filter bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )
    if scenario.name == "clamav_infected":
        msg.add_attachment(f"A report.\n{SIGNATURE}\n", filename="report.txt")
    return msg


def _wait_listening(
    port: int, log: Any, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Until something listens on ``port``; RuntimeError if ``process`` exits or it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"exited {process.returncode}: {log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"does not listen on {port}: {log()}")


def wait_for_path(path: Path, process: subprocess.Popen[bytes], log: Any, timeout: float) -> None:
    """Until ``path`` (a component's socket) exists; RuntimeError if ``process`` exits first or
    it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited {process.returncode}: {log()}")
        if path.exists():
            return
        time.sleep(0.1)
    raise RuntimeError(f"no socket {path}: {log()}")


@dataclass
class Daemon:
    """One component in the foreground, in a directory of its own, listening on 127.0.0.1."""

    name: str
    port: int
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(dir="/var/tmp")))
    process: subprocess.Popen[bytes] | None = None
    timeout: float = START_TIMEOUT

    def argv(self) -> list[str]:
        raise NotImplementedError

    def prepare(self) -> None:
        self.root.chmod(0o755)

    def start(self) -> None:
        self.prepare()
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                self.argv(),
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                start_new_session=True,
                cwd=self.root,
            )
        self.wait_ready(self.process)

    def wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        """Until the component serves; RuntimeError if ``process`` exits first."""
        _wait_listening(self.port, self.log_tail, self.timeout, process)

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return stderr_tail(self.root, self.name, lines)


@dataclass
class Spamd(Daemon):
    """spamd with SpamAssassin's rules as Debian ships them, local tests only (-L)."""

    def argv(self) -> list[str]:
        return [
            str(SPAMD),
            "-L",
            "-x",
            f"--listen=127.0.0.1:{self.port}",
            "--max-children=4",
            "--username=nobody",
            f"--helper-home-dir={self.root}",
            f"--pidfile={self.root / 'spamd.pid'}",
            "--syslog=stderr",
        ]


@dataclass
class SpamassMilter(Daemon):
    """spamass-milter rejecting what spamd tags as spam (-r -1), spamc pointed at ``spamd``."""

    spamd: int = 0

    def argv(self) -> list[str]:
        milter = f"inet:{self.port}@127.0.0.1"
        # spamd's children are busy with the messages before: spamc tries again, and never
        # passes a message on unscanned (-x: an error is a failure, the milter's tempfail)
        spamc = ["-d", "127.0.0.1", "-p", str(self.spamd), "--connect-retries=10", "-x"]
        # -i: its ignore list, 127.0.0.1 unless given; here an address that never connects
        return [str(SPAMASS_MILTER), "-p", milter, "-r", "-1", "-i", "192.0.2.1", "--", *spamc]


CLAMD_CONF = """\
Foreground yes
TCPSocket {port}
TCPAddr 127.0.0.1
DatabaseDirectory {root}/db
TemporaryDirectory {root}
PidFile {root}/clamd.pid
User clamav
Bytecode no
LogSyslog no
"""
CLAMAV_MILTER_CONF = """\
MilterSocket inet:{port}@127.0.0.1
ClamdSocket tcp:127.0.0.1:{clamd}
Foreground yes
OnInfected Reject
OnFail Defer
PidFile {root}/clamav-milter.pid
User clamav
LogSyslog no
"""


@dataclass
class Clamd(Daemon):
    """clamd with one database, the bed's: one signature (ClamAV's .ndb format)."""

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam("clamav")  # the Debian package's user
        (self.root / "db").mkdir()
        (self.root / "db" / "bed.ndb").write_text(
            f"{SIGNATURE_NAME}:0:*:{SIGNATURE.encode().hex()}\n"
        )
        for path in (self.root, self.root / "db", self.root / "db" / "bed.ndb"):
            os.chown(path, user.pw_uid, user.pw_gid)
        (self.root / "clamd.conf").write_text(CLAMD_CONF.format(port=self.port, root=self.root))

    def argv(self) -> list[str]:
        return [str(CLAMD), f"--config-file={self.root / 'clamd.conf'}"]


@dataclass
class ClamavMilter(Daemon):
    """clamav-milter asking ``clamd``, rejecting an infected message (OnInfected Reject)."""

    clamd: int = 0

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam("clamav")
        os.chown(self.root, user.pw_uid, user.pw_gid)
        conf = CLAMAV_MILTER_CONF.format(port=self.port, clamd=self.clamd, root=self.root)
        (self.root / "clamav-milter.conf").write_text(conf)

    def argv(self) -> list[str]:
        return [str(CLAMAV_MILTER), f"--config-file={self.root / 'clamav-milter.conf'}"]


@dataclass
class Postfwd(Daemon):
    """postfwd (its single-process variant) with the bed's two rules, no DNS. It has no
    foreground mode as a server (``--daemon`` is Net::Server's setsid): started as a daemon,
    stopped by the process id it writes."""

    def prepare(self) -> None:
        super().prepare()
        (self.root / "rules.cf").write_text(POSTFWD_RULES)

    def argv(self) -> list[str]:
        return [
            str(POSTFWD),
            f"--file={self.root / 'rules.cf'}",
            "--interface=127.0.0.1",
            f"--port={self.port}",
            "--nodns",
            "--daemon",
            "--stdoutlog",
            "--user=nobody",
            "--group=nogroup",
            f"--pidfile={self.root / 'postfwd.pid'}",
        ]

    def start(self) -> None:
        self.prepare()
        with open(self.root / "stderr.log", "ab") as errors:
            done = subprocess.run(
                self.argv(), stdin=subprocess.DEVNULL, stdout=errors, stderr=errors, check=False
            )
        if done.returncode != 0:
            raise RuntimeError(f"postfwd exited {done.returncode}: {self.log_tail()}")
        _wait_listening(self.port, self.log_tail, self.timeout)

    def stop(self) -> None:
        pidfile = self.root / "postfwd.pid"
        if pidfile.exists():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pidfile.read_text().split()[0]), signal.SIGTERM)
        shutil.rmtree(self.root, ignore_errors=True)


RSPAMD_LOCAL = {
    # the proxy worker as a milter, scanning in itself (rspamd's proxy worker documentation)
    "worker-proxy.inc": 'bind_socket = "127.0.0.1:{port}";\nmilter = yes;\ntimeout = 120s;\n'
    'upstream "local" {{ default = yes; self_scan = yes; hosts = "127.0.0.1"; }}\ncount = 1;\n',
    # Debian's defaults name "localhost", which the namespace's /etc/hosts does not know
    "worker-fuzzy.inc": 'bind_socket = "127.0.0.1:{fuzzy}";\nallow_update = ["127.0.0.1"];\n'
    "count = -1;\n",
    "worker-normal.inc": 'bind_socket = "127.0.0.1:{normal}";\ncount = 1;\n',
    "worker-controller.inc": 'bind_socket = "127.0.0.1:{controller}";\ncount = 1;\n',
    # the bed's DNS server (no records: every network check finds nothing); GTUBE on, as
    # its options' enable_test_patterns; no hyperscan cache to compile
    "options.inc": 'dns {{ nameserver = ["127.0.0.1:53"]; timeout = 1s; retransmits = 1; }}\n'
    "enable_test_patterns = true;\ndisable_hyperscan = true;\n",
    "logging.inc": 'type = "console";\nlevel = "notice";\n',
    # a multimap prefilter forcing rspamd's "soft reject" action for one recipient (not the
    # sender: rspamd reads bounces+tag@ as bounces@, its TAGGED_FROM)
    "multimap.conf": 'BED_SOFT_REJECT {{\n  type = "rcpt";\n'
    f'  map = ["{SOFT_RCPT}"];\n'
    '  prefilter = true;\n  action = "soft reject";\n}}\n',
}


@dataclass
class Rspamd(Daemon):
    """rspamd 3.4 with Debian's configuration and the bed's local.d (LOCAL_CONFDIR): its proxy
    worker a milter on ``port``; no Redis (greylisting, Bayes and the like stay off)."""

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam("_rspamd")  # the Debian package's user
        local = self.root / "local.d"
        for sub in ("local.d", "db", "run"):
            (self.root / sub).mkdir()
        ports = {"port": self.port, "normal": free_port(), "controller": free_port()}
        ports["fuzzy"] = free_port()
        for name, text in RSPAMD_LOCAL.items():
            (local / name).write_text(text.format(**ports))
        for path in (self.root, *self.root.rglob("*")):
            os.chown(path, user.pw_uid, user.pw_gid)

    def argv(self) -> list[str]:
        root = self.root  # LOCAL_CONFDIR holds local.d/, as /etc/rspamd does
        command = [str(RSPAMD), "-f", "-u", "_rspamd", "-g", "_rspamd", "-c", str(RSPAMD_CONF)]
        return [
            *command,
            f"--var=LOCAL_CONFDIR={root}",
            f"--var=DBDIR={root / 'db'}",
            f"--var=RUNDIR={root / 'run'}",
            f"--var=LOGDIR={root}",
        ]


def _rx(
    port: int, postfwd: int, milters: tuple[int, ...], second: int, rspamd: int
) -> postfix.Postfix:
    """The receiving Postfix: 127.0.0.1 not in its mynetworks; postfwd for FWD_DOMAIN, both
    milters for every message on ``port``; rspamd alone on a second smtpd at ``second``."""
    root = Path(tempfile.mkdtemp(prefix="pf-rx-filters-", dir="/var/tmp"))
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": ", ".join(RX_DOMAINS),
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ "
            + ", ".join(f"{u}={u}" for u in ("fine", "refused", "limited", "later"))
            + " }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": "fwd_test",
            "fwd_test": f"check_policy_service inet:127.0.0.1:{postfwd}",
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ "
            f"{FWD_DOMAIN}=fwd_test }}",
            "smtpd_milters": ", ".join(f"inet:127.0.0.1:{p}" for p in milters),
            "milter_default_action": "tempfail",
            "milter_content_timeout": "60s",
        },
        services=[
            f"127.0.0.1:{second} inet n - n - - smtpd -o smtpd_milters=inet:127.0.0.1:{rspamd}"
        ],
    )


def _routes(rx: int, second: int, capture: int) -> dict[str, int]:
    return {SENDER_DOMAIN: capture, FLT_DOMAIN: rx, FWD_DOMAIN: rx, RSPAMD_DOMAIN: second}


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


async def _use_up_the_rate(rx: int) -> None:
    """One message to limited@fwd.test straight to rx, before the writer's: postfwd's rate
    counter for that recipient holds its one message an hour, so every later attempt is over."""
    msg = bed_message(SENDER_DOMAIN, (LIMITED,), "Filter bed: rate", "rate", DATE, "First.\n")
    await aiosmtplib.send(
        msg, hostname="127.0.0.1", port=rx, sender=f"first@{SENDER_DOMAIN}", recipients=[LIMITED]
    )


async def run(writer: str = "postfix") -> Run:
    """rx with its milters and postfwd, the writer and the capture; every scenario sent."""
    # the bed's DNS server, with no records: an answer (NXDOMAIN) where spamd asks the
    # client's name; with no server at all its getnameinfo fails and spamd drops the request
    dns = DnsServer()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    spamd = Spamd("spamd", free_port(), timeout=SPAMD_START)
    clamd = Clamd("clamd", free_port())
    spamass = SpamassMilter("spamass-milter", free_port(), spamd=spamd.port)
    clamav = ClamavMilter("clamav-milter", free_port(), clamd=clamd.port)
    fwd = Postfwd("postfwd", free_port())
    rspamd = Rspamd("rspamd", free_port(), timeout=RSPAMD_START)
    daemons: list[Daemon] = [spamd, clamd, spamass, clamav, fwd, rspamd]
    second = free_port()
    rx = _rx(free_port(), fwd.port, (spamass.port, clamav.port), second, rspamd.port)
    tx: receivers_bed.Sender | None = None
    try:
        await asyncio.gather(*(asyncio.to_thread(d.start) for d in (spamd, clamd, fwd, rspamd)))
        await asyncio.gather(*(asyncio.to_thread(d.start) for d in (spamass, clamav)))
        await asyncio.to_thread(rx.start)
        await _use_up_the_rate(rx.smtpd_port)
        port = free_port()
        routes = _routes(rx.smtpd_port, second, capture.port)
        tx = receivers_bed.writer_mta(writer, port, routes)
        await receivers_bed.start_writer(tx)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the filters' receivers' bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"rx: {rx.log_tail(60)}"]
        logs += [f"{d.name}: {d.log_tail()}" for d in daemons]
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(tx)
        await asyncio.to_thread(rx.stop)
        await asyncio.gather(*(asyncio.to_thread(d.stop) for d in daemons), return_exceptions=True)
        await capture.stop()
        await dns.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    # every refusal here carries the receiver's enhanced code, which both writers quote
    return receivers_bed.writer_entry(
        "real-receivers-filters", writer, name, scenario.name, scenario.failed
    )


ADAPTER = receivers_bed.BedAdapter(__name__, "the filters' bed", scenarios, entry, 120.0)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
