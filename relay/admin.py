"""The rules of the admin side: who may do what, and unbounce (SPEC §5) with every rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from config import Settings
from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.admin import UserInfo
from storage.bounces import COMPLAINT
from storage.models import Role
from storage.suppressions import HardBounce, lift_suppression, suppression_case


class Refused(Exception):
    """A rule said no; the message is the rule's own, for the person at the command line.

    ``rule`` names the rule for machines: the HTTP API's problem type (relay.http.problems).
    """

    def __init__(self, message: str, rule: str = "forbidden") -> None:
        super().__init__(message)
        self.rule = rule


class NoActor(Exception):
    """A change needs a named user (``--as``) and none was given."""


class Action(Enum):
    ADD_ACCOUNT = auto()
    MANAGE_CREDENTIALS = auto()
    MANAGE_DOMAINS = auto()
    UNBOUNCE = auto()
    GLOBAL_UNBOUNCE = auto()
    MANAGE_SUPPRESSIONS = auto()
    IMPORT_SUPPRESSIONS = auto()
    MANAGE_USERS = auto()
    RECLASSIFY = auto()
    MANAGE_WEBHOOKS = auto()
    RESUME_ACCOUNT = auto()


ALLOWED: dict[Action, frozenset[Role]] = {
    Action.ADD_ACCOUNT: frozenset({Role.OPERATOR}),
    Action.MANAGE_CREDENTIALS: frozenset({Role.SUPER_ADMIN, Role.OPERATOR}),
    Action.MANAGE_DOMAINS: frozenset({Role.SUPER_ADMIN, Role.OPERATOR}),
    Action.UNBOUNCE: frozenset({Role.SUPER_ADMIN, Role.MARKETING_EMAIL}),
    Action.GLOBAL_UNBOUNCE: frozenset({Role.OPERATOR}),
    Action.MANAGE_SUPPRESSIONS: frozenset({Role.SUPER_ADMIN, Role.OPERATOR}),
    Action.IMPORT_SUPPRESSIONS: frozenset({Role.SUPER_ADMIN, Role.MARKETING_EMAIL, Role.OPERATOR}),
    Action.MANAGE_USERS: frozenset({Role.SUPER_ADMIN, Role.OPERATOR}),
    Action.RECLASSIFY: frozenset({Role.SUPER_ADMIN, Role.OPERATOR}),
    Action.MANAGE_WEBHOOKS: frozenset({Role.SUPER_ADMIN, Role.OPERATOR}),
    Action.RESUME_ACCOUNT: frozenset({Role.OPERATOR}),
}

# What a person confirms before an unbounce, word for word (SPEC §5).
CONFIRMATION = "I confirm this email address is correct"

# A global bounce of these reasons means the mailbox is probably abandoned: not even the
# operator lifts it.
ABANDONED = frozenset({"user_unknown", "mailbox_full"})


def authorize(user: UserInfo, action: Action, account: AccountInfo | None) -> None:
    """Refuse unless ``user``'s role allows ``action`` on ``account``."""
    allowed = ALLOWED[action]
    if user.role not in allowed:
        roles = " or ".join(with_article(str(r)) for r in sorted(allowed))
        raise Refused(
            f"user {user.name} is {with_article(str(user.role))}: only {roles} may do this",
            "role",
        )
    if user.role is not Role.OPERATOR and account is not None and user.account_id != account.id:
        raise Refused(f"user {user.name} does not belong to account {account.name}", "account")


def with_article(noun: str) -> str:
    """'an operator', 'a viewer': the indefinite article by the noun's first letter."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 address', '2 addresses': a count with its noun in the right number."""
    return f"{number:,} {noun if number == 1 else plural or noun + 's'}"


# Who the audit log names for a change made while no user exists yet.
BOOTSTRAP = "bootstrap"


async def bootstrapping(session: AsyncSession) -> bool:
    """Whether no user exists yet: then the first changes need no ``--as``."""
    return await admin.user_count(session) == 0


async def acting_user(session: AsyncSession, name: str | None) -> UserInfo:
    """The user named by ``--as`` (NoActor when none was named)."""
    if not name:
        raise NoActor(
            "this command changes something: say who you are with --as USER (or RELAY_USER)"
        )
    return await admin.user_by_name(session, name)


