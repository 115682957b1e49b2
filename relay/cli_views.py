"""``relay report``, ``relay bounces list``, ``show`` and ``unverified``: what a sender (and the
operator) looks at."""

from __future__ import annotations

import json
import sys

import click

from relay import reclassify
from relay.admin import counted
from relay.bounces import policy_of
from relay.cli import (
    Failure,
    as_option,
    bounces_group,
    cli,
    emit,
    format_options,
    plain_value,
    settings_of,
    with_store,
)
from relay.cli_admin import address_argument, parse_date
from storage import admin, reports
from storage.accounts import account_by_name
from storage.engine import Store, utcnow
from storage.reports import AddressHistory, BounceRow, RecipientOutcome
from storage.unverified import UnverifiedRow, unverified_reports

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


def _recipient_row(o: RecipientOutcome) -> tuple[object, ...]:
    detail = reports.not_sent_why(o.detail, o.reason) if o.outcome == "not_sent" else o.detail
    return (o.address, o.outcome, o.reason, o.status, o.at, detail, o.message_id, o.campaign)


@cli.command("report")
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

    async def work(store: Store) -> tuple[list[RecipientOutcome], int | None]:
        async with store.transaction() as session:
            target = await account_by_name(session, account)
            outcomes = await reports.message_report(session, target.id, ident)
            saved = None
            if save_segment and outcomes:
                members = [
                    (o.address, o.reason) for o in outcomes if o.outcome.startswith("bounced")
                ]
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

    outcomes, saved = with_store(ctx, work)
    if not outcomes:
        raise Failure(f"no message or campaign {ident!r} for account {account}")
    shown = [
        o
        for o in outcomes
        if (not bounced or o.outcome.startswith("bounced"))
        and (not not_sent or o.outcome == "not_sent")
    ]
    if as_json or as_csv:
        emit(RECIPIENT_COLUMNS, [_recipient_row(o) for o in shown], as_json=as_json, as_csv=as_csv)
    else:
        tally = reports.counts(outcomes)
        emit(("outcome", "recipients"), list(tally.items()), title=f"{ident} ({account})")
        width = len(RECIPIENT_COLUMNS) if not sys.stdout.isatty() else 6  # piped: every column
        emit(RECIPIENT_COLUMNS[:width], [_recipient_row(o)[:width] for o in shown])
    if save_segment is not None:
        click.echo(
            f"segment {save_segment} saved with {counted(saved or 0, 'address', 'addresses')}",
            err=as_json or as_csv,
        )


BOUNCE_COLUMNS = (
    "address",
    "hard",
    "reason",
    "party",
    "status",
    "reply_code",
    "date",
    "campaign",
    "diagnostic",
)


def _bounce_row(b: BounceRow) -> tuple[object, ...]:
    return (
        b.address, b.hard, b.reason, b.party, b.status, b.reply_code, b.at, b.campaign,
        b.diagnostic,
    )  # fmt: skip


