"""An in-process relay on 127.0.0.1 with its own SQLite file, certificates and accounts."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosmtplib
import trustme
from argon2 import PasswordHasher

from config import Settings, load_settings
from relay.send.dkim import new_key
from relay.service import RelayService
from storage import accounts
from storage.engine import open_store, utcnow
from storage.models import Credential
from storage.schema import ensure_schema

PASSWORD = "correct horse battery"


# What every test relay's account costs to set up, paid once per test process rather than
# once per relay (about 0.3 s of CPU a relay, over a thousand relays in `make test`): the
# DKIM key is a real RSA-2048 key, shared; the credential's hash is a real argon2id hash of
# PASSWORD at the lowest cost argon2 allows, which the relay verifies like any other (the
# cost is read from the hash). The product's own hashing at its default cost is tested in
# tests/storage/test_accounts.py and through `relay users add` in the CLI tests.
@functools.cache
def shared_dkim_key() -> tuple[str, str]:
    return new_key()


@functools.cache
def cheap_password_hash() -> str:
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(path: Path, sections: dict[str, dict[str, Any]], top: dict[str, Any]) -> Path:
    lines = [f"{k} = {toml_value(v)}" for k, v in top.items()]
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def base_sections(
    tmp: Path, cert: Path, key: Path, upstream_port: int, database_url: str | None = None
) -> dict[str, dict[str, Any]]:
    return {
        "server": {
            "submission_listen": "127.0.0.1:0",
            "bounce_listen": "127.0.0.1:0",
            "tls_cert": str(cert),
            "tls_key": str(key),
            "drain_timeout": 5.0,
            # One process unless a test asks for workers (the default is one per core).
            "workers": 1,
        },
        "database": {"url": database_url or f"sqlite:///{tmp / 'relay.db'}"},
        "delivery": {
            "upstream": f"smtp://127.0.0.1:{upstream_port}",
            "inline_budget": 5.0,
            # Always wait for the in-line attempt: tests read the upstream right after the 250.
            "backlog": 0,
            "connect_timeout": 5.0,
            "command_timeout": 10.0,
        },
        "queue": {"retry_schedule": [0.3], "poll_interval": 0.1, "lease": 30.0},
        "verp": {"return_path_domain": "bounces.relay.test", "key": "test-verp-key-0123456789"},
        # a free port: two relays of one test (or of two suites at once) never collide
        "http": {"listen": "127.0.0.1:0"},
    }


@dataclass
class Relay:
    """A running relay and what a test needs to talk to it."""

    settings: Settings
    service: RelayService
    ca: trustme.CA

    @property
    def port(self) -> int:
        return self.service.submission_port

    @property
    def key(self) -> bytes:
        assert self.settings.verp.key is not None
        return self.settings.verp.key.get_secret_value().encode()

    @functools.cached_property
    def _client_tls(self) -> ssl.SSLContext:
        # Only the test CA is trusted: the system's bundle (create_default_context loads it,
        # ~40 ms a context) is never needed. Hostname checking and verification stay on.
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        self.ca.configure_trust(context)
        return context

    def client_tls(self) -> ssl.SSLContext:
        return self._client_tls

    @contextlib.asynccontextmanager
    async def client(
        self, username: str | None = "app@acme", password: str = PASSWORD, *, tls: bool = True
    ) -> AsyncIterator[aiosmtplib.SMTP]:
        """A connected client: STARTTLS, then AUTH as ``username`` unless it is None."""
        smtp = aiosmtplib.SMTP(
            hostname="127.0.0.1",
            port=self.port,
            start_tls=tls,
            tls_context=self.client_tls(),
            timeout=20,
        )
        await smtp.connect()
        try:
            if username is not None:
                await smtp.login(username, password)
            yield smtp
        finally:
            with contextlib.suppress(aiosmtplib.SMTPException):
                await smtp.quit()


async def add_account(
    settings: Settings,
    name: str,
    domain: str,
    username: str,
    *,
    dkim: bool = True,
    password_cost: bool = False,
) -> str | None:
    """Create an account with a sending domain and a credential; returns the DKIM public key.

    The credential's hash is the cheap one above unless ``password_cost``: then the product
    hashes PASSWORD itself, at its own cost (the tests that time a password check)."""
    store = open_store(settings.database.url, pool_size=1)
    try:
        await ensure_schema(store)
        public = None
        async with store.transaction() as session:
            info = await accounts.add_account(session, name, [domain])
            if password_cost:
                await accounts.add_credential(session, name, username, PASSWORD)
            else:
                session.add(
                    Credential(
                        account_id=info.id,
                        username=username,
                        password_hash=cheap_password_hash(),
                        created_at=utcnow(),
                    )
                )
            if dkim:
                private, public = shared_dkim_key()
                await accounts.add_domain(
                    session, name, domain, selector="sel", private_key=private
                )
        return public
    finally:
        await store.close()


def load(tmp: Path, sections: dict[str, dict[str, Any]]) -> Settings:
    path = write_config(tmp / "relay.toml", sections, {"data_dir": str(tmp / "var")})
    return load_settings(path, environ={})


def message(sender: str, to: str, *, subject: str = "Hello", extra: str = "") -> bytes:
    """A small well-formed message with CRLF line ends."""
    text = (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n{extra}"
        "Date: Mon, 23 Nov 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\nHi there.\r\nSecond line.\r\n"
    )
    return text.encode("utf-8")


class RawClient:
    """Bytes on the wire, for what a well-behaved client library refuses to send."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def connect(cls, relay: Relay, *, login: bool = True) -> RawClient:
        reader, writer = await asyncio.open_connection("127.0.0.1", relay.port)
        client = cls(reader, writer)
        await client.reply()
        await client.send(b"EHLO client.test\r\n")
        await client.send(b"STARTTLS\r\n")
        await writer.start_tls(relay.client_tls(), server_hostname="127.0.0.1")
        await client.send(b"EHLO client.test\r\n")
        if login:
            token = base64.b64encode(b"\0app@acme\0" + PASSWORD.encode())
            code, _ = await client.send(b"AUTH PLAIN " + token + b"\r\n")
            assert code == 235
        return client

    async def reply(self) -> tuple[int, str]:
        """One (possibly multi-line) reply."""
        lines = []
        async with asyncio.timeout(20):
            while True:
                line = (await self.reader.readline()).decode("utf-8", "replace")
                if not line:
                    raise ConnectionError("connection closed")
                lines.append(line[4:].rstrip("\r\n"))
                if line[3:4] != "-":
                    return int(line[:3]), "\n".join(lines)

    async def send(self, data: bytes) -> tuple[int, str]:
        self.writer.write(data)
        await self.writer.drain()
        return await self.reply()

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await self.writer.wait_closed()
