"""The OpenAPI description of the suppression resources (relay.http.suppressions, _csv)."""

from __future__ import annotations

from typing import Any

from relay.admin.unbounce_rules import CONFIRMATION
from relay.http.openapi import API, BEARER, describe, schema

_STRING = {"type": "string"}
_TIME = {"type": ["string", "null"], "format": "date-time"}
_NULLABLE = {"type": ["string", "null"]}


def _q(name: str, description: str, *, required: bool = False, **kind: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": kind or _STRING,
    }


def _path(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": _STRING}  # fmt: skip


def _json(ref: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def _body(ref: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": ref}}}


ACCOUNT = _q("account", "The account (default: the token user's own)")
ADDRESS = _path("address", "The address, URL-encoded")

SUPPRESSION = schema(
    "Suppression",
    {
        "type": "object",
        "properties": {
            "address": _STRING,
            "account": _NULLABLE,
            "tier": {"enum": ["account", "global"]},
            "reason": _STRING,
            "detail": _NULLABLE,
            "since": _TIME,
            "bounce_id": {"type": ["integer", "null"]},
            "bounce_status": _NULLABLE,
            "bounce_reason": _NULLABLE,
            "hard": {"type": ["boolean", "null"]},
        },
    },
)
PAGE = schema(
    "SuppressionPage",
    {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": SUPPRESSION},
            "next_cursor": {**_NULLABLE, "description": "Pass as cursor for the next page"},
        },
    },
)
CASE = {
    "since": _TIME,
    "reason": _NULLABLE,
    "detail": _NULLABLE,
    "bounce_id": {"type": ["integer", "null"], "description": "The evidence: the bounce"},
    "bounced_at": _TIME,
    "dsn_status": _NULLABLE,
    "diagnostic": _NULLABLE,
    "message_id": _NULLABLE,
    "campaign": _NULLABLE,
}
STATE = schema(
    "SuppressionState",
    {
        "type": "object",
        "properties": {
            "address": _STRING,
            "account": _STRING,
            "suppressed": {"type": "boolean"},
            "tier": {"enum": ["account", "global", None]},
            "globally_suppressed": {"type": "boolean"},
            **CASE,
        },
        "required": ["address", "account", "suppressed", "tier"],
    },
)
CHECK = schema(
    "CheckRequest",
    {
        "type": "object",
        "properties": {
            "account": _STRING,
            "addresses": {"type": "array", "items": _STRING, "maxItems": 10_000},
            "smtputf8": {"type": "boolean", "default": True},
        },
        "required": ["account", "addresses"],
    },
)
VERDICT = schema(
    "Verdict",
    {
        "type": "object",
        "description": "What RCPT TO:<address> gets from the relay now, for the account",
        "properties": {
            "address": _STRING,
            "sendable": {"type": "boolean"},
            "refused": {"type": "boolean", "description": "RCPT is answered 5xx"},
            "cause": {
                "enum": [
                    "relay_form", "bad_address", "needs_smtputf8", "destination", "suppressed",
                    None,
                ]
            },
            "reply": {"type": "string", "description": "The SMTP reply RCPT gets"},
            "tier": {"enum": ["account", "global", None]},
            "reason": _NULLABLE,
            "since": _TIME,
        },
    },
)  # fmt: skip
CHECKED = schema(
    "CheckResult",
    {
        "type": "object",
        "properties": {
            "account": _STRING,
            "checked": {"type": "integer"},
            "not_sendable": {"type": "integer"},
            "results": {"type": "array", "items": VERDICT},
        },
    },
)
ADD = schema(
    "AddSuppression",
    {
        "type": "object",
        "properties": {
            "account": _STRING,
            "address": _STRING,
            "reason": {"type": "string", "default": "manual", "maxLength": 64},
        },
        "required": ["account", "address"],
    },
)
QUOTA = {
    "type": "object",
    "properties": {n: {"type": "integer"} for n in ("allowed", "used", "remaining")},
}
UNBOUNCE = schema(
    "Unbounce",
    {
        "type": "object",
        "properties": {"account": _STRING, "confirm": {"const": CONFIRMATION}},
        "required": ["account", "confirm"],
    },
)
GLOBAL_UNBOUNCE = schema(
    "GlobalUnbounce",
    {
        "type": "object",
        "properties": {"confirm": {"const": CONFIRMATION}},
        "required": ["confirm"],
    },
)
IMPORTED = schema(
    "ImportResult",
    {
        "type": "object",
        "properties": {
            "account": _STRING,
            "file": _STRING,
            "rows": {"type": "integer"},
            "imported": {"type": "integer"},
            "already_suppressed": {"type": "integer"},
            "skipped": {"type": "integer", "description": "Bad rows, not imported"},
            "bad_rows": {"type": "array", "items": _STRING, "description": "The first 1,000"},
        },
    },
)

READ = [401, 403, 404, 422, 503]

describe(
    f"{API}/suppressions",
    "get",
    {
        "summary": "List suppressions, newest first, filtered, cursor-paginated",
        "security": BEARER,
        "parameters": [
            ACCOUNT,
            _q("tier", "account (default) or global (operators)", enum=["account", "global"]),
            _q("address", "A whole address, or a part of one"),
            _q("reason", "Only this reason (e.g. user_unknown)"),
            _q("hard_reason_known", "Only those whose hard-bounce reason is known (or not)",
               type="boolean"),
            _q("since", "Suppressed at or after (ISO 8601)", format="date-time"),
            _q("until", "Suppressed before (ISO 8601)", format="date-time"),
            _q("cursor", "next_cursor of the previous page"),
            _q("limit", "Rows per page (1-1000, default 100)", type="integer"),
        ],
        "responses": {"200": _json(PAGE)},
        "problems": READ,
    },
)  # fmt: skip
describe(
    f"{API}/suppressions",
    "post",
    {
        "summary": "Suppress an address for an account (super administrators, operators)",
        "security": BEARER,
        "requestBody": _body(ADD),
        "responses": {"201": {"description": "Suppressed"}, "200": {"description": "Already"}},
        "problems": READ,
    },
)
describe(
    f"{API}/suppressions/{{address}}",
    "get",
    {
        "summary": "Whether an address is suppressed for the account, the tier, since, why",
        "security": BEARER,
        "parameters": [ADDRESS, ACCOUNT],
        "responses": {"200": _json(STATE)},
        "problems": READ,
    },
)
describe(
    f"{API}/suppressions/check",
    "post",
    {
        "summary": "For up to 10,000 addresses: would the relay refuse each now, and why",
        "description": "Applies the rule of RCPT TO itself (address form, destination, "
        "suppressions of the account and the global tier).",
        "security": BEARER,
        "requestBody": _body(CHECK),
        "responses": {"200": _json(CHECKED)},
        "problems": [*READ, 413],
    },
)
describe(
    f"{API}/suppressions/{{address}}/unbounce",
    "get",
    {
        "summary": "What an unbounce would lift, and the quota left; or the rule refusing it",
        "security": BEARER,
        "parameters": [ADDRESS, ACCOUNT],
        "responses": {"200": {"description": "The bounce, the quota, the confirmation"}},
        "problems": [*READ, 409],
    },
)
describe(
    f"{API}/suppressions/{{address}}/unbounce",
    "post",
    {
        "summary": "Unbounce: lift the account's hard bounce of the address (every rule applies)",
        "security": BEARER,
        "parameters": [ADDRESS],
        "requestBody": _body(UNBOUNCE),
        "responses": {"200": _json({"type": "object", "properties": {"quota": QUOTA}})},
        "problems": [*READ, 409],
    },
)
describe(
    f"{API}/global-suppressions/{{address}}/unbounce",
    "post",
    {
        "summary": "Lift a global suppression (operators; never for abandoned mailboxes)",
        "security": BEARER,
        "parameters": [ADDRESS],
        "requestBody": _body(GLOBAL_UNBOUNCE),
        "responses": {"200": {"description": "Lifted"}},
        "problems": [*READ, 409],
    },
)
describe(
    f"{API}/suppressions/import",
    "post",
    {
        "summary": "Import a CSV file of addresses (an ESP's export or a plain list)",
        "security": BEARER,
        "parameters": [
            _q("account", "The account", required=True),
            _q("reason", "The reason of rows that give none (default imported)"),
            _q("filename", "The file's name, for a raw text/csv body"),
        ],
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": _STRING},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            },
        },
        "responses": {"200": _json(IMPORTED)},
        "problems": [*READ, 413],
    },
)
describe(
    f"{API}/suppressions.csv",
    "get",
    {
        "summary": "Export the account's suppressions as CSV (address, reason, created, status)",
        "security": BEARER,
        "parameters": [ACCOUNT, _q("reason", "Only this reason"), _q("since", "Since (ISO 8601)")],
        "responses": {"200": {"description": "CSV", "content": {"text/csv": {"schema": _STRING}}}},
        "problems": READ,
    },
)
