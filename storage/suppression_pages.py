"""Pages of a suppression list, newest first, with a cursor: a million rows page as fast as ten.

The cursor is the (created_at, id) of the last row shown; the next page starts after it on the
index (account_id, created_at, id), so page 10,000 costs what page 1 does, and rows added
meanwhile never shift a page (as OFFSET would).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, not_, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Bounce, Suppression

MAX_PAGE = 1000
# A bounce reason that says nothing about why (bounce_parser.Reason.UNDEFINED).
UNKNOWN_REASON = "undefined"


class BadCursor(ValueError):
    """A cursor this code did not hand out."""


@dataclass(frozen=True, slots=True)
class PageFilter:
    """Which suppressions: one account's (None: the global tier), narrowed by the rest."""

    account_id: int | None
    address: str | None = None  # a whole normalized address, or a part of one
    reason: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    hard_reason_known: bool | None = None


@dataclass(frozen=True, slots=True)
class PagedSuppression:
    id: int
    address: str
    account_id: int | None
    reason: str
    detail: str | None
    created_at: dt.datetime
    bounce_id: int | None
    bounce_status: str | None
    bounce_reason: str | None
    hard: bool | None


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[PagedSuppression]
    next_cursor: str | None


def encode_cursor(created_at: dt.datetime, row_id: int) -> str:
    """An opaque cursor for the position after (created_at, id)."""
    raw = json.dumps([created_at.astimezone(dt.UTC).isoformat(), row_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, int]:
    """The position a cursor names; BadCursor for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        when, row_id = json.loads(raw)
        at = dt.datetime.fromisoformat(when)
        if at.tzinfo is None or not isinstance(row_id, int):
            raise ValueError("incomplete")
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor(f"not a cursor this API handed out: {cursor[:40]!r}") from exc
    return at, row_id


def _like(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _conditions(where: PageFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [
        Suppression.account_id.is_(None)
        if where.account_id is None
        else Suppression.account_id == where.account_id
    ]
    if where.address is not None:
        if "@" in where.address:
            found.append(Suppression.address == where.address)
        else:
            found.append(Suppression.address.like(_like(where.address), escape="\\"))
    if where.reason is not None:
        found.append(Suppression.reason == where.reason)
    if where.since is not None:
        found.append(Suppression.created_at >= where.since)
    if where.until is not None:
        found.append(Suppression.created_at < where.until)
    if where.hard_reason_known is not None:
        known = and_(
            Suppression.bounce_id.is_not(None),
            Bounce.hard.is_(true()),
            Bounce.reason != UNKNOWN_REASON,
        )
        found.append(known if where.hard_reason_known else not_(known) | Bounce.id.is_(None))
    return found


async def suppression_page(
    session: AsyncSession, where: PageFilter, *, cursor: str | None, limit: int
) -> Page:
    """Up to ``limit`` suppressions after ``cursor``, newest first, and the next cursor."""
    limit = max(1, min(limit, MAX_PAGE))
    query = (
        select(
            Suppression.id,
            Suppression.address,
            Suppression.account_id,
            Suppression.reason,
            Suppression.detail,
            Suppression.created_at,
            Suppression.bounce_id,
            Bounce.dsn_status,
            Bounce.reason,
            Bounce.hard,
        )
        .outerjoin(Bounce, Bounce.id == Suppression.bounce_id)
        .where(*_conditions(where))
    )
    if cursor is not None:
        at, row_id = decode_cursor(cursor)
        query = query.where(
            or_(
                Suppression.created_at < at,
                and_(Suppression.created_at == at, Suppression.id < row_id),
            )
        )
    query = query.order_by(Suppression.created_at.desc(), Suppression.id.desc()).limit(limit + 1)
    rows = [PagedSuppression(*tuple(row)) for row in (await session.execute(query)).all()]
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1] if rows and more else None
    return Page(rows, encode_cursor(last.created_at, last.id) if last else None)
