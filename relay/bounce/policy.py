"""When an address is suppressed: the escalation rules from the settings, and how a suppression is
described to the client it refuses."""

from __future__ import annotations

from bounce_parser import Reason
from config import Settings
from storage.bounces import SOFT_ESCALATION, BouncePolicy
from storage.guard import GuardPolicy
from storage.suppressions import SuppressionInfo

# The reasons a suppression has when a bounce (or repeated soft ones) made it.
BOUNCE_REASONS = frozenset({*(str(reason) for reason in Reason), SOFT_ESCALATION})


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
