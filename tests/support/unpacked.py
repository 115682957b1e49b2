"""Debian packages of mail servers that conflict with the installed Postfix, fetched with
``apt-get download`` and unpacked with ``dpkg -x`` into a directory of their own (stdlib
only: .ci/run calls the modules that use this before the virtualenv exists)."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

CACHE = Path(os.environ.get("MTA_TEST_CACHE", "/var/cache/bounce-relay-test"))
LIBRARIES = "usr/lib/x86_64-linux-gnu"


def unpack(packages: tuple[str, ...], root: Path) -> None:
    """Download ``packages`` (and the libraries the first needs that are not installed) and
    unpack them into ``root``. Needs apt-get and dpkg, not root."""
    wanted = [*packages, *_absent_libraries(packages[0])]
    with tempfile.TemporaryDirectory(prefix="mta-debs-") as debs:
        subprocess.run(["apt-get", "download", "-qq", *wanted], cwd=debs, check=True)
        root.mkdir(parents=True, exist_ok=True)
        for deb in sorted(Path(debs).glob("*.deb")):
            subprocess.run(["dpkg", "-x", str(deb), str(root)], check=True)


def missing(binary: Path, package: str, script: str) -> str | None:
    """Why the unpacked ``binary`` cannot run here (absent, libraries missing), or None."""
    if not binary.exists():
        return (
            f"{binary} is not unpacked (Debian package {package}: run "
            f"`python3 {script}` as root, as .ci/run does)"
        )
    linked = subprocess.run(
        ["ldd", str(binary)], capture_output=True, text=True, check=False, env=environment(binary)
    )
    absent = [line.split()[0] for line in linked.stdout.splitlines() if "not found" in line]
    if absent:
        return f"the unpacked {binary.name} lacks libraries {absent} (re-run {script})"
    return None


def environment(binary: Path) -> dict[str, str]:
    """The environment an unpacked binary runs in: its unpacked libraries first."""
    root = next(p.parent for p in binary.parents if p.name == "usr")  # <root>/usr/.../<binary>
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LD_LIBRARY_PATH": str(root / LIBRARIES),
    }


def library_cache(into: Path, roots: list[Path]) -> Path:
    """An ld.so.cache that also lists the unpacked libraries, to bind-mount over
    /etc/ld.so.cache in a private mount namespace: a server that re-executes itself with
    privileges changed loses LD_LIBRARY_PATH, while the dynamic loader still reads its cache."""
    conf, cache = into / "ld.so.conf", into / "ld.so.cache"
    dirs = "".join(f"{root / LIBRARIES}\n" for root in roots)
    conf.write_text(f"include /etc/ld.so.conf\n{dirs}", encoding="utf-8")
    subprocess.run(["ldconfig", "-X", "-f", str(conf), "-C", str(cache)], check=True)
    return cache


async def wait_listening(
    name: str,
    process: asyncio.subprocess.Process,
    port: int,
    timeout: float,
    log_tail: Callable[[], str],
) -> None:
    """Wait until the server ``process`` accepts connections on 127.0.0.1:``port``; its
    exit before that is an error that shows the end of its log."""
    async with asyncio.timeout(timeout):
        while True:
            if process.returncode is not None:
                raise RuntimeError(f"{name} exited {process.returncode}: {log_tail()}")
            try:
                _, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.1)
                continue
            writer.close()
            await writer.wait_closed()
            return


async def stop(process: asyncio.subprocess.Process | None, root: Path) -> None:
    """End the server ``process`` (SIGTERM, then SIGKILL after 10 s) and remove ``root``."""
    if process is not None and process.returncode is None:
        process.terminate()
        try:
            async with asyncio.timeout(10):
                await process.wait()
        except TimeoutError:
            process.kill()
            await process.wait()
    shutil.rmtree(root, ignore_errors=True)


def main(
    argv: list[str],
    packages: tuple[str, ...],
    root: Path,
    binary: Callable[[Path], Path],
    missing: Callable[[Path], str | None],
) -> None:
    """``python3 tests/support/<server>.py [ROOT]``: unpack the packages unless they are, and
    print the binary's path."""
    into = Path(argv[1]) if len(argv) > 1 else root
    if missing(into) is not None:
        unpack(packages, into)
    print(binary(into))


def _absent_libraries(package: str) -> list[str]:
    depends = subprocess.run(
        ["apt-cache", "depends", "--no-recommends", "--no-suggests", package],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    names = {
        line.split(":", 1)[1].strip()
        for line in depends.splitlines()
        if line.strip().lstrip("|").startswith("Depends: lib")
    }
    return sorted(n for n in names if not _installed(n))


def _installed(package: str) -> bool:
    status = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False
    )
    return status.stdout.endswith("installed")


def log_tail(paths: list[Path], lines: int) -> str:
    """The last ``lines`` lines of these log files, in order, or "(no log)"."""
    text = "\n".join(p.read_text(errors="replace") for p in paths if p.exists())
    return "\n".join(text.splitlines()[-lines:]) or "(no log)"


class Front:
    """An SMTP server on 127.0.0.1 in front of an MTA that takes messages from a program, not
    a port (dma, nullmailer, Courier's sendmail): a subclass answers DATA by handing the
    message over, and says how its MTA starts and stops."""

    port: int
    _server: asyncio.Server | None

    async def start_mta(self) -> None:
        """Make the MTA ready before the front listens."""

    async def stop_mta(self) -> None:
        """Stop the MTA after the front has closed."""

    async def start(self, port: int) -> None:
        from aiosmtpd.smtp import SMTP  # not at the top: .ci/run runs these files without it

        await self.start_mta()

        def factory() -> SMTP:
            return SMTP(self, hostname="front.test", decode_data=False)

        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(factory, host="127.0.0.1", port=port)
        self.port = port

    async def stop(self) -> None:
        if self._server is not None:
            server, self._server = self._server, None
            server.close()
            await server.wait_closed()
        await self.stop_mta()
