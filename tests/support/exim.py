"""A real Exim from Debian's packages, unpacked beside the system (Debian's MTA packages
conflict with Postfix), run with its own configuration file and spool on loopback ports.

``python3 tests/support/exim.py`` (run by .ci/run as root) downloads the packages with
``apt-get download`` and unpacks them with ``dpkg -x`` into ``ROOT``; the tests only look.
Debian's binary has its user, ``Debian-exim``, compiled in and refuses to start where that
user does not exist: the test bed runs it in a private mount namespace that adds the user
(tests/support/real_mta.py), so the machine's own accounts are never changed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("EXIM_TEST_ROOT", unpacked.CACHE / "exim"))
PACKAGES = ("exim4-daemon-light", "exim4-base", "exim4-config")
USER = "Debian-exim"  # compiled into Debian's binary (EXIM_USER=ref:Debian-exim)


def binary(root: Path = ROOT) -> Path:
    return root / "usr/sbin/exim4"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked Exim cannot run here, or None when it can."""
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/exim.py")


@dataclass
class Exim:
    """One Exim daemon on 127.0.0.1:``smtpd_port``; ``routes`` maps a domain to the
    127.0.0.1 port its mail goes to, every other domain is looked up in DNS; ``settings``
    are more main-section options (retry and warning times)."""

    smtpd_port: int
    routes: dict[str, int]
    settings: dict[str, str] = field(default_factory=dict)
    retry: str = "F,8s,1s"
    transport_options: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per domain
    # more routers (tried before the routes) and transports, as configuration lines
    routers: tuple[str, ...] = ()
    transports: tuple[str, ...] = ()
    queue_interval: str = "1s"
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="exim-", dir="/var/tmp"))
    )
    process: asyncio.subprocess.Process | None = None

    @property
    def config(self) -> Path:
        return self.root / "exim.conf"

    def write_config(self) -> None:
        for sub in ("spool", "log"):
            (self.root / sub).mkdir(exist_ok=True)
            shutil.chown(self.root / sub, USER, USER)
        self.root.chmod(0o755)
        self.config.write_text(self._text(), encoding="utf-8")

    def _text(self) -> str:
        main = {
            "primary_hostname": "exim.test",
            "qualify_domain": "exim.test",
            "exim_path": str(binary()),
            "keep_environment": "LD_LIBRARY_PATH",  # not purged: the first re-execs still need it
            "spool_directory": str(self.root / "spool"),
            "log_file_path": str(self.root / "log" / "%slog"),
            "pid_file_path": str(self.root / "exim.pid"),
            "local_interfaces": f"<; 127.0.0.1.{self.smtpd_port}",
            "acl_smtp_rcpt": "accept",
            "dsn_advertise_hosts": "*",
            "timeout_frozen_after": "30s",
            "ignore_bounce_errors_after": "0s",
            **self.settings,
        }
        lines = [f"{k} = {v}" for k, v in main.items()]
        lines += ["", "begin routers", *self.routers]
        for n, domain in enumerate(self.routes):
            lines += [
                f"route{n}:",
                "  driver = manualroute",
                f"  domains = {domain}",
                "  route_list = * 127.0.0.1",
                "  self = send",  # the next hop is on this machine; send to it all the same
                f"  transport = port{n}",
            ]
        # the DNS route's transport: named apart from the routes' (port<n>), of which there
        # may be more than 25
        lines += ["dns:", "  driver = dnslookup", "  transport = dns_port25", "  no_more"]
        lines += ["", "begin transports"]
        ports = [*self.routes.values(), 25]
        domains = [*self.routes, ""]
        for n, port in enumerate(ports):
            name = f"port{n}" if n < len(self.routes) else "dns_port25"
            lines += [f"{name}:", "  driver = smtp", f"  port = {port}", "  allow_localhost"]
            lines += [f"  {option}" for option in self.transport_options.get(domains[n], ())]
        lines += self.transports
        lines += ["", "begin retry", f"* * {self.retry}", ""]
        return "\n".join(lines)

    async def start(self, timeout: float = 20.0) -> None:
        """Run the daemon in the foreground (``-bdf``) with a queue runner every interval."""
        self.write_config()
        self.process = await asyncio.create_subprocess_exec(
            str(binary()),
            "-C",
            str(self.config),
            "-bdf",
            f"-q{self.queue_interval}",
            env=unpacked.environment(binary()),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        await unpacked.wait_listening("exim", self.process, self.smtpd_port, timeout, self.log_tail)

    async def stop(self) -> None:
        await unpacked.stop(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return unpacked.log_tail([self.root / "log" / n for n in ("mainlog", "paniclog")], lines)


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
