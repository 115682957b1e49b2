"""RFC 9457 problem details: every error of the HTTP API, each with a stable ``type`` URI.

A refusal by a rule names the rule (``.../problems/unbounce-quota``), never ``about:blank``,
so a client can act on the type without reading the prose. Handlers turn every exception,
ours and the framework's, into one of these: no traceback ever reaches a client.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from relay.admin.rules import NoActor, Refused
from storage.accounts import AlreadyExists, NotFound
from storage.addresses import BadAddress
from storage.engine import StoreUnavailable

log = logging.getLogger(__name__)

BASE = "https://bounce-relay.invalid/problems/"
MEDIA_TYPE = "application/problem+json"


@dataclass(frozen=True, slots=True)
class ProblemType:
    """One kind of error: its slug (the end of its URI), title and HTTP status."""

    slug: str
    status: int
    title: str
    description: str

    @property
    def uri(self) -> str:
        return BASE + self.slug


# Every problem type the API answers with, by slug: the OpenAPI document lists them all.
PROBLEM_TYPES: dict[str, ProblemType] = {}


def problem_type(slug: str, status: int, title: str, description: str) -> ProblemType:
    """Declare a problem type (once per slug); other modules add their own."""
    kind = ProblemType(slug, status, title, description)
    if PROBLEM_TYPES.setdefault(slug, kind) != kind:
        raise ValueError(f"problem type {slug!r} declared twice, differently")
    return kind


UNAUTHORIZED = problem_type(
    "unauthorized",
    401,
    "Unauthorized",
    "No bearer token, or one that is unknown, expired or revoked.",
)
ROLE = problem_type(
    "role", 403, "Role not allowed", "The token's user has a role that may not do this."
)
ACCOUNT = problem_type(
    "account", 403, "Other account", "The token's user does not belong to this account."
)
FORBIDDEN = problem_type("forbidden", 403, "Forbidden", "A rule about people refused this.")
NOT_FOUND = problem_type("not-found", 404, "Not found", "No such resource.")
METHOD = problem_type(
    "method-not-allowed", 405, "Method not allowed", "The resource does not take this method."
)
MALFORMED = problem_type(
    "malformed",
    422,
    "Malformed request",
    "The request body or a parameter is missing, of the wrong type, or out of range.",
)
BAD_ADDRESS = problem_type(
    "bad-address", 422, "Not a usable address", "An address the relay cannot hold or send to."
)
UNCONFIRMED = problem_type(
    "unconfirmed",
    422,
    "Not confirmed",
    "The request must carry the confirmation sentence word for word.",
)
TOO_LARGE = problem_type(
    "too-large", 413, "Request too large", "The body or a list in it exceeds the limit."
)
CONFLICT = problem_type("conflict", 409, "Already exists", "The thing to create exists already.")
STORE_UNAVAILABLE = problem_type(
    "store-unavailable",
    503,
    "Store unavailable",
    "The relay's database did not answer; try again later.",
)
INTERNAL = problem_type(
    "internal", 500, "Internal error", "A bug in the relay; the log has the details."
)
# The unbounce rules (SPEC §5): relay.admin.Refused names them.
RULES: dict[str, ProblemType] = {
    "role": ROLE,
    "account": ACCOUNT,
    "forbidden": FORBIDDEN,
    "authenticated-domain": problem_type(
        "authenticated-domain", 409, "No authenticated sending domain",
        "The account has no sending domain whose recent check passed MX, SPF, DKIM and DMARC.",
    ),
    "global-tier": problem_type(
        "global-tier", 409, "Global suppression",
        "The address is suppressed for every account: only the relay's operator can lift it.",
    ),
    "not-suppressed": problem_type(
        "not-suppressed", 409, "Not suppressed", "The address is not suppressed: nothing to do."
    ),
    "complaint": problem_type(
        "complaint", 409, "Complaint", "The recipient complained: a complaint is not unbounced."
    ),
    "unbounce-once": problem_type(
        "unbounce-once", 409, "Already unbounced once",
        "An address can be unbounced only once per account, ever.",
    ),
    "unbounce-quota": problem_type(
        "unbounce-quota", 409, "Monthly unbounce quota used up",
        "At most 2% of the account's contacts (at least 10, at most 1,000) per calendar month.",
    ),
    "webhook-disabled": problem_type(
        "webhook-disabled", 409, "Webhook disabled",
        "The endpoint was disabled (410 Gone, or failing for the whole retry window).",
    ),
    "abandoned-mailbox": problem_type(
        "abandoned-mailbox", 409, "Mailbox probably abandoned",
        "A global bounce for an unknown user or a full mailbox is never lifted.",
    ),
}  # fmt: skip


class Problem(Exception):
    """An error answer: raise it anywhere below a route."""

    def __init__(self, kind: ProblemType, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.extensions = extensions


def problem_response(
    kind: ProblemType, detail: str, *, instance: str | None = None, **extensions: Any
) -> JSONResponse:
    """The problem+json answer."""
    body: dict[str, Any] = {
        "type": kind.uri,
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
    }
    if instance is not None:
        body["instance"] = instance
    body.update(extensions)
    headers = {"WWW-Authenticate": "Bearer"} if kind.status == 401 else None
    return JSONResponse(body, status_code=kind.status, media_type=MEDIA_TYPE, headers=headers)


def refusal(exc: Refused) -> Problem:
    """A rule's refusal as the problem naming the rule."""
    return Problem(RULES.get(exc.rule, FORBIDDEN), str(exc))


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    return problem_response(exc.kind, exc.detail, instance=request.url.path, **exc.extensions)


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    kind = {404: NOT_FOUND, 405: METHOD, 401: UNAUTHORIZED, 413: TOO_LARGE}.get(exc.status_code)
    if kind is None:
        kind = MALFORMED if exc.status_code < 500 else INTERNAL
    return problem_response(kind, str(exc.detail), instance=request.url.path)


async def _known(request: Request, exc: Exception) -> Response:
    path = request.url.path
    if isinstance(exc, Refused):
        problem = refusal(exc)
        return problem_response(problem.kind, problem.detail, instance=path)
    if isinstance(exc, NotFound):
        return problem_response(NOT_FOUND, str(exc), instance=path)
    if isinstance(exc, AlreadyExists):
        return problem_response(CONFLICT, str(exc), instance=path)
    if isinstance(exc, BadAddress):
        return problem_response(BAD_ADDRESS, str(exc), instance=path)
    if isinstance(exc, StoreUnavailable):
        log.error("%s %s: store unavailable: %s", request.method, path, exc)
        return problem_response(STORE_UNAVAILABLE, "the store did not answer", instance=path)
    if isinstance(exc, (NoActor, ValueError)):
        return problem_response(MALFORMED, str(exc), instance=path)
    return await _internal(request, exc)


async def _internal(request: Request, exc: Exception) -> Response:
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    return problem_response(INTERNAL, "internal error", instance=request.url.path)


EXCEPTION_HANDLERS: dict[Any, Any] = {
    Problem: _problem,
    HTTPException: _http,
    Refused: _known,
    NotFound: _known,
    AlreadyExists: _known,
    BadAddress: _known,
    StoreUnavailable: _known,
    NoActor: _known,
    ValueError: _known,
    Exception: _internal,
}
