"""``relay accounts`` and ``relay credentials``: the sending accounts and their SMTP logins."""

from __future__ import annotations

import secrets
import sys

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.accounts import resume_account
from relay.admin.rules import Action, change_actor
from relay.cli.common import (
    Failure,
    as_option,
    emit,
    format_options,
    in_transaction,
    plain_value,
    reading,
)
from storage import accounts, admin
from storage.engine import utcnow
from storage.guard import GuardLevel, GuardState, guard_states


@click.group("accounts")
def accounts_group() -> None:
    """Sending organisations."""


@accounts_group.command("add")
@click.argument("name")
@click.option("--domain", "domains", multiple=True, help="A sending domain (repeatable).")
@as_option
@click.pass_context
def accounts_add(
    ctx: click.Context, name: str, domains: tuple[str, ...], as_user: str | None
) -> None:
    """Create an account with its sending domains (an operator; anyone before the first user)."""

    async def work(session: AsyncSession) -> accounts.AccountInfo:
        actor = await change_actor(session, as_user, Action.ADD_ACCOUNT, None)
        info = await accounts.add_account(session, name, list(domains))
        await admin.audit(
            session,
            actor=actor,
            action="account_add",
            now=utcnow(),
            account_id=info.id,
            subject=name,
            detail={"domains": list(info.domains)},
        )
        return info

    info = in_transaction(ctx, work)
    click.echo(
        f"account {info.name} created (id {info.id}), domains: {', '.join(info.domains) or '-'}"
    )


@accounts_group.command("list")
@format_options
@click.pass_context
def accounts_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every account with its sending domains."""

    async def work(
        session: AsyncSession,
    ) -> tuple[list[accounts.AccountInfo], dict[int, GuardState]]:
        return await accounts.list_accounts(session), await guard_states(session)

    found, guarded = reading(ctx, work)
    rows = [
        (info.id, info.name, ", ".join(info.domains), guard_column(guarded.get(info.id)))
        for info in found
    ]
    emit(("id", "account", "sending domains", "guard"), rows, as_json=as_json, as_csv=as_csv)


def guard_column(state: GuardState | None) -> str:
    """The bounce-rate guard's word on an account: ok, or warned/paused and why."""
    if state is None or state.level is GuardLevel.OK:
        return "ok"
    return f"{state.level}: {state.why()} (since {plain_value(state.since)})"


@accounts_group.command("resume")
@click.argument("name")
@as_option
@click.pass_context
def accounts_resume(ctx: click.Context, name: str, as_user: str | None) -> None:
    """Let a paused account send again, with a fresh guard window (an operator)."""

    async def work(session: AsyncSession) -> GuardState | None:
        done = await resume_account(session, name, as_user=as_user, now=utcnow())
        return done.before

    before = in_transaction(ctx, work)
    was = f"was {before.level}: {before.why()}" if before else "was not paused"
    click.echo(f"account {name} resumed ({was}); its guard window starts afresh")
    click.echo("every relay process lets it send within guard.refresh_interval seconds")


@click.group("credentials")
def credentials_group() -> None:
    """SMTP submission user names and passwords."""


@credentials_group.command("add")
@click.argument("account")
@click.argument("username")
@click.option("--generate", is_flag=True, help="Make a strong password and print it once.")
@as_option
@click.pass_context
def credentials_add(
    ctx: click.Context, account: str, username: str, generate: bool, as_user: str | None
) -> None:
    """Let USERNAME submit mail for ACCOUNT (password from stdin, a prompt, or --generate)."""
    if generate:
        password = secrets.token_urlsafe(24)
    elif not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        raise Failure("the password must have at least 8 characters")

    async def work(session: AsyncSession) -> None:
        target = await accounts.account_by_name(session, account)
        actor = await change_actor(session, as_user, Action.MANAGE_CREDENTIALS, target)
        await accounts.add_credential(session, account, username, password)
        await admin.audit(
            session,
            actor=actor,
            action="credential_add",
            now=utcnow(),
            account_id=target.id,
            subject=username,
        )

    in_transaction(ctx, work)
    click.echo(f"user {username} can now submit mail for {account}")
    if generate:
        click.echo(f"password: {password}")
