"""What `relay suppressions import` shows while it reads a file (the reader itself is
relay.admin.suppression_files, shared with the HTTP API)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from relay.admin.suppression_files import ImportFile

LARGE_FILE = 1 << 20  # a progress bar from this size on
SHOWN_BAD_ROWS = 1000  # bad rows listed one by one; beyond, only counted


@contextmanager
def progress_bar(source: ImportFile) -> Iterator[None]:
    """A progress bar over the file's bytes, on stderr, if it is a terminal and the file large."""
    size = source.path.stat().st_size
    if size < LARGE_FILE or not sys.stderr.isatty():
        yield
        return
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(
        *columns, TimeRemainingColumn(), console=Console(stderr=True), transient=True
    ) as progress:
        task = progress.add_task(f"importing {source.path.name}", total=size)
        source.on_batch = lambda position: progress.update(task, completed=position)
        yield
