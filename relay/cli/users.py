"""``relay users``, ``relay audit``, ``relay unbounce`` and ``relay global unbounce``."""

from __future__ import annotations

import sys

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin import rules, unbounce_rules, users
from relay.cli.common import (
    RefusedExit,
    address_argument,
    as_option,
    emit,
    format_options,
    in_transaction,
    parse_date,
    reading,
    settings_of,
)
from relay.cli.dashboard import users_password
from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.engine import utcnow
from storage.models import Role
from storage.suppressions import HardBounce

CONFIRMATION = unbounce_rules.CONFIRMATION


@click.group("users")
def users_group() -> None:
    """People who use the relay command, with their roles."""


@users_group.command("add")
@click.argument("name")
@click.option("--account", help="The account the user belongs to (not for operators).")
@click.option(
    "--role",
    required=True,
    type=click.Choice([r.value for r in Role]),
    help="super_admin, marketing_email, viewer, or operator (the relay's operators).",
)
@as_option
@click.pass_context
def users_add(
    ctx: click.Context, name: str, account: str | None, role: str, as_user: str | None
) -> None:
    """Add a user. The very first user is an operator, added without --as (bootstrap)."""

    async def work(session: AsyncSession) -> admin.UserInfo:
        return await users.add_user(session, as_user, name, Role(role), account, utcnow())

    user = in_transaction(ctx, work)
    where = f" of account {user.account}" if user.account else ""
    click.echo(f"user {user.name} added as {user.role}{where}")


@users_group.command("remove")
@click.argument("name")
@as_option
@click.pass_context
def users_remove(ctx: click.Context, name: str, as_user: str | None) -> None:
    """Remove a user (an operator, or a super_admin within its account; never the last
    operator). The unbounces the user made still count."""

    async def work(session: AsyncSession) -> admin.UserInfo:
        return await users.remove_user(session, as_user, name, utcnow())

    user = in_transaction(ctx, work)
    click.echo(f"user {user.name} ({user.role}) removed")


@users_group.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@click.option("--account", help="The account the user belongs to from now on (not operators).")
@as_option
@click.pass_context
def users_set_role(
    ctx: click.Context, name: str, role: str, account: str | None, as_user: str | None
) -> None:
    """Change a user's role (never demoting the last operator)."""

    async def work(session: AsyncSession) -> admin.UserInfo:
        return await users.set_role(session, as_user, name, Role(role), account, utcnow())

    user = in_transaction(ctx, work)
    where = f" of account {user.account}" if user.account else ""
    click.echo(f"user {user.name} is now {user.role}{where}")


@users_group.command("list")
@format_options
@click.pass_context
def users_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every user with role and account."""

    async def work(session: AsyncSession) -> list[admin.UserInfo]:
        return await admin.list_users(session)

    rows = [(u.name, str(u.role), u.account or "") for u in reading(ctx, work)]
    emit(("user", "role", "account"), rows, as_json=as_json, as_csv=as_csv)


@click.command("audit")
@click.option("--account", help="Only this account's entries.")
@click.option("--since", help="Only entries from this date on (YYYY-MM-DD, UTC).")
@format_options
@click.pass_context
def audit_cmd(
    ctx: click.Context, account: str | None, since: str | None, as_json: bool, as_csv: bool
) -> None:
    """The audit log: every change made with the relay command, and by whom."""
    since_at = parse_date(since)

    async def work(session: AsyncSession) -> list[admin.AuditRow]:
        account_id = (await account_by_name(session, account)).id if account else None
        return await admin.audit_log(session, account_id=account_id, since=since_at)

    rows = [
        (r.at, r.actor, r.account or "", r.action, r.subject or "", r.detail or "")
        for r in reading(ctx, work)
    ]
    emit(
        ("at", "actor", "account", "action", "subject", "detail"),
        rows,
        as_json=as_json,
        as_csv=as_csv,
    )


def show_case(case: HardBounce, scope: str) -> None:
    """What the person must see before confirming."""
    click.echo(
        f"{case.address} is suppressed {scope} since {case.suppressed_at:%Y-%m-%d %H:%M} UTC"
    )
    click.echo(f"  reason:     {case.reason}")
    if case.bounced_at is not None:
        click.echo(f"  bounced:    {case.bounced_at:%Y-%m-%d %H:%M} UTC")
    click.echo(f"  DSN status: {case.dsn_status or '-'}")
    click.echo(f"  diagnostic: {case.diagnostic or case.detail or '-'}")
    click.echo(f"  message:    {case.message_id or '-'}")
    click.echo(f"  campaign:   {case.campaign or '-'}")


def confirmed(assume_yes: bool) -> bool:
    """The person's answer to the confirmation question (--confirm answers yes)."""
    if assume_yes:
        click.echo(f"{CONFIRMATION} [y/N]: y (--confirm)")
        return True
    if sys.stdin.isatty():
        return click.confirm(CONFIRMATION, default=False)
    click.echo(f"{CONFIRMATION} [y/N]: ", nl=False)
    answer = sys.stdin.readline().strip().lower()
    click.echo(answer)
    return answer in {"y", "yes"}


