"""Recording a bounce: store it, read the history the bounce policy needs, and write what the
policy decides, all in the caller's transaction. Both the send path (a permanent refusal, an
expired copy) and the returned-mail path record through ``record_bounce``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncSession

from relay.bounce.policy import (
    ESCALATING_PARTIES,
    BouncePolicy,
    BounceVerdict,
    Decision,
    History,
    decide,
    wanted,
)
from storage.bounces import BounceEvidence, BounceRecorded, add_bounce, hard_accounts, soft_bounces
from storage.guard import evaluate
from storage.suppressions import suppress


async def record_bounce(
    session: AsyncSession,
    evidence: BounceEvidence,
    *,
    now: dt.datetime,
    policy: BouncePolicy | None = None,
) -> BounceRecorded:
    """Record a bounce; a hard one tied to a copy we sent suppresses the address at once."""
    policy = policy or BouncePolicy()
    added = await add_bounce(session, evidence, now=now)
    if added.account_id is None:  # untied, a duplicate, or sent before the latest unbounce
        return added.recorded
    account_id, bounce_id = added.account_id, added.recorded.bounce_id
    verdict = BounceVerdict(evidence.hard, evidence.reason, evidence.party, evidence.diagnostic)
    history = await read_history(session, verdict, account_id, evidence.address, policy, now)
    decision = decide(verdict, history, policy, now)
    suppressed, globally = await write_decision(
        session, decision, account_id, evidence.address, bounce_id, now=now
    )
    if decision.check_guard and policy.guard is not None:
        await evaluate(session, account_id, policy.guard, now=now)
    return BounceRecorded(bounce_id, True, suppressed, globally)


async def read_history(
    session: AsyncSession,
    verdict: BounceVerdict,
    account_id: int,
    address: str,
    policy: BouncePolicy,
    now: dt.datetime,
) -> History:
    """The counts ``decide`` needs for ``verdict``, and only those."""
    needs = wanted(verdict, policy, now)
    soft, first = (
        await soft_bounces(session, account_id, address, ESCALATING_PARTIES)
        if needs.soft
        else (None, None)
    )
    accounts = (
        await hard_accounts(session, address, policy.global_reasons, needs.hard_accounts_since)
        if needs.hard_accounts_since is not None
        else None
    )
    return History(soft_bounces=soft, first_soft=first, hard_accounts=accounts)


async def write_decision(
    session: AsyncSession,
    decision: Decision,
    account_id: int,
    address: str,
    bounce_id: int,
    *,
    now: dt.datetime,
) -> tuple[bool, bool]:
    """Write the suppressions ``decision`` asks for: (for the account, globally), each True
    when it was new."""
    written = []
    for owner, suppression in ((account_id, decision.account), (None, decision.globally)):
        written.append(
            suppression is not None
            and await suppress(
                session,
                account_id=owner,
                address=address,
                reason=suppression.reason,
                detail=suppression.detail,
                bounce_id=bounce_id,
                now=now,
            )
        )
    return written[0], written[1]


async def global_tier(
    session: AsyncSession,
    verdict: BounceVerdict,
    account_id: int,
    address: str,
    bounce_id: int,
    *,
    policy: BouncePolicy,
    now: dt.datetime,
) -> bool:
    """The global tier alone, as for a new counted bounce with ``verdict`` (a bounce
    reclassification made hard); True if it suppressed globally."""
    history = await read_history(session, verdict, account_id, address, policy, now)
    outcome = Decision(globally=decide(verdict, history, policy, now).globally)
    return (await write_decision(session, outcome, account_id, address, bounce_id, now=now))[1]
