"""An address's record with the Unbounce dialog, and the suppression list with its filters and
CSV export. Unbounce goes through relay.admin, the rules the CLI and the API apply."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from relay.admin import rules
from relay.admin import unbounce_rules as policy
from relay.admin.rules import Refused
from relay.admin.suppression_files import EXPORT_COLUMNS
from relay.http.dashboard.pages import PAGE, base, chosen_account
from relay.http.dashboard.render import query, render, segment
from relay.http.dashboard.signin import check_csrf, form_of, page
from relay.http.state import AppState
from storage import admin, history, suppression_pages, views
from storage.accounts import AccountInfo, account_by_name
from storage.addresses import normalize_address
from storage.engine import utcnow
from storage.models import Role
from storage.suppression_pages import PageFilter
from storage.suppressions import suppression_case
from storage.views import Tab
from storage.web_sessions import SignedIn


async def _dialog(
    request: Request, signed: SignedIn, account: AccountInfo, address: str
) -> dict[str, Any]:
    """What the Unbounce dialog shows: the bounce, the rules, and whether they allow it now
    (asked of relay.admin.unbounce_rules.check_unbounce, the very check the unbounce makes)."""
    settings = AppState.of(request).settings
    now = utcnow()
    max_age = dt.timedelta(days=settings.admin.domain_check_max_age_days)
    async with AppState.of(request).store.reading() as session:
        case = await suppression_case(session, account.id, address)
        quota = await policy.quota_of(session, account.id, now)
        domains = await admin.authenticated_domains(session, account.id, newer_than=now - max_age)
        once = await admin.unbounced_before(session, account.id, address)
        refusal = None
        try:
            await policy.check_unbounce(session, settings, signed.user, account, address, now)
        except Refused as exc:
            refusal = str(exc)
    return {
        "case": case,
        "quota": quota,
        "domains": domains,
        "unbounced_before": once,
        "refusal": refusal,
        "confirmation": policy.CONFIRMATION,
    }


async def _global_dialog(request: Request, signed: SignedIn, address: str) -> dict[str, Any]:
    async with AppState.of(request).store.reading() as session:
        case = await suppression_case(session, None, address)
        refusal = None
        try:
            await policy.check_global_unbounce(session, signed.user, address)
        except Refused as exc:
            refusal = str(exc)
    return {"case": case, "refusal": refusal}


@page
async def address_page(request: Request, signed: SignedIn) -> Response:
    """/addresses/{a}?account=A: the record in time order, the state line, Unbounce."""
    account = await chosen_account(request, signed)
    if account is None:
        raise ValueError("say which account: ?account=NAME")
    address = normalize_address(str(request.path_params["address"]))
    async with AppState.of(request).store.reading() as session:
        state = await history.address_state(session, account.id, account.name, address)
        events = await history.address_events(session, account.id, address)
    role = signed.user.role
    context = base(signed, f"Address {address}", account)
    context.update(
        address=address,
        state=state,
        events=events,
        may_unbounce=role in (Role.SUPER_ADMIN, Role.MARKETING_EMAIL),
        dialog=await _dialog(request, signed, account, address),
        global_dialog=(
            await _global_dialog(request, signed, address) if role is Role.OPERATOR else None
        ),
        open_dialog=request.query_params.get("unbounce") == "1",
        outcome=request.query_params.get("done"),
    )
    return render(request, "address.html", context)


@page
async def unbounce(request: Request, signed: SignedIn) -> Response:
    """POST /addresses/{a}/unbounce: the account's unbounce, confirmed word for word."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    address = normalize_address(str(request.path_params["address"]))
    account = await chosen_account(request, signed, form.get("account"))
    assert account is not None
    if form.get("confirm", "").strip() != policy.CONFIRMATION:
        raise ValueError(f'type "{policy.CONFIRMATION}" word for word to unbounce {address}')
    settings = AppState.of(request).settings
    async with AppState.of(request).store.transaction() as session:
        await policy.unbounce(session, settings, signed.user, account, address, utcnow())
    target = f"/addresses/{segment(address)}" + query(account=account.name, done="unbounced")
    return RedirectResponse(target, 303)


