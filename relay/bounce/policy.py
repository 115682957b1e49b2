"""When a bounce suppresses an address: a pure function of the bounce's verdict, the address's
bounce history the store counted, and the settings; and how a suppression is described to the
client it refuses.

Nothing here reads or writes: ``relay.bounce.recording`` reads the history, asks ``decide`` and
writes what it says, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bounce_parser import Reason
from config import Settings
from storage.bounces import SOFT_ESCALATION
from storage.guard import GuardPolicy
from storage.suppressions import SuppressionInfo

# The reasons a suppression has when a bounce (or repeated soft ones) made it.
BOUNCE_REASONS = frozenset({*(str(reason) for reason in Reason), SOFT_ESCALATION})

# The parties whose soft bounces add up to a suppression (bounce_parser's Party). A sender's
# (blocked, policy, spam...) never counts against the address, nor does one the parser could
# not judge (undetermined).
ESCALATING_PARTIES = ("recipient", "transient")


@dataclass(frozen=True, slots=True)
class BouncePolicy:
    """When bounces escalate: repeated soft ones, and hard ones across accounts."""

    soft_threshold: int = 5
    soft_min_days: float = 3.0
    global_accounts: int = 3
    global_window_days: int = 60
    global_reasons: frozenset[str] = frozenset({"user_unknown", "host_unknown"})
    guard: GuardPolicy | None = None  # the bounce-rate guard (storage.guard); None: off


@dataclass(frozen=True, slots=True)
class BounceVerdict:
    """What a counted bounce (tied to a copy we sent, not superseded) says of its address."""

    hard: bool
    reason: str
    party: str  # recipient, sender, transient or undetermined
    diagnostic: str | None = None


@dataclass(frozen=True, slots=True)
class History:
    """What the store counted of the address's bounces, this one included; None: not counted
    (``wanted`` says which counts a verdict needs)."""

    # the account's counted soft bounces of an escalating party since the address's last
    # delivery and its latest unbounce, and when the first of them came
    soft_bounces: int | None = None
    first_soft: dt.datetime | None = None
    # the accounts with a counted hard bounce of a global reason within the global window
    hard_accounts: int | None = None


@dataclass(frozen=True, slots=True)
class Wanted:
    """Which counts ``decide`` needs for a verdict (the store reads only those)."""

    soft: bool
    hard_accounts_since: dt.datetime | None  # None: the global count is not needed


@dataclass(frozen=True, slots=True)
class Suppress:
    """One suppression to write: its reason and detail as the lists show them."""

    reason: str
    detail: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    """What a counted bounce does: suppress for the account, globally, and look at the guard."""

    account: Suppress | None = None
    globally: Suppress | None = None
    check_guard: bool = False

    @property
    def escalated(self) -> bool:
        """Whether the account's suppression comes from repeated soft bounces."""
        return self.account is not None and self.account.reason == SOFT_ESCALATION


def wanted(verdict: BounceVerdict, policy: BouncePolicy, now: dt.datetime) -> Wanted:
    """The history counts ``decide`` needs for ``verdict``."""
    soft = not verdict.hard and verdict.party in ESCALATING_PARTIES and policy.soft_threshold > 0
    counts_globally = (
        verdict.hard and policy.global_accounts > 0 and verdict.reason in policy.global_reasons
    )
    since = now - dt.timedelta(days=policy.global_window_days) if counts_globally else None
    return Wanted(soft, since)


def decide(
    verdict: BounceVerdict, history: History, policy: BouncePolicy, now: dt.datetime
) -> Decision:
    """What a counted bounce does. A hard one suppresses for the account at once (and the
    guard looks again); a soft one only when enough of them came over enough days."""
    if verdict.hard:
        return Decision(
            account=Suppress(verdict.reason, verdict.diagnostic),
            globally=_global_tier(verdict, history, policy),
            check_guard=policy.guard is not None,
        )
    return Decision(account=_soft_escalation(verdict, history, policy, now))


def _global_tier(verdict: BounceVerdict, history: History, policy: BouncePolicy) -> Suppress | None:
    """Hard bounces of one address for several accounts make a global suppression."""
    if policy.global_accounts <= 0 or verdict.reason not in policy.global_reasons:
        return None
    accounts = history.hard_accounts or 0
    if accounts < policy.global_accounts:
        return None
    detail = f"hard-bounced for {accounts} accounts within {policy.global_window_days} days"
    return Suppress(verdict.reason, detail)


def _soft_escalation(
    verdict: BounceVerdict, history: History, policy: BouncePolicy, now: dt.datetime
) -> Suppress | None:
    """N soft bounces since the last delivery, spread over D days, suppress the address."""
    if policy.soft_threshold <= 0 or verdict.party not in ESCALATING_PARTIES:
        return None
    count, first = history.soft_bounces or 0, history.first_soft
    if count < policy.soft_threshold or first is None:
        return None
    if now - first < dt.timedelta(days=policy.soft_min_days):
        return None
    detail = f"{count} soft bounces since {first:%Y-%m-%d} with no delivery"
    return Suppress(SOFT_ESCALATION, detail)


def policy_of(settings: Settings) -> BouncePolicy:
    """The escalation rules from the settings."""
    b = settings.bounces
    return BouncePolicy(
        soft_threshold=b.soft_threshold,
        soft_min_days=b.soft_min_days,
        global_accounts=b.global_accounts,
        global_window_days=b.global_window_days,
        guard=guard_policy(settings),
    )


def guard_policy(settings: Settings) -> GuardPolicy | None:
    """The bounce-rate guard's thresholds, None when it is off."""
    g = settings.guard
    if not g.enabled:
        return None
    return GuardPolicy(
        window=g.window,
        warn_bounce_rate=g.warn_bounce_rate,
        warn_complaint_rate=g.warn_complaint_rate,
        pause_bounce_rate=g.pause_bounce_rate,
        pause_complaint_rate=g.pause_complaint_rate,
    )


def why_suppressed(hit: SuppressionInfo) -> str:
    """What put the address on the list, in words: only a bounce is "previously bounced"."""
    if hit.reason == "complaint":
        return "the recipient complained"
    if hit.reason in BOUNCE_REASONS or hit.bounce_status is not None or "bounce" in hit.reason:
        return "previously bounced"
    # added by hand or imported without a bounce behind it (an unsubscribe, a list from
    # elsewhere); an imported list of another service's hard bounces keeps its word
    return "suppressed"
