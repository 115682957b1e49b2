"""The dashboard's pages that read: messages and campaigns, a report by tab (and its CSV), an
account's overview with its charts, the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from relay.admin.accounts import resume_account
from relay.admin.rules import ALLOWED, Action, Refused
from relay.http.accounts import guard_view
from relay.http.dashboard import charts
from relay.http.dashboard.render import query, render, segment
from relay.http.dashboard.signin import check_csrf, form_of, page
from relay.http.state import AppState
from storage import history, listings, views
from storage.accounts import AccountInfo, NotFound, account_by_name, list_accounts
from storage.engine import utcnow
from storage.models import Role
from storage.views import Tab
from storage.web_sessions import SignedIn

PAGE = 50


def whole(text: str | None) -> int | None:
    """A cursor from the query string (ignored when it is not a whole number)."""
    try:
        return int(text) if text else None
    except ValueError:
        return None


async def chosen_account(
    request: Request, signed: SignedIn, name: str | None = None
) -> AccountInfo | None:
    """The account a page is about: ``name``, ``?account=`` or the user's own; an operator may
    leave it out (None: pick one). Another account's user is refused."""
    name = name or request.query_params.get("account") or signed.user.account
    if not name:
        return None
    async with AppState.of(request).store.reading() as session:
        account = await account_by_name(session, name)
    if signed.user.role is not Role.OPERATOR and signed.user.account_id != account.id:
        raise Refused(f"user {signed.user.name} does not belong to account {name}", "account")
    return account


async def list_accounts_of(request: Request) -> list[AccountInfo]:
    async with AppState.of(request).store.reading() as session:
        return await list_accounts(session)


def base(signed: SignedIn, title: str, account: AccountInfo | None) -> dict[str, Any]:
    """What every page's frame shows: who is signed in, the account, the CSRF token."""
    return {
        "title": title,
        "signed": signed,
        "user": signed.user,
        "account": account,
        "csrf_token": signed.csrf_token,
        "is_operator": signed.user.role is Role.OPERATOR,
    }


@page
async def home(request: Request, signed: SignedIn) -> Response:
    """/: the account's messages newest first, searchable, and its recent campaigns."""
    account = await chosen_account(request, signed)
    if account is None:
        context = base(signed, "Choose an account", None)
        context["accounts"] = await list_accounts_of(request)
        return render(request, "accounts.html", context)
    search = request.query_params.get("q", "").strip()
    before = whole(request.query_params.get("before"))
    async with AppState.of(request).store.reading() as session:
        messages = await views.list_messages(
            session, account.id, search=search or None, before=before, limit=PAGE
        )
        campaigns = [] if search or before else await views.list_campaigns(session, account.id)
    context = base(signed, "Messages", account)
    context.update(
        messages=messages,
        campaigns=campaigns[:10],
        search=search,
        more=messages[-1].id if len(messages) == PAGE else None,
        submission=str(AppState.of(request).settings.server.submission_listen),
    )
    return render(request, "messages.html", context)


def _tab(request: Request) -> Tab:
    try:
        return Tab(request.query_params.get("tab") or "bounced")
    except ValueError:
        return Tab.BOUNCED


async def _report(request: Request, signed: SignedIn, kind: str, value: str) -> Response:
    account = await chosen_account(request, signed)
    if account is None:
        raise ValueError("say which account: ?account=NAME")
    tab = _tab(request)
    after = request.query_params.get("after") or None
    async with AppState.of(request).store.reading() as session:
        found = await views.target(session, account.id, kind, value)
        if found is None:
            raise NotFound(f"no {kind} {value!r} for account {account.name}")
        rows = await views.recipients(
            session, account.id, kind, value, tab, after=after, limit=PAGE
        )
    title = f"{'Message' if kind == 'message' else 'Campaign'} {found.value}"
    context = base(signed, title, account)
    context.update(
        kind=kind,
        target=found,
        tab=tab,
        tabs=list(Tab),
        rows=rows,
        more=rows[-1].cursor if len(rows) == PAGE else None,
        may_save=signed.user.role is not Role.VIEWER,
        saved=request.query_params.get("saved"),
        saved_size=request.query_params.get("size", "0"),
        bounce_listener=str(AppState.of(request).settings.server.bounce_listen),
    )
    return render(request, "report.html", context)


@page
async def message(request: Request, signed: SignedIn) -> Response:
    """/messages/{id}: one message's recipients, tab by tab."""
    return await _report(request, signed, "message", str(request.path_params["message_id"]))


@page
async def campaign(request: Request, signed: SignedIn) -> Response:
    """/campaigns/{c}: every message of a campaign, its recipients tab by tab."""
    return await _report(request, signed, "campaign", str(request.path_params["campaign"]))


CSV_COLUMNS = (
    "address", "outcome", "status", "date", "reason", "dsn_status", "reply_code", "why",
    "diagnostic", "next_attempt", "message_id", "campaign",
)  # fmt: skip
CSV_LIMIT = 1_000_000


