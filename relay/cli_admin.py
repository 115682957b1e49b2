"""``relay users``, ``relay audit``, ``relay unbounce`` and ``relay global unbounce``."""

from __future__ import annotations

import datetime as dt
import sys

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay import admin as rules
from relay.cli import (
    RefusedExit,
    as_option,
    cli,
    emit,
    format_options,
    settings_of,
    with_store,
)
from storage import admin
from storage.accounts import AccountInfo, account_by_name
from storage.addresses import BadAddress, normalize_address
from storage.engine import Store, utcnow
from storage.models import Role
from storage.suppressions import HardBounce

CONFIRMATION = rules.CONFIRMATION


async def acting_user(session: AsyncSession, name: str | None) -> admin.UserInfo:
    """The user named by --as / RELAY_USER."""
    return await rules.acting_user(session, name)


def address_argument(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An address argument, normalized; a bad one is a usage error (exit 2)."""
    try:
        return normalize_address(value)
    except BadAddress as exc:
        raise click.BadParameter(str(exc)) from exc


def parse_date(value: str | None) -> dt.datetime | None:
    """``YYYY-MM-DD`` (or a full ISO time) as an aware UTC datetime."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


@cli.group("users")
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

    async def work(store: Store) -> admin.UserInfo:
        async with store.transaction() as session:
            return await rules.add_user(session, as_user, name, Role(role), account, utcnow())

    user = with_store(ctx, work)
    where = f" of account {user.account}" if user.account else ""
    click.echo(f"user {user.name} added as {user.role}{where}")


@users_group.command("remove")
@click.argument("name")
@as_option
@click.pass_context
def users_remove(ctx: click.Context, name: str, as_user: str | None) -> None:
    """Remove a user (an operator, or a super_admin within its account; never the last
    operator). The unbounces the user made still count."""

    async def work(store: Store) -> admin.UserInfo:
        async with store.transaction() as session:
            return await rules.remove_user(session, as_user, name, utcnow())

    user = with_store(ctx, work)
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

    async def work(store: Store) -> admin.UserInfo:
        async with store.transaction() as session:
            return await rules.set_role(session, as_user, name, Role(role), account, utcnow())

    user = with_store(ctx, work)
    where = f" of account {user.account}" if user.account else ""
    click.echo(f"user {user.name} is now {user.role}{where}")


@users_group.command("list")
@format_options
@click.pass_context
def users_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every user with role and account."""

    async def work(store: Store) -> list[admin.UserInfo]:
        async with store.reading() as session:
            return await admin.list_users(session)

    rows = [(u.name, str(u.role), u.account or "") for u in with_store(ctx, work)]
    emit(("user", "role", "account"), rows, as_json=as_json, as_csv=as_csv)


@cli.command("audit")
@click.option("--account", help="Only this account's entries.")
@click.option("--since", help="Only entries from this date on (YYYY-MM-DD, UTC).")
@format_options
@click.pass_context
def audit_cmd(
    ctx: click.Context, account: str | None, since: str | None, as_json: bool, as_csv: bool
) -> None:
    """The audit log: every change made with the relay command, and by whom."""
    since_at = parse_date(since)

    async def work(store: Store) -> list[admin.AuditRow]:
        async with store.reading() as session:
            account_id = (await account_by_name(session, account)).id if account else None
            return await admin.audit_log(session, account_id=account_id, since=since_at)

    rows = [
        (r.at, r.actor, r.account or "", r.action, r.subject or "", r.detail or "")
        for r in with_store(ctx, work)
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


@cli.command("unbounce")
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

    async def check(store: Store) -> tuple[HardBounce, rules.Quota]:
        async with store.reading() as session:
            user = await acting_user(session, as_user)
            target = await account_by_name(session, account)
            now = utcnow()
            case = await rules.check_unbounce(session, settings, user, target, normalized, now)
            return case, await rules.quota_of(session, target.id, now)

    case, quota = with_store(ctx, check)
    show_case(case, f"for account {account}")
    click.echo(f"  quota:      {quota.used} of {quota.allowed} used this month")
    if not confirmed(assume_yes):
        raise_refused("not confirmed: nothing changed")

    async def apply(store: Store) -> rules.Quota:
        async with store.transaction() as session:
            user = await acting_user(session, as_user)
            target: AccountInfo = await account_by_name(session, account)
            return await rules.unbounce(session, settings, user, target, normalized, utcnow())

    after = with_store(ctx, apply)
    click.echo(
        f"unbounced {normalized} for {account}: mail to it is sent again from now on; "
        f"quota {after.used} of {after.allowed} used, {after.remaining} remaining this month"
    )


def raise_refused(message: str) -> None:
    raise RefusedExit(message)


@cli.group("global")
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

    async def check(store: Store) -> HardBounce:
        async with store.reading() as session:
            user = await acting_user(session, as_user)
            return await rules.check_global_unbounce(session, user, normalized)

    show_case(with_store(ctx, check), "for every account")
    if not confirmed(assume_yes):
        raise_refused("not confirmed: nothing changed")

    async def apply(store: Store) -> None:
        async with store.transaction() as session:
            user = await acting_user(session, as_user)
            await rules.global_unbounce(session, user, normalized, utcnow())

    with_store(ctx, apply)
    click.echo(f"lifted the global suppression of {normalized}")
