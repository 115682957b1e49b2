"""``relay suppressions`` (list, export, import, add, remove) and ``relay segments``."""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from relay.admin import Action, Refused, authorize, counted
from relay.cli import Failure, as_option, cli, emit, format_options, with_store
from storage import admin
from storage.accounts import account_by_name
from storage.addresses import BadAddress, normalize_address
from storage.engine import Store, utcnow
from storage.suppression_lists import (
    IMPORT_BATCH,
    REASON_LENGTH,
    ImportCounts,
    ImportedAddress,
    ListedSuppression,
    SuppressionFilter,
    add_suppression,
    count_suppressions,
    import_suppressions,
    list_suppressions,
    remove_suppression,
    stream_suppressions,
)
from storage.suppressions import suppression_case

# Header names as ESPs spell them, compared without case, spaces, dashes or underscores;
# the first one found wins.
HEADERS = {
    "address": ("email", "emailaddress", "address", "recipient"),
    "reason": ("reason", "type", "bouncereason", "bouncetype", "error"),
    "created": ("created", "createdat", "date", "timestamp", "dateadded"),
}
LARGE_FILE = 1 << 20  # a progress bar from this size on
SHOWN_BAD_ROWS = 1000  # bad rows listed one by one; beyond, only counted
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
    on_batch: Callable[[int], None] = lambda position: None
    detail: str = field(init=False)

    def __post_init__(self) -> None:
        self.detail = f"imported from {self.path.name}"

    @classmethod
    @contextmanager
    def open(cls, path: Path, *, now: dt.datetime, default_reason: str) -> Iterator[ImportFile]:
        """Open ``path``, find its delimiter and layout, or fail with one line."""
        try:
            handle = path.open(encoding="utf-8-sig", newline="")
        except OSError as exc:
            raise Failure(f"cannot read {path}: {exc.strerror}") from exc
        with handle:
            first_line = _first_line(path, handle)
            if not first_line.strip():
                raise Failure(f"{path} is empty: nothing to import")
            delimiter = max(",;\t", key=first_line.count)
            first = next(csv.reader([first_line], delimiter=delimiter))
            layout = layout_of(first)
            if layout is None:
                raise Failure(
                    f"{path}: no address column: the first row must be a header naming one "
                    "(email, address or Email Address), or the file a list of addresses"
                )
            yield cls(path, handle, delimiter, layout, now, default_reason, bad=[])

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
            raise Failure(
                f"{self.path}: not UTF-8 text after line {reader.line_num}: nothing imported"
            ) from exc
        except csv.Error as exc:
            raise Failure(f"{self.path}:{reader.line_num}: {exc}: nothing imported") from exc
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
            self.bad.append(f"{self.path}:{line}: {exc}")
            return None
        given = _cell(row, layout.reason).strip()
        reason = given if 0 < len(given) <= REASON_LENGTH else self.default_reason
        detail = self.detail + (f": {given}" if len(given) > REASON_LENGTH else "")
        return ImportedAddress(address, reason, detail, created)


def _cell(row: list[str], column: int | None) -> str:
    return row[column] if column is not None and column < len(row) else ""


def _first_line(path: Path, handle: IO[str]) -> str:
    try:
        line = handle.readline()
    except UnicodeDecodeError as exc:
        raise Failure(f"{path}: not UTF-8 text: nothing imported") from exc
    handle.seek(0)
    return line


def _position(handle: IO[str]) -> int:
    # The text layer's tell() is off while csv iterates; the byte buffer below knows.
    buffer = getattr(handle, "buffer", None)
    return int(buffer.tell()) if isinstance(buffer, io.BufferedIOBase) else 0


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


def _needs_actor(command: str, as_user: str | None) -> str:
    if not as_user:
        raise Failure(f"relay suppressions {command} needs --as USER (or RELAY_USER)")
    return as_user


def _new_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    try:
        return importable_address(value)
    except BadAddress as exc:
        raise click.BadParameter(str(exc)) from exc


def _stored_address(ctx: click.Context, param: click.Parameter, value: str) -> str:
    # Only normalized: whatever the relay once suppressed can be named to lift it.
    try:
        return normalize_address(value)
    except BadAddress as exc:
        raise click.BadParameter(str(exc)) from exc


