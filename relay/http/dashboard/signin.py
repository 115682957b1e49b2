"""Signing in to the dashboard: an API token or a password, a server-side session in an
HttpOnly, SameSite=Strict cookie (Secure over TLS), a synchronizer CSRF token per session, and
the HTML error pages every dashboard route answers with."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from relay.admin.rules import NoActor, Refused
from relay.http.dashboard.render import query, render
from relay.http.openapi import API
from relay.http.problems import EXCEPTION_HANDLERS, Problem
from relay.http.state import AppState
from relay.smtp.login_guard import GuardSettings, LoginGuard
from storage import tokens, web_sessions
from storage.accounts import NotFound
from storage.addresses import BadAddress
from storage.engine import StoreUnavailable, utcnow
from storage.web_sessions import SignedIn

log = logging.getLogger(__name__)

COOKIE = "relay_session"
LOGIN_COOKIE = "relay_login"  # the sign-in form's own CSRF token (no session yet)
LIFETIME = dt.timedelta(hours=8)
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# A form or an upload bigger than this is refused before it is read.
MAX_FORM = 64 * 1024


class Forbidden(Exception):
    """A dashboard request without a valid CSRF token, or a role that may not do a thing."""


def _set_cookie(response: Response, request: Request, name: str, value: str, age: int) -> None:
    response.set_cookie(
        name,
        value,
        max_age=age,
        path="/",
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="strict",
    )


async def current(request: Request) -> SignedIn | None:
    """The signed-in session of the request's cookie, if it is live."""
    cached = request.scope.get("relay.signed_in")
    if isinstance(cached, SignedIn):
        return cached
    secret = request.cookies.get(COOKIE)
    if not secret:
        return None
    async with AppState.of(request).store.reading() as session:
        found = await web_sessions.signed_in(session, secret, now=utcnow())
    if found is not None:
        request.scope["relay.signed_in"] = found
    return found


async def form_of(request: Request) -> dict[str, str]:
    """The posted form's text fields (at most MAX_FORM bytes)."""
    if int(request.headers.get("content-length") or 0) > MAX_FORM:
        raise Forbidden("the form is too large")
    form = await request.form(max_files=0, max_fields=50)
    return {key: value for key, value in form.items() if isinstance(value, str)}


def check_csrf(request: Request, signed: SignedIn, form: dict[str, str]) -> None:
    """Refuse (403) a changing request whose CSRF token is missing or not the session's."""
    given = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    if not secrets.compare_digest(given.encode(), signed.csrf_token.encode()):
        raise Forbidden("the form's security token is missing or stale: reload the page")


Page = Callable[[Request, SignedIn], Awaitable[Response]]


def page(handler: Page) -> Callable[[Request], Awaitable[Response]]:
    """A dashboard page: signed in (else to /login), errors as HTML pages, never a traceback."""

    async def endpoint(request: Request) -> Response:
        try:
            signed = await current(request)
            if signed is None:
                wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                return RedirectResponse("/login" + query(next=_local(wanted)), 303)
            return await handler(request, signed)
        except Exception as exc:
            return error_page(request, exc)

    endpoint.__name__ = handler.__name__
    endpoint.__doc__ = handler.__doc__
    return endpoint


def error_page(request: Request, exc: Exception) -> Response:
    """The HTML answer to a failure: 403, 404, 409, 422 or 503, and 500 for a bug."""
    status, title = 500, "Something went wrong"
    if isinstance(exc, Forbidden):
        status, title = 403, "Not allowed"
    elif isinstance(exc, Refused):
        status, title = (
            (403, "Not allowed") if exc.rule in ("role", "account") else (409, "Refused")
        )
    elif isinstance(exc, NotFound):
        status, title = 404, "Not found"
    elif isinstance(exc, Problem):
        status, title = exc.kind.status, exc.kind.title
    elif isinstance(exc, (BadAddress, NoActor, ValueError)):
        status, title = 422, "Not understood"
    elif isinstance(exc, StoreUnavailable):
        status, title = 503, "The store did not answer"
    detail = str(exc) if status != 500 else "A bug in the relay: the relay's log has the details."
    if status == 500:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    signed = request.scope.get("relay.signed_in")
    context = {"title": title, "detail": detail, "signed": signed, "account": None}
    return render(request, "error.html", context, status)


