"""chasquid 1.11 (Debian's Go mail server, package ``chasquid``), unpacked beside the system
and run on 127.0.0.1 ports with its own configuration directory, data directory and queue
(the package declares no conflict with Postfix, but installing it would run its postinst,
which enables and starts its service and its systemd sockets on ports 25, 465 and 587).

``python3 tests/support/chasquid.py`` (run by .ci/run as root) downloads ``chasquid`` with
``apt-get download`` and unpacks it with ``dpkg -x`` into ``ROOT``; the tests only look. The
package's own service (systemd sockets on 25, 465, 587) is never started: only the binary is
used, with listening addresses on free loopback ports, run as ``nobody``.

chasquid relays only for an authenticated user, and offers AUTH only over TLS
(smtpsrv/conn.go): the bed's SMTP front (``ChasquidFront``) hands each message it is sent to
chasquid's submission port with STARTTLS and AUTH PLAIN, as a mail client would. The sender's
domain is one of chasquid's local domains, so its notices are delivered locally, through the
mail delivery agent, here a small program that passes the notice on to the bed's capture
server.

chasquid looks each recipient's domain up in DNS (MX, else the name's address) and connects
to port 25, or to the port of its testing flag ``-testing__outgoing_smtp_port``: one port for
every host. The bed's name server gives each routed domain an address of its own on the
loopback network (``ADDRESSES``), where a forwarder on that one port passes the connection on
to the domain's scripted server.

chasquid 1.11 retries a temporary failure after a minute, then 5, 10 and 20 minutes, and gives
up when the queue item is 20 hours old (queue.go: nextDelay, giveUpAfter, compiled in; no
setting for it before 1.12); it writes no delay warnings (SendLoop's TODO). Once every message
was tried once, the bed stops chasquid, dates the items still queued 21 hours back
(``created_at_ts`` in each item's text protobuf) and starts it again: on loading its queue
chasquid finds them past the 20 hours and returns each with its last reply (SendLoop), as it
would after 20 hours of refusals. Each recipient is sent in an SMTP transaction of its own
(SendLoop runs sendOneRcpt per recipient).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import aiosmtplib
    from aiosmtpd.smtp import SMTP, Envelope, Session

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("CHASQUID_TEST_ROOT", unpacked.CACHE / "chasquid"))
PACKAGES = ("chasquid",)
HOSTNAME = "chasquid.test"
USER = "bed"  # the submitting user, in the sender's (local) domain
PASSWORD = "bed-password"
GIVE_UP_AFTER = 20 * 60 * 60  # queue.go giveUpAfter, compiled in
AGE = GIVE_UP_AFTER + 60 * 60  # how far back the bed dates a queued item
SETTLE = 1.5  # seconds without a submission and without an untried recipient before aging
RUN_USER = "nobody"  # chasquid needs no privilege: it listens on high ports only

# The mail delivery agent (stdlib only: run by the system's python3 as RUN_USER): the notice
# on standard input, passed to the capture server with the null sender of a notice. chasquid
# names the local recipient with its "+suffix" removed ("%to%", suffix_separators), so the
# notice goes to the address of its own To header (dsn.go: "To: <{{.Destination}}>", the
# original sender), the one the bed waits for.
MDA = """import email.utils, re, smtplib, sys
to, port = sys.argv[1], int(sys.argv[2])
raw = re.sub(rb"\\r?\\n", b"\\r\\n", sys.stdin.buffer.read())  # SMTP's line ends
for line in raw.split(b"\\r\\n\\r\\n", 1)[0].decode("utf-8", "replace").splitlines():
    if line.lower().startswith("to:"):
        to = email.utils.parseaddr(line[3:])[1] or to
with smtplib.SMTP("127.0.0.1", port, timeout=20) as client:
    client.sendmail("<>", [to], raw)
