"""Re-judging stored evidence with the current parser (``relay bounces reclassify``).

Each verified bounce keeps what it was judged on: the SMTP reply, or the returned message. The
current rules judge it again; a changed verdict is stored, a suppression that rested on that one
bounce's verdict alone is lifted when it is no longer hard, and a bounce that is now hard
suppresses as a new one would (never a copy sent before the address's latest unbounce). A
suppression a person made (by hand, an import) or another rule made (a complaint, repeated
soft bounces) is never lifted here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import zlib
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bounce_parser import Bounce, BounceReport, classify_reply, parse
from relay.admin.rules import Action, Refused, authorize
from relay.bounce.forwarding import as_forwarded, forwarded_from
from relay.bounce.policy import BouncePolicy, BounceVerdict
from relay.bounce.recording import global_tier
from relay.send.transports.base import Reply
from storage import admin
from storage.accounts import account_by_name
from storage.addresses import BadAddress, normalize_address
from storage.engine import Store, utcnow
from storage.models import BounceSource, Role
from storage.reclassify import (
    StoredBounce,
    Verdict,
    correct_verdict,
    is_stale,
    next_batch,
    still_hard,
    verdict_suppression,
)
from storage.suppressions import lift_suppression, suppress, suppression_case

RECLASSIFIED = "reclassified"
COLUMNS = ("address", "account", "bounce", "old", "new", "rule", "suppression")


@dataclass(frozen=True, slots=True)
class Judged:
    """A stored bounce and what the current rules say of it."""

    bounce: StoredBounce
    new: Verdict
    rule: str | None

    @property
    def changed(self) -> bool:
        return self.new != self.bounce.verdict


@dataclass(frozen=True, slots=True)
class Change:
    """One corrected verdict, the rule that decided it, and what became of the suppression."""

    judged: Judged
    suppression: str

    def row(self) -> tuple[object, ...]:
        b = self.judged.bounce
        return (
            b.address, b.account, b.bounce_id, describe(b.verdict), describe(self.judged.new),
            self.judged.rule or "-", self.suppression or "-",
        )  # fmt: skip


@dataclass
class Summary:
    examined: int = 0
    unjudged: int = 0  # the parser finds no entry for the address in the stored message
    changes: list[Change] = field(default_factory=list)

    def count(self, word: str) -> int:
        return sum(1 for c in self.changes if c.suppression.startswith(word))


def describe(v: Verdict) -> str:
    """A verdict for people: ``hard user_unknown (recipient) 5.1.1``."""
    return f"{'hard' if v.hard else 'soft'} {v.reason} ({v.party}) {v.status or '-'}"


def judge(bounce: StoredBounce) -> Judged | None:
    """The current rules' verdict on the stored evidence; None when they find none for it."""
    if bounce.source is BounceSource.SMTP:
        text = bounce.diagnostic or ""
        # The same call the send path makes (relay.send.delivery), on the reply it kept.
        v = classify_reply(bounce.reply_code, Reply(bounce.reply_code, text).enhanced_status, text)
        return Judged(bounce, Verdict(v.hard, str(v.reason), str(v.party), v.status), v.rule)
    if bounce.raw is None:
        return None
    try:
        raw = zlib.decompress(bounce.raw)
    except zlib.error:
        return None
    entry = entry_for(parse(raw), bounce.address)
    if entry is None:
        return None
    new = Verdict(entry.hard, str(entry.reason), str(entry.party), entry.status)
    return Judged(bounce, new, entry.rule)


def entry_for(report: BounceReport, address: str) -> Bounce | None:
    """The report's entry for ``address``, as when the bounce was first recorded: a target it
    forwards to, judged as such; else a lone entry naming another address (rewritten)."""
    failed = [e for e in report.recipients if e.action != "delayed"]
    for entry in failed:
        try:
            if normalize_address(entry.address) == address:
                return entry
        except BadAddress:
            continue
    targets = [e for e in failed if forwarded_from(e, address)]
    if targets:  # a target the address forwards to (relay/bounce/forwarding.py)
        return as_forwarded(targets[0])
    return failed[0] if len(report.recipients) == 1 and failed else None


def _judge_all(bounces: list[StoredBounce]) -> list[Judged | None]:
    return [judge(b) for b in bounces]


async def authorized_scope(
    store: Store, account: str | None, as_user: str | None, *, dry_run: bool
) -> tuple[int | None, str | None]:
    """(account id, actor name) of a run: an operator, or a super administrator of the account;
    a dry run changes nothing and needs nobody."""
    async with store.reading() as session:
        target = await account_by_name(session, account) if account else None
        if dry_run:
            return (target.id if target else None), None
        if not as_user:
            raise ValueError(
                "this command changes something: say who you are with --as USER (or RELAY_USER)"
            )
        user = await admin.user_by_name(session, as_user)
    authorize(user, Action.RECLASSIFY, target)
    if user.role is not Role.OPERATOR and target is None:
        raise Refused(f"user {user.name} may reclassify only their own account: give --account")
    return (target.id if target else None), user.name


