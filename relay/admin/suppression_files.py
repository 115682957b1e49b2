"""Suppression lists as files: the CSV a person exports from another service (or writes by
hand), read in batches with its bad rows kept. `relay suppressions import` and the HTTP API's
import read files through this one reader."""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from storage.addresses import BadAddress, normalize_address
from storage.suppression_lists import (
    IMPORT_BATCH,
    REASON_LENGTH,
    ImportedAddress,
    ListedSuppression,
)


class ImportFileError(ValueError):
    """The file cannot be imported at all (nothing was); one line naming the file."""


# Header names as ESPs spell them, compared without case, spaces, dashes or underscores;
# the first one found wins.
HEADERS = {
    "address": ("email", "emailaddress", "address", "recipient"),
    "reason": ("reason", "type", "bouncereason", "bouncetype", "error"),
    "created": ("created", "createdat", "date", "timestamp", "dateadded"),
}
_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}")
_NOT_IN_LOCAL = re.compile(r'[\s"(),:;<>\[\]\\@\x00-\x1f\x7f]')


def importable_address(text: str) -> str:
    """``text`` as a stored address, if it is one a relay could send to."""
    address = normalize_address(text)
    local, _, domain = address.rpartition("@")
    if len(address) > 254 or len(local) > 64 or _NOT_IN_LOCAL.search(local):
        raise BadAddress(f"not an address: {text!r}")
    if not _DOMAIN.fullmatch(domain):
        raise BadAddress(f"not an address: {text!r}")
    return address


def parse_created(text: str, now: dt.datetime) -> dt.datetime:
    """An export's date: ISO 8601, Unix seconds (or milliseconds), or RFC 2822; UTC if naive."""
    value = text.strip()
    if not value:
        return now
    try:
        if value.isdigit() and 9 <= len(value) <= 13:
            seconds = int(value) / (1000 if len(value) > 11 else 1)
            when = dt.datetime.fromtimestamp(seconds, dt.UTC)
        elif value[:4].isdigit():
            when = dt.datetime.fromisoformat(value.replace(" UTC", "").removesuffix("UTC"))
        else:
            when = email.utils.parsedate_to_datetime(value)
    except (ValueError, TypeError, OverflowError, IndexError):
        raise ValueError(
            f"bad date {value!r} (expected YYYY-MM-DD, ISO 8601, Unix time or RFC 2822)"
        ) from None
    when = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    if when > now + dt.timedelta(days=1):
        raise ValueError(f"date in the future: {value!r}")
    return when.astimezone(dt.UTC)


def _key(cell: str) -> str:
    return re.sub(r"[^a-z0-9]", "", cell.casefold())


@dataclass(frozen=True, slots=True)
class Layout:
    """Where an import file keeps each field (column numbers), and whether row 1 is a header."""

    address: int
    reason: int | None
    created: int | None
    header: bool


def layout_of(first: list[str]) -> Layout | None:
    """The layout a first row announces; None if it is neither a header nor an address."""
    keys = [_key(cell) for cell in first]

    def column(field: str) -> int | None:
        return next((keys.index(name) for name in HEADERS[field] if name in keys), None)

    address = column("address")
    if address is not None:
        return Layout(address, column("reason"), column("created"), header=True)
    if len(first) == 1:
        try:
            importable_address(first[0])
        except BadAddress:
            return None
        return Layout(0, None, None, header=False)
    return None


@dataclass
class ImportFile:
    """An open import file read in batches; bad rows are kept with their line numbers."""

    path: Path
    handle: IO[str]
    delimiter: str
    layout: Layout
    now: dt.datetime
    default_reason: str
    bad: list[str]
    shown: str  # the file's name in messages (the upload's, for a temporary file)
    on_batch: Callable[[int], None] = lambda position: None
    detail: str = field(init=False)

    def __post_init__(self) -> None:
        self.detail = f"imported from {Path(self.shown).name}"

    @classmethod
    @contextmanager
    def open(
        cls, path: Path, *, now: dt.datetime, default_reason: str, shown: str | None = None
    ) -> Iterator[ImportFile]:
        """Open ``path``, find its delimiter and layout, or fail with one line (naming the file
        ``shown``, by default its path)."""
        shown = str(path) if shown is None else shown
        try:
            handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise ImportFileError(f"cannot read {shown}: {exc.strerror}") from exc
        with handle:
            first_line = _first_line(shown, handle)
            if not first_line.strip():
                raise ImportFileError(f"{shown} is empty: nothing to import")
            delimiter = max(",;\t", key=first_line.count)
            first = next(csv.reader([first_line], delimiter=delimiter))
            layout = layout_of(first)
            if layout is None:
                raise ImportFileError(
                    f"{shown}: no address column: the first row must be a header naming one "
                    "(email, address or Email Address), or the file a list of addresses"
                )
            yield cls(path, handle, delimiter, layout, now, default_reason, [], shown)

    def batches(self) -> Iterator[list[ImportedAddress]]:
        """The good rows in batches; fails (nothing imported) on a file that is not CSV text."""
        reader = csv.reader(self.handle, delimiter=self.delimiter)
        batch: list[ImportedAddress] = []
        try:
            if self.layout.header:
                next(reader)
            for row in reader:
                item = self._row(row, reader.line_num)
                if item is not None:
                    batch.append(item)
                if len(batch) >= IMPORT_BATCH:
                    yield batch
                    batch = []
                    self.on_batch(_position(self.handle))
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"{self.shown}: not UTF-8 text after line {reader.line_num}: nothing imported"
            ) from exc
        except csv.Error as exc:
            raise ImportFileError(
                f"{self.shown}:{reader.line_num}: {exc}: nothing imported"
            ) from exc
        yield batch

    def _row(self, row: list[str], line: int) -> ImportedAddress | None:
        layout = self.layout
        cell = _cell(row, layout.address)
        if not cell.strip() and not any(c.strip() for c in row):
            return None  # blank lines are not rows
        try:
            address = importable_address(cell)
            created = parse_created(_cell(row, layout.created), self.now)
        except ValueError as exc:  # BadAddress too
            self.bad.append(f"{self.shown}:{line}: {exc}")
            return None
        given = _cell(row, layout.reason).strip()
        reason = given if 0 < len(given) <= REASON_LENGTH else self.default_reason
        detail = self.detail + (f": {given}" if len(given) > REASON_LENGTH else "")
        return ImportedAddress(address, reason, detail, created)


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _first_line(shown: str, handle: IO[str]) -> str:
    try:
        line = handle.readline()
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{shown}: not UTF-8 text: nothing imported") from exc
    handle.seek(0)
    return line


def _position(handle: IO[str]) -> int:
    # The text layer's tell() is off while csv iterates; the byte buffer below knows.
    buffer = getattr(handle, "buffer", None)
    return int(buffer.tell()) if isinstance(buffer, io.BufferedIOBase) else 0


EXPORT_COLUMNS = ("address", "reason", "created", "status")


def export_row(row: ListedSuppression) -> tuple[str, str, str, str | None]:
    """One suppression as a row of an export (EXPORT_COLUMNS), which an import reads back."""
    created = row.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
    return (row.address, row.reason, created, row.bounce_status)
