"""``GET /api/v1/openapi.json``: the API described (OpenAPI 3.1), with every problem type.

Each module that adds routes describes them here with ``describe`` when it is imported, next
to the routes themselves, so the document cannot forget an endpoint that exists.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from relay.http.problems import MEDIA_TYPE, PROBLEM_TYPES

API = "/api/v1"
VERSION = "1.0.0"

# path -> method -> OpenAPI operation object
PATHS: dict[str, dict[str, dict[str, Any]]] = {}
# name -> JSON Schema, under components.schemas
SCHEMAS: dict[str, dict[str, Any]] = {}


def describe(path: str, method: str, operation: dict[str, Any]) -> None:
    """Add one operation; ``responses`` may name problem statuses as ints (``[401, 403]``)."""
    operation = dict(operation)
    responses: dict[str, Any] = {}
    for code, answer in operation.pop("responses", {}).items():
        responses[str(code)] = answer
    for status in operation.pop("problems", []):
        responses[str(status)] = {"$ref": f"#/components/responses/Problem{status}"}
    operation["responses"] = responses
    PATHS.setdefault(path, {})[method.lower()] = operation


def schema(name: str, body: dict[str, Any]) -> dict[str, str]:
    """Register a schema; returns the reference to it."""
    SCHEMAS[name] = body
    return {"$ref": f"#/components/schemas/{name}"}


BEARER: list[dict[str, list[str]]] = [{"bearer": []}]

PROBLEM = schema(
    "Problem",
    {
        "type": "object",
        "description": "RFC 9457 problem details; `type` names the rule (see x-problem-types).",
        "properties": {
            "type": {"type": "string", "format": "uri"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
        },
        "required": ["type", "title", "status", "detail"],
    },
)


def _problem_responses() -> dict[str, Any]:
    statuses = sorted({kind.status for kind in PROBLEM_TYPES.values()})
    out = {}
    for status in statuses:
        kinds = [k for k in PROBLEM_TYPES.values() if k.status == status]
        out[f"Problem{status}"] = {
            "description": "; ".join(f"{k.uri}: {k.title}" for k in kinds),
            "content": {MEDIA_TYPE: {"schema": PROBLEM}},
        }
    return out


def build_document() -> dict[str, Any]:
    """The OpenAPI document as it stands (every module's routes described)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "bounce-relay API",
            "version": VERSION,
            "description": "Suppressions, bounces and results of the bounce-relay SMTP relay. "
            "Every /api/ call takes `Authorization: Bearer TOKEN` (`relay tokens add`).",
        },
        "security": BEARER,
        "paths": {path: dict(ops) for path, ops in sorted(PATHS.items())},
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": dict(SCHEMAS),
            "responses": _problem_responses(),
        },
        "x-problem-types": [
            {
                "type": kind.uri,
                "status": kind.status,
                "title": kind.title,
                "description": kind.description,
            }
            for kind in sorted(PROBLEM_TYPES.values(), key=lambda k: (k.status, k.slug))
        ],
    }


async def document(request: Request) -> Response:
    """The OpenAPI document (no token: it holds no data)."""
    return JSONResponse(build_document())


describe(
    "/healthz",
    "get",
    {
        "summary": "Health check: whether the store answers (no token)",
        "security": [],
        "responses": {
            "200": {"description": '{"status": "ok"}'},
            "503": {"description": '{"status": "unavailable"}'},
        },
    },
)
describe(
    f"{API}/openapi.json",
    "get",
    {
        "summary": "This document (no token)",
        "security": [],
        "responses": {"200": {"description": "OpenAPI 3.1"}},
    },
)