async def change_actor(
    session: AsyncSession, name: str | None, action: Action, account: AccountInfo | None
) -> str:
    """The name to audit a change under: the authorized acting user, or bootstrap."""
    if await bootstrapping(session):
        return BOOTSTRAP
    user = await acting_user(session, name)
    authorize(user, action, account)
    return user.name


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
    await lift_suppression(session, account.id, address)
    await admin.record_unbounce(
        session,
        account_id=account.id,
        address=address,
        user_id=user.id,
        reason=case.reason,
        bounce_id=case.bounce_id,
        now=now,
    )
    await admin.audit(
        session,
        actor=user.name,
        action="unbounce",
        now=now,
        account_id=account.id,
        subject=address,
        detail={"reason": case.reason, "status": case.dsn_status, "bounce_id": case.bounce_id},
    )
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
    await lift_suppression(session, None, address)
    await admin.record_unbounce(
        session,
        account_id=None,
        address=address,
        user_id=user.id,
        reason=case.reason,
        bounce_id=case.bounce_id,
        now=now,
    )
    await admin.audit(
        session,
        actor=user.name,
        action="global_unbounce",
        now=now,
        subject=address,
        detail={"reason": case.reason},
    )


async def add_user(
    session: AsyncSession,
    actor_name: str | None,
    name: str,
    role: Role,
    account: str | None,
    now: dt.datetime,
) -> UserInfo:
    """Add a user: the first one is an operator (bootstrap); later ones by a manager."""
    if await bootstrapping(session):
        if role is not Role.OPERATOR:
            raise Refused(
                f"the first user must be an operator, or nobody could manage the relay: "
                f"add {name} with --role operator"
            )
        actor = BOOTSTRAP
    else:
        user = await acting_user(session, actor_name)
        target = await account_by_name(session, account) if account else None
        authorize(user, Action.MANAGE_USERS, target)
        if role is Role.OPERATOR and user.role is not Role.OPERATOR:
            raise Refused("only an operator may add an operator")
        actor = user.name
    info = await admin.add_user(session, name, role, account, now=now)
    await admin.audit(
        session,
        actor=actor,
        action="user_add",
        now=now,
        account_id=info.account_id,
        subject=name,
        detail={"role": str(role)},
    )
    return info


def _check_manages(actor: UserInfo, target: UserInfo) -> None:
    """An operator manages everyone; a super administrator the non-operators of its account."""
    authorize(actor, Action.MANAGE_USERS, None)
    if actor.role is Role.OPERATOR:
        return
    if target.role is Role.OPERATOR:
        raise Refused(f"{target.name} is an operator: only an operator may change an operator")
    if target.account_id != actor.account_id:
        raise Refused(f"user {target.name} does not belong to account {actor.account}")


async def _keep_an_operator(session: AsyncSession, target: UserInfo) -> None:
    if target.role is Role.OPERATOR and len(await admin.locked_operators(session)) <= 1:
        raise Refused(
            f"{target.name} is the last operator: add another operator first, "
            "or nobody could manage the relay"
        )


async def remove_user(
    session: AsyncSession, actor_name: str | None, name: str, now: dt.datetime
) -> UserInfo:
    """Remove a user (never the last operator); its past unbounces still count."""
    actor = await acting_user(session, actor_name)
    target = await admin.user_by_name(session, name)
    _check_manages(actor, target)
    await _keep_an_operator(session, target)
    await admin.remove_user(session, target.id)
    await admin.audit(
        session,
        actor=actor.name,
        action="user_remove",
        now=now,
        account_id=target.account_id,
        subject=name,
        detail={"role": str(target.role)},
    )
    return target


async def set_role(
    session: AsyncSession,
    actor_name: str | None,
    name: str,
    role: Role,
    account: str | None,
    now: dt.datetime,
) -> UserInfo:
    """Change a user's role (and account); never demote the last operator."""
    actor = await acting_user(session, actor_name)
    target = await admin.user_by_name(session, name)
    _check_manages(actor, target)
    new_account: AccountInfo | None = None
    if role is Role.OPERATOR:
        if actor.role is not Role.OPERATOR:
            raise Refused("only an operator may make an operator")
        if account is not None:
            raise ValueError("an operator is not tied to an account: leave out --account")
    else:
        if account is None and target.account is None:
            raise ValueError(f"a {role} belongs to an account: give --account")
        new_account = await account_by_name(session, account or str(target.account))
        authorize(actor, Action.MANAGE_USERS, new_account)
        await _keep_an_operator(session, target)
    account_id = new_account.id if new_account else None
    await admin.set_role(session, target.id, role, account_id)
    await admin.audit(
        session,
        actor=actor.name,
        action="user_set_role",
        now=now,
        account_id=account_id if account_id is not None else target.account_id,
        subject=name,
        detail={
            "from": str(target.role),
            "to": str(role),
            "account": new_account.name if new_account else None,
        },
    )
    return UserInfo(target.id, name, role, account_id, new_account.name if new_account else None)
