"""A real Postfix from Debian's package, with its own configuration directory, on loopback
ports only; started and stopped by the test (or a benchmark)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

POSTFIX = shutil.which("postfix") or "/usr/sbin/postfix"
MASTER_CF = Path("/etc/postfix/master.cf")


def available() -> bool:
    return Path(POSTFIX).exists() and MASTER_CF.exists()


@dataclass
class Postfix:
    """One Postfix instance: ``smtpd_port`` on 127.0.0.1, ``main`` extra main.cf settings."""

    smtpd_port: int
    main: dict[str, str] = field(default_factory=dict)
    services: list[str] = field(default_factory=list)  # more master.cf lines
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pf-", dir="/var/tmp")))

    @property
    def conf(self) -> Path:
        return self.root / "conf"

    @property
    def maillog(self) -> Path:
        return self.root / "maillog"

    def write_config(self) -> None:
        self.root.chmod(0o755)  # the postfix user walks into the queue and data directories
        for sub in ("conf", "spool", "data"):
            (self.root / sub).mkdir(exist_ok=True)
        shutil.chown(self.root / "data", "postfix")
        settings = {
            "compatibility_level": "3.6",
            "queue_directory": str(self.root / "spool"),
            "data_directory": str(self.root / "data"),
            "maillog_file": str(self.maillog),
            "maillog_file_prefixes": str(self.root),
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "inet_interfaces": "127.0.0.1",
            "inet_protocols": "ipv4",
            "myhostname": "postfix.test",
            "mydomain": "postfix.test",
            "myorigin": "postfix.test",
            "mydestination": "",
            "mynetworks": "127.0.0.0/8",
            "local_recipient_maps": "",
            "alias_maps": "",
            "alias_database": "",
            "smtpd_relay_restrictions": "permit_mynetworks, reject",
            "smtp_dns_support_level": "disabled",
            "biff": "no",
            **self.main,
        }
        (self.conf / "main.cf").write_text(
            "".join(f"{k} = {v}\n" for k, v in settings.items()), encoding="utf-8"
        )
        master = MASTER_CF.read_text(encoding="utf-8")
        master, count = re.subn(
            r"(?m)^smtp\s+inet\s.*$", f"127.0.0.1:{self.smtpd_port} inet n - n - - smtpd", master
        )
        assert count == 1, "Debian's master.cf has no smtp inet line"
        master = master.rstrip("\n") + "\n" + "".join(f"{line}\n" for line in self.services)
        (self.conf / "master.cf").write_text(master, encoding="utf-8")

    def start(self, timeout: float = 20.0, attempts: int = 5) -> None:
        """Start the master and wait until smtpd listens. A port free when it was chosen
        (process.free_port) may meanwhile be the local end of another process's connection
        (the test runners' workers share 127.0.0.1's ephemeral range); the master then dies
        with "bind ...: Address already in use", and the start is tried again a second
        later, when such a connection has usually closed."""
        self.write_config()
        for attempt in range(attempts):
            done = subprocess.run(
                [POSTFIX, "-c", str(self.conf), "start"],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode == 0:
                break
            failure = f"{done.stderr} {self.log_tail()}"
            if "Address already in use" not in failure or attempt == attempts - 1:
                raise RuntimeError(f"postfix did not start: {failure}")
            time.sleep(1.0)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.smtpd_port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"postfix does not listen on {self.smtpd_port}: {self.log_tail()}")

    def flush(self) -> None:
        """Attempt every queued message now (``postqueue -f``), deferred ones too: a message
        past its queue lifetime then expires at once instead of at the next queue run."""
        subprocess.run(
            ["postqueue", "-c", str(self.conf), "-f"], capture_output=True, check=False, timeout=30
        )

    def stop(self) -> None:
        subprocess.run(
            [POSTFIX, "-c", str(self.conf), "stop"], capture_output=True, check=False, timeout=30
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        if not self.maillog.exists():
            return "(no maillog)"
        return "\n".join(self.maillog.read_text(errors="replace").splitlines()[-lines:])