@click.command("unbounce")
@click.argument("address", callback=address_argument)
@click.option("--account", required=True)
@click.option("--confirm", "assume_yes", is_flag=True, help="Answer yes to the confirmation.")
@as_option
@click.pass_context
def unbounce_cmd(
    ctx: click.Context, address: str, account: str, assume_yes: bool, as_user: str | None
) -> None:
    """Lift an address's hard bounce for an account, under every rule of the unbounce policy."""
    settings = settings_of(ctx)
    normalized = address

    async def check(session: AsyncSession) -> tuple[HardBounce, unbounce_rules.Quota]:
        user = await rules.acting_user(session, as_user)
        target = await account_by_name(session, account)
        now = utcnow()
        case = await unbounce_rules.check_unbounce(session, settings, user, target, normalized, now)
        return case, await unbounce_rules.quota_of(session, target.id, now)

    case, quota = reading(ctx, check)
    show_case(case, f"for account {account}")
    click.echo(f"  quota:      {quota.used} of {quota.allowed} used this month")
    if not confirmed(assume_yes):
        raise_refused("not confirmed: nothing changed")

    async def apply(session: AsyncSession) -> unbounce_rules.Quota:
        user = await rules.acting_user(session, as_user)
        target: AccountInfo = await account_by_name(session, account)
        return await unbounce_rules.unbounce(session, settings, user, target, normalized, utcnow())

    after = in_transaction(ctx, apply)
    click.echo(
        f"unbounced {normalized} for {account}: mail to it is sent again from now on; "
        f"quota {after.used} of {after.allowed} used, {after.remaining} remaining this month"
    )


def raise_refused(message: str) -> None:
    raise RefusedExit(message)


@click.group("global")
def global_group() -> None:
    """Operator commands on the global suppression list."""


@global_group.command("unbounce")
@click.argument("address", callback=address_argument)
@click.option("--confirm", "assume_yes", is_flag=True, help="Answer yes to the confirmation.")
@as_option
@click.pass_context
def global_unbounce_cmd(
    ctx: click.Context, address: str, assume_yes: bool, as_user: str | None
) -> None:
    """Lift a global suppression (operators; not for user_unknown or mailbox_full)."""
    normalized = address

    async def check(session: AsyncSession) -> HardBounce:
        user = await rules.acting_user(session, as_user)
        return await unbounce_rules.check_global_unbounce(session, user, normalized)

    show_case(reading(ctx, check), "for every account")
    if not confirmed(assume_yes):
        raise_refused("not confirmed: nothing changed")

    async def apply(session: AsyncSession) -> None:
        user = await rules.acting_user(session, as_user)
        await unbounce_rules.global_unbounce(session, user, normalized, utcnow())

    in_transaction(ctx, apply)
    click.echo(f"lifted the global suppression of {normalized}")


# `relay users password` lives with the dashboard's sign-in it sets (relay.cli.dashboard).
users_group.add_command(users_password)
