"""``relay tokens``: bearer tokens of the HTTP API, each acting as an existing user."""

from __future__ import annotations

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin import tokens as token_rules
from relay.cli.common import as_option, emit, format_options, in_transaction, reading
from storage import tokens
from storage.engine import utcnow
from storage.tokens import TokenInfo


@click.group("tokens")
def tokens_group() -> None:
    """API tokens: `Authorization: Bearer TOKEN` acts as the token's user."""


@tokens_group.command("add")
@click.argument("user")
@click.option("--name", default="", help="A label to recognise the token by.")
@click.option(
    "--expires",
    "expires_days",
    type=float,
    default=None,
    metavar="DAYS",
    help="Days until the token stops working (default: never).",
)
@as_option
@click.pass_context
def tokens_add(
    ctx: click.Context, user: str, name: str, expires_days: float | None, as_user: str | None
) -> None:
    """Make a token acting as USER (its role and account); prints it once, as the last line."""

    async def work(session: AsyncSession) -> tuple[TokenInfo, str]:
        return await token_rules.add_token(
            session, as_user, user, name=name, expires_days=expires_days, now=utcnow()
        )

    info, secret = in_transaction(ctx, work)
    until = f"{info.expires_at:%Y-%m-%d %H:%M} UTC" if info.expires_at else "never"
    click.echo(f"token {info.id} for user {info.user} made; it expires: {until}")
    click.echo("it is shown only now: keep it secret (the relay stores only its SHA-256)")
    click.echo(secret)


@tokens_group.command("list")
@format_options
@click.pass_context
def tokens_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every token with its user, state and last use (never the secret)."""
    now = utcnow()
    rows = [
        (
            t.id, t.name, t.user, t.account or "", t.state(now),
            t.created_at, t.expires_at, t.last_used_at,
        )
        for t in reading(ctx, tokens.list_tokens)
    ]  # fmt: skip
    emit(
        ("id", "name", "user", "account", "state", "created", "expires", "last_used"),
        rows,
        as_json=as_json,
        as_csv=as_csv,
    )


@tokens_group.command("revoke")
@click.argument("token_id", type=int, metavar="ID")
@as_option
@click.pass_context
def tokens_revoke(ctx: click.Context, token_id: int, as_user: str | None) -> None:
    """Revoke a token at once (its user, an operator, or a super administrator)."""

    async def work(session: AsyncSession) -> TokenInfo:
        return await token_rules.revoke_token(session, as_user, token_id, now=utcnow())

    info = in_transaction(ctx, work)
    click.echo(f"token {info.id} of user {info.user} revoked")
