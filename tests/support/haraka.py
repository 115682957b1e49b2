"""Haraka 3.3.4 (the Node.js mail server, npm package "Haraka"), installed with npm into a
cache directory and run on a loopback port with its own configuration directory and queue.

``python3 tests/support/haraka.py`` (run by .ci/run) installs the package with ``npm
install`` into ``ROOT`` (node and npm must be there; without them the bed leaves Haraka out
with that reason); the tests only look.

Haraka relays for a client whose connection is marked relaying (connection.js rcpt_respond:
CONT with relaying accepts a recipient) and hands what it relays to its outbound queue
(outbound/), which looks each domain up through the ``get_mx`` hook. The bed's plugin
(``plugins/bed.js``, written by us into the configuration directory) marks every connection
relaying and answers ``get_mx`` for the bed's routed domains with their 127.0.0.1 port;
other domains go on to DNS. Outbound retries a 4xx once per entry of ``temp_fail_intervals``
(outbound.ini; the smallest Haraka accepts is 5 s, outbound/config.js) and returns the
message when they are used up ("Too many failures", hmail.js temp_fail). It writes no delay
warnings and reads no DSN parameters (its server announces no DSN, RFC 3461).
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

if __package__:
    from tests.support import unpacked
else:  # run as a script by .ci/run, before the virtualenv and the package path exist
    import unpacked  # type: ignore[no-redef]

ROOT = Path(os.environ.get("HARAKA_TEST_ROOT", unpacked.CACHE / "haraka"))
PACKAGE = "Haraka@3.3.4"
HOSTNAME = "haraka.test"
# One retry 5 s after the first refusal, then the notice: the bed's queue lifetime.
TEMP_FAIL_INTERVALS = "5s"
CONNECT_TIMEOUT = 2  # seconds (outbound.ini connect_timeout)

# Ours: every connection (only the bed's, on 127.0.0.1 in its own namespace) may relay, and
# the bed's domains are routed to their loopback ports (ROUTES is filled in per instance).
PLUGIN = """'use strict'
const ROUTES = %s

exports.hook_connect_init = function (next, connection) {
    connection.relaying = true
    next()
}

exports.hook_get_mx = function (next, hmail, domain) {
    const port = ROUTES[domain.toLowerCase()]
    if (port === undefined) return next()
    next(OK, { exchange: '127.0.0.1', port, priority: 0 })
}
"""


def binary(root: Path = ROOT) -> Path:
    return root / "node_modules/Haraka/bin/haraka"


def missing(root: Path = ROOT) -> str | None:
    """Why Haraka cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed (Haraka 3.3.4 is a Node.js program; Debian: nodejs, npm)"
    if not binary(root).exists():
        return f"{binary(root)} is not installed (run `python3 tests/support/haraka.py`)"
    return None


def install(root: Path = ROOT) -> None:
    """``npm install`` Haraka into ``root`` (needs npm and the registry)."""
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--omit=optional", PACKAGE],
        cwd=root,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@dataclass
class Haraka:
    """One Haraka on 127.0.0.1:``port``; ``routes`` maps a domain to the 127.0.0.1 port its
    mail goes to, every other domain is looked up in DNS."""

    port: int
    routes: dict[str, int]
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="haraka-", dir="/var/tmp"))
    )
    process: asyncio.subprocess.Process | None = None

    @property
    def log(self) -> Path:
        return self.root / "haraka.log"

    def write_config(self) -> None:
        """The configuration directory: Haraka's own defaults (it reads no others: a missing
        connection.ini breaks its greeting), then the listener (one process, no cluster),
        host name, our plugin alone, outbound retries."""
        config, plugins = self.root / "config", self.root / "plugins"
        shutil.copytree(binary().parents[1] / "config", config, dirs_exist_ok=True)
        for directory in (plugins, self.root / "queue"):
            directory.mkdir(exist_ok=True)
        files = {
            "smtp.ini": f"[main]\nlisten=127.0.0.1:{self.port}\nnodes=0\n",
            "me": f"{HOSTNAME}\n",
            "plugins": "bed\n",
            "log.ini": "[main]\nlevel=info\ntimestamps=true\n",
            "outbound.ini": (
                f"temp_fail_intervals={TEMP_FAIL_INTERVALS}\nenable_tls=false\n"
                f"connect_timeout={CONNECT_TIMEOUT}\n"
            ),
        }
        for name, text in files.items():
            (config / name).write_text(text, encoding="utf-8")
        routes = json.dumps({d.lower(): p for d, p in self.routes.items()})
        (plugins / "bed.js").write_text(PLUGIN % routes, encoding="utf-8")

    async def start(self, timeout: float = 30.0) -> None:
        """Run Haraka in the foreground, its log to a file."""
        self.write_config()
        with self.log.open("wb") as log:
            self.process = await asyncio.create_subprocess_exec(
                "node",
                str(binary()),
                "-c",
                str(self.root),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(self.root)},
            )
        await unpacked.wait_listening("haraka", self.process, self.port, timeout, self.log_tail)

    async def stop(self) -> None:
        await unpacked.stop(self.process, self.root)

    def log_tail(self, lines: int = 20) -> str:
        return unpacked.log_tail([self.log], lines)


if __name__ == "__main__":
    into = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    if shutil.which("npm") is None:
        sys.exit("haraka: npm is not installed (Debian: npm); the bed leaves Haraka out")
    if missing(into) is not None:
        install(into)
    print(binary(into))
