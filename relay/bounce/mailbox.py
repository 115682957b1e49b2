"""Reading bounces from a mailbox: a Maildir folder or an IMAP mailbox.

Each message is parsed and recorded, then moved (never deleted): to the processed folder, or
to the quarantine folder when it is not a bounce we can read. A message whose recording
failed stays where it is and is read again at the next poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import imaplib
import logging
import mailbox
import os
import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from config import MailboxKind, MailboxSettings, Settings, UpstreamTLS
from relay.bounce.recorder import BounceRecorder, Outcome
from storage.engine import StoreUnavailable

# named as before relay/ was split into flows, so that log filters keep working
log = logging.getLogger("relay.mailbox")


@dataclass(frozen=True, slots=True)
class Fetched:
    key: str
    raw: bytes


@runtime_checkable
class MailboxSource(Protocol):
    """Somewhere returned messages wait to be read."""

    def fetch(self, limit: int) -> list[Fetched]:
        """Up to ``limit`` waiting messages (blocking: called in a thread)."""
        ...

    def settle(self, key: str, *, quarantine: bool) -> None:
        """Move a message out of the way: to the processed or the quarantine folder."""
        ...

    def close(self) -> None: ...


class MaildirSource:
    """A Maildir folder; processed messages move to Maildir++ subfolders."""

    def __init__(self, settings: MailboxSettings) -> None:
        assert settings.path is not None
        self._root = settings.path
        self._box = mailbox.Maildir(settings.path, factory=None, create=True)
        self._folders = {
            False: self._folder(settings.processed_folder),
            True: self._folder(settings.quarantine_folder),
        }

    def _folder(self, name: str) -> Path:
        if name not in self._box.list_folders():
            self._box.add_folder(name)
        return self._root / f".{name}"

    def fetch(self, limit: int) -> list[Fetched]:
        found: list[Fetched] = []
        for sub in ("new", "cur"):
            for entry in sorted(os.scandir(self._root / sub), key=lambda e: e.name):
                if len(found) >= limit:
                    return found
                if entry.is_file() and not entry.name.startswith("."):
                    found.append(Fetched(f"{sub}/{entry.name}", Path(entry.path).read_bytes()))
        return found

    def settle(self, key: str, *, quarantine: bool) -> None:
        sub, _, name = key.partition("/")
        base = name.split(":", 1)[0]
        target = self._folders[quarantine] / "cur" / f"{base}:2,S"
        os.replace(self._root / sub / name, target)  # one rename: never lost, never twice

    def close(self) -> None:
        return None


class ImapSource:
    """An IMAP mailbox over TLS; processed messages are MOVEd to other folders."""

    def __init__(self, settings: MailboxSettings) -> None:
        self._settings = settings
        self._imap: imaplib.IMAP4 | None = None

    def _context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(
            cafile=str(self._settings.ca_file) if self._settings.ca_file else None
        )
        if not self._settings.verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def _connect(self) -> imaplib.IMAP4:
        s = self._settings
        if self._imap is not None:
            return self._imap
        if s.tls is UpstreamTLS.IMPLICIT:
            imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(s.host, s.port, ssl_context=self._context())
        else:
            imap = imaplib.IMAP4(s.host, s.port)
        try:
            if s.tls is UpstreamTLS.STARTTLS:
                imap.starttls(self._context())
            password = s.password.get_secret_value() if s.password else ""
            imap.login(s.username, password)
            # imaplib keeps the capabilities it saw before login, and servers such as Dovecot
            # announce MOVE only after it: without asking again, settle() never used MOVE.
            status, caps = imap.capability()
            if status == "OK" and caps and isinstance(caps[-1], bytes):
                imap.capabilities = tuple(caps[-1].decode("ascii", "replace").upper().split())
            for folder in (s.processed_folder, s.quarantine_folder):
                imap.create(_quote(folder))  # NO when it exists already: fine
            status, _ = imap.select(_quote(s.folder))
            if status != "OK":
                raise imaplib.IMAP4.error(f"cannot select {s.folder}")
        except BaseException:
            # close() only knows a connection that got this far: hang up here, or every
            # failed poll (a wrong password) leaves a connection open until the next GC.
            with contextlib.suppress(OSError):
                imap.shutdown()
            raise
        self._imap = imap
        return imap

    def fetch(self, limit: int) -> list[Fetched]:
        imap = self._connect()
        status, data = imap.uid("SEARCH", "ALL")
        if status != "OK" or not data or not data[0]:
            return []
        found: list[Fetched] = []
        for uid in data[0].split()[:limit]:
            status, parts = imap.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((p[1] for p in parts if isinstance(p, tuple)), None)
            if status == "OK" and isinstance(raw, bytes):
                found.append(Fetched(uid.decode("ascii"), raw))
        return found

    def settle(self, key: str, *, quarantine: bool) -> None:
        imap = self._connect()
        s = self._settings
        folder = _quote(s.quarantine_folder if quarantine else s.processed_folder)
        if "MOVE" in imap.capabilities:
            status, _ = imap.uid("MOVE", key, folder)
        else:
            status, _ = imap.uid("COPY", key, folder)
            if status == "OK":
                imap.uid("STORE", key, "+FLAGS.SILENT", r"(\Deleted)")
                imap.expunge()
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot move message {key} to {folder}")

    def close(self) -> None:
        if self._imap is not None:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):
                self._imap.logout()
            self._imap = None


def _quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_source(settings: MailboxSettings) -> MailboxSource | None:
    """The configured mailbox, or None."""
    if settings.kind is MailboxKind.MAILDIR:
        return MaildirSource(settings)
    if settings.kind is MailboxKind.IMAP:
        return ImapSource(settings)
    return None


@dataclass
class PollResult:
    recorded: int = 0
    quarantined: int = 0
    ignored: int = 0
    failed: int = 0


class MailboxReader:
    """Polls the configured mailbox and records what it finds."""

    def __init__(self, settings: Settings, recorder: BounceRecorder) -> None:
        self._settings = settings.mailbox
        self._recorder = recorder

    async def poll_once(self) -> PollResult:
        """Read and settle one batch of waiting messages."""
        result = PollResult()
        source = await asyncio.to_thread(make_source, self._settings)
        if source is None:
            return result
        try:
            for item in await asyncio.to_thread(source.fetch, self._settings.batch):
                await self._one(source, item, result)
        finally:
            await asyncio.to_thread(source.close)
        return result

    async def _one(self, source: MailboxSource, item: Fetched, result: PollResult) -> None:
        try:
            processed = await self._recorder.record(item.raw)
        except StoreUnavailable as exc:
            log.warning("mailbox: store unavailable, message %s stays: %s", item.key, exc)
            result.failed += 1
            return
        quarantine = processed.outcome is Outcome.UNPARSED
        await asyncio.to_thread(source.settle, item.key, quarantine=quarantine)
        if quarantine:
            result.quarantined += 1
        elif processed.outcome is Outcome.RECORDED:
            result.recorded += 1
        else:
            result.ignored += 1

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop`` is set."""
        while not stop.is_set():
            try:
                await self.poll_once()
            except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
                log.warning("mailbox: %s", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._settings.poll_interval)
