"""rspamd's GREYLISTING with Redis at the destination (judge28, second part): a receiving Postfix
3.7 with Debian's rspamd 3.4 as its milter (its proxy worker, ``milter = yes``, as judge25's
filters bed runs it) and Debian's redis-server 7.0 on 127.0.0.1 with its own port and directory
(no systemd), which rspamd's greylist module needs. A real Postfix 3.7 or Exim 4.96 writes the
notices back to a capture server on 127.0.0.1, in judge16's private network and mount namespace.
Labels come from how rx and rspamd are set up, never from the notices.

The texts, in rspamd's own words:
  greylist module (/etc/rspamd/modules.d/greylist.conf: ``message = "Try again later"``,
  ``action = "soft reject"``; plugins/greylist.lua): a message whose score reaches the
  ``greylist`` action's threshold (actions.conf, 4) is greylisted for ``timeout`` (5 minutes),
  far past the writer's 8 s queue lifetime; the bed's multimap rule gives 5 points to the one
  recipient later@rspamd-grey.test, and ``check_local`` is on (the module skips a client on a
  local address, 127.0.0.1 here, by default). The milter answers rspamd's soft reject with
  "451 4.7.1 Try again later" until the writer gives up.
  rx knows only ``fine`` and ``later``: any other user is Postfix's "User unknown in local
  recipient table" (550 5.1.1).
"""

from __future__ import annotations

import asyncio
import os
import pwd
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix, receivers_bed
from tests.support.bed import bed_message, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    SENDER_DOMAIN,
    UNKNOWN,
    Expected,
    Scenario,
)
from tests.support.receivers_bed_filters import (
    RSPAMD,
    RSPAMD_START,
    Daemon,
    Rspamd,
)
from tests.support.scripted_mx import ScriptedMx

REDIS = Path("/usr/bin/redis-server")  # Debian: redis-server
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
WRITERS = ("postfix", "exim")
DOMAIN = "rspamd-grey.test"
GREY_RCPT = f"later@{DOMAIN}"
DATE = "Sun, 06 Dec 2026 12:00:00 +0000"

# rspamd's greylisting until the queue lifetime ends: transient, never suppressed
GREYLISTED = (EXPIRED,)


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    unknown = f"nosuchuser@{DOMAIN}"
    return (
        Scenario(
            "rg_user_unknown",
            (unknown,),
            (Expected(unknown, True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        Scenario(
            "rspamd_greylisted_to_expiry",
            (GREY_RCPT,),
            (Expected(GREY_RCPT, False, False, GREYLISTED, "transient", "4.7.1", "451"),),
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    for path, package in ((RSPAMD, "rspamd"), (REDIS, "redis-server")):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return receivers_bed.missing(writer)


@dataclass
class Redis(Daemon):
    """redis-server in the foreground on 127.0.0.1:``port``, its data in its directory."""

    def argv(self) -> list[str]:
        return [
            str(REDIS),
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--dir",
            str(self.root),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ]


# the bed's local.d on top of judge25's (its proxy worker as the milter, every worker on
# 127.0.0.1, the bed's DNS server as the resolver): Redis for the greylist module, the module
# checking a local client too, and a multimap rule scoring the one recipient to greylisting
GREY_LOCAL = {
    "redis.conf": 'servers = "127.0.0.1:{redis}";\n',
    "greylist.conf": "check_local = true;\n",
    "multimap.conf": 'BED_GREYLIST_RCPT {{\n  type = "rcpt";\n'
    f'  map = ["{GREY_RCPT}"];\n'
    "  score = 5.0;\n}}\n",
}


@dataclass
class GreyRspamd(Rspamd):
    """judge25's rspamd with the bed's Redis and greylisting settings."""

    redis: int = 0

    def prepare(self) -> None:
        super().prepare()
        user = pwd.getpwnam("_rspamd")
        local = self.root / "local.d"
        # multimap.conf replaces judge25's (its soft-reject rule names another domain)
        for name, text in GREY_LOCAL.items():
            path = local / name
            path.write_text(text.format(redis=self.redis))
            os.chown(path, user.pw_uid, user.pw_gid)


def _rx(port: int, milter: int) -> postfix.Postfix:
    root = Path(tempfile.mkdtemp(prefix="pf-rx-rgrey-", dir="/var/tmp"))
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": DOMAIN,
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine, later=later }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_milters": f"inet:127.0.0.1:{milter}",
            "milter_default_action": "tempfail",
            "milter_content_timeout": "60s",
        },
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


async def run(writer: str = "postfix") -> Run:
    """rx with rspamd and Redis, the writer and the capture; every scenario sent."""
    dns = DnsServer()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    redis = Redis("redis", free_port())
    rspamd = GreyRspamd("rspamd", free_port(), timeout=RSPAMD_START, redis=redis.port)
    daemons: list[Daemon] = [redis, rspamd]
    rx = _rx(free_port(), rspamd.port)
    tx: receivers_bed.Sender | None = None
    try:
        await asyncio.gather(*(asyncio.to_thread(d.start) for d in daemons))
        await asyncio.to_thread(rx.start)
        port = free_port()
        routes = {SENDER_DOMAIN: capture.port, DOMAIN: rx.smtpd_port}
        tx = receivers_bed.writer_mta(writer, port, routes)
        await receivers_bed.start_writer(tx)
        for scenario in scenarios():
            msg = bed_message(
                SENDER_DOMAIN,
                scenario.recipients,
                f"rspamd greylist bed: {scenario.name}",
                scenario.name,
                DATE,
                "A message whose fate the receiving site's rspamd decides.\n",
            )
            await submit(port, msg, sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the rspamd greylist bed broke off: {exc}"
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
    return receivers_bed.writer_entry(
        "real-receivers-rspamd-grey", writer, name, scenario.name, scenario.failed
    )


ADAPTER = receivers_bed.BedAdapter(__name__, "the rspamd greylist bed", scenarios, entry, 150.0)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
