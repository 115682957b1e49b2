"""The relay as a real process (``python -m relay``), for signals and restarts, and the
``relay`` command as an operator runs it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

RELAY_COMMAND = Path(sys.executable).with_name("relay")  # the console script of this venv
KEPT_OUTPUT = 1 << 20  # bytes of the relay's stderr kept for a failing test to show


_GIVEN: set[int] = set()


def free_port() -> int:
    """A port free on 127.0.0.1 at this moment, and never one this process was given before.

    The kernel may give back the port it has just given, and two servers a bed starts at once
    then share it: the final runs of stop 32 saw a bed's OpenSMTPD submission answered by its
    Postfix, and a bed's Postfix fail to start (two of its services on one port)."""
    for _ in range(1000):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in _GIVEN:
            _GIVEN.add(port)
            return port
    raise RuntimeError("no port this process has not been given before, in 1,000 tries")


def _environment() -> dict[str, str]:
    """This environment without RELAY_* overrides: the test's config file says everything."""
    return {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}


async def _collect(stream: asyncio.StreamReader, into: bytearray) -> None:
    # Read the pipe while the relay writes to it: a relay whose stderr nobody reads blocks once
    # the pipe is full (a store outage logs a line per refused command), and a test would
    # measure that instead of the relay.
    while chunk := await stream.read(65536):
        into += chunk
        del into[:-KEPT_OUTPUT]


@dataclass
class RelayProcess:
    config: Path
    port: int
    extra: tuple[str, ...] = ()  # more arguments to `relay serve`
    process: asyncio.subprocess.Process | None = None
    stderr: bytearray = field(default_factory=bytearray)  # the last MiB it wrote to stderr
    _readers: list[asyncio.Task[None]] = field(default_factory=list)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def launch(self) -> None:
        """Start the process without waiting for it to listen."""
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "relay",
            "--config",
            str(self.config),
            "serve",
            *self.extra,
            env=_environment(),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        assert self.process.stderr is not None
        self.stderr.clear()
        self._readers = [asyncio.create_task(_collect(self.process.stderr, self.stderr))]

    async def start(self, timeout: float = 20.0) -> None:
        """Start the process and wait until it accepts connections."""
        await self.launch()
        assert self.process is not None
        async with asyncio.timeout(timeout):
            while True:
                if self.process.returncode is not None:
                    raise RuntimeError(f"relay exited with {self.process.returncode}")
                try:
                    _, writer = await asyncio.open_connection("127.0.0.1", self.port)
                except OSError:
                    await asyncio.sleep(0.1)
                    continue
                writer.close()
                return

    async def signal(self, sig: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(sig)

    async def wait(self, timeout: float = 30.0) -> tuple[int, bytes]:
        """Exit code and stderr."""
        assert self.process is not None
        async with asyncio.timeout(timeout):
            await self.process.wait()
            await asyncio.gather(*self._readers)
        assert self.process.returncode is not None
        return self.process.returncode, bytes(self.stderr)

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
        if self._readers:
            # workers of `--workers N` outlive a killed supervisor and hold the pipe open
            _, late = await asyncio.wait(self._readers, timeout=5)
            for task in late:
                task.cancel()
            await asyncio.gather(*late, return_exceptions=True)


async def run_cli(config: Path, *args: str, timeout: float = 120.0) -> tuple[int, str, str]:
    """``relay --config CONFIG ARGS...``: exit code, stdout and stderr."""
    proc = await asyncio.create_subprocess_exec(
        str(RELAY_COMMAND),
        "--config",
        str(config),
        *args,
        env=_environment(),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with asyncio.timeout(timeout):
            out, err = await proc.communicate()
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()
