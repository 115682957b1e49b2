"""A real Sendmail from Debian's packages, unpacked beside the system (Debian's MTA packages
conflict with Postfix), run in the foreground with its own generated sendmail.cf and queue
directory on a loopback port.

``python3 tests/support/sendmail.py`` (run by .ci/run as root) downloads sendmail-bin,
sendmail-base, sendmail-cf and m4 with ``apt-get download`` and unpacks them with
``dpkg -x`` into ``ROOT``; the tests only look. The configuration is generated at start by
the unpacked m4 from the unpacked cf/m4 files (a .mc as cf/README describes), with one mailer
per scripted server: sendmail's TCP mailers take their port from the mailer's ``A=TCP $h
PORT``, so each routed domain gets its own mailer and a ruleset-0 line that picks it.
Sendmail logs only to syslog: ``-X`` writes the SMTP traffic of its mailers to a file
instead, which is what a failing run shows.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("SENDMAIL_TEST_ROOT", unpacked.CACHE / "sendmail"))
PACKAGES = ("sendmail-bin", "sendmail-base", "sendmail-cf", "m4")
HOSTNAME = "sendmail.test"
# Sendmail canonifies the machine's name before it reads its configuration, and sleeps a
# minute ("My unqualified host name (...) unknown; sleeping for retry", main.c) when that name
# has no dot and does not resolve: it runs in a UTS namespace of its own whose name is
# qualified (the machine's name is left alone).
UTS = ("unshare", "--uts", "sh", "-c", f'hostname {HOSTNAME} && exec "$0" "$@"')


def binary(root: Path = ROOT) -> Path:
    return root / "usr/libexec/sendmail/sendmail"


def m4(root: Path = ROOT) -> Path:
    return root / "usr/bin/m4"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked Sendmail cannot run here, or None when it can."""
    if not m4(root).exists():
        return f"{m4(root)} is not unpacked (run `python3 tests/support/sendmail.py` as root)"
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/sendmail.py")


@dataclass
class Sendmail:
    """One sendmail daemon on 127.0.0.1:``smtpd_port``; ``routes`` maps a domain to the
    127.0.0.1 port its mail goes to, every other domain is looked up in DNS (MX, then A);
    ``queuereturn``, ``queuewarn`` and ``initial`` are its Timeout.queuereturn, .queuewarn and
    .initial."""

    smtpd_port: int
    routes: dict[str, int]
    queuereturn: str = "8s"
    queuewarn: str = "4h"
    queue_interval: str = "1s"
    initial: str = "5m"  # Timeout.initial: the wait for a server's greeting, for every host
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="sendmail-", dir="/var/tmp"))
    )
    process: asyncio.subprocess.Process | None = None

    @property
    def config(self) -> Path:
        return self.root / "sendmail.cf"

    @property
    def log(self) -> Path:
        return self.root / "traffic.log"

    def write_config(self) -> None:
        (self.root / "queue").mkdir(mode=0o700, exist_ok=True)
        self.root.chmod(0o755)
        (self.root / "aliases").write_text("postmaster: root\n", encoding="utf-8")
        mc = self.root / "sendmail.mc"
        mc.write_text(self._mc(), encoding="utf-8")
        cf = subprocess.run(
            [str(m4()), str(mc)], capture_output=True, text=True, check=True, timeout=30
        )
        self.config.write_text(cf.stdout, encoding="utf-8")

    def _mc(self) -> str:
        defines = {
            "confDOMAIN_NAME": HOSTNAME,
            "QUEUE_DIR": str(self.root / "queue"),
            "STATUS_FILE": str(self.root / "statistics"),
            "ALIAS_FILE": str(self.root / "aliases"),
            "confPID_FILE": str(self.root / "sendmail.pid"),
            "confTO_QUEUERETURN": self.queuereturn,
            "confTO_QUEUEWARN": self.queuewarn,
            "confTO_INITIAL": self.initial,
            "confTO_IDENT": "0",  # no RFC 1413 query to each client
            "confQUEUE_LA": "999",  # a loaded machine still runs the queue
            "confREFUSE_LA": "999",
            "confDELAY_LA": "0",
            "confMIN_QUEUE_AGE": "0",
            "confDONT_PROBE_INTERFACES": "True",
        }
        lines = [
            "divert(-1)",
            "divert(0)dnl",
            f"include(`{ROOT}/usr/share/sendmail/cf/m4/cf.m4')dnl",
            "OSTYPE(`linux')dnl",
            *(f"define(`{k}', `{v}')dnl" for k, v in defines.items()),
            "FEATURE(`no_default_msa')dnl",  # no second daemon on port 587
            "FEATURE(`nocanonify')dnl",  # no DNS lookup of the addresses' domains
            "FEATURE(`accept_unresolvable_domains')dnl",  # sender.test is not in DNS
            "FEATURE(`promiscuous_relay')dnl",  # the bed's client relays through it
            f"DAEMON_OPTIONS(`Port={self.smtpd_port}, Addr=127.0.0.1, Name=MTA')dnl",
            "MAILER(`smtp')dnl",
            "LOCAL_RULE_0",
        ]
        for n, domain in enumerate(self.routes):
            for dot in ("", " ."):  # with and without the root's dot
                lines.append(
                    f"R$+ < @ {domain}{dot} > $*\t$#port{n} $@ [127.0.0.1] $: $1 < @ {domain} > $2"
                )
        lines.append("MAILER_DEFINITIONS")
        for n, port in enumerate(self.routes.values()):
            # the esmtp mailer's flags (cf/mailer/smtp.m4), and k: the next hop is this host
            lines.append(
                f"Mport{n},\tP=[IPC], F=mDFMuXak, S=EnvFromSMTP/HdrFromSMTP, R=EnvToSMTP, "
                f"E=\\r\\n, L=990, T=DNS/RFC822/SMTP, A=TCP $h {port}"
            )
        return "\n".join(lines) + "\n"

    async def start(self, timeout: float = 20.0) -> None:
        """Run the daemon in the foreground (``-bD``) with a queue run every interval."""
        self.write_config()
        self.process = await asyncio.create_subprocess_exec(
            *UTS,
            str(binary()),
            "-bD",
            f"-q{self.queue_interval}",
            "-C",
            str(self.config),
            "-X",
            str(self.log),
            env=unpacked.environment(binary()),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        await unpacked.wait_listening(
            "sendmail", self.process, self.smtpd_port, timeout, self.log_tail
        )

    async def stop(self) -> None:
        await unpacked.stop(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return unpacked.log_tail([self.log], lines)


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
