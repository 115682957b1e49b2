"""``relay accounts resume``: lift the bounce-rate guard's pause of an account."""

from __future__ import annotations

import click

from relay.admin import Action, change_actor
from relay.cli import accounts_group, as_option, with_store
from storage import admin
from storage.accounts import account_by_name
from storage.engine import Store, utcnow
from storage.guard import GuardState, resume


@accounts_group.command("resume")
@click.argument("name")
@as_option
@click.pass_context
def accounts_resume(ctx: click.Context, name: str, as_user: str | None) -> None:
    """Let a paused account send again, with a fresh guard window (an operator)."""

    async def work(store: Store) -> GuardState | None:
        async with store.transaction() as session:
            account = await account_by_name(session, name)
            actor = await change_actor(session, as_user, Action.RESUME_ACCOUNT, account)
            now = utcnow()
            before = await resume(session, account.id, now=now)
            await admin.audit(
                session, actor=actor, action="account_resume", now=now, account_id=account.id,
                subject=name,
                detail={"was": str(before.level) if before else "ok",
                        "why": before.why() if before else None},
            )  # fmt: skip
            return before

    before = with_store(ctx, work)
    was = f"was {before.level}: {before.why()}" if before else "was not paused"
    click.echo(f"account {name} resumed ({was}); its guard window starts afresh")
    click.echo("every relay process lets it send within guard.refresh_interval seconds")
