"""The JSON forms of the records the read resources of /api/v1 return, one function a record."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from relay.http.openapi import API
from relay.http.params import iso
from storage.history import Event, Interval
from storage.views import BounceFacts, Counts, MessageSummary, RecipientRow, Tab


def counts_json(counts: Counts) -> dict[str, Any]:
    """A tab count summary: per outcome, the total, and the bounce rate."""
    return {
        "sent": counts.sent,
        "bounced": counts.bounced,
        "not_sent": counts.not_sent,
        "deferred": counts.deferred,
        "total": counts.total,
        "bounce_rate": round(counts.bounce_rate, 6),
    }


def bounce_json(bounce: BounceFacts) -> dict[str, Any]:
    """One bounce as the API shows it, with the link to its returned message if kept."""
    return {
        "id": bounce.id,
        "hard": bounce.hard,
        "reason": bounce.reason,
        "party": bounce.party,
        "status": bounce.status,
        "reply_code": bounce.reply_code,
        "diagnostic": bounce.diagnostic,
        "at": iso(bounce.at),
        "source": bounce.source,
        "raw": f"{API}/bounces/{bounce.id}/raw" if bounce.has_raw else None,
    }


def recipient_json(row: RecipientRow) -> dict[str, Any]:
    """One recipient copy in a tab, with what its outcome adds (why not sent, next try, bounce)."""
    body: dict[str, Any] = {
        "address": row.address,
        "outcome": row.tab.value,
        "status": row.status,
        "at": iso(row.at),
        "message_id": row.message_id,
        "campaign": row.campaign,
        "reply_code": row.reply_code,
        "dsn_status": row.dsn_status,
        "reason": row.reason,
        "detail": row.detail,
    }
    if row.tab is Tab.NOT_SENT:
        body["why"] = row.why
    if row.tab is Tab.DEFERRED:
        body["next_attempt"] = iso(row.next_attempt)
    if row.bounce is not None:
        body["bounce"] = bounce_json(row.bounce)
    return body


def message_json(m: MessageSummary) -> dict[str, Any]:
    """A message's summary with its counts."""
    return {
        "message_id": m.message_id,
        "campaign": m.campaign,
        "mail_from": m.mail_from,
        "received_at": iso(m.received_at),
        "size": m.size,
        "counts": counts_json(m.counts),
    }


def event_json(event: Event) -> dict[str, Any]:
    """One entry of an address's record, with its bounce if it is one."""
    body: dict[str, Any] = {
        "at": iso(event.at),
        "kind": event.kind,
        "summary": event.summary,
        "scope": event.scope,
        "message_id": event.message_id,
        "campaign": event.campaign,
    }
    if event.bounce is not None:
        body["bounce"] = bounce_json(event.bounce)
    return body


def interval_json(row: Interval) -> dict[str, Any]:
    """One interval of the stats, its rates rounded."""
    return {
        **asdict(row),
        "bounce_rate": round(row.bounce_rate, 6),
        "complaint_rate": round(row.complaint_rate, 6),
    }
