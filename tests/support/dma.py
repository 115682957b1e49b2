"""The DragonFly Mail Agent (dma) from Debian's package, unpacked beside the system (it
conflicts with Postfix), with its own configuration and spool in a temporary directory and a
smart host on a loopback port.

``python3 tests/support/dma.py`` (run by .ci/run as root) downloads ``dma`` with ``apt-get
download`` and unpacks it with ``dpkg -x`` into ``ROOT``; the tests only look.

dma listens on no port: a program hands it a message on standard input with the envelope on
its command line, as to sendmail. The bed's SMTP front (``DmaFront``) does that for each
message it is sent. dma reads its configuration only from the compiled-in /etc/dma/dma.conf
(dma.h CONF_PATH): each run binds the directory of this instance over /etc/dma in a mount
namespace of its own, so the bed's namespace needs an /etc/dma to bind over (real_mta.py
makes one in an overlay). dma sends every remote recipient through the smart host, one SMTP
transaction per recipient, and each failed recipient gets a notice of its own (dma.c
deliver(), bounce.c). It writes no delay warnings and gives up on a deferred message only when
its queue file is more than MAX_TIMEOUT (5 days, dma.h) old: each message is queued (``-bq``),
its queue files dated six days back, then the queue is run (``-q``) once, so that a refusal
with 4xx is final at its first attempt, as after five days of refusals.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope, Session

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("DMA_TEST_ROOT", unpacked.CACHE / "dma"))
PACKAGES = ("dma",)
HOSTNAME = "dma.test"
DMA_USER = "mail"  # Debian's DMA_ROOT_USER: dma started as root runs as this user
CONF_DIR = "/etc/dma"  # dma.h CONF_PATH, compiled in
MAX_TIMEOUT = 5 * 24 * 60 * 60  # dma.h: a deferred message is returned after this long
AGE = MAX_TIMEOUT + 24 * 60 * 60  # how far back the bed dates a queued message
RUN_TIMEOUT = 30.0  # seconds one dma run may take


def binary(root: Path = ROOT) -> Path:
    return root / "usr/sbin/dma"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked dma cannot run here, or None when it can."""
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/dma.py")


@dataclass
class Dma:
    """dma with ``smarthost_port`` on 127.0.0.1 as its smart host, its spool and configuration
    in ``root``; ``log`` keeps each run's command, exit status and error output."""

    smarthost_port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="dma-", dir="/var/tmp"))
    )
    log: list[str] = field(default_factory=list)

    @property
    def spool(self) -> Path:
        return self.root / "spool"

    def write_config(self) -> None:
        """The configuration and an empty spool; dma run as root becomes the user ``mail``
        (dma.c main(), DMA_ROOT_USER), which must read the one and write the other."""
        (self.root / "etc").mkdir(exist_ok=True)
        self.spool.mkdir(exist_ok=True)
        self.root.chmod(0o755)
        user = pwd.getpwnam(DMA_USER)
        os.chown(self.spool, user.pw_uid, user.pw_gid)
        settings = {
            "SMARTHOST": "127.0.0.1",
            "PORT": str(self.smarthost_port),
            "SPOOLDIR": str(self.spool),
            "ALIASES": str(self.root / "aliases"),
            "MAILNAME": HOSTNAME,
        }
        (self.root / "aliases").write_text("", encoding="utf-8")
        text = "".join(f"{k} {v}\n" for k, v in settings.items())
        (self.root / "etc/dma.conf").write_text(text, encoding="utf-8")

    async def _run(self, *args: str, stdin: bytes = b"") -> int:
        command = (
            "unshare",
            "--mount",
            "sh",
            "-c",
            f'mount --bind "$0" {CONF_DIR} && exec "$@"',
            str(self.root / "etc"),
            str(binary()),
            *args,
        )
        process = await asyncio.create_subprocess_exec(
            *command,
            env=unpacked.environment(binary()),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            async with asyncio.timeout(RUN_TIMEOUT):
                output, _ = await process.communicate(stdin)
        except TimeoutError:
            process.kill()
            output, _ = await process.communicate()
        code = process.returncode if process.returncode is not None else -1
        said = output.decode(errors="replace").strip()
        self.log.append(f"dma {' '.join(args)}: exit {code}{': ' + said if said else ''}")
        return code

    async def submit(self, sender: str, recipients: list[str], content: bytes) -> int:
        """Queue one message, date it back past MAX_TIMEOUT, run the queue; dma's exit status
        of the queueing (0: taken)."""
        before = set(self.spool.iterdir())
        code = await self._run("-bq", "-i", "-f", sender, *recipients, stdin=content)
        if code != 0:
            return code
        then = time.time() - AGE
        for queued in set(self.spool.iterdir()) - before:
            os.utime(queued, (then, then))
        await self._run("-D", "-q")  # -D: in the foreground, until this run is done
        return 0

    def log_tail(self, lines: int = 40) -> str:
        queued = sorted(p.name for p in self.spool.iterdir()) if self.spool.exists() else []
        return "\n".join([*self.log[-lines:], f"left in the spool: {queued}"])

    def stop(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class DmaFront(unpacked.Front):
    """An SMTP server on 127.0.0.1 that hands each message it is sent to ``dma`` (a program
    calling dma's sendmail interface), answering 250 when dma took it."""

    dma: Dma
    port: int = 0
    _server: asyncio.Server | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        async with self._lock:  # one message at a time: each has its queue run to itself
            code = await self.dma.submit(
                envelope.mail_from or "", list(envelope.rcpt_tos), envelope.original_content or b""
            )
        return "250 2.0.0 Ok: handed to dma" if code == 0 else f"451 4.3.0 dma exited {code}"

    async def start_mta(self) -> None:
        self.dma.write_config()

    async def stop_mta(self) -> None:
        self.dma.stop()


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
