"""The receivers' bed (receivers_bed.py) with qpsmtpd 0.94 (Debian: qpsmtpd) as the REAL
RECEIVING server (judge21): its own plugins refuse in their own words, by their own
configuration, and a real Postfix 3.7 or Exim 4.96 writes the notice back to the scenario's
envelope sender at a capture server on 127.0.0.1. Labels come from how each qpsmtpd is set up,
never from the notices. The same namespace as receivers_bed.py (``unshare --net --mount``,
root): a DNS server on port 53, our resolv.conf, an /etc/hosts naming nothing.

One qpsmtpd-forkserver per plugin set (a plugin applies to the whole server), each with its own
config directory (QPSMTPD_CONFIG) and ``queue/smtp-forward`` to the capture for what it takes.
The texts are the plugins' and Qpsmtpd::SMTP's own (/usr/share/qpsmtpd/plugins, Qpsmtpd/DSN.pm):
  ``qp.test`` (main): ``badrcptto`` lists spamtrap@qp.test ("550 mail to <a> not accepted
  here"), ``rcpt_map`` knows only fine@qp.test (its default: "550 No such user."), ``rcpt_ok``
  takes only its rcpthosts ("Relaying denied", DSN.pm relaying_denied, X.7.1) and ``databytes``
  limits the size ("552 Message too big!", SMTP.pm data_respond; qp-size.test is sent to with
  HELO, so Postfix sends no SIZE= and the refusal after DATA is qpsmtpd's own);
  ``qp-dnsbl.test``: ``dnsbl`` with bl.test (lists 127.0.0.1, its TXT is the message): it
  answers the connection itself, a 550 greeting, which Postfix skips as it would a bad MX
  (smtp_skip_5xx_greeting, its default) until its queue lifetime ends;
  ``qp-badfrom.test``: ``badmailfrom reject 1`` with @sender.test ("Your envelope sender is in
  my badmailfrom list", at MAIL FROM);
  ``qp-sender.test``: ``resolvable_fromhost reject 1``: sender.test does not resolve in the
  bed, and 0.94 answers "450 Temporary address resolution failure (#4.4.3)" (DSN.pm
  temp_resolver_failed: its "missing result" branch), until the queue lifetime ends.
Many of qpsmtpd's texts end in a qmail-style "(#5.7.1)" enhanced code (qmail-smtpd's
convention, Qpsmtpd/DSN.pm): that is the receiver's own status and the label (as in
receivers_bed_sm_courier.py, the receiver's code where its reply has one), though neither
writer copies it into its Status field (X.0.0 there). Debian's 0.94 ``greylisting`` dies on
every MAIL FROM (it calls an ``is_p0f_match`` that no module defines) and qpsmtpd then takes
the mail, so the bed has no greylisting.
qpsmtpd checks no mailbox and no quota (it hands every message to a queue), so the bed has none.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix, receivers_bed
from tests.support.bed import (
    stderr_tail,
    stop_group,
    submit,
    wait_for_notices,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    LISTED,
    RELAY,
    SENDER_DOMAIN,
    SENDER_REFUSED,
    SIZE_LIMIT,
    TOO_BIG,
    UNKNOWN,
    EximSender,
    Expected,
    Scenario,
    message,
    sender_of,
)
from tests.support.scripted_mx import ScriptedMx

FORKSERVER = Path("/usr/bin/qpsmtpd-forkserver")  # Debian: qpsmtpd
PLUGINS = Path("/usr/share/qpsmtpd/plugins")
USER = "qpsmtpd"  # the Debian package's user
BLOCK_LIST = "bl.test"
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.0
WRITERS = ("postfix", "exim")

QP_DOMAIN = "qp.test"
QP_SIZE = "qp-size.test"
QP_ELSEWHERE = "qp-elsewhere.test"
QP_DNSBL = "qp-dnsbl.test"
QP_BADFROM = "qp-badfrom.test"
QP_SENDER = "qp-sender.test"
HELO_DOMAINS = (QP_SIZE,)
SPAMTRAP = f"spamtrap@{QP_DOMAIN}"

# An address the site lists as refused (badrcptto: "mail to <a> not accepted here"): the
# recipient's side (this address is refused whoever sends), and it will not take mail later
# either, so suppressed; nothing in the words says the mailbox does not exist.
ADDRESS_REFUSED = ("rejected", "user_unknown", "policy_violation")


# Each server: its plugins (in order) and the domains in its rcpthosts.
SERVERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "main": (
        ("badrcptto", f"rcpt_map domain {QP_DOMAIN} file {{root}}/map", "rcpt_ok"),
        (QP_DOMAIN, QP_SIZE),
    ),
    "dnsbl": (("dnsbl", "rcpt_ok"), (QP_DNSBL,)),
    "badfrom": (("badmailfrom reject 1", "rcpt_ok"), (QP_BADFROM,)),
    "sender": (("resolvable_fromhost reject 1", "rcpt_ok"), (QP_SENDER,)),
}
DOMAINS = {
    QP_DOMAIN: "main",
    QP_SIZE: "main",
    QP_ELSEWHERE: "main",
    QP_DNSBL: "dnsbl",
    QP_BADFROM: "badfrom",
    QP_SENDER: "sender",
}


@dataclass
class Qpsmtpd:
    """One qpsmtpd-forkserver on 127.0.0.1:``port`` with its own config directory."""

    name: str
    port: int
    capture: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="qpsmtpd-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    def write_config(self) -> None:
        plugins, hosts = SERVERS[self.name]
        user = pwd.getpwnam(USER)
        self.root.chmod(0o755)
        config = self.root / "config"
        config.mkdir()
        for sub in ("spool",):
            (self.root / sub).mkdir()
            os.chown(self.root / sub, user.pw_uid, user.pw_gid)
        lines = [p.format(root=self.root) for p in plugins]
        lines.append(f"queue/smtp-forward 127.0.0.1 {self.capture}")
        files = {
            "plugins": "\n".join(lines),
            "plugin_dirs": str(PLUGINS),
            "logging": "logging/warn LOGINFO",
            "loglevel": "6",
            "spool_dir": str(self.root / "spool"),
            "me": f"qpsmtpd-{self.name}.test",
            "rcpthosts": "\n".join(hosts),
            "databytes": str(SIZE_LIMIT),
            "badrcptto": SPAMTRAP,
            "dnsbl_zones": BLOCK_LIST,
            "badmailfrom": f"@{SENDER_DOMAIN}",
        }
        for name, text in files.items():
            (config / name).write_text(text + "\n", encoding="utf-8")
        (self.root / "map").write_text(f"fine@{QP_DOMAIN} OK accepted\n", encoding="utf-8")

    def start(self) -> None:
        self.write_config()
        env = {**os.environ, "QPSMTPD_CONFIG": str(self.root / "config")}
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [str(FORKSERVER), "-l", "127.0.0.1", "-p", str(self.port), "-u", USER, "-H"],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                env=env,
                cwd=self.root,
                start_new_session=True,
            )
        receivers_bed._wait_listening(self.port, self.process, self.log_tail)

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 30) -> str:
        return stderr_tail(self.root, "qpsmtpd", lines)


def _refused(name: str, address: str, reasons: tuple[str, ...], status: str, code: str) -> Scenario:
    """A permanent refusal of the sender's side for the one recipient ``address``."""
    return Scenario(
        name, (address,), (Expected(address, True, False, reasons, "sender", status, code),)
    )


