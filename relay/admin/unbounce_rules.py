"""Unbounce (SPEC §5): lifting an address's hard bounce, with every rule and the monthly quota."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from config import Settings
from relay.admin.rules import Action, Refused, authorize
from storage import admin
from storage.accounts import AccountInfo
from storage.admin import UserInfo
from storage.bounces import COMPLAINT
from storage.suppressions import HardBounce, lift_suppression, suppression_case

# What a person confirms before an unbounce, word for word (SPEC §5).
CONFIRMATION = "I confirm this email address is correct"

# A global bounce of these reasons means the mailbox is probably abandoned: not even the
# operator lifts it.
ABANDONED = frozenset({"user_unknown", "mailbox_full"})


def monthly_quota(contacts: int) -> int:
    """Unbounces allowed per calendar month: 2% of the contacts, at least 10, at most 1,000."""
    return min(1000, max(10, contacts * 2 // 100))


@dataclass(frozen=True, slots=True)
class Quota:
    allowed: int
    used: int

    @property
    def remaining(self) -> int:
        return max(0, self.allowed - self.used)


async def quota_of(session: AsyncSession, account_id: int, now: dt.datetime) -> Quota:
    """This month's unbounce quota of the account and how much of it is used."""
    contacts = await admin.contact_count(session, account_id)
    return Quota(
        monthly_quota(contacts), await admin.unbounces_this_month(session, account_id, now)
    )


async def check_unbounce(
    session: AsyncSession,
    settings: Settings,
    user: UserInfo,
    account: AccountInfo,
    address: str,
    now: dt.datetime,
) -> HardBounce:
    """Every rule of SPEC §5 but the confirmation; the case to show, or Refused."""
    authorize(user, Action.UNBOUNCE, account)
    max_age = dt.timedelta(days=settings.admin.domain_check_max_age_days)
    if not await admin.authenticated_domains(session, account.id, newer_than=now - max_age):
        raise Refused(
            f"account {account.name} has no authenticated sending domain: run "
            "`relay domains check DOMAIN` until MX, SPF, DKIM and DMARC pass "
            f"(a check at most {settings.admin.domain_check_max_age_days:g} days old counts)",
            "authenticated-domain",
        )
    case = await suppression_case(session, account.id, address)
    if case is None:
        if await suppression_case(session, None, address) is not None:
            raise Refused(
                f"{address} is globally suppressed: only the relay's operator can lift a "
                "global bounce",
                "global-tier",
            )
        raise Refused(
            f"{address} is not suppressed for account {account.name}: nothing to do",
            "not-suppressed",
        )
    if await suppression_case(session, None, address) is not None:
        raise Refused(
            f"{address} is also globally suppressed: only the relay's operator can lift a "
            "global bounce",
            "global-tier",
        )
    if case.reason == COMPLAINT:
        raise Refused(
            f"{address} complained about your mail: a complaint cannot be unbounced", "complaint"
        )
    if await admin.unbounced_before(session, account.id, address):
        raise Refused(
            f"{address} was already unbounced once for {account.name}: only once, ever",
            "unbounce-once",
        )
    quota = await quota_of(session, account.id, now)
    if quota.remaining <= 0:
        raise Refused(
            f"monthly unbounce quota used up: {quota.used} of {quota.allowed} used this month, "
            "0 remaining",
            "unbounce-quota",
        )
    return case


async def unbounce(
    session: AsyncSession,
    settings: Settings,
    user: UserInfo,
    account: AccountInfo,
    address: str,
    now: dt.datetime,
) -> Quota:
    """Lift the account's suppression of ``address`` (rules checked again, in the transaction)."""
    case = await check_unbounce(session, settings, user, account, address, now)
    detail: dict[str, object] = {
        "reason": case.reason,
        "status": case.dsn_status,
        "bounce_id": case.bounce_id,
    }
    await _lift(session, user, account.id, address, case, "unbounce", detail, now)
    return await quota_of(session, account.id, now)


async def check_global_unbounce(session: AsyncSession, user: UserInfo, address: str) -> HardBounce:
    """The operator's rules for lifting a global suppression."""
    authorize(user, Action.GLOBAL_UNBOUNCE, None)
    case = await suppression_case(session, None, address)
    if case is None:
        raise Refused(f"{address} is not globally suppressed: nothing to do", "not-suppressed")
    if case.reason in ABANDONED:
        raise Refused(
            f"{address} bounced globally for {case.reason}: the mailbox is probably abandoned, "
            "so the global bounce stays",
            "abandoned-mailbox",
        )
    return case


async def global_unbounce(
    session: AsyncSession, user: UserInfo, address: str, now: dt.datetime
) -> None:
    """Lift a global suppression (operators only; not for abandoned mailboxes)."""
    case = await check_global_unbounce(session, user, address)
    await _lift(session, user, None, address, case, "global_unbounce", {"reason": case.reason}, now)


async def _lift(
    session: AsyncSession,
    user: UserInfo,
    account_id: int | None,  # None: the global suppression
    address: str,
    case: HardBounce,
    action: str,
    detail: dict[str, object],
    now: dt.datetime,
) -> None:
    """Lift the suppression, keep the unbounce (it counts against the quota) and audit it."""
    await lift_suppression(session, account_id, address)
    await admin.record_unbounce(
        session,
        account_id=account_id,
        address=address,
        user_id=user.id,
        reason=case.reason,
        bounce_id=case.bounce_id,
        now=now,
    )
    await admin.audit(
        session,
        actor=user.name,
        action=action,
        now=now,
        account_id=account_id,
        subject=address,
        detail=detail,
    )
