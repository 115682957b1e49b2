"""Amazon SES bounce and complaint notifications delivered by mail (JSON in the body).

The format is the one AWS documents in "Amazon SES notification contents" (Amazon SES
Developer Guide, notification-contents.html): an object with ``notificationType`` (or
``eventType`` for event publishing) ``Bounce`` or ``Complaint``; a bounce carries
``bounceType`` (Permanent, Transient, Undetermined), ``bounceSubType`` and
``bouncedRecipients`` (``emailAddress``, and ``status``/``action``/``diagnosticCode`` when
SES had a DSN); a complaint carries ``complainedRecipients``. Through an SNS e-mail
subscription the same object arrives as a string in the ``Message`` field of an envelope.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bounce_parser.classify import find_reply_code
from bounce_parser.mail import Mail
from bounce_parser.reason import Reason as R
from bounce_parser.report import Finding

# The reason a bounce subtype names, when SES gives no diagnostic of its own (AWS docs,
# "Bounce types" table). Undetermined/General say nothing: the precedence rules decide.
_SUBTYPE_REASONS: dict[str, R] = {
    "NoEmail": R.USER_UNKNOWN,
    "Suppressed": R.USER_UNKNOWN,  # SES's own list: a recent hard bounce of this address
    "OnAccountSuppressionList": R.ON_HOLD,  # the sending account's list: why is not said
    "MailboxFull": R.MAILBOX_FULL,
    "MessageTooLarge": R.MESG_TOO_BIG,
    "ContentRejected": R.CONTENT_ERROR,
    "AttachmentRejected": R.CONTENT_ERROR,
}
_PERMANENCE = {"Permanent": True, "Transient": False}
_JSON_START = re.compile(r"\{\s*\"(?:notificationType|eventType|Type|Message)\"")
MAX_JSON = 256 * 1024
_REPORTING_TYPE = re.compile(r"^\s*(?:dsn|dns)\s*;", re.IGNORECASE)


def notification(mail: Mail) -> dict[str, Any] | None:
    """The SES notification object in the body, unwrapped from an SNS envelope, else None."""
    body = mail.body
    start = _JSON_START.search(body[:4096])
    if start is None:
        return None
    try:
        found, _ = json.JSONDecoder().raw_decode(body[start.start() : start.start() + MAX_JSON])
    except ValueError:
        return None
    if isinstance(found, dict) and isinstance(found.get("Message"), str):
        try:
            found = json.loads(found["Message"])
        except ValueError:
            return None
    if not isinstance(found, dict):
        return None
    kind = found.get("notificationType") or found.get("eventType")
    return found if kind in ("Bounce", "Complaint") else None


def is_complaint(note: dict[str, Any]) -> bool:
    """Whether the notification is a complaint (else a bounce)."""
    return (note.get("notificationType") or note.get("eventType")) == "Complaint"


def complained(note: dict[str, Any]) -> tuple[list[str], str]:
    """The complaining addresses and the feedback type (``abuse`` when not given)."""
    complaint = _object(note.get("complaint"))
    people = [_object(r).get("emailAddress") for r in _list(complaint.get("complainedRecipients"))]
    kind = complaint.get("complaintFeedbackType") or "abuse"
    return [p for p in people if isinstance(p, str) and "@" in p], str(kind).lower()


def findings(note: dict[str, Any]) -> tuple[Finding, ...]:
    """One finding per bounced recipient, with its own status and diagnostic."""
    bounce = _object(note.get("bounce"))
    permanent = _PERMANENCE.get(str(bounce.get("bounceType")))
    subtype_reason = _SUBTYPE_REASONS.get(str(bounce.get("bounceSubType")))
    # "dsn; host" in notifications as sent, "dns; host" in AWS's documented example (and RFC 3464).
    reporting = _REPORTING_TYPE.sub("", str(bounce.get("reportingMTA") or "")).strip() or None
    found = []
    for entry in map(_object, _list(bounce.get("bouncedRecipients"))):
        address = entry.get("emailAddress")
        if not isinstance(address, str) or "@" not in address:
            continue
        diagnostic = str(entry.get("diagnosticCode") or "").removeprefix("smtp;").strip()
        status = entry.get("status")
        found.append(
            Finding(
                address=address,
                status=status if isinstance(status, str) and status else None,
                reply_code=find_reply_code(diagnostic) if diagnostic else None,
                diagnostic=diagnostic or None,
                action=str(entry.get("action") or "failed"),
                reporting_mta=reporting,
                # The subtype only speaks when SES quotes no reply of the remote server.
                reason=None if diagnostic else subtype_reason,
                permanent=permanent,
            )
        )
    return tuple(found)


def _object(value: object) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (a malformed notification)."""
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[object]:
    """``value`` when it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []
