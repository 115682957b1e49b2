"""Bounces fetchmail 6.4 writes itself: fetchmail retrieves messages from a real Dovecot 2.3 POP3
server and forwards each to an SMTP listener on 127.0.0.1 that refuses some of them; for a
refusal of 500 or more fetchmail sends its own bounce to the message's envelope sender
(fetchmail(1), "SMTP/ESMTP ERROR HANDLING": "Other errors greater or equal to 500 trigger
bounce mail back to the originator, unless suppressed by --softbounce"; the bed sets ``no
softbounce``; a 552 is deleted and bounced; a 4xx leaves the message on the server and sends
nothing). fetchmail sends that bounce to the SMTP server on localhost port 25, whatever the
forwarding host, so the bed runs in private network and mount namespaces (``unshare``, as
tests/support/real_mta.py does) with one scripted listener on 127.0.0.1:25: it refuses the
scripted recipients and captures every bounce, filed under its envelope recipient.

Each POP3 user holds one message whose Return-Path is ``bounces+<scenario>@sender.test``;
fetchmail forwards it to ``<user>@remote.test``, which the listener answers as the scenario
says: the labels come from those replies, never from fetchmail's notice.

Root only (namespaces; Dovecot stores mail as user mail).
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support import lmtp
from tests.support.bed import (
    Expected,
    bed_entry,
    generate_logged,
    label,
    namespace_tools_missing,
    wait_for_notices,
    write_notices,
)
from tests.support.process import free_port
from tests.support.scripted_mx import Script, ScriptedMx

FETCHMAIL = Path("/usr/bin/fetchmail")  # fetchmail
POP3 = Path("/usr/lib/dovecot/pop3")  # dovecot-pop3d
SENDER_DOMAIN = "sender.test"
REMOTE = "remote.test"
DEADLINE = 30.0  # seconds to wait for every notice after fetchmail ended
GRACE = 1.0

CONFIG = """\
# The fetchmail bed's Dovecot: POP3 only, everything under {root}.
instance_name = bed-pop3-{name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = pop3
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {root}/users
  default_fields = uid={uid} gid={gid} home={root}/home/%n
}}
service pop3-login {{
  inet_listener pop3 {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the fetchmail bed runs as root (namespaces; Dovecot stores mail as user mail)"
    for path, package in (
        (FETCHMAIL, "fetchmail"),
        (lmtp.DOVECOT, "dovecot-core"),
        (POP3, "dovecot-pop3d"),
    ):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return namespace_tools_missing()


@dataclass(frozen=True)
class Scenario:
    """One message in POP3 mailbox ``user``, forwarded to ``user@remote.test``, which the
    listener answers with ``script``; ``failed``: what fetchmail's notice must list (none: no
    notice comes back); ``left``: the message stays on the POP3 server."""

    name: str
    user: str
    script: Script | None
    failed: tuple[Expected, ...]
    left: bool = False

    @property
    def notices(self) -> int:
        return 1 if self.failed else 0


def _at(user: str) -> str:
    return f"{user}@{REMOTE}"


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed forwards, with its labels (the listener's replies)."""
    return (
        Scenario(
            "fetchmail_user_unknown",
            "gone",
            Script(rcpt=f"550 5.1.1 <{_at('gone')}>: Recipient address rejected: User unknown"),
            (Expected(_at("gone"), True, True, ("user_unknown",), "recipient", "5.1.1", "550"),),
        ),
        Scenario(
            "fetchmail_user_unknown_bare_reply",
            "nobody",
            # no enhanced status in the reply: fetchmail writes "Status: 5.0.0" (sink.c)
            Script(rcpt="550 No such user here"),
            (Expected(_at("nobody"), True, True, ("user_unknown",), "recipient", "5.0.0", "550"),),
        ),
        Scenario(
            "fetchmail_mailbox_full",
            "full",
            Script(rcpt=f"552 5.2.2 <{_at('full')}>: Mailbox full"),
            # a full mailbox is never a dead address, whatever the reply's class
            (Expected(_at("full"), False, False, ("mailbox_full",), "recipient", "5.2.2", "552"),),
        ),
        Scenario(
            "fetchmail_spam_at_data",
            "spam",
            Script(data="550 5.7.1 Message rejected as spam"),
            (
                Expected(
                    _at("spam"),
                    True,
                    False,
                    ("spam_detected", "blocked", "rejected", "filtered"),
                    "sender",
                    "5.7.1",
                    "550",
                ),
            ),
        ),
        Scenario(
            "fetchmail_temporary",
            "later",
            Script(rcpt="451 4.7.1 Try again later"),
            (),
            left=True,
        ),
        Scenario("fetchmail_success", "fine", None, ()),
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def stored(scenario: Scenario) -> str:
    """The message as it lies in the POP3 mailbox, its envelope sender in Return-Path."""
    return (
        f"Return-Path: <{sender_of(scenario.name)}>\n"
        f"From: News <news@{SENDER_DOMAIN}>\n"
        f"To: {_at(scenario.user)}\n"
        f"Subject: fetchmail bed: {scenario.name}\n"
        f"Message-ID: <{scenario.name}@{SENDER_DOMAIN}>\n"
        "Date: Sun, 06 Dec 2026 12:00:00 +0000\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=us-ascii\n"
        "\n"
        "A message whose fate the receiving server decides.\n"
    )


@dataclass
class Pop3:
    """One Dovecot serving POP3 on 127.0.0.1:``port``, each scenario's user holding its
    message."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="fetchmail-bed-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        mail = pwd.getpwnam("mail")
        self.root.chmod(0o755)
        users = self.root / "users"
        users.write_text("".join(f"{s.user}:{{PLAIN}}pw::::::\n" for s in scenarios()))
        users.chmod(0o644)
        for scenario in scenarios():
            maildir = self.root / "home" / scenario.user / "Maildir"
            for sub in ("new", "cur", "tmp"):
                (maildir / sub).mkdir(parents=True)
            (maildir / "new" / f"1.{scenario.user}.bed").write_text(stored(scenario))
        subprocess.run(["chown", "-R", f"{mail.pw_uid}:{mail.pw_gid}", str(self.root / "home")])
        conf = self.root / "dovecot.conf"
        conf.write_text(
            CONFIG.format(
                root=self.root,
                name=self.root.name,
                uid=mail.pw_uid,
                gid=mail.pw_gid,
                port=self.port,
            )
        )
        self.process = lmtp.spawn(conf, self.root)
        lmtp.wait_listening(self.process, self.port, self.log_tail)

    def left(self) -> dict[str, int]:
        """How many messages each user's mailbox still holds."""
        return {
            s.user: sum(
                len(os.listdir(self.root / "home" / s.user / "Maildir" / sub))
                for sub in ("new", "cur")
            )
            for s in scenarios()
        }

    def fetch(self, smtp_port: int) -> str:
        """One fetchmail run over every user (``no softbounce``, plain POP3); its output."""
        rc = self.root / "fetchmailrc"
        rc.write_text(
            "set no softbounce\n"
            + "".join(
                f"poll 127.0.0.1 service {self.port} protocol pop3 auth password"
                f' user "{s.user}" there with password "pw" is "{s.user}" here'
                f" smtphost 127.0.0.1/{smtp_port} smtpaddress {REMOTE} sslproto '' fetchall\n"
                for s in scenarios()
            )
        )
        rc.chmod(0o600)
        done = subprocess.run(
            [str(FETCHMAIL), "-f", str(rc), "-i", str(self.root / "fetchids"), "--nosyslog"],
            capture_output=True,
            text=True,
            env={"HOME": str(self.root), "PATH": os.environ.get("PATH", ""), "LC_ALL": "C"},
            timeout=60,
            check=False,
        )
        return f"fetchmail exited {done.returncode}\n{done.stdout}{done.stderr}"

    def stop(self) -> None:
        lmtp.stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        return lmtp.log_tail(self.root, ("stderr.log", "dovecot.log"), lines)


@dataclass
class Run:
    """What one run of the bed produced."""

    listener: ScriptedMx
    left: dict[str, int]
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.listener.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(len(self.notices(s.name)) < s.notices for s in scenarios())


async def run() -> Run:
    """Inside the namespaces: the listener on 127.0.0.1:25, Dovecot's POP3, one fetchmail run."""
    scripts = {_at(s.user): s.script for s in scenarios() if s.script is not None}
    listener = ScriptedMx(scripts, hostname=REMOTE)
    await listener.start(port=25)  # fetchmail's bounces go to localhost:25 (fetchmail(1))
    result = Run(listener, {})
    pop3 = Pop3(free_port())
    try:
        await asyncio.to_thread(pop3.start)
        result.log = await asyncio.to_thread(pop3.fetch, listener.port)
        await wait_for_notices(listener, result.pending, DEADLINE, GRACE)
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        result.error = f"the fetchmail bed broke off: {exc}"
    finally:
        result.left = pop3.left()
        result.log += "\n" + pop3.log_tail()
        await asyncio.to_thread(pop3.stop)
        await listener.stop()
    return result


def entry(scenario: Scenario, name: str) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    return bed_entry("real-fetchmail", name, scenario.name, expected)


def generate(out: Path, timeout: float = 90.0) -> dict[str, Any]:
    """Run the bed in its own namespaces; the manifest it wrote to ``out``."""
    return generate_logged(__name__, out, [], timeout, "the fetchmail bed")


def main(out: Path) -> None:
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    result = asyncio.run(run())
    fields = {"left": result.left, "error": result.error}
    manifest = write_notices(out, scenarios(), result.notices, entry, fields)
    print(json.dumps({k: manifest[k] for k in ("notices", "left", "error")}, indent=1))
    print(result.log)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
