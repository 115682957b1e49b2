"""``relay users password``: a password for the web dashboard's sign-in (API tokens work too)."""

from __future__ import annotations

import sys

import click

from relay.admin import users
from relay.cli.common import Failure, as_option, with_store
from storage.engine import Store, utcnow

MIN_LENGTH = 12


@click.command("password")
@click.argument("name")
@click.option("--clear", is_flag=True, help="Remove the password: the user signs in by token.")
@as_option
@click.pass_context
def users_password(ctx: click.Context, name: str, clear: bool, as_user: str | None) -> None:
    """Set NAME's dashboard password (from stdin or a prompt); NAME itself, or a manager of NAME
    (an operator, or a super_admin of its account). Open sessions of NAME end."""
    password: str | None = None
    if not clear:
        if not sys.stdin.isatty():
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < MIN_LENGTH:
            raise Failure(f"the password must have at least {MIN_LENGTH} characters")

    async def work(store: Store) -> None:
        async with store.transaction() as session:
            await users.set_dashboard_password(session, as_user, name, password, utcnow())

    with_store(ctx, work)
    click.echo(f"dashboard password of {name} {'removed' if clear else 'set'}")
