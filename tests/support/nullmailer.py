"""nullmailer from Debian's package, unpacked beside the system (it conflicts with Postfix),
with its configuration, queue and programs under a temporary directory and a smart host on a
loopback port.

``python3 tests/support/nullmailer.py`` (run by .ci/run as root) downloads ``nullmailer`` with
``apt-get download`` and unpacks it with ``dpkg -x`` into ``ROOT``; the tests only look.

nullmailer listens on no port and has no routing of its own: every message goes to the smart
hosts of its ``remotes`` file. Its programs find their files under NULLMAILER_TEST_PREFIX when
that is set (lib/config_path.cc: ``<prefix>/conf``, ``<prefix>/queue``, ``<prefix>/protocols``,
``<prefix>/bin``, ``<prefix>/sbin``, and ``<prefix>/mailname`` for the host name), so an
instance needs no mount namespace: the prefix holds links to the unpacked programs, and a copy
of nullmailer-queue without its set-user-id bit (a set-user-id program ignores the prefix).
The bed's SMTP front (``NullmailerFront``) queues each message it is sent with nullmailer-queue
(the envelope on the first lines of its input, doc/nullmailer-queue.8); one nullmailer-send
runs the queue. On a permanent failure, or when a message is older than ``queuelifetime``,
nullmailer-send moves it to ``failed`` and queues the notice nullmailer-dsn writes to its
sender (doc/nullmailer-send.8), through the same smart host. It writes no delay warnings.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope, Session

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("NULLMAILER_TEST_ROOT", unpacked.CACHE / "nullmailer"))
PACKAGES = ("nullmailer",)
HOSTNAME = "nullmailer.test"
QUEUE_TIMEOUT = 30.0  # seconds one nullmailer-queue run may take


def binary(root: Path = ROOT) -> Path:
    return root / "usr/sbin/nullmailer-send"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked nullmailer cannot run here, or None when it can."""
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/nullmailer.py")


@dataclass
class Nullmailer:
    """nullmailer-send with ``smarthost_port`` on 127.0.0.1 as its one remote, its files under
    ``root`` (NULLMAILER_TEST_PREFIX); ``queuelifetime`` and ``pausetime`` in seconds."""

    smarthost_port: int
    queuelifetime: int = 8
    pausetime: int = 1
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="nullmailer-", dir="/var/tmp"))
    )
    process: asyncio.subprocess.Process | None = None
    queued: list[str] = field(default_factory=list)  # each nullmailer-queue run's failures

    @property
    def log(self) -> Path:
        return self.root / "send.log"

    def environment(self) -> dict[str, str]:
        return {**unpacked.environment(binary()), "NULLMAILER_TEST_PREFIX": str(self.root)}

    def write_config(self) -> None:
        """The control files, the queue directories and trigger, the programs' links."""
        conf, queue = self.root / "conf", self.root / "queue"
        for directory in (conf, queue / "queue", queue / "tmp", queue / "failed"):
            directory.mkdir(parents=True, exist_ok=True)
        os.mkfifo(queue / "trigger")
        (self.root / "mailname").write_text(f"{HOSTNAME}\n", encoding="utf-8")
        settings = {
            "remotes": f"127.0.0.1 smtp port={self.smarthost_port}",
            "pausetime": str(self.pausetime),
            "maxpause": str(self.pausetime),  # no doubling of the pause between queue runs
            "queuelifetime": str(self.queuelifetime),
            "sendtimeout": "30",
        }
        for name, value in settings.items():
            (conf / name).write_text(f"{value}\n", encoding="utf-8")
        unpacked_root = binary().parents[2]
        links = {
            "protocols/smtp": "usr/lib/nullmailer/smtp",
            "bin/nullmailer-dsn": "usr/bin/nullmailer-dsn",
            "sbin/nullmailer-send": "usr/sbin/nullmailer-send",
        }
        for link, target in links.items():
            (self.root / link).parent.mkdir(exist_ok=True)
            (self.root / link).symlink_to(unpacked_root / target)
        queue_program = self.root / "sbin/nullmailer-queue"
        shutil.copyfile(unpacked_root / "usr/sbin/nullmailer-queue", queue_program)
        queue_program.chmod(0o755)  # without set-user-id: it reads the prefix then

    async def start(self) -> None:
        self.write_config()
        with self.log.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                str(binary()),
                env=self.environment(),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )

    async def queue(self, sender: str, recipients: list[str], content: bytes) -> int:
        """Queue one message with nullmailer-queue; its exit status (0: queued)."""
        envelope = "".join(f"{line}\n" for line in (sender, *recipients, "")).encode()
        process = await asyncio.create_subprocess_exec(
            str(self.root / "sbin/nullmailer-queue"),
            env=self.environment(),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            async with asyncio.timeout(QUEUE_TIMEOUT):
                output, _ = await process.communicate(envelope + content.replace(b"\r\n", b"\n"))
        except TimeoutError:
            process.kill()
            output, _ = await process.communicate()
        code = process.returncode if process.returncode is not None else -1
        if code != 0:
            self.queued.append(f"nullmailer-queue: exit {code}: {output.decode(errors='replace')}")
        return code

    def log_tail(self, lines: int = 40) -> str:
        said = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        said = [line for line in said if line != "Rescanning queue."]  # once a second
        return "\n".join([*self.queued[-5:], *said[-lines:]])

    async def stop(self) -> None:
        await unpacked.stop(self.process, self.root)


@dataclass
class NullmailerFront(unpacked.Front):
    """An SMTP server on 127.0.0.1 that queues each message it is sent in ``nullmailer``,
    answering 250 when nullmailer-queue took it."""

    nullmailer: Nullmailer
    port: int = 0
    _server: asyncio.Server | None = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        code = await self.nullmailer.queue(
            envelope.mail_from or "", list(envelope.rcpt_tos), envelope.original_content or b""
        )
        return "250 2.0.0 Ok: queued by nullmailer" if code == 0 else f"451 4.3.0 exit {code}"

    async def start_mta(self) -> None:
        await self.nullmailer.start()

    async def stop_mta(self) -> None:
        await self.nullmailer.stop()


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
