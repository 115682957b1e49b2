"""``relay accounts`` and ``relay credentials``: the sending accounts and their SMTP logins."""

from __future__ import annotations

import secrets
import sys

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import Action, change_actor
from relay.cli.common import (
    Failure,
    as_option,
    emit,
    format_options,
    in_transaction,
    reading,
)
from storage import accounts, admin
from storage.engine import utcnow


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

    async def work(session: AsyncSession) -> list[accounts.AccountInfo]:
        return await accounts.list_accounts(session)

    rows = [(info.id, info.name, ", ".join(info.domains)) for info in reading(ctx, work)]
    emit(("id", "account", "sending domains"), rows, as_json=as_json, as_csv=as_csv)


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
