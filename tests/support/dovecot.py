"""A real Dovecot IMAP server for one test: IMAPS and STARTTLS on 127.0.0.1, one user, Maildir.

Dovecot comes from Debian's packages (dovecot-imapd). Its files live in a private directory
under the system's temporary directory rather than in ``tmp_path``: pytest's base directory is
readable by its owner only, so Dovecot's unprivileged processes could not reach a passwd file or a
mail home inside it, and Unix socket paths under a long test name would pass the 108-byte limit.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme

from tests.support.lmtp import stop_group

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"  # /usr/sbin is not on every PATH
USERNAME = "bounces"
PASSWORD = "imap password 42"
START_TIMEOUT = 5.0

CONFIG = """\
# One test's Dovecot: everything it writes stays under {root}.
instance_name = test-{name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
{users}ssl = required
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
auth_mechanisms = plain
auth_failure_delay = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
# No auth penalty: tests fail a login on purpose and must not wait seconds for the next one.
service anvil {{
{chroot}  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service ipc {{
{chroot}}}
service old-stats {{
{chroot}}}
service imap-login {{
{chroot}  inet_listener imap {{
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = {imaps_port}
    ssl = yes
  }}
}}
"""


@dataclass
class Dovecot:
    """A running Dovecot and what a test needs to use it."""

    root: Path
    ca_file: Path
    imaps_port: int  # TLS from the first byte
    imap_port: int  # plain IMAP that must STARTTLS before it logs in
    process: subprocess.Popen[bytes]
    username: str = USERNAME
    password: str = PASSWORD

    def mailbox(self, **overrides: Any) -> dict[str, Any]:
        """A ``[mailbox]`` settings section reading this server's INBOX over IMAPS."""
        section: dict[str, Any] = {
            "kind": "imap",
            "host": "127.0.0.1",
            "port": self.imaps_port,
            "tls": "implicit",
            "ca_file": str(self.ca_file),
            "username": self.username,
            "password": self.password,
            "poll_interval": 0.2,
        }
        return {**section, **overrides}

    @contextlib.contextmanager
    def session(self, password: str | None = None) -> Iterator[imaplib.IMAP4_SSL]:
        """A logged-in IMAPS connection as the test user."""
        context = ssl.create_default_context(cafile=str(self.ca_file))
        imap = imaplib.IMAP4_SSL("127.0.0.1", self.imaps_port, ssl_context=context, timeout=10)
        try:
            imap.login(self.username, self.password if password is None else password)
            yield imap
        finally:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                imap.logout()

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        """Put ``raw`` into ``folder`` the way a client does: IMAP APPEND."""
        with self.session() as imap:
            status, data = imap.append(_quote(folder), None, None, raw)
        if status != "OK":
            raise AssertionError(f"APPEND to {folder} failed: {data!r}")

    def messages(self, folder: str) -> list[bytes]:
        """Every message in ``folder``, oldest first (none when the folder does not exist)."""
        with self.session() as imap:
            status, _ = imap.select(_quote(folder), readonly=True)
            if status != "OK":
                return []
            status, data = imap.uid("SEARCH", "ALL")
            found = []
            for uid in data[0].split() if status == "OK" and data[0] else []:
                status, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
                found += [p[1] for p in parts if isinstance(p, tuple)]
            return found

    def log(self) -> str:
        """What Dovecot logged so far."""
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """SIGTERM, then SIGKILL for the whole process group if it does not exit."""
        stop_group(self.process)


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _users() -> tuple[str, int, int]:
    """Config lines naming the users Dovecot runs as, and the uid/gid the mail is stored as."""
    if os.geteuid() == 0:
        mail = pwd.getpwnam("mail")  # Dovecot refuses to access mail as root
        return "", mail.pw_uid, mail.pw_gid
    me = pwd.getpwuid(os.geteuid())  # unprivileged: every process runs as us
    group = grp.getgrgid(os.getegid()).gr_name
    lines = (
        f"default_internal_user = {me.pw_name}\ndefault_login_user = {me.pw_name}\n"
        f"default_internal_group = {group}\n"
    )
    return lines, me.pw_uid, os.getegid()


@dataclass(frozen=True)
class _Layout:
    root: Path
    ca_file: Path
    users: str  # config lines naming the users Dovecot's own processes run as
    uid: int  # the owner of the stored mail
    gid: int


def _prepare(root: Path, ca: trustme.CA) -> _Layout:
    """Write the certificate, the passwd file and the mail home."""
    root.chmod(0o755)  # Dovecot's unprivileged processes read the passwd file and the home
    issued = ca.issue_cert("localhost", "127.0.0.1")
    issued.cert_chain_pems[0].write_to_path(str(root / "cert.pem"))
    issued.private_key_pem.write_to_path(str(root / "key.pem"))
    (root / "key.pem").chmod(0o600)
    ca_file = root / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    users, uid, gid = _users()
    passwd = root / "passwd"
    passwd.write_text(f"{USERNAME}:{{PLAIN}}{PASSWORD}::::::\n")
    passwd.chmod(0o644)  # a throw-away password; the auth process runs as Dovecot's own user
    (root / "home").mkdir()
    if os.geteuid() == 0:
        os.chown(root / "home", uid, gid)
    return _Layout(root, ca_file, users, uid, gid)


def _two_free_ports() -> tuple[int, int]:
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        second.bind(("127.0.0.1", 0))
        return int(first.getsockname()[1]), int(second.getsockname()[1])


def _launch(layout: _Layout, imaps_port: int, imap_port: int) -> subprocess.Popen[bytes]:
    root = layout.root
    conf = root / "dovecot.conf"
    conf.write_text(
        CONFIG.format(
            root=root,
            name=root.name,
            users=layout.users,
            chroot="" if os.geteuid() == 0 else "  chroot =\n",  # only root may chroot
            uid=layout.uid,
            gid=layout.gid,
            imap_port=imap_port,
            imaps_port=imaps_port,
        )
    )
    with open(root / "stderr.log", "ab") as errors:
        return subprocess.Popen(
            [DOVECOT, "-F", "-c", str(conf)],
            stdin=subprocess.DEVNULL,
            stdout=errors,
            stderr=errors,
            start_new_session=True,  # one process group, so a stuck server can be killed whole
        )


def _ready(server: Dovecot, deadline: float) -> bool:
    """Wait until the IMAPS port greets with our certificate; False when Dovecot exited."""
    context = ssl.create_default_context(cafile=str(server.ca_file))
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            return False
        try:
            imap = imaplib.IMAP4_SSL("127.0.0.1", server.imaps_port, ssl_context=context, timeout=1)
        except (OSError, imaplib.IMAP4.error):
            time.sleep(0.05)
            continue
        imap.shutdown()
        return True
    raise TimeoutError(f"Dovecot did not answer within {START_TIMEOUT} s:\n{server.log()}")


@contextlib.contextmanager
def running_dovecot(ca: trustme.CA, tmp_path: Path) -> Iterator[Dovecot]:
    """Start Dovecot for one test and stop it afterwards; its log is copied to ``tmp_path``."""
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="dovecot-"))
    server = None
    try:
        layout = _prepare(root, ca)
        for _attempt in range(3):  # a free port can be taken by someone else before we bind it
            ports = _two_free_ports()
            server = Dovecot(root, layout.ca_file, *ports, _launch(layout, *ports))
            if _ready(server, time.monotonic() + START_TIMEOUT):
                break
            server.stop()
        else:
            errors = (root / "stderr.log").read_text(errors="replace")
            raise RuntimeError(
                f"Dovecot did not start:\n{errors}\n{server.log() if server else ''}"
            )
        yield server
    finally:
        if server is not None:
            server.stop()
            with contextlib.suppress(OSError):
                shutil.copyfile(root / "dovecot.log", tmp_path / "dovecot.log")
        shutil.rmtree(root, ignore_errors=True)
