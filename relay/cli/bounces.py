"""``relay bounces``: ingest and fetch returned mail; list, show, unverified and reclassify
what was recorded."""

from __future__ import annotations

import imaplib
import json
import mailbox
import sys
import tempfile
from pathlib import Path

import click
from sqlalchemy.ext.asyncio import AsyncSession

from config import MailboxKind, ensure_verp_key
from relay.admin import reclassify
from relay.admin.rules import counted
from relay.bounce.mailbox import MailboxReader, PollResult
from relay.bounce.policy import policy_of
from relay.bounce.recorder import BounceRecorder, Outcome, Processed
from relay.cli.common import (
    Failure,
    address_argument,
    as_option,
    emit,
    format_options,
    parse_date,
    plain_value,
    reading,
    settings_of,
    with_store,
)
from relay.cli.report import RECIPIENT_COLUMNS, recipient_row
from storage import reports
from storage.accounts import account_by_name
from storage.engine import Store
from storage.reports import AddressHistory, BounceRow
from storage.unverified import UnverifiedRow, unverified_reports


@click.group("bounces")
def bounces_group() -> None:
    """Returned mail: import it by hand, or read the configured mailbox once."""


def _messages(path: str) -> list[tuple[str, bytes]]:
    """The messages in a file (one message, or an mbox), or on stdin for ``-``."""
    if path == "-":
        data = sys.stdin.buffer.read()
        if not data.startswith(b"From "):
            return [("stdin", data)]
        with tempfile.NamedTemporaryFile(suffix=".mbox") as spool:
            spool.write(data)
            spool.flush()
            return [(f"stdin#{n}", raw) for n, raw in _mbox(Path(spool.name))]
    try:
        with open(path, "rb") as handle:
            head = handle.read(5)
        if head == b"From ":
            return [(f"{path}#{n}", raw) for n, raw in _mbox(Path(path))]
        return [(path, Path(path).read_bytes())]
    except OSError as exc:
        raise Failure(f"cannot read {path}: {exc.strerror}") from exc


def _mbox(path: Path) -> list[tuple[int, bytes]]:
    box = mailbox.mbox(path, create=False)
    try:
        return [(n, box.get_bytes(key)) for n, key in enumerate(box.keys(), 1)]
    finally:
        box.close()


@bounces_group.command("ingest")
@click.argument("files", nargs=-1, required=True)
@click.pass_context
def bounces_ingest(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Parse and record returned messages from FILES (single messages or mbox; - for stdin)."""
    settings = settings_of(ctx)
    items = [item for path in files for item in _messages(path)]

    async def work(store: Store) -> list[tuple[str, Processed]]:
        recorder = BounceRecorder(settings, store, ensure_verp_key(settings))
        return [(name, await recorder.record(raw)) for name, raw in items]

    results = with_store(ctx, work)
    for name, result in results:
        extra = f", {result.unverified} unverified" if result.unverified else ""
        extra += f", {result.duplicates} already recorded" if result.duplicates else ""
        click.echo(
            f"{name}: {result.outcome} ({result.kind}), {result.recorded} recorded, "
            f"{result.verified} tied to a sent copy, {result.suppressed} suppressed{extra}"
        )
    recorded = sum(1 for _, r in results if r.outcome is Outcome.RECORDED)
    click.echo(f"{counted(len(results), 'message')}, {recorded} recorded")


@bounces_group.command("fetch")
@click.pass_context
def bounces_fetch(ctx: click.Context) -> None:
    """Read the configured mailbox (IMAP or Maildir) once."""
    settings = settings_of(ctx)
    if settings.mailbox.kind is MailboxKind.NONE:
        raise Failure("no mailbox configured ([mailbox] kind = maildir or imap)")

    async def work(store: Store) -> PollResult:
        recorder = BounceRecorder(settings, store, ensure_verp_key(settings))
        try:
            return await MailboxReader(settings, recorder).poll_once()
        except (imaplib.IMAP4.error, OSError) as exc:  # OSError: refused, timeout, TLS
            raise Failure(f"mailbox: {exc}") from exc

    result = with_store(ctx, work)
    click.echo(
        f"{result.recorded} recorded, {result.ignored} ignored, "
        f"{result.quarantined} quarantined, {result.failed} left for the next poll"
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

    async def work(session: AsyncSession) -> list[BounceRow]:
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

    rows = reading(ctx, work)
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

    async def work(session: AsyncSession) -> tuple[AddressHistory, list[bytes]]:
        target = await account_by_name(session, account)
        history = await reports.address_history(session, target.id, address)
        raws = []
        if raw:
            for bounce in history.bounces:
                data = await reports.raw_bounce(session, target.id, bounce.bounce_id)
                if data:
                    raws.append(data)
        return history, raws

    history, raws = reading(ctx, work)
    if as_json:
        sections: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]] = {
            "sends": (RECIPIENT_COLUMNS, [recipient_row(o) for o in history.sends]),
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
    emit(RECIPIENT_COLUMNS, [recipient_row(o) for o in history.sends], title=f"sends to {address}")
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

    async def work(session: AsyncSession) -> list[UnverifiedRow]:
        return await unverified_reports(session, since=since_at)

    rows = reading(ctx, work)
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
