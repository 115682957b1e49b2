"""The demo's plumbing: a private work directory and configuration, the ``relay`` command run as
a newcomer would run it (each step printed with its command and its answer), ``relay serve`` as a
real process, and an SMTP client that submits mail with STARTTLS and AUTH."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import signal
import socket
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import aiosmtplib
import click

_SCRIPT = Path(sys.executable).with_name("relay")  # the console script beside this Python
RELAY = (str(_SCRIPT),) if _SCRIPT.exists() else (sys.executable, "-m", "relay")
COMMAND_TIME = 60.0  # seconds one `relay` command may take on a busy laptop
INDENT = "      "


class DemoFailed(Exception):
    """A step did not behave as the demo expects: the message says what was seen."""


@dataclass(frozen=True)
class Reply:
    """An SMTP reply as the client heard it."""

    code: int
    text: str

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shown(text: str) -> str:
    """Output for people: a long base64 key's middle left out."""
    return re.sub(r"([A-Za-z0-9+/]{16})[A-Za-z0-9+/]{40,}([A-Za-z0-9+/=]{8})", r"\1...\2", text)


def takes_as(*command: str) -> bool:
    """Whether ``relay COMMAND`` has ``--as USER``, so the demo names who makes each change."""
    from relay.cli.app import cli

    found: click.Command = cli
    for name in command:
        assert isinstance(found, click.Group)
        sub = found.get_command(click.Context(found), name)  # imported as `relay` runs it
        assert sub is not None, command
        found = sub
    return any(param.name == "as_user" for param in found.params)


class Session:
    """One demo run in ``work``: prints numbered steps and keeps the relay process."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.config = work / "relay.toml"  # written by the walk-through once the ports are known
        self.log = work / "relay.log"
        self.number = 0
        self.submission_port = 0
        # The newcomer's own RELAY_* settings (a production store, say) must not reach the demo.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
        self.env |= {"RELAY_CONFIG": str(self.config), "COLUMNS": "160"}
        self._relay: asyncio.subprocess.Process | None = None

    def step(self, title: str) -> None:
        self.number += 1
        print(f"{self.number:2}. {title}", flush=True)

    def say(self, text: str) -> None:
        for line in text.rstrip("\n").splitlines():
            print(f"{INDENT}{line}", flush=True)

    async def relay(self, *args: str, expect: int = 0, show: bool = True) -> str:
        """Run ``relay ARGS`` as a step; its output (stdout then stderr) unless exit ``expect``."""
        if show:
            self.step(f"$ relay {shlex.join(args)}")
        proc = await asyncio.create_subprocess_exec(
            *RELAY, *args, env=self.env, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            async with asyncio.timeout(COMMAND_TIME):
                out, err = await proc.communicate()
        except TimeoutError:
            raise DemoFailed(f"relay {args[0]} gave no answer in {COMMAND_TIME:.0f} s") from None
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
        output = out.decode() + err.decode()
        if show:
            self.say(shown(output))
        if proc.returncode != expect:
            raise DemoFailed(
                f"`relay {shlex.join(args)}` exited {proc.returncode}, expected {expect}: "
                + (output.strip().splitlines() or ["(no output)"])[-1]
            )
        return output

    async def start_relay(self, port: int) -> int:
        """``relay serve`` in the background, logging to relay.log; its pid once it listens."""
        with self.log.open("wb") as log:
            self._relay = await asyncio.create_subprocess_exec(
                *RELAY, "serve", env=self.env, stdin=asyncio.subprocess.DEVNULL,
                stdout=log, stderr=log, start_new_session=True,
            )  # fmt: skip
        loop = asyncio.get_running_loop()
        deadline = loop.time() + COMMAND_TIME
        while True:
            if self._relay.returncode is not None:
                raise DemoFailed(f"relay serve exited {self._relay.returncode}: {self.log_tail()}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                if loop.time() > deadline:
                    raise DemoFailed(
                        f"relay serve did not listen within {COMMAND_TIME:.0f} s"
                    ) from None
                await asyncio.sleep(0.1)
                continue
            writer.close()
            await writer.wait_closed()
            return self._relay.pid

    async def stop_relay(self, grace: float) -> int | None:
        """SIGTERM, then SIGKILL after ``grace`` seconds; the exit code (None: it was killed)."""
        relay, self._relay = self._relay, None
        if relay is None or relay.returncode is not None:
            return None if relay is None else relay.returncode
        relay.send_signal(signal.SIGTERM)
        try:
            async with asyncio.timeout(grace):
                return await relay.wait()
        except TimeoutError:
            relay.kill()
            await relay.wait()
            return None

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return "(no relay.log)"
        return "\n".join(text.splitlines()[-lines:])


def message(sender: str, recipient: str, subject: str, campaign: str) -> bytes:
    """A small newsletter message with the campaign header, CRLF line ends."""
    mail = EmailMessage(policy=SMTP_POLICY)
    mail["From"] = sender
    mail["To"] = recipient
    mail["Subject"] = subject
    mail["X-Campaign-ID"] = campaign
    mail.set_content(f"Hello {recipient.split('@')[0]}, spring is here.\n")
    return mail.as_bytes()


@dataclass(frozen=True)
class Sent:
    """What the relay answered for one message: RCPT, then DATA (None when RCPT was refused)."""

    recipient: str
    rcpt: Reply
    data: Reply | None


async def submit(
    port: int, login: tuple[str, str], sender: str, mails: Sequence[tuple[str, bytes]]
) -> list[Sent]:
    """Submit each (recipient, message) in one session: STARTTLS, AUTH, then MAIL/RCPT/DATA."""
    try:
        return await _submit(port, login, sender, mails)
    except aiosmtplib.SMTPResponseException as exc:
        raise DemoFailed(f"the relay answered {exc.code} {exc.message}") from exc
    except (aiosmtplib.SMTPException, OSError) as exc:
        raise DemoFailed(f"SMTP to 127.0.0.1:{port} failed: {exc}") from exc


async def _submit(
    port: int, login: tuple[str, str], sender: str, mails: Sequence[tuple[str, bytes]]
) -> list[Sent]:
    client = aiosmtplib.SMTP(
        hostname="127.0.0.1", port=port, start_tls=True, validate_certs=False, timeout=COMMAND_TIME
    )  # the demo relay's own self-signed certificate
    results = []
    async with client:
        await client.login(*login)
        for recipient, content in mails:
            await client.mail(sender)
            try:
                answer = await client.rcpt(recipient)
            except aiosmtplib.SMTPRecipientRefused as exc:
                results.append(Sent(recipient, Reply(exc.code, exc.message), None))
                await client.rset()
                continue
            done = await client.data(content)
            results.append(
                Sent(recipient, Reply(answer.code, answer.message), Reply(done.code, done.message))
            )
    return results


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text)
