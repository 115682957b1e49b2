"""Reading a request: JSON bodies into pydantic models, query parameters, the account named.

Everything malformed becomes a 422 problem naming the field; nothing reaches a route half-read.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from relay.admin.rules import Refused
from relay.http.auth import acting_user, may_read
from relay.http.problems import MALFORMED, TOO_LARGE, Problem, refusal
from relay.http.state import AppState
from storage.accounts import AccountInfo, account_by_name
from storage.admin import UserInfo

Model = TypeVar("Model", bound=BaseModel)

MAX_JSON_BODY = 8 << 20  # 10,000 addresses of 320 characters fit with room to spare


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or a 413 problem once it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Problem(TOO_LARGE, f"the body is larger than {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(TOO_LARGE, f"the body is larger than {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_json(request: Request, model: type[Model], *, limit: int = MAX_JSON_BODY) -> Model:
    """The JSON body as ``model``; a 422 problem (with the fields at fault) otherwise."""
    body = await read_body(request, limit)
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Problem(MALFORMED, f"the body is not JSON: {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Problem(MALFORMED, _first_error(exc), errors=_errors(exc)) from exc


def _errors(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()
    ]


def _first_error(exc: ValidationError) -> str:
    first = _errors(exc)[0]
    return f"{first['field'] or 'body'}: {first['message']}"


def query(request: Request, name: str, *, required: bool = False) -> str | None:
    """A query parameter (empty counts as absent); a 422 problem if required and missing."""
    value = request.query_params.get(name, "").strip()
    if not value and required:
        raise Problem(MALFORMED, f"the query parameter {name} is required")
    return value or None


def query_int(request: Request, name: str, default: int, *, low: int, high: int) -> int:
    """An integer query parameter within [low, high]."""
    value = query(request, name)
    if value is None:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise Problem(MALFORMED, f"{name} must be a whole number from {low} to {high}")
    return int(value)


def query_bool(request: Request, name: str) -> bool | None:
    """``true``/``false`` (also 1/0, yes/no), or None when absent."""
    value = query(request, name)
    if value is None:
        return None
    lowered = value.lower()
    if lowered in {"true", "1", "yes"}:
        return True
    if lowered in {"false", "0", "no"}:
        return False
    raise Problem(MALFORMED, f"{name} must be true or false")


def query_time(request: Request, name: str) -> dt.datetime | None:
    """An ISO 8601 date or time (UTC when it names no zone)."""
    value = query(request, name)
    if value is None:
        return None
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise Problem(MALFORMED, f"{name} must be an ISO 8601 date or time") from exc
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


async def readable_account(
    request: Request, name: str | None = None
) -> tuple[UserInfo, AccountInfo]:
    """The acting user and the account it reads (``account`` query parameter unless given):
    401 without a token, 404 for no such account, 403 for another account's user."""
    user = await acting_user(request)
    if name is None:
        name = query(request, "account")
    if name is None:
        if user.account is None:
            raise Problem(MALFORMED, "the query parameter account is required")
        name = user.account
    own_account_only(user, name)
    async with AppState.of(request).store.reading() as session:
        account = await account_by_name(session, name)
    may_read(user, account)
    return user, account


def own_account_only(user: UserInfo, account: str) -> None:
    """A 403 problem unless ``user`` is an operator or belongs to ``account``: checked before
    the account is looked up, so another tenant learns nothing of which accounts exist."""
    if user.account is not None and account != user.account:
        raise refusal(Refused(f"user {user.name} does not belong to account {account}", "account"))


def iso(when: dt.datetime | None) -> str | None:
    """A time as ISO 8601 in UTC (``2026-11-30T12:00:00+00:00``), None as null."""
    return None if when is None else when.astimezone(dt.UTC).isoformat()