# Paths that programs call: their errors stay problem documents.
MACHINE_PATHS = (API, "/healthz", "/metrics")


async def html_or_problem(request: Request, exc: Exception) -> Response:
    """An HTTP error (404, 405) as a dashboard page, or under /api/ as a problem document."""
    assert isinstance(exc, HTTPException)
    path = request.url.path
    if any(path == prefix or path.startswith(prefix + "/") for prefix in MACHINE_PATHS):
        handler = EXCEPTION_HANDLERS[HTTPException]
        answer: Response = await handler(request, exc)
        return answer
    await current(request)  # the frame shows who is signed in
    title = "Not found" if exc.status_code == 404 else "Not allowed here"
    detail = (
        f"There is no page at {request.url.path}."
        if exc.status_code == 404
        else f"{request.method} is not allowed at {request.url.path}."
    )
    return render(
        request,
        "error.html",
        {
            "title": title,
            "detail": detail,
            "signed": request.scope.get("relay.signed_in"),
            "account": None,
        },
        exc.status_code,
    )


def login_guard(request: Request) -> LoginGuard:
    """The app's count of failed dashboard sign-ins (per process, like SMTP's)."""
    guard = getattr(request.app.state, "dashboard_guard", None)
    if not isinstance(guard, LoginGuard):
        server = AppState.of(request).settings.server
        guard = LoginGuard(
            GuardSettings(
                limit=server.auth_failures_before_lockout,
                window=server.auth_lockout,
                delay=server.auth_failure_delay,
                max_delay=server.auth_failure_max_delay,
            )
        )
        request.app.state.dashboard_guard = guard
    return guard


def _local(path: str) -> str:
    """A path on this site only: no scheme, no host, no '//' (an open redirect otherwise)."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    return path


async def login_form(request: Request) -> Response:
    """GET /login: the sign-in form (token, or name and password)."""
    return _login(request, error=None)


def _login(request: Request, error: str | None, status: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    context: dict[str, Any] = {
        "title": "Sign in",
        "error": error,
        "login_csrf": token,
        "next": _local(request.query_params.get("next", "/")),
        "signed": None,
    }
    response = render(request, "login.html", context, status)
    _set_cookie(response, request, LOGIN_COOKIE, token, 600)
    return response


async def login(request: Request) -> Response:
    """POST /login: a token or a password starts a session."""
    try:
        form = await form_of(request)
    except Forbidden as exc:
        return _login(request, str(exc), 403)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    given = form.get(CSRF_FIELD, "")
    if not expected or not secrets.compare_digest(given.encode(), expected.encode()):
        return _login(request, "The sign-in form expired: please try again.", 403)
    now = utcnow()
    state = AppState.of(request)
    guard = login_guard(request)
    client = request.client.host if request.client else "unknown"
    name = form.get("name", "") if not form.get("token") else "(token)"
    if guard.locked(client, name):
        guard.refused(client, name, "dashboard")
        return _login(request, "Too many failed sign-ins: try again in a few minutes.", 429)
    async with state.store.reading() as session:
        user = None
        if form.get("token"):
            found = await tokens.bearer(session, form["token"].strip(), now=now)
            user = found.user if found is not None else None
        elif form.get("name") and form.get("password"):
            user = await web_sessions.user_by_password(session, form["name"], form["password"])
    if user is None:
        # Slowed and counted like a failed SMTP login (relay.smtp.login_guard, server.auth_*).
        await asyncio.sleep(guard.failed(client, name, "dashboard"))
        return _login(request, "That token or password is not valid.", 401)
    guard.succeeded(name)
    async with state.store.transaction() as session:
        secret, _ = await web_sessions.open_session(session, user, now=now, lifetime=LIFETIME)
    response = RedirectResponse(_local(form.get("next", "/")), 303)
    _set_cookie(response, request, COOKIE, secret, int(LIFETIME.total_seconds()))
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


async def logout(request: Request) -> Response:
    """POST /logout: the session ends (CSRF token required)."""
    try:
        signed = await current(request)
        if signed is not None:
            check_csrf(request, signed, await form_of(request))
            async with AppState.of(request).store.transaction() as session:
                await web_sessions.close_session(session, request.cookies.get(COOKIE, ""))
    except Exception as exc:
        return error_page(request, exc)
    response = RedirectResponse("/login", 303)
    response.delete_cookie(COOKIE, path="/")
    return response
