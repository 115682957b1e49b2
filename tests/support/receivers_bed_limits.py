"""The receivers' bed (receivers_bed.py) with the destination's LIMITS (judge41): refusals that
say nothing about the address being dead. A receiving Postfix 3.7 ("rx") asking Dovecot 2.3's
quota-status policy service at RCPT (check_policy_service): one Dovecot with its defaults
(quota_status_overquota, "554 5.2.2 Quota exceeded (mailbox for user is full)" in 2.3.19,
quota_status_nouser "REJECT Unknown user"), one with a custom temporary text for a full mailbox
("452 4.2.2 ...", until the writer's queue lifetime ends); Debian's policyd-rate-limit 1.0 (a
third policy service: one message a minute per envelope sender, its package's fail_action
"defer_if_permit Rate limit reach, retry later", until expiry); three more smtpd services of
rx: smtpd_client_message_rate_limit = 1 and smtpd_client_recipient_rate_limit = 1 (anvil(8):
"450 4.7.1 Error: too much mail from ..." / "too many recipients from ..."), and a
queue_minfree no file system has ("452 4.3.1 Insufficient system storage"), each until expiry;
Postfix's own unknown user and a mixed message as contrast. A receiving Exim 4.96 (unpacked,
tests/support/exim.py) with a ``ratelimit`` ACL (a rate per sending host, denied; the
specification's system-wide rate, deferred until expiry) and recipients_max = 1 with
recipients_max_reject (the surplus RCPT refused, then the DATA of the whole message: a message
with two recipients, the writer's own). A real Postfix 3.7 or Exim 4.96 writes the notices back
to the scenario's envelope sender at a capture server on 127.0.0.1.

Labels come from what each limit is documented to mean (postconf(5), anvil(8), Dovecot's
quota-status documentation, the Exim specification's "Rate limiting" and recipients_max),
never from the notices: a full mailbox is the recipient's and soft (never suppressed, whatever
the reply's class); an unknown user (Postfix's table, or the userdb behind quota-status) is
dead; a rate limit of the sending host or client, a recipient limit are the sender's; a full
spool and a system-wide rate ("Sorry, too busy") are the receiving system's, transient; none is
the recipient's, none suppressed.

A quick run (``generate(..., quick=True)``, the default suite's) starts only rx and the default
Dovecot and sends QUICK_SCENARIOS, none of which waits for the queue lifetime.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, lmtp, postfix, receivers_bed
from tests.support.bed import bed_message, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    SENDER_DOMAIN,
    UNKNOWN,
    UNROUTEABLE,
    Expected,
    Scenario,
)
from tests.support.scripted_mx import ScriptedMx

DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
QUICK_GRACE = 0.3
WRITERS = ("postfix", "exim")
DATE = "Mon, 07 Dec 2026 03:00:00 +0000"
QUOTA_DOVECOT = Path("/usr/lib/dovecot/quota-status")  # dovecot-core
POLICYD_RATE_LIMIT = Path("/usr/bin/policyd-rate-limit")  # policyd-rate-limit

# rx's domains
QUOTA = "quota.test"  # check_policy_service: the default quota-status
QUOTA_SOFT = "quota-soft.test"  # check_policy_service: the one with a 4xx text
LOCAL = "local.test"  # no policy: Postfix's own local_recipient_maps
MSG_RATE = "msg-rate.test"  # rx's smtpd with smtpd_client_message_rate_limit = 1
RCPT_RATE = "rcpt-rate.test"  # rx's smtpd with smtpd_client_recipient_rate_limit = 1
SPOOL = "spool.test"  # rx's smtpd with a queue_minfree no file system has
PRL = "prl.test"  # check_policy_service: policyd-rate-limit, one message a minute per sender
RX_DOMAINS = (QUOTA, QUOTA_SOFT, LOCAL, PRL)
# the Exim receiver's
EX_LOCAL = "ex-local.test"
EX_RATE = "ex-rate.test"  # deny ratelimit
EX_RATE_DEFER = "ex-rate-defer.test"  # defer ratelimit
EX_DOMAINS = (EX_LOCAL, EX_RATE, EX_RATE_DEFER)
USERS = ("fine", "fine2", "full")
QUOTA_BYTES = 4096  # full's quota
SEED = 4090  # bytes of one message already in full's mailbox (quota_grace adds 10 %)
SOFT_OVERQUOTA = "452 4.2.2 Mailbox is full, try again later"  # the second Dovecot's text
# The Exim specification's "Rate limiting" examples' messages: a rate per sending host, and a
# system-wide rate (keyed on $primary_hostname)
RATE_MESSAGE = "Sender rate exceeds $sender_rate_limit messages per $sender_rate_period"
RATE_DEFER_MESSAGE = "Sorry, too busy. Try again later."

FULL = ("mailbox_full",)
RATE_LIMITED = (EXPIRED, "speeding", "too_many_conn")
# RFC 3463 X.5.3 "Too many recipients" (status_codes.toml: exceed_limit, the sender's)
TOO_MANY = ("exceed_limit", "speeding", "policy_violation", "rejected")
SPEEDING = ("speeding", "too_many_conn", "policy_violation", "rejected")
BUSY = (EXPIRED, "system_error", "speeding", "too_many_conn")
STORAGE = (EXPIRED, "system_full", "system_error")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _one(name: str, expected: Expected) -> Scenario:
    return Scenario(name, (expected.address,), (expected,))


def _transient(name: str, address: str, reasons: tuple[str, ...], status: str) -> Scenario:
    """A 4xx until the writer's queue lifetime ends that says nothing about the address."""
    code = status[0] + status[2] + "0" if status[2] != "0" else "450"
    return _one(name, Expected(address, False, False, reasons, "transient", status, code))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    return (
        _one(
            "pf_user_unknown",
            Expected(f"nosuchuser@{LOCAL}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        # quota-status's default quota_status_overquota: Postfix "554 5.2.2 <a>: Recipient
        # address rejected: Quota exceeded (mailbox for user is full)": the recipient's, soft
        _one(
            "pf_quota_overquota",
            Expected(f"full@{QUOTA}", False, False, FULL, "recipient", "5.2.2", "554"),
        ),
        # quota-status's default quota_status_nouser, "REJECT Unknown user": Postfix's
        # access(5) REJECT, "554 5.7.1 <a>: Recipient address rejected: Unknown user"
        _one(
            "pf_quota_nouser",
            Expected(f"nosuchuser@{QUOTA}", True, True, UNKNOWN, "recipient", "5.7.1", "554"),
        ),
        # the second Dovecot's 4xx text until expiry
        _one(
            "pf_quota_soft_to_expiry",
            Expected(
                f"full@{QUOTA_SOFT}", False, False, (*FULL, EXPIRED), "recipient", "4.2.2", "452"
            ),
        ),
        # anvil(8): the second copy (or the second recipient) of one client within the time
        # unit; retried until expiry
        _one(
            "pf_message_rate_to_expiry",
            Expected(f"fine@{MSG_RATE}", False, False, RATE_LIMITED, "sender", "4.7.1", "450"),
        ),
        _one(
            "pf_recipient_rate_to_expiry",
            Expected(f"fine@{RCPT_RATE}", False, False, RATE_LIMITED, "sender", "4.7.1", "450"),
        ),
        # policyd-rate-limit 1.0 with limit_by_sender and one message a minute: the second
        # copy's RCPT meets its Debian default fail_action ("defer_if_permit Rate limit reach,
        # retry later") until expiry
        _one(
            "prl_rate_to_expiry",
            Expected(f"fine@{PRL}", False, False, RATE_LIMITED, "sender", "4.7.1", "450"),
        ),
        # smtpd's free-space check at MAIL FROM: the destination's spool, transient
        _one(
            "pf_insufficient_storage_to_expiry",
            Expected(f"fine@{SPOOL}", False, False, STORAGE, "transient", "4.3.1", "452"),
        ),
        Scenario(
            "pf_mixed",
            (f"departed@{LOCAL}", f"full@{QUOTA}", f"fine@{LOCAL}"),
            (
                Expected(f"departed@{LOCAL}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
                Expected(f"full@{QUOTA}", False, False, FULL, "recipient", "5.2.2", "554"),
            ),
        ),
        _one(
            "ex_user_unknown",
            Expected(
                f"nosuchuser@{EX_LOCAL}", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"
            ),
        ),
        # a rate per sending host, refused: ours
        _one(
            "ex_ratelimit",
            Expected(f"fine@{EX_RATE}", True, False, SPEEDING, "sender", "5.0.0", "550"),
        ),
        # the spec's system-wide rate until expiry: the receiving system is busy, transient
        _one(
            "ex_ratelimit_defer_to_expiry",
            Expected(f"fine@{EX_RATE_DEFER}", False, False, BUSY, "transient", "4.0.0", "451"),
        ),
        # recipients_max = 1, recipients_max_reject: "552 too many recipients" for the second
        # RCPT, then the whole message refused at DATA ("554 Too many recipients"): both good
        # addresses, the sender's; which one meets which reply is the writer's order
        Scenario(
            "ex_recipients_max",
            (f"fine@{EX_LOCAL}", f"fine2@{EX_LOCAL}"),
            tuple(
                Expected(a, True, False, TOO_MANY, "sender", "5.0.0", "")
                for a in (f"fine@{EX_LOCAL}", f"fine2@{EX_LOCAL}")
            ),
        ),
    )


# the default suite's run: rx and the default Dovecot alone, nothing waiting for expiry
QUICK_SCENARIOS = ("pf_quota_overquota", "pf_quota_nouser", "pf_user_unknown")
# sent as two copies: whichever comes second meets the limit (one notice, one recipient)
TWICE = ("pf_message_rate_to_expiry", "pf_recipient_rate_to_expiry", "prl_rate_to_expiry")


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    return tuple(s for s in scenarios() if not quick or s.name in QUICK_SCENARIOS)


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if not QUOTA_DOVECOT.exists():
        return "Dovecot's quota-status is not installed (Debian: dovecot-core)"
    if not POLICYD_RATE_LIMIT.exists():
        return f"{POLICYD_RATE_LIMIT} is not installed (Debian: policyd-rate-limit)"
    return exim.missing() or receivers_bed.missing(writer)


def message(scenario: Scenario) -> Any:
    body = "A message whose fate the receiving site's limits decide.\n"
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Limits bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )


DOVECOT_CONFIG = (
    """\
instance_name = bed-quota-{name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols =
listen = 127.0.0.1
ssl = no
"""
    + lmtp.USERS_CONFIG
    + """\
plugin {{
  quota = maildir:User quota
{overquota}}}
service quota-status {{
  executable = quota-status -p postfix
  inet_listener {{
    address = 127.0.0.1
    port = {port}
  }}
  client_limit = 1
}}
service auth {{
  unix_listener auth-userdb {{
    mode = 0666
  }}
}}
"""
)


@dataclass
class QuotaStatus:
    """One Dovecot 2.3 running only its quota-status policy service on 127.0.0.1:``port``;
    ``overquota``: its quota_status_overquota, or Dovecot's default."""

    port: int
    overquota: str = ""
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="dovecot-quota-", dir="/var/tmp"))
    )
    process: Any = None

    def start(self) -> None:
        mail = pwd.getpwnam("mail")
        self.root.chmod(0o755)
        maildir = self.root / "home" / "full" / "Maildir"
        for sub in ("cur", "new", "tmp"):
            (maildir / sub).mkdir(parents=True)
        # one message already delivered fills most of full's quota
        (maildir / "cur" / "1.seed.bed:2,").write_bytes(b"Subject: filler\n\n" + b"x" * SEED)
        for path in (self.root / "home", *(self.root / "home").rglob("*")):
            os.chown(path, mail.pw_uid, mail.pw_gid)
        rule = f"userdb_quota_rule=*:storage={QUOTA_BYTES}b"
        users = self.root / "users"
        users.write_text(
            "".join(f"{u}::::::: {rule if u == 'full' else ''}\n" for u in USERS),
            encoding="utf-8",
        )
        users.chmod(0o644)
        text = f'  quota_status_overquota = "{self.overquota}"\n' if self.overquota else ""
        conf = self.root / "dovecot.conf"
        conf.write_text(
            DOVECOT_CONFIG.format(
                root=self.root,
                name=self.root.name,
                uid=mail.pw_uid,
                gid=mail.pw_gid,
                port=self.port,
                overquota=text,
            ),
            encoding="utf-8",
        )
        conf.chmod(0o644)
        self.process = lmtp.spawn(conf, self.root)
        lmtp.wait_listening(self.process, self.port, self.log_tail)

    def stop(self) -> None:
        lmtp.stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        return lmtp.log_tail(self.root, ("stderr.log", "dovecot.log"), lines)


