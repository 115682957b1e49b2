"""CSV in and out of a suppression list: ``POST /api/v1/suppressions/import`` and
``GET /api/v1/suppressions.csv``, with the reader and the columns of the ``relay`` command."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import os
import tempfile
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import IO

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Route

from relay.admin import suppressions as suppression_rules
from relay.admin.suppression_files import EXPORT_COLUMNS, ImportFile, ImportFileError, export_row
from relay.http.auth import acting_user
from relay.http.openapi import API
from relay.http.params import own_account_only, query, query_time, readable_account
from relay.http.problems import MALFORMED, TOO_LARGE, Problem
from relay.http.state import AppState
from storage.accounts import account_by_name
from storage.engine import utcnow
from storage.suppression_lists import (
    REASON_LENGTH,
    ImportedAddress,
    SuppressionFilter,
    stream_suppressions,
)

MAX_UPLOAD = 512 << 20  # a million addresses with dates and reasons is about 60 MB
SHOWN_BAD_ROWS = 1000
EXPORT_CHUNK = 1000  # rows per piece of the streamed export


async def _spool(chunks: AsyncIterator[bytes], out: IO[bytes]) -> None:
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > MAX_UPLOAD:
            raise Problem(TOO_LARGE, f"the file is larger than {MAX_UPLOAD >> 20} MB")
        await asyncio.to_thread(out.write, chunk)


async def _upload_chunks(upload: UploadFile) -> AsyncIterator[bytes]:
    while chunk := await upload.read(1 << 20):
        yield chunk


async def _received_file(request: Request, out: IO[bytes]) -> str:
    """Write the uploaded file to ``out``: the body itself (text/csv), or the ``file`` field
    of a form (multipart/form-data). Returns the file's name."""
    kind = request.headers.get("content-type", "")
    if not kind.startswith("multipart/form-data"):
        await _spool(request.stream(), out)
        return query(request, "filename") or "upload.csv"
    async with request.form(max_files=1, max_fields=10) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise Problem(MALFORMED, "the form has no file field named file")
        await _spool(_upload_chunks(upload), out)
        return Path(upload.filename or "upload.csv").name


async def _in_thread(
    batches: Iterator[list[ImportedAddress]],
) -> AsyncIterator[list[ImportedAddress]]:
    """Read the file's batches off the event loop: parsing a million rows takes seconds."""
    while (batch := await asyncio.to_thread(next, batches, None)) is not None:
        yield batch


async def import_file(request: Request) -> Response:
    """Suppress every address of a CSV file for the account (as `relay suppressions import`)."""
    user = await acting_user(request)
    name = query(request, "account", required=True)
    assert name is not None
    own_account_only(user, name)
    reason = query(request, "reason") or "imported"
    if len(reason) > REASON_LENGTH:
        raise Problem(MALFORMED, f"reason is at most {REASON_LENGTH} characters")
    handle, spooled = tempfile.mkstemp(prefix="relay-import-", suffix=".csv")
    try:
        with os.fdopen(handle, "wb") as out:
            shown = await _received_file(request, out)
        now = utcnow()
        with ImportFile.open(Path(spooled), now=now, default_reason=reason, shown=shown) as source:
            async with AppState.of(request).store.transaction() as session:
                account = await account_by_name(session, name)
                counts = await suppression_rules.import_suppressions(
                    session,
                    user,
                    account,
                    _in_thread(source.batches()),
                    source=shown,
                    skipped=source.bad,
                    now=now,
                )
    except ImportFileError as exc:
        raise Problem(MALFORMED, str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(spooled)
    return JSONResponse(
        {
            "account": account.name,
            "file": shown,
            "rows": counts.rows,
            "imported": counts.imported,
            "already_suppressed": counts.already_suppressed,
            "skipped": len(source.bad),
            "bad_rows": source.bad[:SHOWN_BAD_ROWS],
        }
    )


def _csv_text(rows: Sequence[Sequence[object]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        ["" if v is None else v for v in row] for row in rows
    )
    return buffer.getvalue().encode()


async def export_csv(request: Request) -> Response:
    """The account's suppressions as CSV (address, reason, created, status), streamed."""
    _, account = await readable_account(request)
    where = SuppressionFilter(query(request, "reason"), query_time(request, "since"))
    store = AppState.of(request).store

    async def body() -> AsyncIterator[bytes]:
        yield _csv_text([EXPORT_COLUMNS])
        async with store.reading() as session:
            rows: list[tuple[str, str, str, str | None]] = []
            async for row in stream_suppressions(session, account.id, where):
                rows.append(export_row(row))
                if len(rows) >= EXPORT_CHUNK:
                    yield _csv_text(rows)
                    rows = []
            yield _csv_text(rows)

    filename = f"suppressions-{account.name}.csv".replace('"', "")
    return StreamingResponse(
        body(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


ROUTES: list[BaseRoute] = [
    Route(f"{API}/suppressions/import", import_file, methods=["POST"]),
    Route(f"{API}/suppressions.csv", export_csv, methods=["GET"]),
]
