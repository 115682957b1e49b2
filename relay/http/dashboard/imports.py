"""The suppression list's CSV import from the dashboard: the file goes through the reader of
`relay suppressions import` and relay.suppression_rules, as the API's import does, and the
page answers with what was added, what was already there, and the rows skipped and why."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from relay.admin import suppressions as suppression_rules
from relay.admin.suppression_files import ImportFile, ImportFileError
from relay.http.dashboard.pages import base, chosen_account
from relay.http.dashboard.render import render
from relay.http.dashboard.signin import Forbidden, page
from relay.http.state import AppState
from relay.http.suppression_csv import (
    MAX_UPLOAD,
    SHOWN_BAD_ROWS,
    _in_thread,
    _spool,
    _upload_chunks,
)
from storage.engine import utcnow
from storage.suppression_lists import REASON_LENGTH
from storage.web_sessions import SignedIn


@page
async def import_csv(request: Request, signed: SignedIn) -> Response:
    """POST /suppressions/import: a CSV file (multipart, with the CSRF token) suppressed for
    the account; the answer is a summary page."""
    if int(request.headers.get("content-length") or 0) > MAX_UPLOAD:
        raise ValueError(f"the file is larger than {MAX_UPLOAD >> 20} MB")
    handle, spooled = tempfile.mkstemp(prefix="relay-import-", suffix=".csv")
    out = os.fdopen(handle, "wb")
    try:
        async with request.form(max_files=1, max_fields=10) as form:
            token = form.get("csrf_token")
            if not isinstance(token, str) or not secrets.compare_digest(
                token.encode(), signed.csrf_token.encode()
            ):
                raise Forbidden("the form's security token is missing or stale: reload the page")
            upload, reason = form.get("file"), form.get("reason") or "imported"
            account_name = form.get("account")
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise ValueError("choose a CSV file to import")
            if not isinstance(reason, str) or len(reason) > REASON_LENGTH:
                raise ValueError(f"the reason is at most {REASON_LENGTH} characters")
            with out:
                await _spool(_upload_chunks(upload), out)
            shown = Path(upload.filename).name
        account = await chosen_account(
            request, signed, account_name if isinstance(account_name, str) else None
        )
        if account is None:
            raise ValueError("say which account the list is for")
        now = utcnow()
        with ImportFile.open(Path(spooled), now=now, default_reason=reason, shown=shown) as source:
            async with AppState.of(request).store.transaction() as session:
                counts = await suppression_rules.import_suppressions(
                    session, signed.user, account, _in_thread(source.batches()),
                    source=shown, skipped=source.bad, now=now,
                )  # fmt: skip
    except ImportFileError as exc:
        raise ValueError(str(exc)) from exc
    finally:
        out.close()
        with contextlib.suppress(OSError):
            os.unlink(spooled)
    context = base(signed, "Import finished", account)
    context.update(
        file=shown, counts=counts, bad=source.bad[:SHOWN_BAD_ROWS], skipped=len(source.bad)
    )
    return render(request, "imported.html", context)
