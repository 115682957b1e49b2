"""Notices for what a real Cyrus IMAP 3.6 lmtpd refuses, behind a real Postfix 3.7 that delivers
to it over LMTP and writes the notice (judge21): each scenario is one message from
``bounces+<scenario>@sender.test``, and every notice comes back to that envelope sender at a
capture server on 127.0.0.1. The labels come from how Cyrus is set up (which users it creates,
their quota, its size limit), never from the notices' texts.

Cyrus is Debian's cyrus-common (``master`` and ``lmtpd``; it installs beside Dovecot, only
cyrus-imapd conflicts with dovecot-imapd), two instances each under a directory of its own,
running as user cyrus, their LMTP on a UNIX socket (a TCP client would have to authenticate):
``cyrus.test`` with ``lmtp_over_quota_perm_failure: 1`` and ``maxmessagesize``, and
``cyrus-temp.test`` with Cyrus's default temporary over-quota refusal. A mailbox exists only
where lmtpd creates it on first delivery (``autocreate_post`` for the users in
``autocreate_users``, with ``autocreate_quota`` KiB of quota); any other user is lmtpd's
"550-Mailbox unknown. ... 550 5.1.1 User unknown" (imap/lmtpd.c, imap/lmtpengine.c).
Cyrus checks the quota before the message is added (``lmtp_strict_quota`` off, its default):
``full`` and ``tempfull`` are seeded with a message larger than their quota, so the next one is
"552 5.2.2 Over quota" (``lmtp_over_quota_perm_failure``) or "452 4.2.2 Over quota" until
Postfix's queue lifetime ends. ``maxmessagesize`` is announced as SIZE in the LHLO reply, so
Postfix refuses a larger message itself (smtp_proto.c: "message size N exceeds size limit M of
server", 5.3.4) without sending it. ``cyrus-down.test`` is an LMTP address nobody listens on
(Cyrus stopped): "Connection refused" until the queue lifetime ends.
Not in the bed: a refusal by ACL (lmtpd delivers to a user's INBOX whatever its ACL says; a
"+folder" the sender may not post to was not tried in the time).

Root only: Cyrus runs as user cyrus, Postfix as root.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pwd
import smtplib
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix
from tests.support.bed import (
    bed_entry,
    bed_message,
    label,
    stderr_tail,
    stop_group,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.dovecot_bed import FULL, UNKNOWN, Expected, Scenario
from tests.support.process import free_port
from tests.support.receivers_bed import EXPIRED, TOO_BIG
from tests.support.scripted_mx import ScriptedMx

MASTER = Path("/usr/lib/cyrus/bin/master")  # cyrus-common
SENDER_DOMAIN = "sender.test"
PERM_DOMAIN = "cyrus.test"
TEMP_DOMAIN = "cyrus-temp.test"
DOWN_DOMAIN = "cyrus-down.test"
QUEUE_LIFETIME = 8
DEADLINE = 60.0
GRACE = 2.0
NUDGE = 5.0  # then every so often Postfix's queue is flushed (a loaded machine's runs fall behind)
START_TIMEOUT = 15.0
QUOTA_KIB = 2  # autocreate_quota: every created mailbox's quota
SIZE_LIMIT = 20000  # maxmessagesize of the permanent instance, in bytes

# Each instance: its users (their mailboxes are created on first delivery) and its settings.
INSTANCES: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "perm": (
        ("fine", "full", "big"),
        {"lmtp_over_quota_perm_failure": "1", "maxmessagesize": str(SIZE_LIMIT)},
    ),
    "temp": (("tempfull",), {}),
}
SEEDED = {"full": "perm", "tempfull": "temp"}  # a first message fills their quota

IMAPD_CONF = """\
configdirectory: {root}/conf
partition-default: {root}/spool
admins: cyrus
servername: mail.{name}.cyrus.test
lmtpsocket: {root}/socket/lmtp
idlesocket: {root}/socket/idle
notifysocket: {root}/socket/notify
syslog_prefix: cyrus-bed-{name}
autocreate_post: 1
autocreate_quota: {quota}
autocreate_users: {users}
"""
CYRUS_CONF = """\
START {{
  recover cmd="ctl_cyrusdb -C {root}/imapd.conf -r"
}}
SERVICES {{
  lmtpunix cmd="lmtpd -C {root}/imapd.conf" listen="{root}/socket/lmtp" prefork=0
}}
"""


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the Cyrus bed runs as root (Postfix, and Cyrus as user cyrus)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    if not MASTER.exists():
        return f"{MASTER} is not installed (Debian: cyrus-common)"
    return None


def _at(local: str, domain: str = PERM_DOMAIN) -> str:
    return f"{local}@{domain}"


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    return (
        Scenario(
            "cy_user_unknown",
            (_at("nosuchuser"),),
            (Expected(_at("nosuchuser"), True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        Scenario(
            "cy_quota_full",
            (_at("full"),),
            # a full mailbox is temporary whatever the reply's class (dovecot_bed's labels)
            (Expected(_at("full"), False, False, FULL, "recipient", "5.2.2", "552"),),
        ),
        Scenario(
            "cy_quota_full_until_expiry",
            (_at("tempfull", TEMP_DOMAIN),),
            (
                Expected(
                    _at("tempfull", TEMP_DOMAIN),
                    False,
                    False,
                    (*FULL, EXPIRED),
                    "recipient",
                    "4.2.2",
                    "452",
                ),
            ),
        ),
        Scenario(
            "cy_mixed",
            (_at("departed"), _at("full"), _at("fine")),
            (
                Expected(_at("departed"), True, True, UNKNOWN, "recipient", "5.1.1", "550"),
                Expected(_at("full"), False, False, FULL, "recipient", "5.2.2", "552"),
            ),
        ),
        Scenario(
            "cy_message_too_big",
            (_at("big"),),
            # Postfix's own refusal of the announced SIZE: our message, permanent
            (Expected(_at("big"), True, False, TOO_BIG, "sender", "5.3.4"),),
            size=2 * SIZE_LIMIT,
        ),
        Scenario(
            "cy_lmtp_down",
            (_at("fine", DOWN_DOMAIN),),
            (Expected(_at("fine", DOWN_DOMAIN), False, False, (EXPIRED,), "transient", "4.4.1"),),
        ),
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the mailbox server's set-up decides.\n"
    for n in range(scenario.size // 64):
        body += f"Line {n:05d} of padding, to be larger than the server's limit....\n"
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Cyrus bed: {scenario.name}",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )


@dataclass
class Cyrus:
    """One Cyrus master running lmtpd on a UNIX socket under ``root``."""

    name: str
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="cyrus-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    @property
    def socket(self) -> Path:
        return self.root / "socket" / "lmtp"

    def start(self) -> None:
        users, settings = INSTANCES[self.name]
        cyrus = pwd.getpwnam("cyrus")
        self.root.chmod(0o755)
        for sub in ("conf", "spool", "socket"):
            (self.root / sub).mkdir()
        text = IMAPD_CONF.format(
            root=self.root, name=self.name, quota=QUOTA_KIB, users=" ".join(users)
        )
        text += "".join(f"{k}: {v}\n" for k, v in settings.items())
        (self.root / "imapd.conf").write_text(text, encoding="utf-8")
        (self.root / "cyrus.conf").write_text(CYRUS_CONF.format(root=self.root), encoding="utf-8")
        for path in (self.root, *self.root.rglob("*")):
            os.chown(path, cyrus.pw_uid, cyrus.pw_gid)
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [
                    str(MASTER),
                    "-C",
                    str(self.root / "imapd.conf"),
                    "-M",
                    str(self.root / "cyrus.conf"),
                    "-p",
                    str(self.root / "master.pid"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                start_new_session=True,
            )
        self._wait_listening()
        for user, instance in SEEDED.items():
            if instance == self.name:
                self.seed(user)

    def _wait_listening(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"Cyrus master exited: {self.log_tail()}")
            with (
                contextlib.suppress(OSError, smtplib.SMTPException),
                smtplib.LMTP(str(self.socket), timeout=5) as client,
            ):
                client.ehlo_or_helo_if_needed()
                return
            time.sleep(0.1)
        raise RuntimeError(f"Cyrus lmtpd does not answer on {self.socket}: {self.log_tail()}")

    def seed(self, user: str) -> None:
        """A first message larger than ``user``'s quota, straight over LMTP: it is taken (the
        quota is checked before it is added) and the mailbox is then over its quota."""
        seed = EmailMessage()
        seed["From"], seed["To"], seed["Subject"] = "seed@sender.test", user, "filler"
        seed.set_content(("x" * 70 + "\n") * 55)  # about 4 kB, twice the quota
        with smtplib.LMTP(str(self.socket), timeout=10) as client:
            client.send_message(seed, "seed@sender.test", [f"{user}@{PERM_DOMAIN}"])

    def stop(self) -> None:
        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 30) -> str:
        return stderr_tail(self.root, "Cyrus", lines)


def _postfix(port: int, cyrus: dict[str, Cyrus], capture: int) -> postfix.Postfix:
    routes = (
        f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}, "
        f"{PERM_DOMAIN}=cyrlmtp:unix:{cyrus['perm'].socket}, "
        f"{TEMP_DOMAIN}=cyrlmtp:unix:{cyrus['temp'].socket}, "
        f"{DOWN_DOMAIN}=lmtp:inet:127.0.0.1:{free_port()}"
    )
    lifetime = f"{QUEUE_LIFETIME}s"
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + routes + " }",
            "maximal_queue_lifetime": lifetime,
            "bounce_queue_lifetime": lifetime,
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
        },
        # Debian's lmtp runs chrooted in the queue directory, where Cyrus's socket is not
        services=["cyrlmtp unix - - n - - lmtp"],
    )


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(len(self.notices(s.name)) < s.notices for s in scenarios())


async def run() -> Run:
    """Start the capture server, the two Cyrus and Postfix; send every scenario; wait."""
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    cyrus = {name: Cyrus(name) for name in INSTANCES}
    mta: postfix.Postfix | None = None
    try:
        for instance in cyrus.values():
            await asyncio.to_thread(instance.start)
        port = free_port()
        mta = _postfix(port, cyrus, capture.port)
        await asyncio.to_thread(mta.start)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, mta.flush, NUDGE)
    except (OSError, RuntimeError, smtplib.SMTPException, aiosmtplib.SMTPException) as exc:
        result.error = f"the Cyrus bed broke off: {exc}"
    finally:
        logs = [mta.log_tail(60) if mta is not None else ""]
        logs += [f"cyrus {n}: {c.log_tail()}" for n, c in cyrus.items()]
        result.log = "\n".join(logs)
        if mta is not None:
            await asyncio.to_thread(mta.stop)
        for instance in cyrus.values():
            await asyncio.to_thread(instance.stop)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    return bed_entry("real-cyrus", name, scenario.name, expected)


def write(out: Path, result: Run) -> dict[str, Any]:
    return write_notices(out, scenarios(), result.notices, entry, {"error": result.error})


def generate(out: Path) -> dict[str, Any]:
    """Run the bed once and write its notices and manifest to ``out``."""
    result = asyncio.run(run())
    manifest = write(out, result)
    manifest["log"] = result.log
    return manifest


if __name__ == "__main__":
    import sys

    found = generate(Path(sys.argv[1]))
    print(json.dumps({k: found[k] for k in ("notices", "error")}, indent=1))
    print(found["log"])