@page
async def global_unbounce(request: Request, signed: SignedIn) -> Response:
    """POST /addresses/{a}/global-unbounce: the operator lifts a global suppression."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    address = normalize_address(str(request.path_params["address"]))
    if form.get("confirm", "").strip() != policy.CONFIRMATION:
        raise ValueError(f'type "{policy.CONFIRMATION}" word for word to unbounce {address}')
    async with AppState.of(request).store.transaction() as session:
        await policy.global_unbounce(session, signed.user, address, utcnow())
    account = form.get("account", "")
    target = f"/addresses/{segment(address)}" + query(account=account, done="global")
    return RedirectResponse(target, 303)


def _date(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(), dt.UTC)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}") from None


async def _filter(request: Request, signed: SignedIn) -> tuple[PageFilter, dict[str, str]]:
    params = {
        k: request.query_params.get(k, "").strip()
        for k in ("account", "tier", "reason", "known", "address", "since", "until")
    }
    tier = "global" if params["tier"] == "global" else "account"
    account = None
    if tier == "account":
        account = await chosen_account(request, signed)
        if account is None:
            raise ValueError("say which account, or choose the global tier")
        params["account"] = account.name
    until = _date(params["until"])
    where = PageFilter(
        account_id=account.id if account else None,
        reason=params["reason"] or None,
        hard_reason_known=True if params["known"] == "1" else None,
        address=params["address"].lower() or None,
        since=_date(params["since"]),
        until=until + dt.timedelta(days=1) if until else None,
    )
    params["tier"] = tier
    return where, params


@page
async def suppressions(request: Request, signed: SignedIn) -> Response:
    """/suppressions: an account's (or the global) suppressions, filtered, newest first."""
    where, params = await _filter(request, signed)
    async with AppState.of(request).store.reading() as session:
        found = await suppression_pages.suppression_page(
            session, where, cursor=request.query_params.get("cursor") or None, limit=PAGE
        )
        account = await account_by_name(session, params["account"]) if params["account"] else None
    context = base(signed, "Suppressions", account)
    may_import = signed.user.role in rules.ALLOWED[rules.Action.IMPORT_SUPPRESSIONS]
    context.update(rows=found.rows, params=params, more=found.next_cursor, may_import=may_import)
    return render(request, "suppressions.html", context)


@page
async def suppressions_csv(request: Request, signed: SignedIn) -> Response:
    """/suppressions.csv: the filtered list as CSV (the columns of `relay suppressions export`,
    which `relay suppressions import` reads back, then the tier and the detail)."""
    where, _ = await _filter(request, signed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow((*EXPORT_COLUMNS, "tier", "detail"))
    cursor = None
    async with AppState.of(request).store.reading() as session:
        for _ in range(5_000):  # at most 5,000,000 rows
            found = await suppression_pages.suppression_page(
                session, where, cursor=cursor, limit=suppression_pages.MAX_PAGE
            )
            for r in found.rows:
                tier = "global" if r.account_id is None else "account"
                writer.writerow(
                    (
                        r.address,
                        r.reason,
                        r.created_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                        r.bounce_status,
                        tier,
                        r.detail,
                    )
                )
            cursor = found.next_cursor
            if cursor is None:
                break
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="suppressions.csv"'},
    )


@page
async def save_segment(request: Request, signed: SignedIn) -> Response:
    """POST /segments: save a message's or campaign's bounced recipients as a named segment
    (what `relay report --save-segment` does); not for viewers, who change nothing."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    if signed.user.role is Role.VIEWER:
        raise Refused(f"user {signed.user.name} is a viewer: viewers change nothing", "role")
    account = await chosen_account(request, signed, form.get("account"))
    kind, value, name = form.get("kind", ""), form.get("value", ""), form.get("name", "").strip()
    if account is None or kind not in ("message", "campaign") or not value:
        raise ValueError("give account, kind (message or campaign) and value")
    if not name or len(name) > 200:
        raise ValueError("a segment needs a name of at most 200 characters")
    async with AppState.of(request).store.transaction() as session:
        members: list[tuple[str, str | None]] = []
        after: str | None = None
        while len(members) < 1_000_000:
            rows = await views.recipients(
                session, account.id, kind, value, Tab.BOUNCED, after=after, limit=views.MAX_PAGE
            )
            members += [(r.address, r.reason) for r in rows]
            if len(rows) < views.MAX_PAGE:
                break
            after = rows[-1].cursor
        size = await admin.save_segment(
            session, account.id, name, members, description=f"bounced recipients of {value}",
            now=utcnow(),
        )  # fmt: skip
        await admin.audit(
            session, actor=signed.user.name, action="segment_save", now=utcnow(),
            account_id=account.id, subject=name, detail={"from": value, "size": size},
        )  # fmt: skip
    where = "/messages/" if kind == "message" else "/campaigns/"
    back = query(account=account.name, tab="bounced", saved=name, size=size)
    return RedirectResponse(where + segment(value) + back, 303)
