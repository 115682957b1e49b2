"""``relay report``: what happened to each recipient of a campaign."""

from __future__ import annotations

import sys

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.rules import counted
from relay.cli.common import (
    Failure,
    emit,
    format_options,
    in_transaction,
)
from storage import admin, reports
from storage.accounts import account_by_name
from storage.engine import utcnow
from storage.reports import RecipientOutcome


def recipient_row(o: RecipientOutcome) -> tuple[object, ...]:
    detail = reports.not_sent_why(o.detail, o.reason) if o.outcome == "not_sent" else o.detail
    return (o.address, o.outcome, o.reason, o.status, o.at, detail, o.message_id, o.campaign)


@click.command("report")
@click.argument("ident", metavar="ID")
@click.option("--account", required=True)
@click.option("--bounced", is_flag=True, help="Only recipients that bounced.")
@click.option("--not-sent", "not_sent", is_flag=True, help="Only recipients not sent, with why.")
@click.option("--save-segment", metavar="NAME", help="Save the bounced addresses as a segment.")
@format_options
@click.pass_context
def report_cmd(
    ctx: click.Context,
    ident: str,
    account: str,
    bounced: bool,
    not_sent: bool,
    save_segment: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Results of one campaign (the campaign header's value) or one Message-ID."""

    async def work(session: AsyncSession) -> tuple[list[RecipientOutcome], int | None]:
        target = await account_by_name(session, account)
        outcomes = await reports.message_report(session, target.id, ident)
        saved = None
        if save_segment and outcomes:
            members = [(o.address, o.reason) for o in outcomes if o.outcome.startswith("bounced")]
            saved = await admin.save_segment(
                session, target.id, save_segment, members,
                description=f"bounced recipients of {ident}", now=utcnow(),
            )  # fmt: skip
            await admin.audit(
                session,
                actor="cli",
                action="segment_save",
                now=utcnow(),
                account_id=target.id,
                subject=save_segment,
                detail={"from": ident, "size": saved},
            )
        return outcomes, saved

    outcomes, saved = in_transaction(ctx, work)
    if not outcomes:
        raise Failure(f"no message or campaign {ident!r} for account {account}")
    shown = [
        o
        for o in outcomes
        if (not bounced or o.outcome.startswith("bounced"))
        and (not not_sent or o.outcome == "not_sent")
    ]
    if as_json or as_csv:
        emit(RECIPIENT_COLUMNS, [recipient_row(o) for o in shown], as_json=as_json, as_csv=as_csv)
    else:
        tally = reports.counts(outcomes)
        emit(("outcome", "recipients"), list(tally.items()), title=f"{ident} ({account})")
        width = len(RECIPIENT_COLUMNS) if not sys.stdout.isatty() else 6  # piped: every column
        emit(RECIPIENT_COLUMNS[:width], [recipient_row(o)[:width] for o in shown])
    if save_segment is not None:
        click.echo(
            f"segment {save_segment} saved with {counted(saved or 0, 'address', 'addresses')}",
            err=as_json or as_csv,
        )


RECIPIENT_COLUMNS = (
    "address",
    "outcome",
    "reason",
    "status",
    "date",
    "detail",
    "message_id",
    "campaign",
)