@bounces_group.command("list")
@click.option("--account", required=True)
@click.option("--hard", "kind", flag_value="hard", help="Hard bounces: one row per address.")
@click.option("--soft", "kind", flag_value="soft", help="Soft bounces only.")
@click.option("--reason", help="Only this reason (e.g. user_unknown).")
@click.option("--since", help="Only bounces from this date on (YYYY-MM-DD, UTC).")
@click.option("--campaign", help="Only bounces of this campaign.")
@click.option(
    "--party",
    type=click.Choice(["recipient", "sender", "transient", "undetermined"]),
    help="Only bounces judged to be this party's fault.",
)
@click.option(
    "--undetermined",
    "party",
    flag_value="undetermined",
    help="Only the bounces the parser could not judge (they never suppress).",
)
@format_options
@click.pass_context
def bounces_list(
    ctx: click.Context,
    account: str,
    kind: str | None,
    reason: str | None,
    since: str | None,
    campaign: str | None,
    party: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """The account's bounces; with --hard every address whose hard-bounce reason is known."""
    since_at = parse_date(since)

    async def work(store: Store) -> list[BounceRow]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            return await reports.account_bounces(
                session,
                target.id,
                hard={"hard": True, "soft": False}.get(kind or ""),
                reason=reason,
                since=since_at,
                campaign=campaign,
                party=party,
            )

    rows = with_store(ctx, work)
    if kind == "hard":
        rows = reports.latest_per_address(rows)
    emit(BOUNCE_COLUMNS, [_bounce_row(b) for b in rows], as_json=as_json, as_csv=as_csv)
    if not (as_json or as_csv):
        click.echo(
            counted(len(rows), "address", "addresses")
            if kind == "hard"
            else counted(len(rows), "bounce")
        )


@bounces_group.command("show")
@click.argument("address", callback=address_argument)
@click.option("--account", required=True)
@click.option("--raw", is_flag=True, help="Also print the stored bounce messages.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the whole history.")
@click.pass_context
def bounces_show(ctx: click.Context, address: str, account: str, raw: bool, as_json: bool) -> None:
    """An address's whole history: sends, bounces, suppressions, unbounces."""

    async def work(store: Store) -> tuple[AddressHistory, list[bytes]]:
        async with store.reading() as session:
            target = await account_by_name(session, account)
            history = await reports.address_history(session, target.id, address)
            raws = []
            if raw:
                for bounce in history.bounces:
                    data = await reports.raw_bounce(session, target.id, bounce.bounce_id)
                    if data:
                        raws.append(data)
            return history, raws

    history, raws = with_store(ctx, work)
    if as_json:
        sections: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]] = {
            "sends": (RECIPIENT_COLUMNS, [_recipient_row(o) for o in history.sends]),
            "bounces": (BOUNCE_COLUMNS, [_bounce_row(b) for b in history.bounces]),
            "suppressions": (
                ("scope", "reason", "since", "detail"),
                list(map(tuple, history.suppressions)),
            ),
            "unbounces": (("reason", "date"), list(map(tuple, history.unbounces))),
        }
        document: dict[str, object] = {"address": address, "account": account}
        for name, (columns, rows) in sections.items():
            document[name] = [dict(zip(columns, row, strict=True)) for row in rows]
        if raw:
            document["raw"] = [data.decode("utf-8", "replace") for data in raws]
        click.echo(json.dumps(document, default=plain_value))
        return
    emit(RECIPIENT_COLUMNS, [_recipient_row(o) for o in history.sends], title=f"sends to {address}")
    emit(BOUNCE_COLUMNS, [_bounce_row(b) for b in history.bounces], title="bounces")
    emit(("scope", "reason", "since", "detail"), history.suppressions, title="suppressions")
    emit(("reason", "date"), history.unbounces, title="unbounces")
    for data in raws:
        click.echo("-" * 72)
        sys.stdout.flush()
        sys.stdout.buffer.write(data.replace(b"\r\n", b"\n"))
        sys.stdout.buffer.flush()


UNVERIFIED_COLUMNS = ("report", "date", "host", "size", "raw_kept", "entries", "names")


@bounces_group.command("unverified")
@click.option("--since", help="Only reports from this date on (YYYY-MM-DD, UTC).")
@format_options
@click.pass_context
def bounces_unverified(ctx: click.Context, since: str | None, as_json: bool, as_csv: bool) -> None:
    """Returned messages tied to no copy the relay sent: kept as evidence, never suppressing."""
    since_at = parse_date(since)

    async def work(store: Store) -> list[UnverifiedRow]:
        async with store.reading() as session:
            return await unverified_reports(session, since=since_at)

    rows = with_store(ctx, work)
    emit(
        UNVERIFIED_COLUMNS,
        [
            (r.report_id, r.at, r.source_host, r.size, r.raw_kept, r.entries, r.addresses)
            for r in rows
        ],
        as_json=as_json,
        as_csv=as_csv,
    )
    if not (as_json or as_csv):
        click.echo(
            f"{counted(len(rows), 'unverified report')}, "
            f"{counted(sum(r.entries for r in rows), 'entry', 'entries')}"
        )


@bounces_group.command("reclassify")
@click.option("--account", help="Only this account's bounces.")
@click.option("--since", help="Only bounces from this date on (YYYY-MM-DD, UTC).")
@click.option("--dry-run", "dry_run", is_flag=True, help="Change nothing; show what would change.")
@click.option("--batch", default=500, type=click.IntRange(1), help="Addresses per transaction.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@as_option
@click.pass_context
def bounces_reclassify(
    ctx: click.Context, account: str | None, since: str | None, dry_run: bool, batch: int,
    as_json: bool, as_user: str | None,
) -> None:  # fmt: skip
    """Judge the stored evidence again with the current parser: correct the verdicts, lift the
    suppressions no longer deserved, add the ones now deserved."""
    since_at = parse_date(since)

    async def work(store: Store) -> reclassify.Summary:
        scope, actor = await reclassify.authorized_scope(store, account, as_user, dry_run=dry_run)
        return await reclassify.reclassify(
            store, account_id=scope, since=since_at, actor=actor,
            policy=policy_of(settings_of(ctx)), dry_run=dry_run, batch=batch,
        )  # fmt: skip

    summary = with_store(ctx, work)
    emit(reclassify.COLUMNS, [c.row() for c in summary.changes], as_json=as_json)
    if not as_json:
        click.echo(
            f"{'dry run: ' if dry_run else ''}{summary.examined} bounces judged again, "
            f"{len(summary.changes)} changed, {summary.unjudged} without a verdict for their "
            f"address; suppressions lifted {summary.count('lifted')}, "
            f"added {summary.count('added')}"
        )