# Debian's /etc/policyd-rate-limit.yaml with the bed's socket, files and limit
PRL_CONFIG = """\
debug: False
user: "root"
group: "root"
pidfile: "{root}/policyd-rate-limit.pid"
sqlite_config:
    database: "{root}/db.sqlite3"
backend: 0
SOCKET: ["127.0.0.1", {port}]
limits:
    - [1, 60]
limits_by_id: {{}}
limit_by_sasl: True
limit_by_sender: True
limit_by_ip: False
limited_networks: []
success_action: "dunno"
fail_action: "defer_if_permit Rate limit reach, retry later"
db_error_action: "dunno"
report: False
delay_to_close: 300
"""


@dataclass
class PolicydRateLimit:
    """Debian's policyd-rate-limit 1.0 on 127.0.0.1:``port``: one message a minute per
    envelope sender, its package's fail_action."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="prl-", dir="/var/tmp"))
    )
    process: Any = None

    def start(self) -> None:
        conf = self.root / "policyd-rate-limit.yaml"
        conf.write_text(PRL_CONFIG.format(root=self.root, port=self.port), encoding="utf-8")
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [str(POLICYD_RATE_LIMIT), "--file", str(conf)],
                stdout=errors,
                stderr=errors,
                start_new_session=True,
            )
        lmtp.wait_listening(self.process, self.port, self.log_tail)

    def stop(self) -> None:
        lmtp.stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        return lmtp.log_tail(self.root, ("stderr.log",), lines)


def _rx(port: int, quota: int, quota_soft: int, prl: int, ports: dict[str, int]) -> postfix.Postfix:
    """The receiving Postfix: 127.0.0.1 not in its mynetworks; QUOTA's and QUOTA_SOFT's
    recipients checked by the two quota-status services; one more smtpd per limit."""
    root = Path(tempfile.mkdtemp(prefix="pf-rx-limits-", dir="/var/tmp"))
    limits = {
        MSG_RATE: "-o smtpd_client_message_rate_limit=1",
        RCPT_RATE: "-o smtpd_client_recipient_rate_limit=1",
        # postconf(5) queue_minfree: "The minimal amount of free space in bytes in the
        # queue file system that is needed to receive mail"; no file system has 1 PB free
        SPOOL: "-o queue_minfree=1000000000000000",
    }
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": ", ".join((*RX_DOMAINS, MSG_RATE, RCPT_RATE, SPOOL)),
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ " + ", ".join(f"{u}={u}" for u in USERS) + " }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": "quota_status, quota_soft, rate_policy",
            "quota_status": f"check_policy_service inet:127.0.0.1:{quota}",
            "quota_soft": f"check_policy_service inet:127.0.0.1:{quota_soft}",
            "rate_policy": f"check_policy_service inet:127.0.0.1:{prl}",
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ "
            f"{QUOTA}=quota_status, {QUOTA_SOFT}=quota_soft, {PRL}=rate_policy }}",
        },
        services=[
            f"127.0.0.1:{ports[d]} inet n - n - - smtpd {options}" for d, options in limits.items()
        ],
    )


EXIM_CONFIG = """\
primary_hostname = exim-limits.test
qualify_domain = exim-limits.test
exim_path = {binary}
keep_environment = LD_LIBRARY_PATH
spool_directory = {root}/spool
log_file_path = {root}/log/%slog
pid_file_path = {root}/exim.pid
local_interfaces = <; 127.0.0.1.{port}
domainlist local_domains = {domains}
hostlist relay_from_hosts =
recipients_max = 1
recipients_max_reject = true
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  require message = relay not permitted
          domains = +local_domains
  require verify = recipient
  deny    domains = {rate}
          ratelimit = 0 / 1h / strict
          message = {rate_message}
  defer   domains = {rate_defer}
          ratelimit = 0 / 1h / strict / $primary_hostname
          message = {rate_defer_message}
  accept

