"""Notices for what a real Dovecot 2.3 (LMTP, LDA) with Pigeonhole Sieve refuses, behind a real
Postfix: each scenario is one message from ``bounces+<scenario>@sender.test``, and every notice
Postfix or Dovecot sends back to that envelope sender arrives at a capture server on 127.0.0.1,
filed under it. The labels come from how the users are set up (quota, Sieve script, no such
user), never from the notices' texts.

Postfix hands ``lmtp.test`` to Dovecot's LMTP server, ``lda.test`` to ``dovecot-lda -e``
(a pipe transport: a refusal goes to stderr with exit code EX_NOPERM and Postfix writes the
notice; a Sieve ``reject`` is Dovecot's own rejection with or without ``-e``) and
``lda-mdn.test`` to ``dovecot-lda`` without ``-e`` (Dovecot sends its own rejection, an MDN,
for a full mailbox too: src/lib-lda/mail-send.c, ``rejection_reason``). Dovecot's own
messages (Sieve rejections, vacation replies) leave through ``submission_host``, the capture
server.

Users (a passwd-file; any other local part does not exist):
  ``fine`` takes mail; ``full`` has a 4 kB quota that a first message fills, so a second does
  not fit (``quota_full_tempfail = no``, Dovecot's default: permanent); ``tempfull`` the same with
  ``quota_full_tempfail = yes`` (a temporary refusal until Postfix's queue lifetime ends);
  ``small`` has a 2 kB quota and an empty mailbox, and the message is larger than that quota;
  ``capped`` has ``quota_max_mail_size = 1k`` and the message is larger than that;
  ``rejector`` runs a Sieve ``reject`` (RFC 5429); ``ereject`` is not in Debian's Pigeonhole
  0.5.19 (sieve-extensions.c lists it among the unfinished extensions, built only with
  --with-unfinished-features): a script requiring it does not compile and Dovecot keeps the
  message, so the bed has no ereject;
  ``away`` runs a Sieve ``vacation`` (RFC 5230).

Root only: Postfix runs as root and Dovecot stores mail as user ``mail``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pwd
import shutil
import smtplib
import subprocess
import tempfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import lmtp, postfix
from tests.support.bed import (
    Expected,
    bed_entry,
    bed_message,
    label,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.process import free_port
from tests.support.scripted_mx import ScriptedMx

LMTP = lmtp.LMTP  # dovecot-lmtpd; Dovecot itself started as tests/support/lmtp.py does
LDA = Path("/usr/lib/dovecot/dovecot-lda")  # dovecot-core
SIEVE = Path("/usr/lib/dovecot/modules/lib90_sieve_plugin.so")  # dovecot-sieve
SENDER_DOMAIN = "sender.test"
LMTP_DOMAIN = "lmtp.test"
LDA_DOMAIN = "lda.test"  # dovecot-lda -e: Postfix writes the notice
MDN_DOMAIN = "lda-mdn.test"  # dovecot-lda without -e: Dovecot sends its own rejection
QUEUE_LIFETIME = 8  # seconds until a message that is only ever deferred is returned
DEADLINE = 60.0  # seconds to wait for every notice
GRACE = 2.0  # seconds more, to see a notice that should not come
NUDGE = 5.0  # then every so often Postfix's queue is flushed (a loaded machine's runs fall behind)
QUOTA = 4096  # bytes, for full and tempfull; the seed message fills most of it
SMALL_QUOTA = 2048  # bytes, for small: the big message alone is larger
REJECTION = "This address does not take mail from your list."  # the Sieve scripts' reason

SCRIPTS = {
    "rejector": f'require "reject";\nreject "{REJECTION}";\n',
    "away": (
        'require "vacation";\n'
        'vacation :days 1 :subject "Away" "I am away until Monday and will read your mail then.";\n'
    ),
}
USERS = {
    "fine": "",
    "full": f"userdb_quota_rule=*:storage={QUOTA}b",
    "tempfull": f"userdb_quota_rule=*:storage={QUOTA}b userdb_quota_full_tempfail=yes",
    "small": f"userdb_quota_rule=*:storage={SMALL_QUOTA}b",
    "capped": "userdb_quota_max_mail_size=1k",
    "rejector": "",
    "away": "",
}
SEEDED = ("full", "tempfull")  # a first message fills most of their quota

CONFIG = (
    """\
