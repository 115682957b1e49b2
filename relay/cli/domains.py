"""``relay domains`` (add, list, check): the sending domains, their DKIM keys and whether
their DNS is set up (the check is stored with its time)."""

from __future__ import annotations

import re

import click
from sqlalchemy.ext.asyncio import AsyncSession

from relay.admin.domain_check import CheckResult, DomainReport, check_domain, resolver_for
from relay.admin.rules import Action, Refused, change_actor
from relay.cli.common import (
    Failure,
    actor_name,
    as_option,
    emit,
    format_options,
    in_transaction,
    reading,
    settings_of,
    with_store,
)
from relay.send import dkim as dkim_sign
from storage import accounts, admin
from storage.accounts import DomainInfo, NotFound, account_by_name, list_domains
from storage.addresses import normalize_domain
from storage.engine import Store, utcnow
from storage.models import Role


@click.group("domains")
def domains_group() -> None:
    """Sending domains and their DKIM keys."""


@domains_group.command("add")
@click.argument("domain")
@click.option("--account", required=True)
@click.option("--dkim-selector", default="relay", show_default=True)
@as_option
@click.pass_context
def domains_add(
    ctx: click.Context, domain: str, account: str, dkim_selector: str, as_user: str | None
) -> None:
    """Add a sending domain (or renew its DKIM key) and print the DNS record to publish."""
    private_pem, public = dkim_sign.new_key()

    async def work(session: AsyncSession) -> accounts.DomainInfo:
        target = await accounts.account_by_name(session, account)
        actor = await change_actor(session, as_user, Action.MANAGE_DOMAINS, target)
        info = await accounts.add_domain(
            session, account, domain, selector=dkim_selector, private_key=private_pem
        )
        await admin.audit(
            session,
            actor=actor,
            action="domain_add",
            now=utcnow(),
            account_id=target.id,
            subject=info.domain,
            detail={"dkim_selector": dkim_selector, "new_key": True},
        )
        return info

    info = in_transaction(ctx, work)
    click.echo(f"domain {info.domain} signs with DKIM selector {dkim_selector}; publish:")
    click.echo(dkim_sign.dns_record(info.domain, dkim_selector, public))


@domains_group.command("list")
@format_options
@click.pass_context
def domains_list(ctx: click.Context, as_json: bool, as_csv: bool) -> None:
    """Every sending domain and its DKIM selector."""

    async def work(session: AsyncSession) -> list[accounts.DomainInfo]:
        return await accounts.list_domains(session)

    rows = [(i.domain, i.account, i.dkim_selector) for i in reading(ctx, work)]
    emit(("domain", "account", "DKIM selector"), rows, as_json=as_json, as_csv=as_csv)


COLUMNS = ("check", "result", "record", "note")


@domains_group.command("check")
@click.argument("domain")
@click.option(
    "--dns-server",
    metavar="IP[:PORT]",
    help="Ask this DNS server (IPv4, or [IPv6]:PORT) instead of the configured or system ones.",
)
@as_option
@format_options
@click.pass_context
def domains_check(
    ctx: click.Context,
    domain: str,
    dns_server: str | None,
    as_user: str | None,
    as_json: bool,
    as_csv: bool,
) -> None:
    """Check DOMAIN's MX, SPF, DKIM and DMARC records; exit 1 when any check fails."""
    settings = settings_of(ctx)
    try:
        resolver = resolver_for(settings, dns_server)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--dns-server") from exc

    async def work(store: Store) -> DomainReport:
        async with store.reading() as session:
            info = await _sending_domain(session, domain)
            account = await account_by_name(session, info.account)
            actor = actor_name()
            if as_user:
                user = await admin.user_by_name(session, as_user)
                if user.role is not Role.OPERATOR and user.account_id != account.id:
                    raise Refused(f"user {user.name} does not belong to account {account.name}")
                actor = user.name
        # No transaction stays open while DNS answers (that may take seconds).
        report = await check_domain(
            resolver,
            info.domain,
            dkim_selector=info.dkim_selector,
            dkim_private_key=info.dkim_private_key,
            outbound_addresses=settings.delivery.outbound_addresses,
        )
        detail = [_detail(c) for c in report.checks]
        async with store.transaction() as session:
            now = utcnow()
            await admin.store_domain_check(
                session, info.domain, passed=report.passed, detail=detail, now=now
            )
            await admin.audit(
                session,
                actor=actor,
                action="domain_check",
                now=now,
                account_id=account.id,
                subject=info.domain,
                detail={"passed": report.passed, "failed": [c.name for c in report.failed]},
            )
        return report

    report = with_store(ctx, work)
    machine = as_json or as_csv
    rows = [
        (c.name, "passed" if c.passed else "failed", c.record if machine else _shown(c), c.note)
        for c in report.checks
    ]
    emit(COLUMNS, rows, as_json=as_json, as_csv=as_csv, title=f"sending domain {report.domain}")
    if report.failed:
        names = ", ".join(c.name for c in report.failed)
        raise Failure(
            f"{report.domain}: {len(report.failed)} of {len(report.checks)} checks failed: {names}"
        )
    # Machines read stdout as JSON lines or CSV: the summary goes beside it, on stderr.
    click.echo(f"{report.domain}: all {len(report.checks)} checks passed", err=machine)


async def _sending_domain(session: AsyncSession, domain: str) -> DomainInfo:
    name = normalize_domain(domain)
    for info in await list_domains(session):
        if info.domain == name:
            return info
    raise NotFound(f"no sending domain {name}: add it with `relay domains add {name} --account A`")


def _detail(check: CheckResult) -> dict[str, object]:
    return {"check": check.name, "passed": check.passed, "record": check.record, "note": check.note}


def _shown(check: CheckResult) -> str:
    """The record for people: a DKIM key's middle left out, so the table stays readable."""
    if check.record is None:
        return "(none)"
    return re.sub(
        r"p=([A-Za-z0-9+/]{12})[A-Za-z0-9+/]{16,}([A-Za-z0-9+/=]{8})", r"p=\1...\2", check.record
    )
