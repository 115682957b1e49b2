"""From what a format read to a classified ``Bounce``: reason, hard/soft and a status."""

from __future__ import annotations

from bounce_parser.classify import (
    find_command,
    find_status,
    is_hard,
    is_permanent,
    preferred_status,
    reason_for,
)
from bounce_parser.reason import Reason
from bounce_parser.report import Bounce, Finding
from bounce_parser.rules import PSEUDO_DETAILS

_SUCCESS_ACTIONS = frozenset({"delivered", "relayed", "expanded"})


def pseudo_status(reason: Reason, permanent: bool | None, command: str | None = None) -> str | None:
    """``5.0.9NN``/``4.0.9NN`` for a reason read from text alone (see rules.PSEUDO_DETAILS).

    A refusal of MAIL FROM gets ``x.0.901`` whatever the reason: no recipient was considered.
    """
    detail = "901" if command == "MAIL" else PSEUDO_DETAILS.get(reason)
    if detail is None:
        return None
    return f"{4 if permanent is False else 5}.0.{detail}"


def judge(finding: Finding) -> Bounce:
    """Classify one finding: status first, then its diagnostic text."""
    text = finding.diagnostic or ""
    status = preferred_status(finding.status, find_status(text))
    reply = finding.reply_code
    # A 2xx code inside a failure notice is a transcript line; only the status or action count.
    if finding.action in _SUCCESS_ACTIONS or (status or "").startswith("2"):
        reason, hard = Reason.DELIVERED, False
    else:
        permanent = is_permanent(status, reply)
        if permanent is None:
            permanent = finding.permanent
        command = finding.command or find_command(text)
        reason = finding.reason or reason_for(status, text, command, finding.context)
        hard = is_hard(reason, permanent)
        status = status or pseudo_status(reason, permanent, command)
    return Bounce(
        address=finding.address,
        original_recipient=finding.original_recipient,
        action=finding.action,
        status=status,
        reply_code=reply,
        diagnostic=finding.diagnostic,
        reporting_mta=finding.reporting_mta,
        remote_mta=finding.remote_mta,
        reason=reason,
        hard=hard,
    )
