"""Dovecot's LMTP server as the mailbox server behind the real-MTA bed's Postfix: Postfix hands
``lmtp.test`` mail to it, Dovecot refuses an unknown user at RCPT and a full mailbox after DATA
(per recipient, as LMTP does: RFC 2033 section 4.2), and Postfix's notice quotes Dovecot's own
replies. Debian's dovecot-core and dovecot-lmtpd; run as root, inside the bed's namespaces.

Users (a passwd-file): ``fine`` takes mail, ``full`` has a quota of one byte, so every message
exceeds it; any other local part does not exist. Dovecot answers a full mailbox with a
permanent 552 5.2.2 (its default ``quota_full_tempfail = no``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DOVECOT = Path(shutil.which("dovecot") or "/usr/sbin/dovecot")
LMTP = Path("/usr/lib/dovecot/lmtp")  # dovecot-lmtpd
DOMAIN = "lmtp.test"
FINE, FULL = "fine", "full"
START_TIMEOUT = 10.0

# Shared with the Dovecot bed (tests/support/dovecot_bed.py): the users of a passwd-file
# under {root}, their mail stored as {uid}:{gid} in Maildirs with a quota, and LMTP on {port}.
USERS_CONFIG = """\
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
mail_plugins = quota
passdb {{
  driver = passwd-file
  args = username_format=%n {root}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {root}/users
  default_fields = uid={uid} gid={gid} home={root}/home/%n
}}
"""
LMTP_LISTENER = """\
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {port}
  }}
}}
"""

CONFIG = (
    """\
# The real-MTA bed's Dovecot: LMTP only, everything under {root}.
instance_name = bed-lmtp-{name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = lmtp
listen = 127.0.0.1
ssl = no
"""
    + USERS_CONFIG
    + """\
plugin {{
  quota = maildir:User quota
}}
"""
    + LMTP_LISTENER
)


def missing() -> str | None:
    """Why Dovecot's LMTP server cannot run here, or None."""
    if not DOVECOT.exists() or not LMTP.exists():
        return "Dovecot's LMTP server is not installed (Debian: dovecot-core, dovecot-lmtpd)"
    if os.geteuid() != 0:
        return "Dovecot's LMTP server runs as root in the bed (it stores mail as user mail)"
    return None


@dataclass
class DovecotLmtp:
    """One Dovecot serving LMTP on 127.0.0.1:``port``."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="lmtp-", dir="/var/tmp"))
    )
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        mail = pwd.getpwnam("mail")  # Dovecot refuses to store mail as root
        self.root.chmod(0o755)  # Dovecot's auth process (user dovecot) reads the users file
        (self.root / "home").mkdir()
        os.chown(self.root / "home", mail.pw_uid, mail.pw_gid)
        users = self.root / "users"
        # user:password:uid:gid:gecos:home:shell:extra fields (a one-byte quota for FULL)
        users.write_text(f"{FINE}:::::::\n{FULL}::::::: userdb_quota_rule=*:storage=1b\n")
        users.chmod(0o644)
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
        self.process = spawn(conf, self.root)
        wait_listening(self.process, self.port, self.log_tail)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL for the whole process group; the directory is removed."""
        stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        return log_tail(self.root, ("stderr.log", "dovecot.log"), lines)


def spawn(conf: Path, root: Path) -> subprocess.Popen[bytes]:
    """``dovecot -F -c conf`` in a process group of its own, its output to root/stderr.log."""
    with open(root / "stderr.log", "ab") as errors:
        return subprocess.Popen(
            [str(DOVECOT), "-F", "-c", str(conf)],
            stdin=subprocess.DEVNULL,
            stdout=errors,
            stderr=errors,
            start_new_session=True,  # one process group, so a stuck server can be killed whole
        )


def wait_listening(process: subprocess.Popen[bytes], port: int, tail: Callable[[], str]) -> None:
    """Until Dovecot accepts a connection on 127.0.0.1:``port``; RuntimeError (with ``tail()``,
    its log) if it exits or does not listen within START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Dovecot exited {process.returncode}: {tail()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"Dovecot does not listen on {port}: {tail()}")


def stop_group(process: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM, then SIGKILL for the whole process group if it does not exit."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def log_tail(root: Path, names: tuple[str, ...], lines: int) -> str:
    """The last ``lines`` of the logs ``names`` in ``root``, one after the other."""
    found = []
    for name in names:
        path = root / name
        if path.exists():
            found += path.read_text(errors="replace").splitlines()
    return "\n".join(found[-lines:]) or "(no Dovecot log)"
