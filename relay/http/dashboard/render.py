"""Jinja2 rendering of the dashboard's pages: autoescaping always on, dates in ISO form with
their zone, and headers that keep a page's untrusted text inert (no inline script runs)."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse

# Only the relay's own files: a diagnostic text carrying <script> could not run even if some
# template forgot to escape it.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


def when(moment: dt.datetime | str | None) -> Markup:
    """'2026-11-23 12:05:00 UTC' in a <time> element whose datetime attribute is the ISO 8601
    form with its zone ('2026-11-23T12:05:00Z'): every date the dashboard shows is UTC, says
    so, and is machine-readable (an ISO text, as the API's models hold some, is read first)."""
    if not moment:
        return Markup("")
    if isinstance(moment, str):  # an ISO 8601 text, as the API's models hold it
        moment = dt.datetime.fromisoformat(moment)
    utc = moment.astimezone(dt.UTC)
    return Markup('<time datetime="{}">{}</time>').format(
        utc.strftime("%Y-%m-%dT%H:%M:%SZ"), utc.strftime("%Y-%m-%d %H:%M:%S UTC")
    )


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def query(base: dict[str, Any] | None = None, **changes: Any) -> str:
    """A query string: ``base`` with ``changes``, leaving out empty values."""
    merged = {**(base or {}), **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "", False)}
    return "?" + urlencode(kept) if kept else ""


def segment(value: str) -> str:
    """One URL path segment (a Message-ID holds '/', '<' and '>')."""
    return quote(value, safe="")


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("relay.http.dashboard", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = when
    env.filters["percent"] = percent
    env.filters["segment"] = segment
    env.globals["query"] = query
    return env


def render(
    request: Request, template: str, context: dict[str, Any], status: int = 200
) -> HTMLResponse:
    """The page ``template`` filled with ``context`` (which names the signed-in session)."""
    html = environment().get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
