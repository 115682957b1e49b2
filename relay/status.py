"""The live state of each running relay process, for ``relay status``.

Every ``relay serve`` process (each worker) writes a small JSON file under
``data_dir/status/`` every few seconds and removes it when it stops; ``relay status`` reads
the files of the processes still alive. There is no other channel between the processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from relay.smtp.limit import ConnectionLimit

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ListenerState:
    open: int
    limit: int
    refused: int


@dataclass(frozen=True, slots=True)
class ProcessState:
    pid: int
    at: dt.datetime
    listeners: dict[str, ListenerState]


def status_dir(data_dir: Path) -> Path:
    """Where the processes' status files are."""
    return data_dir / "status"


def snapshot(limits: Mapping[str, ConnectionLimit]) -> dict[str, ListenerState]:
    """Each listener's open connections, its cap, and how many were refused."""
    return {name: ListenerState(x.open, x.limit, x.refused) for name, x in limits.items()}


def write_state(data_dir: Path, state: ProcessState) -> None:
    """Replace this process's status file (atomically: a reader never sees half of it)."""
    folder = status_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{state.pid}.json"
    temporary = path.with_suffix(".tmp")
    listeners = {n: vars_of(s) for n, s in state.listeners.items()}
    temporary.write_text(json.dumps({"pid": state.pid, "at": state.at.isoformat(), **listeners}))
    temporary.replace(path)


def vars_of(state: ListenerState) -> dict[str, int]:
    return {"open": state.open, "limit": state.limit, "refused": state.refused}


def remove_state(data_dir: Path, pid: int) -> None:
    """Remove this process's status file (it stops)."""
    (status_dir(data_dir) / f"{pid}.json").unlink(missing_ok=True)


def read_states(data_dir: Path, *, max_age: float) -> list[ProcessState]:
    """The states of the relay processes still running and recently written, by pid."""
    states = []
    now = dt.datetime.now(dt.UTC)
    for path in sorted(status_dir(data_dir).glob("*.json")):
        try:
            data = json.loads(path.read_text())
            pid, at = int(data.pop("pid")), dt.datetime.fromisoformat(data.pop("at"))
            listeners = {name: ListenerState(**value) for name, value in data.items()}
        except (OSError, ValueError, TypeError, KeyError):
            continue  # being replaced, or not ours
        if (now - at).total_seconds() <= max_age and _alive(pid):
            states.append(ProcessState(pid, at, listeners))
    return sorted(states, key=lambda s: s.pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


async def report(
    data_dir: Path, limits: Mapping[str, ConnectionLimit], interval: float, stop: asyncio.Event
) -> None:
    """Write this process's state every ``interval`` seconds and log the counts when they
    change, until ``stop`` is set; then remove the state."""
    pid, last = os.getpid(), None
    try:
        while not stop.is_set():
            listeners = snapshot(limits)
            try:
                write_state(data_dir, ProcessState(pid, dt.datetime.now(dt.UTC), listeners))
            except OSError as exc:
                log.warning("cannot write the status file: %s", exc)
            if listeners != last:
                log.info("connections: %s", describe(listeners))
                last = listeners
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
    finally:
        remove_state(data_dir, pid)


def describe(listeners: Mapping[str, ListenerState]) -> str:
    """``submission 3 open of 1000 (0 refused), bounce ...`` in one line."""
    return ", ".join(
        f"{name} {s.open} open of {s.limit} ({s.refused} refused)" for name, s in listeners.items()
    )