def _since(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return parse_created(value, utcnow())
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc


@cli.group("suppressions")
def suppressions_group() -> None:
    """The addresses an account does not send to: list, export, import, add, remove."""


def _filters(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--since", help="Only those suppressed since DATE (UTC).")(func)
    func = click.option("--reason", help="Only those with this reason.")(func)
    return click.option("--account", required=True)(func)


@suppressions_group.command("list")
@_filters
@click.option(
    "--limit",
    default=1000,
    show_default=True,
    type=click.IntRange(min=0),
    help="At most this many (0: all).",
)
@format_options
@click.pass_context
def suppressions_list(
    ctx: click.Context,
    account: str,
    reason: str | None,
    since: str | None,
    limit: int,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The account's suppressions with the bounce behind each (the global list is not shown)."""
    where = SuppressionFilter(reason, _since(since))

    async def work(store: Store) -> tuple[list[ListedSuppression], int]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            rows = await list_suppressions(session, target.id, where, limit=limit or None)
            return rows, await count_suppressions(session, target.id, where)

    rows, total = with_store(ctx, work)
    emit(
        ("address", "reason", "created", "status", "bounced", "detail"),
        [
            (r.address, r.reason, r.created_at, r.bounce_status, r.bounced_at, r.detail)
            for r in rows
        ],
        as_json=as_json,
        as_csv=as_csv,
    )
    if len(rows) < total:
        click.echo(
            f"showing {len(rows)} of {total}: `relay suppressions export` writes them all", err=True
        )


EXPORT_COLUMNS = ("address", "reason", "created", "status")


@suppressions_group.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_filters
@click.pass_context
def suppressions_export(
    ctx: click.Context, file: Path | None, account: str, reason: str | None, since: str | None
) -> None:
    """Write the account's suppressions as CSV (address, reason, created, status) to FILE."""
    where = SuppressionFilter(reason, _since(since))

    async def work(store: Store) -> int:
        count = 0
        async with store.reading() as session:
            target = await account_by_name(session, account)
            with _output(file) as out:
                writer = csv.writer(out, lineterminator="\n")
                writer.writerow(EXPORT_COLUMNS)
                async for r in stream_suppressions(session, target.id, where):
                    writer.writerow((r.address, r.reason, _utc(r.created_at), r.bounce_status))
                    count += 1
        return count

    count = with_store(ctx, work)
    if file is not None:
        click.echo(f"{count} suppressions of {account} written to {file}", err=True)


def _utc(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


@contextmanager
def _output(file: Path | None) -> Iterator[IO[str]]:
    """stdout, or FILE written whole or not at all (through a temporary file beside it)."""
    if file is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            # The reader went away (`... | head`): stop quietly, as other tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    partial = file.with_name(f".{file.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(partial, file)
    except OSError as exc:
        raise Failure(f"cannot write {file}: {exc.strerror}") from exc
    finally:
        partial.unlink(missing_ok=True)


@suppressions_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--account", required=True)
@click.option(
    "--reason",
    "default_reason",
    default="imported",
    show_default=True,
    help="The reason of rows that give none.",
)
@as_option
@click.pass_context
def suppressions_import(
    ctx: click.Context, file: Path, account: str, default_reason: str, as_user: str | None
) -> None:
    """Suppress every address of a CSV file (a list of addresses or an ESP's export)."""
    actor = _needs_actor("import", as_user)
    now = utcnow()

    async def work(store: Store) -> tuple[ImportCounts, list[str]]:
        with ImportFile.open(file, now=now, default_reason=default_reason) as source:
            async with store.transaction() as session:
                user = await admin.user_by_name(session, actor)
                target = await account_by_name(session, account)
                authorize(user, Action.IMPORT_SUPPRESSIONS, target)
                with progress_bar(source):
                    counts = await import_suppressions(session, target.id, source.batches())
                detail = {
                    "file": file.name,
                    "imported": counts.imported,
                    "already_suppressed": counts.already_suppressed,
                    "skipped": len(source.bad),
                }
                await admin.audit(
                    session,
                    actor=user.name,
                    action="suppressions_import",
                    now=now,
                    account_id=target.id,
                    subject=file.name,
                    detail=detail,
                )
            return counts, source.bad

    counts, bad = with_store(ctx, work)
    for line in bad[:SHOWN_BAD_ROWS]:
        click.echo(line, err=True)
    if len(bad) > SHOWN_BAD_ROWS:
        click.echo(f"... and {len(bad) - SHOWN_BAD_ROWS} more bad rows", err=True)
    click.echo(
        f"{counts.imported} imported, {counts.already_suppressed} already suppressed, "
        f"{len(bad)} skipped (bad rows)"
    )


@suppressions_group.command("add")
@click.argument("address", callback=_new_address)
@click.option("--account", required=True)
@click.option("--reason", default="manual", show_default=True)
@as_option
@click.pass_context
def suppressions_add(
    ctx: click.Context, address: str, account: str, reason: str, as_user: str | None
) -> None:
    """Stop the account from sending to ADDRESS (super admins of the account and operators)."""
    actor = _needs_actor("add", as_user)

    async def work(store: Store) -> bool:
        async with store.transaction() as session:
            user = await admin.user_by_name(session, actor)
            target = await account_by_name(session, account)
            authorize(user, Action.MANAGE_SUPPRESSIONS, target)
            return await add_suppression(
                session, target.id, address, reason=reason, actor=user.name, now=utcnow()
            )

    if with_store(ctx, work):
        click.echo(f"suppressed {address} for {account}")
    else:
        click.echo(f"{address} was already suppressed for {account}: nothing changed")


@suppressions_group.command("remove")
@click.argument("address", callback=_stored_address)
@click.option("--account", required=True)
@as_option
@click.pass_context
def suppressions_remove(
    ctx: click.Context, address: str, account: str, as_user: str | None
) -> None:
    """Let the account send to ADDRESS again, if it was added by hand or imported."""
    actor = _needs_actor("remove", as_user)

    async def work(store: Store) -> bool:
        async with store.transaction() as session:
            user = await admin.user_by_name(session, actor)
            target = await account_by_name(session, account)
            authorize(user, Action.MANAGE_SUPPRESSIONS, target)
            case = await suppression_case(session, target.id, address)
            globally = await suppression_case(session, None, address) is not None
            if case is None and globally:
                raise Refused(
                    f"{address} is globally suppressed, not by {account}: only the relay's "
                    "operator can lift a global bounce (relay global unbounce)"
                )
            if case is None:
                raise Failure(f"{address} is not suppressed for {account}")
            if case.bounce_id is not None:
                # Lifting a bounce the relay saw is an unbounce: quota, once only, confirmation.
                raise Refused(
                    f"{address} bounced for {account} ({case.reason}): lift it with "
                    "`relay unbounce`, which applies the unbounce rules"
                )
            await remove_suppression(session, target.id, address, actor=user.name, now=utcnow())
            return globally

    still_global = with_store(ctx, work)
    click.echo(f"removed the suppression of {address} for {account}")
    if still_global:
        click.echo(f"{address} stays globally suppressed: the relay still refuses it", err=True)


@cli.group("segments")
def segments_group() -> None:
    """Saved lists of addresses (e.g. a campaign's bounced recipients)."""


@segments_group.command("list")
@click.option("--account", required=True)
@format_options
@click.pass_context
def segments_list(ctx: click.Context, account: str, as_json: bool, as_csv: bool) -> None:
    """The account's segments with their sizes."""

    async def work(store: Store) -> list[admin.SegmentInfo]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            return await admin.list_segments(session, target.id)

    rows = [(s.name, s.size, s.created_at, s.description) for s in with_store(ctx, work)]
    emit(("segment", "addresses", "created", "description"), rows, as_json=as_json, as_csv=as_csv)


def _members(ctx: click.Context, account: str, name: str) -> list[tuple[str, str | None]]:
    async def work(store: Store) -> list[tuple[str, str | None]]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            return await admin.segment_members(session, target.id, name)

    return with_store(ctx, work)


@segments_group.command("show")
@click.argument("name")
@click.option("--account", required=True)
@format_options
@click.pass_context
def segments_show(ctx: click.Context, name: str, account: str, as_json: bool, as_csv: bool) -> None:
    """The addresses of a segment, with the reason each is in it."""
    emit(("address", "reason"), _members(ctx, account, name), as_json=as_json, as_csv=as_csv)


@segments_group.command("export")
@click.argument("name")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--account", required=True)
@click.pass_context
def segments_export(ctx: click.Context, name: str, file: Path | None, account: str) -> None:
    """Write a segment as CSV (address, reason) to FILE, or to stdout."""
    members = _members(ctx, account, name)
    with _output(file) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(("address", "reason"))
        writer.writerows((address, reason or "") for address, reason in members)
    if file is not None:
        click.echo(
            f"{counted(len(members), 'address', 'addresses')} of segment {name} written to {file}",
            err=True,
        )
