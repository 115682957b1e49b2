"""A real OpenSMTPD from Debian's package, unpacked beside the system (it conflicts with
Postfix), run in the foreground with its own configuration file on a loopback port.

``python3 tests/support/opensmtpd.py`` (run by .ci/run as root) downloads and unpacks it into
``ROOT``. Its spool (/var/spool/smtpd), chroot (/var/lib/opensmtpd/empty), control socket
(/run/smtpd.sock) and users (opensmtpd, opensmtpq) are compiled in: the test bed gives it
those in a private mount namespace (tests/support/real_mta.py), never on the machine.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("OPENSMTPD_TEST_ROOT", unpacked.CACHE / "opensmtpd"))
PACKAGES = ("opensmtpd",)
USERS = ("opensmtpd", "opensmtpq")  # compiled into Debian's binary
SPOOL = Path("/var/spool/smtpd")
CHROOT = Path("/var/lib/opensmtpd/empty")


def binary(root: Path = ROOT) -> Path:
    return root / "usr/sbin/smtpd"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked OpenSMTPD cannot run here, or None when it can."""
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/opensmtpd.py")


@dataclass
class OpenSmtpd:
    """One smtpd on 127.0.0.1:``smtpd_port``; ``routes`` maps a domain to the 127.0.0.1 port
    its mail is relayed to, every other domain is looked up in DNS; ``ttl`` is the queue
    lifetime, ``warn`` the delay before a delay warning (both smtpd.conf delays)."""

    smtpd_port: int
    routes: dict[str, int]
    ttl: str = "8s"
    warn: str = "4h"
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="osmtpd-")))
    process: asyncio.subprocess.Process | None = None

    @property
    def config(self) -> Path:
        return self.root / "smtpd.conf"

    @property
    def log(self) -> Path:
        return self.root / "smtpd.log"

    def write_config(self) -> None:
        lines = [
            f"queue ttl {self.ttl}",
            f"bounce warn-interval {self.warn}",
            f"listen on 127.0.0.1 port {self.smtpd_port}",
        ]
        for n, port in enumerate(self.routes.values()):
            lines.append(f'action "route{n}" relay host smtp://127.0.0.1:{port}')
        lines.append('action "dns" relay')
        for n, domain in enumerate(self.routes):
            lines.append(f'match from any for domain "{domain}" action "route{n}"')
        lines.append('match from any for any action "dns"')
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    async def start(self, timeout: float = 20.0) -> None:
        """Run smtpd in the foreground (``-d``), its log written to ``log``."""
        self.write_config()
        with self.log.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                str(binary()),
                "-d",
                "-f",
                str(self.config),
                env=unpacked.environment(binary()),
                stdout=log,
                stderr=log,
            )
        await unpacked.wait_listening(
            "smtpd", self.process, self.smtpd_port, timeout, self.log_tail
        )

    async def stop(self) -> None:
        await unpacked.stop(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return unpacked.log_tail([self.log], lines)


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
