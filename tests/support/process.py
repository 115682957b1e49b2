"""The relay as a real process (``python -m relay``), for signals and restarts."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class RelayProcess:
    config: Path
    port: int
    extra: tuple[str, ...] = ()  # more arguments to `relay serve`
    process: asyncio.subprocess.Process | None = None

    async def launch(self) -> None:
        """Start the process without waiting for it to listen."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "relay",
            "--config",
            str(self.config),
            "serve",
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )

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
            _, err = await self.process.communicate()
        assert self.process.returncode is not None
        return self.process.returncode, err

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()
            await self.process.wait()
