"""The bounce policy alone: a verdict and the counted history in, a decision out (no store)."""

from __future__ import annotations

import datetime as dt

import pytest

from relay.bounce.policy import (
    BouncePolicy,
    BounceVerdict,
    Decision,
    History,
    Suppress,
    decide,
    wanted,
)
from storage.bounces import SOFT_ESCALATION
from storage.guard import GuardPolicy

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
POLICY = BouncePolicy()  # 5 soft bounces over 3 days; 3 accounts within 60 days
UNKNOWN = BounceVerdict(True, "user_unknown", "recipient", "550 5.1.1 no such user")
FULL = BounceVerdict(False, "mailbox_full", "recipient", "452 4.2.2 mailbox full")


def days_ago(days: float) -> dt.datetime:
    return NOW - dt.timedelta(days=days)


def test_a_hard_bounce_suppresses_for_the_account_with_its_reason_and_diagnostic() -> None:
    decision = decide(UNKNOWN, History(hard_accounts=1), POLICY, NOW)
    assert decision == Decision(account=Suppress("user_unknown", "550 5.1.1 no such user"))
    assert not decision.escalated


@pytest.mark.parametrize(
    ("accounts", "globally"),
    [(2, None), (3, Suppress("user_unknown", "hard-bounced for 3 accounts within 60 days"))],
    ids=["two-accounts-stay-per-account", "three-accounts-go-global"],
)
def test_the_global_tier_needs_enough_accounts(accounts: int, globally: Suppress | None) -> None:
    assert decide(UNKNOWN, History(hard_accounts=accounts), POLICY, NOW).globally == globally


def test_only_the_global_reasons_go_global() -> None:
    blocked = BounceVerdict(True, "mailbox_disabled", "recipient", None)
    assert wanted(blocked, POLICY, NOW).hard_accounts_since is None
    assert decide(blocked, History(hard_accounts=9), POLICY, NOW).globally is None
    off = BouncePolicy(global_accounts=0)
    assert wanted(UNKNOWN, off, NOW).hard_accounts_since is None
    assert decide(UNKNOWN, History(hard_accounts=9), off, NOW).globally is None


def test_the_global_count_is_over_the_window() -> None:
    assert wanted(UNKNOWN, POLICY, NOW).hard_accounts_since == days_ago(60)
    assert not wanted(UNKNOWN, POLICY, NOW).soft


def test_the_guard_looks_again_after_a_hard_bounce_when_it_is_on() -> None:
    guarded = BouncePolicy(guard=GuardPolicy())
    assert decide(UNKNOWN, History(), guarded, NOW).check_guard
    assert not decide(UNKNOWN, History(), POLICY, NOW).check_guard
    assert not decide(FULL, History(soft_bounces=1, first_soft=NOW), guarded, NOW).check_guard


def test_repeated_soft_bounces_over_enough_days_escalate() -> None:
    history = History(soft_bounces=5, first_soft=days_ago(3))
    decision = decide(FULL, history, POLICY, NOW)
    detail = f"5 soft bounces since {days_ago(3):%Y-%m-%d} with no delivery"
    assert decision == Decision(account=Suppress(SOFT_ESCALATION, detail))
    assert decision.escalated


@pytest.mark.parametrize(
    "history",
    [
        History(soft_bounces=4, first_soft=days_ago(10)),
        History(soft_bounces=9, first_soft=days_ago(2.9)),
        History(soft_bounces=0, first_soft=None),
    ],
    ids=["too-few", "too-soon", "none-counted"],
)
def test_soft_bounces_below_the_thresholds_suppress_nothing(history: History) -> None:
    assert decide(FULL, history, POLICY, NOW) == Decision()


@pytest.mark.parametrize("party", ["sender", "undetermined"])
def test_a_soft_bounce_that_is_not_the_addresss_fault_never_escalates(party: str) -> None:
    verdict = BounceVerdict(False, "blocked", party, None)
    assert not wanted(verdict, POLICY, NOW).soft
    history = History(soft_bounces=50, first_soft=days_ago(30))
    assert decide(verdict, history, POLICY, NOW) == Decision()


def test_escalation_can_be_turned_off() -> None:
    off = BouncePolicy(soft_threshold=0)
    assert not wanted(FULL, off, NOW).soft
    history = History(soft_bounces=50, first_soft=days_ago(30))
    assert decide(FULL, history, off, NOW) == Decision()
    assert wanted(FULL, POLICY, NOW).soft
    assert wanted(BounceVerdict(False, "timeout", "transient"), POLICY, NOW).soft
