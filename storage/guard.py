"""The bounce-rate guard's state: per account, the bounce and complaint rates over its last
N sent copies, and whether it is warned or paused.

Rates only rise with a bounce or a complaint, so the guard looks again each time one is
recorded for a copy of the account (relay.bounce.recording, storage.bounces.record_complaint),
in that transaction; the state it reaches is read by every process's cache (relay.send.guard),
never per RCPT.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AccountGuard, Base, Bounce, BounceSource, Recipient, RecipientStatus
from storage.webhooks import Event, EventType, record_events

log = logging.getLogger("relay.guard")

# Copies the relay sent: what a rate is a share of.
SENT = (RecipientStatus.SENT, RecipientStatus.DELIVERED, RecipientStatus.BOUNCED)


class GuardLevel(StrEnum):
    OK = "ok"
    WARNED = "warned"
    PAUSED = "paused"


_RANK = {GuardLevel.OK: 0, GuardLevel.WARNED: 1, GuardLevel.PAUSED: 2}


@dataclass(frozen=True, slots=True)
class GuardPolicy:
    window: int = 1000
    warn_bounce_rate: float = 0.05
    warn_complaint_rate: float = 0.001
    pause_bounce_rate: float = 0.10
    pause_complaint_rate: float = 0.005

    def level(self, bounce_rate: float, complaint_rate: float) -> GuardLevel:
        if bounce_rate >= self.pause_bounce_rate or complaint_rate >= self.pause_complaint_rate:
            return GuardLevel.PAUSED
        if bounce_rate >= self.warn_bounce_rate or complaint_rate >= self.warn_complaint_rate:
            return GuardLevel.WARNED
        return GuardLevel.OK


@dataclass(frozen=True, slots=True)
class GuardState:
    account_id: int
    level: GuardLevel
    bounce_rate: float
    complaint_rate: float
    copies: int
    since: dt.datetime

    def why(self) -> str:
        """What tripped it, as the SMTP reply and the log say it."""
        if self.complaint_rate > 0 and self.bounce_rate == 0:
            return f"complaint rate {self.complaint_rate:.1%} over the last {self.copies} copies"
        return f"bounce rate {self.bounce_rate:.1%} over the last {self.copies} copies"


def _state(row: AccountGuard) -> GuardState:
    return GuardState(
        row.account_id,
        GuardLevel(row.state),
        row.bounce_rate,
        row.complaint_rate,
        row.copies,
        row.changed_at,
    )


async def window_rates(
    session: AsyncSession, account_id: int, *, window: int, after: int
) -> tuple[int, float, float]:
    """(copies, bounce rate, complaint rate) over the account's last ``window`` sent copies
    with a recipient id above ``after``. Bounces: hard ones the relay could tie to the copy."""
    copies = (
        select(Recipient.id)
        .where(Recipient.account_id == account_id, Recipient.id > after, Recipient.status.in_(SENT))
        .order_by(Recipient.id.desc())
        .limit(window)
        .subquery()
    )
    count = int(await session.scalar(select(func.count()).select_from(copies)) or 0)
    if count == 0:
        return 0, 0.0, 0.0
    tied = select(
        func.count(func.distinct(Bounce.recipient_id)).filter(
            Bounce.hard, Bounce.source != BounceSource.FEEDBACK
        ),
        func.count(func.distinct(Bounce.recipient_id)).filter(
            Bounce.source == BounceSource.FEEDBACK
        ),
    ).where(Bounce.recipient_id.in_(select(copies.c.id)), Bounce.verified)
    bounced, complained = (await session.execute(tied)).one()
    return count, int(bounced or 0) / count, int(complained or 0) / count


async def evaluate(
    session: AsyncSession, account_id: int, policy: GuardPolicy, *, now: dt.datetime
) -> GuardState | None:
    """Look at the account's window; on a rise to warned or paused record the new state and
    its account.warning event. The new state, or None when nothing changed."""
    row = await session.get(AccountGuard, account_id, with_for_update=True)
    current = GuardLevel(row.state) if row else GuardLevel.OK
    if current is GuardLevel.PAUSED:
        return None  # until an operator resumes it
    after = row.window_from if row else 0
    copies, bounce_rate, complaint_rate = await window_rates(
        session, account_id, window=policy.window, after=after
    )
    if copies < policy.window:
        return None  # acts only on a full window
    level = policy.level(bounce_rate, complaint_rate)
    if row is None:
        row = await _new_row(session, account_id, now)
    row.bounce_rate, row.complaint_rate, row.copies = bounce_rate, complaint_rate, copies
    if level is current or (_RANK[level] < _RANK[current] and level is not GuardLevel.OK):
        row.changed_at = row.changed_at or now
        await session.flush()
        return None
    row.state, row.changed_at = level.value, now
    await session.flush()
    state = _state(row)
    if level is GuardLevel.OK:
        return None  # back under the warning line: a new rise warns again
    data = {"level": "paused" if level is GuardLevel.PAUSED else "warning",
            "bounce_rate": round(bounce_rate, 6), "complaint_rate": round(complaint_rate, 6),
            "window": copies, "detail": state.why()}  # fmt: skip
    await record_events(session, [Event(EventType.ACCOUNT_WARNING, account_id, "", data)], now=now)
    log.warning(
        "account %d %s by the bounce-rate guard: %s",
        account_id, "paused" if level is GuardLevel.PAUSED else "warned", state.why(),
    )  # fmt: skip
    return state


async def _new_row(session: AsyncSession, account_id: int, now: dt.datetime) -> AccountGuard:
    """The account's row, made if missing; two transactions making it at once both get it
    (INSERT ... ON CONFLICT DO NOTHING, then a locked read) instead of one failing."""
    values = {"account_id": account_id, "state": GuardLevel.OK.value, "bounce_rate": 0.0,
              "complaint_rate": 0.0, "copies": 0, "window_from": 0, "changed_at": now}  # fmt: skip
    table = Base.metadata.tables[AccountGuard.__tablename__]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(insert(table).values(**values).on_conflict_do_nothing())
    row = await session.get(AccountGuard, account_id, with_for_update=True, populate_existing=True)
    assert row is not None
    return row


async def resume(session: AsyncSession, account_id: int, *, now: dt.datetime) -> GuardState | None:
    """Lift a pause (or a warning) and start a fresh window; the state it was in."""
    row = await session.get(AccountGuard, account_id, with_for_update=True)
    before = _state(row) if row else None
    newest = await session.scalar(
        select(func.max(Recipient.id)).where(Recipient.account_id == account_id)
    )
    if row is None:
        row = await _new_row(session, account_id, now)
    row.state, row.window_from, row.changed_at = GuardLevel.OK.value, int(newest or 0), now
    row.bounce_rate = row.complaint_rate = 0.0
    row.copies = 0
    await session.flush()
    return before


async def guard_states(
    session: AsyncSession, *, paused_only: bool = False
) -> dict[int, GuardState]:
    """The guard's state of every account that has one (or only the paused ones)."""
    query = select(AccountGuard)
    if paused_only:
        query = query.where(AccountGuard.state == GuardLevel.PAUSED.value)
    return {row.account_id: _state(row) for row in await session.scalars(query)}