# The Dovecot bed's Dovecot: LMTP (and the LDA Postfix runs), everything under {root}.
instance_name = bed-dovecot-{name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = lmtp
listen = 127.0.0.1
ssl = no
hostname = mail.dovecot.test
postmaster_address = postmaster@dovecot.test
submission_host = 127.0.0.1:{capture}
"""
    + lmtp.USERS_CONFIG
    + """\
plugin {{
  quota = maildir:User quota
  sieve = file:{root}/sieve/%n;active={root}/sieve/%n.sieve
}}
protocol lmtp {{
  mail_plugins = $mail_plugins sieve
}}
protocol lda {{
  mail_plugins = $mail_plugins sieve
  log_path = {root}/lda.log
}}
service auth {{
  unix_listener auth-userdb {{
    mode = 0666
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
    + lmtp.LMTP_LISTENER
)


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the Dovecot bed runs as root (Postfix, and Dovecot storing mail as user mail)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    for path, package in ((LMTP, "dovecot-lmtpd"), (LDA, "dovecot-core"), (SIEVE, "dovecot-sieve")):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return None


@dataclass(frozen=True)
class Scenario:
    """One message to ``recipients``; ``failed``: what its notice must list; ``bounce`` False:
    what comes back is no failure notice (a vacation reply); ``notices``: how many come back;
    ``size``: the body's size in bytes; ``delivered``: mailboxes that must end up with it."""

    name: str
    recipients: tuple[str, ...]
    failed: tuple[Expected, ...]
    bounce: bool = True
    notices: int = 1
    size: int = 0
    delivered: tuple[str, ...] = ()


def _at(local: str, domain: str = LMTP_DOMAIN) -> str:
    return f"{local}@{domain}"


UNKNOWN = ("user_unknown",)
FULL = ("mailbox_full",)
# A message larger than the whole quota of an empty mailbox: Dovecot 2.3.19 answers it with the
# same words as a full mailbox (552 5.2.2 "Quota exceeded (mailbox for user is full)"), and
# nothing in the notice tells the two apart, so the label is what it states; too big is right.
TOO_BIG = ("mailbox_full", "mesg_too_big")
# A recipient's own Sieve filter refused the message (RFC 5429): the address is alive and
# chose to refuse this message; a refusal of its content by policy, the sender's side (the
# issue: "content or spam filters ... policy"), never suppressed. Docs: docs/bounces.md.
REFUSED_BY_FILTER = ("filtered", "rejected", "policy_violation")


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    return (
        Scenario(
            "lmtp_user_unknown",
            (_at("nosuchuser"),),
            (Expected(_at("nosuchuser"), True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        Scenario(
            "lmtp_mixed",
            (_at("departed"), _at("full"), _at("small"), _at("fine")),
            (
                Expected(_at("departed"), True, True, UNKNOWN, "recipient", "5.1.1", "550"),
                Expected(_at("full"), False, False, FULL, "recipient", "5.2.2", "552"),
                Expected(_at("small"), False, False, TOO_BIG, "recipient", "5.2.2", "552"),
            ),
            size=3000,
            delivered=("fine",),
        ),
        Scenario(
            "lmtp_quota_full",
            (_at("full"),),
            (Expected(_at("full"), False, False, FULL, "recipient", "5.2.2", "552"),),
        ),
        Scenario(
            "lmtp_quota_tempfail_until_expiry",
            (_at("tempfull"),),
            (
                Expected(
                    _at("tempfull"), False, False, (*FULL, "expired"), "recipient", "4.2.2", "452"
                ),
            ),
        ),
        Scenario(
            "lmtp_larger_than_quota",
            (_at("small"),),
            (Expected(_at("small"), False, False, TOO_BIG, "recipient", "5.2.2", "552"),),
            size=3000,
        ),
        Scenario(
            "lmtp_sieve_reject",
            (_at("rejector"), _at("fine")),
            (Expected(_at("rejector"), True, False, REFUSED_BY_FILTER, "sender"),),
            delivered=("fine",),
        ),
        Scenario(
            "lmtp_max_mail_size",
            (_at("capped"),),
            # quota_max_mail_size: Dovecot 2.3.19 answers 451 4.2.0 after DATA, so Postfix
            # retries until its queue lifetime ends; a size limit, the sender's side
            (
                Expected(
                    _at("capped"),
                    False,
                    False,
                    ("mesg_too_big", "expired"),
                    "sender",
                    "4.2.0",
                    "451",
                ),
            ),
            size=3000,
        ),
        Scenario("lmtp_sieve_vacation", (_at("away"),), (), bounce=False),
        Scenario(
            "lda_user_unknown",
            (_at("nosuchuser", LDA_DOMAIN),),
            (Expected(_at("nosuchuser", LDA_DOMAIN), True, True, UNKNOWN, "recipient", "5.1.1"),),
        ),
        Scenario(
            "lda_quota_full",
            (_at("full", LDA_DOMAIN),),
            # dovecot-lda -e exits EX_NOPERM with Dovecot's words on stderr: Postfix's pipe
            # writes 5.7.0 "permission denied. Command output: ..." (the status it states)
            (Expected(_at("full", LDA_DOMAIN), False, False, FULL, "recipient", "5.7.0"),),
        ),
        Scenario(
            "lda_mdn_quota_full",
            (_at("full", MDN_DOMAIN),),
            (Expected(_at("full", MDN_DOMAIN), False, False, FULL, "recipient"),),
        ),
        Scenario(
            "lda_sieve_reject",
            (_at("rejector", LDA_DOMAIN),),
            (Expected(_at("rejector", LDA_DOMAIN), True, False, REFUSED_BY_FILTER, "sender"),),
        ),
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    body = "A message whose fate the mailbox server's set-up decides.\n"
    for n in range(scenario.size // 64):
        body += f"Line {n:04d} of padding, to be larger than a small quota.\n"
    return bed_message(  # To: the recipients, as vacation answers only mail addressed to it
        SENDER_DOMAIN,
        scenario.recipients,
        f"Dovecot bed: {scenario.name}",
        scenario.name,
        "Sat, 05 Dec 2026 12:00:00 +0000",
        body,
    )


@dataclass
class Dovecot:
    """One Dovecot serving LMTP on 127.0.0.1:``port``, sending its own mail to ``capture``."""

    port: int
    capture: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="dovecot-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    @property
    def conf(self) -> Path:
        return self.root / "dovecot.conf"

    def start(self) -> None:
        mail = pwd.getpwnam("mail")  # Dovecot refuses to store mail as root
        self.root.chmod(0o755)  # the auth process (user dovecot) and the LDA (mail) read it
        for sub in ("home", "sieve"):
            (self.root / sub).mkdir()
            os.chown(self.root / sub, mail.pw_uid, mail.pw_gid)
        for user, script in SCRIPTS.items():
            path = self.root / "sieve" / f"{user}.sieve"
            path.write_text(script, encoding="utf-8")
            os.chown(path, mail.pw_uid, mail.pw_gid)
        for log in ("lda.log",):
            (self.root / log).touch()
            os.chown(self.root / log, mail.pw_uid, mail.pw_gid)
        users = self.root / "users"
        # user:password:uid:gid:gecos:home:shell:extra fields
        users.write_text("".join(f"{u}::::::: {extra}\n" for u, extra in USERS.items()))
        users.chmod(0o644)
        self.conf.write_text(
            CONFIG.format(
                root=self.root,
                name=self.root.name,
                uid=mail.pw_uid,
                gid=mail.pw_gid,
                port=self.port,
                capture=self.capture,
            )
        )
        self.conf.chmod(0o644)
        self.process = lmtp.spawn(self.conf, self.root)
        lmtp.wait_listening(self.process, self.port, self.log_tail)
        self.seed()

    def seed(self) -> None:
        """Fill most of the seeded users' quota with one message, straight over LMTP."""
        seed = EmailMessage()
        seed["From"], seed["To"], seed["Subject"] = "seed@sender.test", "seed", "filler"
        seed.set_content(("x" * 70 + "\n") * 55)  # about 4 kB with its header
        for user in SEEDED:  # one recipient a session: smtplib reads one reply to DATA
            with smtplib.LMTP("127.0.0.1", self.port, timeout=10) as client:
                client.send_message(seed, "seed@sender.test", [_at(user)])

    def maildir_count(self, user: str) -> int:
        """How many messages ``user``'s INBOX holds."""
        found = 0
        for sub in ("new", "cur"):
            with contextlib.suppress(OSError):
                found += len(os.listdir(self.root / "home" / user / "Maildir" / sub))
        return found

    def stop(self) -> None:
        """SIGTERM, then SIGKILL for the whole process group; the directory is removed."""
        lmtp.stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 80) -> str:
        return lmtp.log_tail(self.root, ("stderr.log", "dovecot.log", "lda.log"), lines)


def _postfix(port: int, dovecot: Dovecot, capture: int) -> postfix.Postfix:
    lda = f"{LDA} -c {dovecot.conf} -f ${{sender}} -a ${{recipient}} -d ${{user}}"
    routes = (
        f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}, "
        f"{LMTP_DOMAIN}=lmtp:inet:127.0.0.1:{dovecot.port}, "
        f"{LDA_DOMAIN}=dlda:, {MDN_DOMAIN}=dldamdn:"
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
            "dlda_destination_recipient_limit": "1",
            "dldamdn_destination_recipient_limit": "1",
        },
        services=[
            f"dlda unix - n n - - pipe flags=DRhu user=mail argv={lda} -e",
            f"dldamdn unix - n n - - pipe flags=DRhu user=mail argv={lda}",
        ],
    )


@dataclass
class Run:
    """What one run of the bed produced."""

    capture: ScriptedMx
    delivered: dict[str, int]  # messages in each user's INBOX at the end
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(len(self.notices(s.name)) < s.notices for s in scenarios())


async def run() -> Run:
    """Start the capture server, Dovecot and Postfix; send every scenario; wait for notices."""
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, {})
    dovecot = Dovecot(free_port(), capture.port)
    mta: postfix.Postfix | None = None
    try:
        await asyncio.to_thread(dovecot.start)
        port = free_port()
        mta = _postfix(port, dovecot, capture.port)
        await asyncio.to_thread(mta.start)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, mta.flush, NUDGE)
    except (OSError, RuntimeError, subprocess.SubprocessError, aiosmtplib.SMTPException) as exc:
        result.error = f"the Dovecot bed broke off: {exc}"
    finally:
        result.delivered = {u: dovecot.maildir_count(u) for u in USERS}
        result.log = (mta.log_tail(60) if mta is not None else "") + "\n" + dovecot.log_tail()
        if mta is not None:
            await asyncio.to_thread(mta.stop)
        await asyncio.to_thread(dovecot.stop)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    return bed_entry("real-dovecot", name, scenario.name, expected, scenario.bounce)


def write(out: Path, result: Run) -> dict[str, Any]:
    """The notices as ``out/<scenario>.eml`` and the manifest that labels them."""
    fields = {"delivered": result.delivered, "error": result.error}
    return write_notices(
        out, scenarios(), result.notices, entry, fields, lambda scenario: scenario.notices == 1
    )


def generate(out: Path) -> dict[str, Any]:
    """Run the bed once and write its notices and manifest to ``out``."""
    result = asyncio.run(run())
    manifest = write(out, result)
    manifest["log"] = result.log
    return manifest


if __name__ == "__main__":
    import sys

    found = generate(Path(sys.argv[1]))
    print(json.dumps({k: found[k] for k in ("notices", "delivered", "error")}, indent=1))
    print(found["log"])
