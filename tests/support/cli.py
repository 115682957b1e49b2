"""The ``relay`` command run in this process with click's CliRunner: what a test of a command
needs (exit status, stdout, stderr) without the second of start-up a child process costs.

A few tests still run ``python -m relay`` as a real process (tests/relay/cli/test_cli.py,
test_users.py, tests/config/test_secrets.py): the entry point, the process's exit status and
what reaches the terminal stay covered there.
"""

from __future__ import annotations

import asyncio
import os
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from relay.cli.app import cli


@dataclass(frozen=True, slots=True)
class Done:
    """A finished command, read as a test reads a finished process."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def invoke(args: tuple[str, ...], *, env: Mapping[str, str], stdin: str | bytes = "") -> Done:
    """``relay ARGS`` with the environment's RELAY_* variables replaced by ``env``'s."""
    cleared: dict[str, str | None] = {k: None for k in os.environ if k.startswith("RELAY_")}
    result = CliRunner().invoke(
        cli,
        [str(arg) for arg in args],  # as a process's argv would have them
        input=stdin,
        env={**cleared, "COLUMNS": "200", **env},
        prog_name="relay",
    )
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        # As a process would show it, so that a test asserting no traceback still can.
        stderr += "".join(traceback.format_exception(result.exception))
    return Done(args, result.exit_code, result.stdout, stderr)


async def relay_cmd(
    tmp_path: Path, *args: str, stdin: str = "", env: Mapping[str, str] | None = None
) -> Done:
    """``relay --config tmp_path/relay.toml ARGS`` (with ``env``: ``relay ARGS`` configured by
    those RELAY_* variables alone) in this process, in a thread: the command runs its own event
    loop, beside a relay's on the test's loop."""
    config = () if env is not None else ("--config", str(tmp_path / "relay.toml"))
    return await asyncio.to_thread(invoke, (*config, *args), env=env or {}, stdin=stdin)
