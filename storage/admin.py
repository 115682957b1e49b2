"""People and their changes: users with roles, the audit log, unbounces, segments, and the
stored results of sending-domain checks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import AlreadyExists, NotFound, account_by_name
from storage.models import (
    Account,
    AuditEntry,
    Contact,
    DomainCheck,
    Role,
    Segment,
    SegmentMember,
    SendingDomain,
    Unbounce,
    User,
)


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    name: str
    role: Role
    account_id: int | None
    account: str | None


async def add_user(
    session: AsyncSession, name: str, role: Role, account: str | None, *, now: dt.datetime
) -> UserInfo:
    """Create a user; every role but operator belongs to an account."""
    if await session.scalar(select(User.id).where(User.name == name)) is not None:
        raise AlreadyExists(f"user {name!r} already exists")
    if role is Role.OPERATOR and account is not None:
        raise ValueError("an operator is not tied to an account: leave out --account")
    if role is not Role.OPERATOR and account is None:
        raise ValueError(f"a {role} belongs to an account: give --account")
    account_id = (await account_by_name(session, account)).id if account else None
    user = User(name=name, role=role, account_id=account_id, created_at=now)
    session.add(user)
    await session.flush()
    return UserInfo(user.id, name, role, account_id, account)


async def user_by_name(session: AsyncSession, name: str) -> UserInfo:
    """The user called ``name``."""
    row = (
        await session.execute(
            select(User, Account.name)
            .outerjoin(Account, Account.id == User.account_id)
            .where(User.name == name)
        )
    ).first()
    if row is None:
        raise NotFound(f"no user named {name!r}")
    user, account = row
    return UserInfo(user.id, user.name, user.role, user.account_id, account)


async def list_users(session: AsyncSession) -> list[UserInfo]:
    """Every user, by name."""
    rows = await session.execute(
        select(User, Account.name)
        .outerjoin(Account, Account.id == User.account_id)
        .order_by(User.name)
    )
    return [UserInfo(u.id, u.name, u.role, u.account_id, a) for u, a in rows.all()]


async def user_count(session: AsyncSession) -> int:
    """How many users there are."""
    return int(await session.scalar(select(func.count(User.id))) or 0)


async def locked_operators(session: AsyncSession) -> list[str]:
    """The operators' names, their rows locked until the transaction ends (PostgreSQL): two
    concurrent demotions cannot both see another operator left."""
    query = select(User.name).where(User.role == Role.OPERATOR).order_by(User.id).with_for_update()
    return list((await session.scalars(query)).all())


async def remove_user(session: AsyncSession, user_id: int) -> None:
    """Delete a user; the unbounces it made stay (they count for the quota and once-only rule)."""
    # unbounces.user_id cascades on delete: detach it first so no unbounce is forgotten.
    await session.execute(update(Unbounce).where(Unbounce.user_id == user_id).values(user_id=None))
    await session.execute(delete(User).where(User.id == user_id))


async def set_role(session: AsyncSession, user_id: int, role: Role, account_id: int | None) -> None:
    """Give a user a new role (and the account it belongs to: None for an operator)."""
    await session.execute(
        update(User).where(User.id == user_id).values(role=role, account_id=account_id)
    )


async def audit(
    session: AsyncSession,
    *,
    actor: str,
    action: str,
    now: dt.datetime,
    account_id: int | None = None,
    subject: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write one entry to the audit log (in the caller's transaction, with the change)."""
    session.add(
        AuditEntry(
            at=now,
            actor=actor,
            account_id=account_id,
            action=action,
            subject=subject,
            detail=json.dumps(detail, sort_keys=True, default=str) if detail else None,
        )
    )


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: dt.datetime
    actor: str
    account: str | None
    action: str
    subject: str | None
    detail: str | None


async def audit_log(
    session: AsyncSession, *, account_id: int | None, since: dt.datetime | None, limit: int = 10_000
) -> list[AuditRow]:
    """Audit entries, oldest first, for one account (or all)."""
    query = select(AuditEntry, Account.name).outerjoin(Account, Account.id == AuditEntry.account_id)
    if account_id is not None:
        query = query.where(AuditEntry.account_id == account_id)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    rows = await session.execute(query.order_by(AuditEntry.at, AuditEntry.id).limit(limit))
    return [AuditRow(e.at, e.actor, a, e.action, e.subject, e.detail) for e, a in rows.all()]


async def contact_count(session: AsyncSession, account_id: int) -> int:
    """How many distinct addresses the account has sent to or imported."""
    return int(
        await session.scalar(select(func.count(Contact.id)).where(Contact.account_id == account_id))
        or 0
    )


def month_start(now: dt.datetime) -> dt.datetime:
    """The first instant of ``now``'s calendar month, in UTC."""
    utc = now.astimezone(dt.UTC)
    return utc.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