begin routers
fine:
  driver = accept
  domains = +local_domains
  local_parts = fine : fine2
  transport = nowhere

begin transports
nowhere:
  driver = appendfile
  file = /dev/null
  user = {user}
"""


@dataclass
class EximLimitsReceiver(exim.Exim):
    """Debian's Exim 4.96 with the bed's ratelimit ACL and recipients_max."""

    def _text(self) -> str:
        return EXIM_CONFIG.format(
            binary=exim.binary(),
            root=self.root,
            port=self.smtpd_port,
            domains=" : ".join(EX_DOMAINS),
            rate=EX_RATE,
            rate_defer=EX_RATE_DEFER,
            rate_message=RATE_MESSAGE,
            rate_defer_message=RATE_DEFER_MESSAGE,
            user=exim.USER,
        )


Run = receivers_bed.QuickRun


async def run(writer: str = "postfix") -> Run:
    """The receivers, the quota services, the writer and the capture; every scenario sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    phase = receivers_bed.Phases()

    dns = DnsServer()
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, sender_of, sent, quick=quick)
    quota = QuotaStatus(free_port())
    quota_soft = None if quick else QuotaStatus(free_port(), SOFT_OVERQUOTA)
    ports = {d: free_port() for d in (MSG_RATE, RCPT_RATE, SPOOL)}
    prl = None if quick else PolicydRateLimit(free_port())
    rx = _rx(
        free_port(),
        quota.port,
        quota_soft.port if quota_soft else 1,
        prl.port if prl else 1,
        ports,
    )
    ex = None if quick else EximLimitsReceiver(free_port(), {})
    tx: receivers_bed.Sender | None = None
    try:
        port = free_port()
        routes = {
            SENDER_DOMAIN: capture.port,
            **dict.fromkeys(RX_DOMAINS, rx.smtpd_port),
            **ports,
            **dict.fromkeys(EX_DOMAINS, ex.smtpd_port if ex else 1),
        }
        tx = receivers_bed.writer_mta(writer, port, routes)
        starts = [asyncio.to_thread(p.start) for p in (quota, quota_soft, prl) if p is not None]
        starts.append(asyncio.to_thread(rx.start))
        if ex is not None:
            starts.append(ex.start())
        starts.append(receivers_bed.start_writer(tx))
        await receivers_bed.start_together(*starts)
        phase("started")
        copies = [s for s in sent(quick) for _ in range(2 if s.name in TWICE else 1)]
        await receivers_bed.submit_bounded(
            submit(port, message(s), sender_of(s.name), s.recipients) for s in copies
        )
        grace = QUICK_GRACE if quick else GRACE
        await wait_for_notices(capture, result.pending, DEADLINE, grace, tx.flush, NUDGE)
        phase("notices")
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the limits bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"rx: {rx.log_tail(60)}"]
        logs += [f"dovecot: {q.log_tail(20)}" for q in (quota, quota_soft) if q is not None]
        if prl is not None:
            logs.append(f"policyd-rate-limit: {prl.log_tail(20)}")
        if ex is not None:
            logs.append(f"exim-rx: {ex.log_tail(30)}")
        result.log = "\n".join(logs)
        stops = [receivers_bed.stop_writer(tx), *(e.stop() for e in (ex,) if e is not None)]
        stops += [asyncio.to_thread(p.stop) for p in (rx, quota, quota_soft, prl) if p is not None]
        await asyncio.gather(*stops, return_exceptions=True)
        await capture.stop()
        await dns.stop()
        phase("stopped")
        result.log += f"\n{phase}"
    return result


# recipients_max_reject: the RCPT over the limit meets 552, the one accepted the DATA's 554;
# which address is which is the writer's order of RCPT commands (each writer's log)
RCPT_ORDER = {"postfix": ("fine2", "fine"), "exim": ("fine", "fine2")}


def _code(writer: str, scenario: Scenario, expected: Expected) -> Expected:
    if scenario.name != "ex_recipients_max":
        return expected
    first = expected.address.startswith(RCPT_ORDER[writer][0] + "@")
    return replace(expected, reply_code="554" if first else "552")


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    failed = [_code(writer, scenario, e) for e in scenario.failed]
    return receivers_bed.writer_entry("real-receivers-limits", writer, name, scenario.name, failed)


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the limits bed", scenarios, entry, 120.0, sent=sent, exim_receiver=True
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