"""
PYTHON = "/usr/bin/python3"


def binary(root: Path = ROOT) -> Path:
    return root / "usr/bin/chasquid"


def util(root: Path = ROOT) -> Path:
    return root / "usr/bin/chasquid-util"


def missing(root: Path = ROOT) -> str | None:
    """Why the unpacked chasquid cannot run here, or None when it can."""
    return unpacked.missing(binary(root), PACKAGES[0], "tests/support/chasquid.py")


def addresses(domains: list[str]) -> dict[str, str]:
    """A loopback address of its own for each routed domain, in the order given."""
    return {d: f"127.0.0.{n}" for n, d in enumerate(domains, start=2)}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Chasquid:
    """chasquid with ``local_domain`` its own (notices to it go to 127.0.0.1:``capture_port``),
    every other domain looked up in DNS and reached on ``outgoing_port``."""

    local_domain: str
    capture_port: int
    outgoing_port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="chasquid-", dir="/var/tmp"))
    )
    submission_port: int = field(default_factory=_free_port)
    smtp_port: int = field(default_factory=_free_port)
    users: tuple[str, ...] = ()  # more users of local_domain (local parts)
    # the mail delivery agent and its arguments (None: MDA, to the capture server)
    mda: tuple[str, ...] | None = None
    hook: str | None = None  # the post-data hook's text (hooks/post-data), if any
    max_data_size_mb: int | None = None
    process: asyncio.subprocess.Process | None = None
    restarts: int = 0

    @property
    def config(self) -> Path:
        return self.root / "etc"

    @property
    def queue(self) -> Path:
        return self.root / "data/queue"

    @property
    def log(self) -> Path:
        return self.root / "chasquid.log"

    def write_config(self) -> None:
        """chasquid.conf, a self-signed certificate, the submitting user, the MDA."""
        domains = self.config / "domains" / self.local_domain
        certs = self.config / "certs" / HOSTNAME
        for directory in (domains, certs, self.root / "data"):
            directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                f"/CN={HOSTNAME}",
                "-keyout",
                str(certs / "privkey.pem"),
                "-out",
                str(certs / "fullchain.pem"),
            ],
            check=True,
            capture_output=True,
        )
        (self.root / "mda.py").write_text(MDA, encoding="utf-8")
        mda = self.mda or (PYTHON, str(self.root / "mda.py"), "%to%", str(self.capture_port))
        if self.hook is not None:
            (self.config / "hooks").mkdir()
            (self.config / "hooks/post-data").write_text(self.hook, encoding="utf-8")
            (self.config / "hooks/post-data").chmod(0o755)
        settings = [
            f'hostname: "{HOSTNAME}"',
            f'smtp_address: "127.0.0.1:{self.smtp_port}"',
            f'submission_address: "127.0.0.1:{self.submission_port}"',
            f'submission_over_tls_address: "127.0.0.1:{_free_port()}"',
            f'data_dir: "{self.root / "data"}"',
            f'mail_log_path: "{self.root / "mail.log"}"',
            f'mail_delivery_agent_bin: "{mda[0]}"',
            *(f'mail_delivery_agent_args: "{arg}"' for arg in mda[1:]),
        ]
        if self.max_data_size_mb is not None:
            settings.append(f"max_data_size_mb: {self.max_data_size_mb}")
        (self.config / "chasquid.conf").write_text("\n".join(settings) + "\n", encoding="utf-8")
        for user in (USER, *self.users):
            subprocess.run(
                [
                    str(util()),
                    f"--configdir={self.config}",
                    "user-add",
                    f"{user}@{self.local_domain}",
                    f"--password={PASSWORD}",
                ],
                check=True,
                capture_output=True,
                env=unpacked.environment(binary()),
            )
        subprocess.run(["chown", "-R", f"{RUN_USER}:nogroup", str(self.root)], check=True)
        self.root.chmod(0o755)

    async def start(self, timeout: float = 30.0) -> None:
        """Run chasquid in the foreground as ``RUN_USER``, its log to a file."""
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                "setpriv",
                f"--reuid={RUN_USER}",
                "--regid=nogroup",
                "--clear-groups",
                str(binary()),
                f"-config_dir={self.config}",
                f"-testing__outgoing_smtp_port={self.outgoing_port}",
                "-alsologtostderr",
                "-v=1",
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**unpacked.environment(binary()), "HOME": str(self.root)},
            )
        await unpacked.wait_listening(
            "chasquid", self.process, self.submission_port, timeout, self.log_tail
        )

    async def halt(self) -> None:
        """Stop chasquid, keeping its directory."""
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()

    def queued(self) -> list[Path]:
        return sorted(self.queue.glob("m:*")) if self.queue.exists() else []

    def queued_texts(self) -> list[tuple[Path, str]]:
        """Each queued item with its text, leaving out any chasquid removed between the
        listing and the read (a message done with while the bed looks)."""
        found = []
        for item in self.queued():
            try:
                found.append((item, item.read_text(encoding="utf-8", errors="replace")))
            except FileNotFoundError:
                continue
        return found

    def settled(self) -> bool:
        """Whether the queue holds only messages that wait for a retry: each was tried once
        and still has a recipient pending, each pending one with its last failure. A message
        done with (its notice being written or delivered, or a notice itself, from "<>") would
        be loaded again by a restart and its notice written twice (SendLoop returns whatever
        failed or is pending, queue.go), so none may be in the queue."""
        for _item, text in self.queued_texts():
            if re.search(r'^from:\s*"<>"', text, re.M):
                return False
            recipients = re.findall(r"rcpt:?\s*\{(.*?)\n\}", text, re.S)
            # PENDING is the enum's zero value, which the text format leaves out
            pending = [r for r in recipients if not re.search(r"status:\s*(?!PENDING)\w", r)]
            if not pending or not all("last_failure_message:" in r for r in pending):
                return False
        return True

    def waiting(self) -> list[Path]:
        """The queued messages of a sender that wait for a retry."""
        return [
            item
            for item, text in self.queued_texts()
            if not re.search(r'^from:\s*"<>"', text, re.M)
        ]

    async def expire(self) -> None:
        """Stop chasquid, date every waiting item back past giveUpAfter, start it again."""
        await self.halt()
        for item in self.waiting():
            text = item.read_text(encoding="utf-8")
            # created_at_ts { seconds: N nanos: M }: the item's only Timestamp
            dated = re.sub(
                r"(created_at_ts\s*:?\s*\{\s*seconds:\s*)(\d+)",
                lambda m: f"{m.group(1)}{int(m.group(2)) - AGE}",
                text,
            )
            item.write_text(dated, encoding="utf-8")
        self.restarts += 1
        await self.start()

    async def stop(self) -> None:
        await unpacked.stop(self.process, self.root)

    def log_tail(self, lines: int = 40) -> str:
        return unpacked.log_tail([self.log, self.root / "mail.log"], lines)


@dataclass
class Forwarder:
    """Connections to ``host``:``port`` passed on to 127.0.0.1:``target``."""

    host: str
    port: int
    target: int
    _server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, self.host, self.port)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(
                "127.0.0.1", self.target
            )
        except OSError:
            writer.close()
            return

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except OSError:
                pass
            finally:
                sink.close()

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()


@dataclass
class ChasquidFront(unpacked.Front):
    """An SMTP server on 127.0.0.1 that hands each message it is sent to chasquid's submission
    port (STARTTLS, AUTH PLAIN), answering with chasquid's reply; a task ages the queue once
    every message was tried (``Chasquid.expire``)."""

    chasquid: Chasquid
    routes: dict[str, int]  # domain: the 127.0.0.1 port of its server (none: nothing listens)
    port: int = 0
    _server: asyncio.Server | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _forwarders: list[Forwarder] = field(default_factory=list)
    _ager: asyncio.Task[None] | None = None
    _last_submission: float = 0.0
    _session: aiosmtplib.SMTP | None = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        import aiosmtplib

        async with self._lock:
            self._last_submission = time.monotonic()
            try:
                for attempt in (1, 2):  # once more on a new session: chasquid was restarted
                    try:
                        client = await self._client()
                        await client.sendmail(
                            envelope.mail_from or "",
                            list(envelope.rcpt_tos),
                            envelope.original_content or b"",
                        )
                        break
                    except (aiosmtplib.SMTPServerDisconnected, OSError):
                        await self._close_client()
                        if attempt == 2:
                            raise
            except (aiosmtplib.SMTPException, OSError) as exc:
                await self._close_client()
                return f"451 4.3.0 chasquid did not take it: {exc}"
            finally:
                self._last_submission = time.monotonic()
        return "250 2.0.0 Ok: handed to chasquid"

    async def _client(self) -> aiosmtplib.SMTP:
        """One submission session (STARTTLS, AUTH PLAIN) kept for the messages that follow."""
        import aiosmtplib

        if self._session is None or not self._session.is_connected:
            session = aiosmtplib.SMTP(
                hostname="127.0.0.1",
                port=self.chasquid.submission_port,
                start_tls=True,
                validate_certs=False,
                timeout=30,
            )
            await session.connect()
            await session.login(f"{USER}@{self.chasquid.local_domain}", PASSWORD)
            self._session = session
        return self._session

    async def _close_client(self) -> None:
        session, self._session = self._session, None
        if session is not None and session.is_connected:
            with contextlib.suppress(Exception):
                await session.quit()

    async def _age(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            async with self._lock:
                quiet = time.monotonic() - self._last_submission > SETTLE
                if (
                    self._last_submission
                    and quiet
                    and self.chasquid.waiting()
                    and self.chasquid.settled()
                ):
                    await self._close_client()
                    await self.chasquid.expire()

    async def start_mta(self) -> None:
        where = addresses(list(self.routes))
        for domain, port in self.routes.items():
            if port:
                forwarder = Forwarder(where[domain], self.chasquid.outgoing_port, port)
                await forwarder.start()
                self._forwarders.append(forwarder)
        await asyncio.to_thread(self.chasquid.write_config)
        await self.chasquid.start()
        self._ager = asyncio.create_task(self._age())

    async def stop_mta(self) -> None:
        await self._close_client()
        if self._ager is not None:
            self._ager.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ager
        for forwarder in self._forwarders:
            await forwarder.stop()
        await self.chasquid.stop()


if __name__ == "__main__":
    unpacked.main(sys.argv, PACKAGES, ROOT, binary, missing)
