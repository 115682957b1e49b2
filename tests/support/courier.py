"""The Courier mail server from Debian's packages (courier-mta 1.0.16 and what it needs),
unpacked beside the system (it conflicts with Postfix), run from a temporary directory with
its own control files and queue.

``python3 tests/support/courier.py`` (run by .ci/run as root) downloads the packages with
``apt-get download`` and unpacks them with ``dpkg -x`` into ``ROOT``; the tests only look.

Courier's paths are compiled in (/etc/courier, /var/lib/courier, /run/courier, and the
programs courierd starts under /usr/lib/courier), so courierd runs in a mount namespace of its
own where /usr/lib, /etc and /var are overlays (their upper layers in the instance's
directory, nothing written to the machine), with the unpacked /usr/lib/courier, this
instance's control files and queue bound over those paths, a private /run, the ``courier``
user it runs as, and an ld.so.cache that lists the unpacked libraries (courier's programs
start each other with a cleared environment). The bed's SMTP front (``CourierFront``) hands
each message to Courier's sendmail inside that namespace (``nsenter``), with the DSN NOTIFY
the bed gives for its sender (``-N``). courieresmtp sends every domain of ``esmtproutes`` to
its relay and port (courier(8)); other domains are looked up in DNS. Courier logs only to
syslog.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aiosmtpd.smtp import SMTP, Envelope, Session

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("COURIER_TEST_ROOT", unpacked.CACHE / "courier"))
PACKAGES = (
    "courier-mta",
    "courier-base",
    "courier-authlib",
    "libcourier-unicode4",
    "libidn12",
    "libltdl7",  # authdaemond's (the receivers' bed looks up accounts through it)
)
HOSTNAME = "courier.test"
USER = "courier"  # Debian's build runs Courier as this user
SUBMIT_TIMEOUT = 30.0  # seconds one sendmail run may take
# courier's sendmail -N keywords for the RFC 3461 NOTIFY values
NOTIFY = {"FAILURE": "fail", "DELAY": "delay", "SUCCESS": "success", "NEVER": "never"}


def binary(root: Path = ROOT) -> Path:
    return root / "usr/lib/courier/courier/courierd"


def _libraries(root: Path = ROOT) -> list[Path]:
    """Where the unpacked libraries are (courier-authlib's in /usr/lib itself)."""
    return [root / unpacked.LIBRARIES, root / "usr/lib"]


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked Courier cannot run here, or None when it can."""
    if shutil.which("nsenter") is None:
        return "nsenter is missing (Debian: util-linux)"
    if not binary(root).exists():
        return (
            f"{binary(root)} is not unpacked (Debian package {PACKAGES[0]}: run "
            "`python3 tests/support/courier.py` as root, as .ci/run does)"
        )
    path = ":".join(str(d) for d in _libraries(root))
    authdaemond = root / "usr/lib/courier/courier-authlib/authdaemond"
    linked = subprocess.run(
        ["ldd", str(binary(root)), str(authdaemond)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LD_LIBRARY_PATH": path},
    )
    absent = [line.split()[0] for line in linked.stdout.splitlines() if "not found" in line]
    if absent:
        return f"the unpacked courierd lacks libraries {absent} (re-run tests/support/courier.py)"
    return None


# Inside courierd's new mount namespace: $0 the instance directory, $1 the unpacked root.
_NAMESPACE = r"""
set -e
i="$0"; u="$1"
mount -t tmpfs tmpfs "$i/ov"  # the overlays' upper layers, gone with the namespace
# an overlay shows the directory, not what is mounted inside it (the bed's resolv.conf)
cp /etc/resolv.conf "$i/resolv.conf"
for d in usr/lib etc var; do
    n=$(echo "$d" | tr / _)
    mkdir -p "$i/ov/$n/up" "$i/ov/$n/work"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$i/ov/$n/up,workdir=$i/ov/$n/work" "/$d"
done
mount -t tmpfs tmpfs /run
mkdir -p /usr/lib/courier /etc/courier /var/lib/courier /run/courier
mount --bind "$u/usr/lib/courier" /usr/lib/courier
mount --bind "$i/etc" /etc/courier
mount --bind "$i/spool" /var/lib/courier
mount --bind "$i/ld.so.cache" /etc/ld.so.cache
mount --bind "$i/resolv.conf" /etc/resolv.conf
grep -q "^courier:" /etc/passwd || {
    echo "courier:x:64990:64990::/nonexistent:/bin/false" >> /etc/passwd
    echo "courier:x:64990:" >> /etc/group
}
chown -R courier:courier /var/lib/courier /run/courier
cd /usr
set -a
. /etc/courier/courierd
ESMTP_BLOCKBACKSCATTER=
ESMTP_USE_STARTTLS=0
exec /usr/lib/courier/courier/courierd
"""


@dataclass
class Courier:
    """courierd with ``routes`` (domain: 127.0.0.1 port) in esmtproutes; ``queuetime``,
    ``warntime`` and the retry schedule as its control files say them (courier(8))."""

    routes: dict[str, int]
    queuetime: str = "8s"
    warntime: str = "2s"
    retryalpha: str = "1s"
    retrybeta: str = "3"
    retrygamma: str = "1s"
    timeout: str = "5s"  # esmtptimeoutconnect and esmtptimeouthelo, for every host
    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="courier-")))
    process: asyncio.subprocess.Process | None = None
    log: list[str] = field(default_factory=list)

    @property
    def errors(self) -> Path:
        return self.root / "courierd.err"

    def write_config(self) -> None:
        """The unpacked control files and queue, with this instance's settings."""
        self.root.chmod(0o755)
        shutil.copytree(ROOT / "etc/courier", self.root / "etc")
        shutil.copytree(ROOT / "var/lib/courier", self.root / "spool")
        (self.root / "spool/sts").mkdir(exist_ok=True)
        routes = "".join(f"{d}:[127.0.0.1],{p}\n" for d, p in self.routes.items())
        settings = {
            "me": HOSTNAME,
            "locals": HOSTNAME,
            "esmtproutes": routes.rstrip("\n"),
            "queuetime": self.queuetime,
            "warntime": self.warntime,
            "retryalpha": self.retryalpha,
            "retrybeta": self.retrybeta,
            "retrygamma": self.retrygamma,
            "retrymaxdelta": "1",
            "esmtptimeoutconnect": self.timeout,
            "esmtptimeouthelo": self.timeout,
        }
        for name, value in settings.items():
            (self.root / "etc" / name).write_text(f"{value}\n", encoding="utf-8")
        (self.root / "ov").mkdir()
        conf = self.root / "ld.so.conf"
        conf.write_text(
            "include /etc/ld.so.conf\n" + "".join(f"{d}\n" for d in _libraries()),
            encoding="utf-8",
        )
        cache = self.root / "ld.so.cache"
        subprocess.run(["ldconfig", "-X", "-f", str(conf), "-C", str(cache)], check=True)

    async def start(self) -> None:
        self.write_config()
        self.process = await asyncio.create_subprocess_exec(
            "unshare",
            "--mount",
            "--pid",  # courierd forks and its modules outlive it: all end with this namespace
            "--kill-child",  # ... when unshare ends (its child is the namespace's first process)
            "sh",
            "-c",
            _NAMESPACE,
            str(self.root),
            str(ROOT),
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=self.errors.open("wb"),
        )
        await asyncio.sleep(0.5)  # its mounts before the first message (nsenter joins them)
        if self.process.returncode is not None:
            said = self.errors.read_text(errors="replace").strip()
            raise RuntimeError(f"courierd exited {self.process.returncode}: {said[-500:]}")

    async def submit(self, sender: str, recipients: list[str], content: bytes, notify: str) -> int:
        """Hand one message to Courier's sendmail in courierd's namespace; its exit status."""
        assert self.process is not None
        keywords = ",".join(NOTIFY[n] for n in notify.upper().split(",") if n in NOTIFY)
        command = (
            "nsenter",
            f"--mount=/proc/{self.process.pid}/ns/mnt",
            str(ROOT / "usr/sbin/sendmail"),
            "-f",
            sender,
            *(("-N", keywords) if keywords else ()),
            *recipients,
        )
        process = await asyncio.create_subprocess_exec(
            *command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            async with asyncio.timeout(SUBMIT_TIMEOUT):
                output, _ = await process.communicate(content.replace(b"\r\n", b"\n"))
        except TimeoutError:
            process.kill()
            output, _ = await process.communicate()
        code = process.returncode if process.returncode is not None else -1
        said = output.decode(errors="replace").strip()
        said = f": {said}" if said else ""
        self.log.append(f"sendmail {' '.join(recipients)}: exit {code}{said}")
        return code

    def log_tail(self, lines: int = 40) -> str:
        queue = self.root / "spool/msgq"
        left = sorted(str(p.relative_to(queue)) for p in queue.rglob("*")) if queue.exists() else []
        return "\n".join([*self.log[-lines:], f"left in the queue: {left}"])

    async def stop(self) -> None:
        process = self.process
        if process is not None and process.returncode is None:
            # the end of the PID namespace's init (unshare's child, which unshare then reaps)
            # ends every process in it
            _kill_children(process.pid)
            try:
                async with asyncio.timeout(10):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def _kill_children(pid: int) -> None:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()
    except OSError:
        return
    for child in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(child), signal.SIGKILL)


@dataclass
class CourierFront(unpacked.Front):
    """An SMTP server on 127.0.0.1 that hands each message it is sent to ``courier``'s
    sendmail, answering 250 when sendmail took it; ``notify`` gives the DSN NOTIFY for an
    envelope sender (aiosmtpd refuses RCPT parameters, so the bed says it this way)."""

    courier: Courier
    notify: Callable[[str], str] = lambda sender: "FAILURE"
    port: int = 0
    _server: asyncio.Server | None = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        code = await self.courier.submit(
            envelope.mail_from or "",
            list(envelope.rcpt_tos),
            envelope.original_content or b"",
            self.notify(envelope.mail_from or ""),
        )
        return "250 2.0.0 Ok: handed to Courier" if code == 0 else f"451 4.3.0 exit {code}"

    async def start_mta(self) -> None:
        await self.courier.start()

    async def stop_mta(self) -> None:
        await self.courier.stop()


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
