"""Who may do what on the admin side, and who is acting (SPEC §5)."""

from __future__ import annotations

from enum import Enum, auto

from sqlalchemy.ext.asyncio import AsyncSession

from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.admin import UserInfo
from storage.models import Role


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


async def acting_on(
    session: AsyncSession, name: str | None, action: Action, account_name: str
) -> tuple[UserInfo, AccountInfo]:
    """The acting user and the account they act on, once ``action`` on it is authorized."""
    user = await acting_user(session, name)
    account = await account_by_name(session, account_name)
    authorize(user, action, account)
    return user, account


async def change_actor(
    session: AsyncSession, name: str | None, action: Action, account: AccountInfo | None
) -> str:
    """The name to audit a change under: the authorized acting user, or bootstrap."""
    if await bootstrapping(session):
        return BOOTSTRAP
    user = await acting_user(session, name)
    authorize(user, action, account)
    return user.name
