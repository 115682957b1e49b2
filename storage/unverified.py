"""Unverified evidence: returned messages tied to no copy the relay sent.

They can suppress nothing, and anyone can send them to the bounce listener, so what is kept of
them is bounded: each raw message once (by its SHA-256), at most a configured number of bytes
of it, a configured number of new ones per sending host an hour, and for a short time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Bounce, UnverifiedReport


@dataclass(frozen=True, slots=True)
class UnverifiedRow:
    """One unverified report as the operator sees it."""

    report_id: int
    at: dt.datetime
    source_host: str | None
    size: int
    raw_kept: bool
    entries: int
    addresses: str  # the first few it names


async def keep_unverified_report(
    session: AsyncSession,
    raw: bytes,
    *,
    source_host: str | None,
    max_bytes: int,
    per_host_per_hour: int,
    now: dt.datetime,
) -> int | None:
    """The id of the unverified report holding ``raw``, stored once (at most ``max_bytes``
    of it); None when ``source_host`` sent its hourly share of new unverified reports."""
    digest = hashlib.sha256(raw).hexdigest()
    found = await session.scalar(
        select(UnverifiedReport.id).where(UnverifiedReport.digest == digest)
    )
    if found is not None:
        return found
    if source_host is not None and per_host_per_hour > 0:
        recent = await session.scalar(
            select(func.count(UnverifiedReport.id)).where(
                UnverifiedReport.source_host == source_host,
                UnverifiedReport.created_at >= now - dt.timedelta(hours=1),
            )
        )
        if (recent or 0) >= per_host_per_hour:
            return None
    report = UnverifiedReport(
        digest=digest,
        source_host=(source_host or "")[:64] or None,
        size=len(raw),
        raw=zlib.compress(raw[:max_bytes], 6) if max_bytes > 0 else None,
        created_at=now,
    )
    session.add(report)
    await session.flush()
    return report.id


async def drop_old_unverified(session: AsyncSession, *, before: dt.datetime) -> int:
    """Forget the raw messages of unverified reports kept since before ``before``."""
    result = await session.execute(
        update(UnverifiedReport)
        .where(UnverifiedReport.created_at < before, UnverifiedReport.raw.is_not(None))
        .values(raw=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def unverified_reports(
    session: AsyncSession, *, since: dt.datetime | None = None, limit: int = 1000
) -> list[UnverifiedRow]:
    """The unverified reports kept, newest first, with how many entries each named."""
    entries = (
        select(Bounce.report_id, func.count(Bounce.id).label("n"))
        .where(Bounce.report_id.is_not(None))
        .group_by(Bounce.report_id)
        .subquery()
    )
    query = select(
        UnverifiedReport.id,
        UnverifiedReport.created_at,
        UnverifiedReport.source_host,
        UnverifiedReport.size,
        UnverifiedReport.raw.is_not(None),
        func.coalesce(entries.c.n, 0),
    ).outerjoin(entries, entries.c.report_id == UnverifiedReport.id)
    if since is not None:
        query = query.where(UnverifiedReport.created_at >= since)
    rows = (
        await session.execute(
            query.order_by(UnverifiedReport.created_at.desc(), UnverifiedReport.id.desc()).limit(
                limit
            )
        )
    ).all()
    found: list[UnverifiedRow] = []
    for report_id, at, host, size, kept, count in rows:
        named = await session.scalars(
            select(Bounce.address).where(Bounce.report_id == report_id).order_by(Bounce.id).limit(3)
        )
        found.append(
            UnverifiedRow(report_id, at, host, size, bool(kept), int(count), ", ".join(named))
        )
    return found