def _unknown(address: str) -> Expected:
    return Expected(address, True, True, UNKNOWN, "recipient", "5.0.0", "550")


def _trap(address: str) -> Expected:
    return Expected(address, True, True, ADDRESS_REFUSED, "recipient", "5.1.1", "550")


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    fine = f"fine@{QP_DOMAIN}"
    return (
        Scenario(
            "qp_no_such_user", (f"nosuchuser@{QP_DOMAIN}",), (_unknown(f"nosuchuser@{QP_DOMAIN}"),)
        ),
        Scenario("qp_badrcptto", (SPAMTRAP,), (_trap(SPAMTRAP),)),
        Scenario(
            "qp_mixed",
            (f"departed@{QP_DOMAIN}", SPAMTRAP, f"fine@{QP_ELSEWHERE}", fine),
            (
                _unknown(f"departed@{QP_DOMAIN}"),
                _trap(SPAMTRAP),
                Expected(f"fine@{QP_ELSEWHERE}", True, False, RELAY, "sender", "5.7.1", "550"),
            ),
        ),
        _refused("qp_relaying_denied", f"fine@{QP_ELSEWHERE}", RELAY, "5.7.1", "550"),
        # a 550 greeting, skipped until the queue lifetime ends: temporary, our host refused
        Scenario(
            "qp_dnsbl",
            (f"fine@{QP_DNSBL}",),
            (
                Expected(
                    f"fine@{QP_DNSBL}", False, False, (*LISTED, EXPIRED), "sender", "4.0.0", "550"
                ),
            ),
        ),
        _refused("qp_badmailfrom", f"fine@{QP_BADFROM}", SENDER_REFUSED, "5.0.0", "550"),
        # our sender's domain does not resolve there: our side, deferred until expiry
        Scenario(
            "qp_sender_unresolvable",
            (f"fine@{QP_SENDER}",),
            (
                Expected(
                    f"fine@{QP_SENDER}",
                    False,
                    False,
                    (*SENDER_REFUSED, EXPIRED),
                    "sender",
                    "4.4.3",
                    "450",
                ),
            ),
        ),
        Scenario(
            "qp_message_too_big",
            (f"fine@{QP_SIZE}",),
            (Expected(f"fine@{QP_SIZE}", True, False, TOO_BIG, "sender", "5.0.0", "552"),),
            size=2 * SIZE_LIMIT,
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if not FORKSERVER.exists():
        return f"{FORKSERVER} is not installed (Debian: qpsmtpd)"
    return receivers_bed.missing(writer)


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


def _postfix_tx(
    port: int, routes: dict[str, int], capture: int, helo: tuple[str, ...] = HELO_DOMAINS
) -> postfix.Postfix:
    """The sending Postfix: each domain to its server; those in ``helo`` with HELO only."""
    return receivers_bed.postfix_writer(
        port,
        {SENDER_DOMAIN: capture, **routes},
        via=dict.fromkeys(helo, "smtphelo"),
        services=[receivers_bed.HELO_ONLY],
    )


def _exim_tx(
    port: int, routes: dict[str, int], capture: int, helo: tuple[str, ...] = HELO_DOMAINS
) -> EximSender:
    helo_only = dict.fromkeys(helo, ("hosts_avoid_esmtp = *",))
    return receivers_bed.exim_writer(
        port, {SENDER_DOMAIN: capture, **routes}, transport_options=helo_only
    )


async def run(writer: str = "postfix") -> Run:
    """The DNS server, the qpsmtpd servers, the writer and the capture; every scenario sent."""
    dns = DnsServer()
    dns.add(f"1.0.0.127.{BLOCK_LIST}", "A", "127.0.0.2")
    dns.add(f"1.0.0.127.{BLOCK_LIST}", "TXT", receivers_bed.BLOCK_LIST_TEXT)
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    servers = {name: Qpsmtpd(name, free_port(), capture.port) for name in SERVERS}
    tx: receivers_bed.Sender | None = None
    try:
        await asyncio.gather(*(asyncio.to_thread(s.start) for s in servers.values()))
        routes = {d: servers[name].port for d, name in DOMAINS.items()}
        port = free_port()
        tx = (_exim_tx if writer == "exim" else _postfix_tx)(port, routes, capture.port)
        await receivers_bed.start_writer(tx)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the qpsmtpd receivers' bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else ""]
        logs += [f"qpsmtpd {name}: {s.log_tail()}" for name, s in servers.items()]
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(tx)
        await asyncio.gather(
            *(asyncio.to_thread(s.stop) for s in servers.values()), return_exceptions=True
        )
        await capture.stop()
        await dns.stop()
    return result


def as_written(writer: str, expected: Expected) -> Expected:
    """``expected`` as ``writer`` treats it: Exim takes a 5xx greeting as a permanent refusal
    of the message ("SMTP error from remote mail server after initial connection", at once),
    where Postfix skips it until its queue lifetime ends (smtp_skip_5xx_greeting)."""
    if writer == "exim" and expected.reply_code.startswith("5") and not expected.permanent:
        reasons = tuple(r for r in expected.reasons if r != EXPIRED)
        return replace(expected, permanent=True, reasons=reasons)
    return expected


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    written = [as_written(writer, e) for e in scenario.failed]
    return receivers_bed.writer_entry(
        "real-receivers-qpsmtpd", writer, name, scenario.name, written
    )


ADAPTER = receivers_bed.BedAdapter(__name__, "the qpsmtpd bed", scenarios, entry, 90.0)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