async def reclassify(
    store: Store,
    *,
    account_id: int | None,
    since: dt.datetime | None,
    actor: str | None,
    policy: BouncePolicy,
    dry_run: bool = False,
    batch: int = 500,
) -> Summary:
    """Judge every verified bounce again, in batches of ``batch`` addresses per transaction."""
    summary = Summary()
    after: tuple[int, str] | None = None
    while True:
        async with store.reading() as session:
            found = await next_batch(
                session, after=after, groups=batch, account_id=account_id, since=since
            )
        if not found.bounces:
            break
        judged = await asyncio.to_thread(_judge_all, found.bounces)
        summary.examined += len(judged)
        summary.unjudged += sum(1 for j in judged if j is None)
        settled = [j for j in judged if j is not None]
        summary.changes += await _settle_batch(store, settled, actor, policy, dry_run)
        after = found.last
    if not dry_run and actor is not None:
        async with store.transaction() as session:
            await admin.audit(
                session, actor=actor, action="bounces_reclassify", now=utcnow(),
                account_id=account_id,
                detail={
                    "since": since, "examined": summary.examined, "changed": len(summary.changes),
                    "lifted": summary.count("lifted"), "added": summary.count("added"),
                },
            )  # fmt: skip
    return summary


class _DryRun(Exception):
    """Raised to roll a dry run's batch back once its changes are known."""


async def _settle_batch(
    store: Store, judged: list[Judged], actor: str | None, policy: BouncePolicy, dry_run: bool
) -> list[Change]:
    groups: dict[tuple[int, str], list[Judged]] = {}
    for j in judged:
        if j.changed:
            groups.setdefault((j.bounce.account_id, j.bounce.address), []).append(j)
    if not groups:
        return []
    changes: list[Change] = []
    now = utcnow()
    try:
        async with store.transaction() as session:
            for group in groups.values():
                changes += await _settle_address(session, group, actor or "dry-run", policy, now)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return changes


async def _settle_address(
    session: AsyncSession, group: list[Judged], actor: str, policy: BouncePolicy, now: dt.datetime
) -> list[Change]:
    """Correct the changed verdicts of one account's address, then its suppression."""
    done = [j for j in group if await correct_verdict(session, j.bounce, j.new, now=now)]
    notes = {j.bounce.bounce_id: "" for j in done}
    softened = {j.bounce.bounce_id for j in done if j.bounce.verdict.hard and not j.new.hard}
    if softened:
        first = group[0].bounce
        notes.update(await _lift(session, first.account_id, first.address, softened, actor, now))
    for j in done:
        if j.new.hard and not j.bounce.verdict.hard:
            notes[j.bounce.bounce_id] = await _add(session, j, actor, policy, now)
    return [Change(j, notes[j.bounce.bounce_id]) for j in done]


async def _lift(
    session: AsyncSession,
    account_id: int,
    address: str,
    softened: set[int],
    actor: str,
    now: dt.datetime,
) -> dict[int, str]:
    """Lift the suppression that rested on one of the ``softened`` bounces alone."""
    resting = await verdict_suppression(session, account_id, address)
    if resting is None or resting[0] not in softened:
        case = await suppression_case(session, account_id, address)
        why = f"kept: {case.reason}, not this bounce's verdict" if case else ""
        return dict.fromkeys(softened, why)
    bounce_id, reason = resting
    if await still_hard(session, account_id, address):
        return {bounce_id: "kept: another hard bounce"}
    await lift_suppression(session, account_id, address, cause="reclassification")
    await admin.audit(
        session, actor=actor, action="suppression_remove", now=now, account_id=account_id,
        subject=address, detail={"reason": RECLASSIFIED, "was": reason, "bounce_id": bounce_id},
    )  # fmt: skip
    return {bounce_id: "lifted"}


async def _add(
    session: AsyncSession, j: Judged, actor: str, policy: BouncePolicy, now: dt.datetime
) -> str:
    """Suppress for a bounce that is now hard, as a new hard bounce would."""
    b = j.bounce
    if await is_stale(session, b):
        return "none: sent before the latest unbounce"
    added = await suppress(
        session, account_id=b.account_id, address=b.address, reason=j.new.reason,
        detail=b.diagnostic, bounce_id=b.bounce_id, now=now,
    )  # fmt: skip
    if added:
        await admin.audit(
            session, actor=actor, action="suppression_add", now=now, account_id=b.account_id,
            subject=b.address, detail={"reason": RECLASSIFIED, "bounce_reason": j.new.reason},
        )  # fmt: skip
    note = "added" if added else "already suppressed"
    verdict = BounceVerdict(j.new.hard, j.new.reason, j.new.party, b.diagnostic)
    if await global_tier(
        session, verdict, b.account_id, b.address, b.bounce_id, policy=policy, now=now
    ):
        note += "; globally too"
    return note