async def unbounces_this_month(session: AsyncSession, account_id: int, now: dt.datetime) -> int:
    """Unbounces the account made in ``now``'s calendar month (UTC)."""
    start = month_start(now)
    return int(
        await session.scalar(
            select(func.count(Unbounce.id)).where(
                Unbounce.account_id == account_id, Unbounce.at >= start, Unbounce.at <= now
            )
        )
        or 0
    )


async def unbounced_before(session: AsyncSession, account_id: int | None, address: str) -> bool:
    """Whether this account (None: the operator, globally) ever unbounced ``address``."""
    scope = (
        Unbounce.account_id.is_(None) if account_id is None else Unbounce.account_id == account_id
    )
    found = await session.scalar(
        select(Unbounce.id).where(scope, Unbounce.address == address).limit(1)
    )
    return found is not None


async def record_unbounce(
    session: AsyncSession,
    *,
    account_id: int | None,
    address: str,
    user_id: int | None,
    reason: str,
    bounce_id: int | None,
    now: dt.datetime,
) -> None:
    """Keep the unbounce (it counts towards the quota and the once-only rule)."""
    session.add(
        Unbounce(
            account_id=account_id,
            address=address,
            user_id=user_id,
            reason=reason,
            bounce_id=bounce_id,
            at=now,
        )
    )


async def save_segment(
    session: AsyncSession,
    account_id: int,
    name: str,
    members: Sequence[tuple[str, str | None]],
    *,
    description: str | None,
    now: dt.datetime,
) -> int:
    """Save (or replace) the named list of addresses; returns how many it holds."""
    existing = await session.scalar(
        select(Segment).where(Segment.account_id == account_id, Segment.name == name)
    )
    if existing is not None:
        await session.execute(delete(SegmentMember).where(SegmentMember.segment_id == existing.id))
        existing.description, existing.created_at = description, now
        segment = existing
    else:
        segment = Segment(account_id=account_id, name=name, description=description, created_at=now)
        session.add(segment)
        await session.flush()
    unique = dict(members)
    if unique:
        await session.execute(
            insert(SegmentMember),
            [{"segment_id": segment.id, "address": a, "reason": r} for a, r in unique.items()],
        )
    return len(unique)


@dataclass(frozen=True, slots=True)
class SegmentInfo:
    name: str
    description: str | None
    created_at: dt.datetime
    size: int


async def list_segments(session: AsyncSession, account_id: int) -> list[SegmentInfo]:
    """The account's saved segments with their sizes."""
    rows = await session.execute(
        select(Segment, func.count(SegmentMember.id))
        .outerjoin(SegmentMember, SegmentMember.segment_id == Segment.id)
        .where(Segment.account_id == account_id)
        .group_by(Segment.id)
        .order_by(Segment.name)
    )
    return [SegmentInfo(s.name, s.description, s.created_at, n) for s, n in rows.all()]


async def segment_members(
    session: AsyncSession, account_id: int, name: str
) -> list[tuple[str, str | None]]:
    """(address, reason) of a saved segment."""
    segment_id = await session.scalar(
        select(Segment.id).where(Segment.account_id == account_id, Segment.name == name)
    )
    if segment_id is None:
        raise NotFound(f"no segment named {name!r}")
    rows = await session.execute(
        select(SegmentMember.address, SegmentMember.reason)
        .where(SegmentMember.segment_id == segment_id)
        .order_by(SegmentMember.address)
    )
    return [(a, r) for a, r in rows.all()]


async def store_domain_check(
    session: AsyncSession,
    domain: str,
    *,
    passed: bool,
    detail: list[dict[str, Any]],
    now: dt.datetime,
) -> None:
    """Keep the result of a sending-domain check with its time."""
    domain_id = await session.scalar(select(SendingDomain.id).where(SendingDomain.domain == domain))
    if domain_id is None:
        raise NotFound(f"no sending domain {domain!r}")
    session.add(
        DomainCheck(domain_id=domain_id, checked_at=now, passed=passed, detail=json.dumps(detail))
    )


async def authenticated_domains(
    session: AsyncSession, account_id: int, *, newer_than: dt.datetime
) -> list[str]:
    """The account's sending domains whose latest check passed and is newer than ``newer_than``."""
    latest = (
        select(DomainCheck.domain_id, func.max(DomainCheck.checked_at).label("at"))
        .group_by(DomainCheck.domain_id)
        .subquery()
    )
    rows = await session.execute(
        select(SendingDomain.domain)
        .join(latest, latest.c.domain_id == SendingDomain.id)
        .join(
            DomainCheck,
            (DomainCheck.domain_id == latest.c.domain_id) & (DomainCheck.checked_at == latest.c.at),
        )
        .where(
            SendingDomain.account_id == account_id,
            DomainCheck.passed,
            DomainCheck.checked_at >= newer_than,
        )
        .order_by(SendingDomain.domain)
    )
    return list(rows.scalars())