@page
async def report_csv(request: Request, signed: SignedIn) -> Response:
    """/report.csv?kind=campaign&value=C&tab=bounced: a tab's recipients with reasons."""
    account = await chosen_account(request, signed)
    kind = request.query_params.get("kind", "campaign")
    value = request.query_params.get("value", "")
    if account is None or kind not in ("message", "campaign") or not value:
        raise ValueError("give account, kind (message or campaign) and value")
    tab = _tab(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    after: str | None = None
    written = 0
    async with AppState.of(request).store.reading() as session:
        while written < CSV_LIMIT:
            rows = await views.recipients(
                session, account.id, kind, value, tab, after=after, limit=views.MAX_PAGE
            )
            for r in rows:
                b = r.bounce
                writer.writerow(
                    [r.address, r.tab.value, r.status, r.at.isoformat(), r.reason, r.dsn_status,
                     r.reply_code, r.why, b.diagnostic if b else r.detail,
                     r.next_attempt.isoformat() if r.next_attempt else "", r.message_id,
                     r.campaign]
                )  # fmt: skip
            written += len(rows)
            if len(rows) < views.MAX_PAGE:
                break
            after = rows[-1].cursor
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in value)[:80]
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}-{tab.value}.csv"'},
    )


@page
async def account_page(request: Request, signed: SignedIn) -> Response:
    """/accounts/{a}: rates per day over 30 days, top reasons and domains."""
    account = await chosen_account(request, signed, str(request.path_params["account"]))
    assert account is not None
    end = utcnow()
    start = (end - dt.timedelta(days=29)).replace(hour=0, minute=0, second=0, microsecond=0)
    state = AppState.of(request)
    async with state.store.reading() as session:
        days = await history.stats(session, account.id, start=start, end=end, interval="day")
        reasons = await history.top_reasons(session, account.id, since=start)
        domains = await history.top_domains(session, account.id, since=start)
        guard = await guard_view(session, state.settings, account.id)
    series = charts.daily(days, start.date(), 30)
    p = guard.policy
    context = base(signed, f"Account {account.name}", account)
    context.update(
        guard=guard,
        may_resume=signed.user.role in ALLOWED[Action.RESUME_ACCOUNT],
        resumed=request.query_params.get("done") == "resumed",
        days=days,
        reasons=reasons,
        domains=domains,
        sent_chart=charts.bars(series, "sent", "Copies sent per day"),
        bounce_chart=charts.rate_line(
            series, "bounce_rate", "Bounce rate per day", (p.warn_bounce_rate, p.pause_bounce_rate)
        ),
        complaint_chart=charts.rate_line(
            series,
            "complaint_rate",
            "Complaint rate per day",
            (p.warn_complaint_rate, p.pause_complaint_rate),
        ),
        totals=charts.totals(days),
    )
    return render(request, "account.html", context)


@page
async def resume_account_form(request: Request, signed: SignedIn) -> Response:
    """POST /accounts/{a}/resume: an operator lifts the guard's pause (the CLI's rule)."""
    form = await form_of(request)
    check_csrf(request, signed, form)
    name = str(request.path_params["account"])
    async with AppState.of(request).store.transaction() as session:
        await resume_account(session, name, as_user=signed.user.name, now=utcnow())
    return RedirectResponse(f"/accounts/{segment(name)}" + query(done="resumed"), 303)


@page
async def audit(request: Request, signed: SignedIn) -> Response:
    """/audit: the audit log newest first, by account (every entry for operators)."""
    account = await chosen_account(request, signed)
    filters = {k: request.query_params.get(k, "").strip() for k in ("action", "actor", "subject")}
    async with AppState.of(request).store.reading() as session:
        rows = await listings.audit_page(
            session,
            account_id=account.id if account else None,
            before=whole(request.query_params.get("before")),
            limit=PAGE,
            **{k: v or None for k, v in filters.items()},
        )
    context = base(signed, "Audit log", account)
    context.update(rows=rows, filters=filters, more=rows[-1].id if len(rows) == PAGE else None)
    return render(request, "audit.html", context)


@page
async def bounce_raw(request: Request, signed: SignedIn) -> Response:
    """/bounces/{id}/raw: the returned message as it came, to download (message/rfc822)."""
    bounce_id = int(request.path_params["bounce_id"])
    async with AppState.of(request).store.reading() as session:
        found = await history.bounce_by_id(session, bounce_id)
        raw = await history.bounce_raw(session, bounce_id) if found else None
    user = signed.user
    # Another account's bounce is answered like a missing one, as the API does.
    if found is None or (user.account_id is not None and found.account_id != user.account_id):
        raise NotFound(f"no bounce {bounce_id}")
    if raw is None:
        raise NotFound(f"the returned message of bounce {bounce_id} is not kept")
    return Response(
        raw,
        media_type="message/rfc822",
        headers={
            "Content-Disposition": f'attachment; filename="bounce-{bounce_id}.eml"',
            "X-Content-Type-Options": "nosniff",
        },
    )
