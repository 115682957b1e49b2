"""RFC 5965 abuse feedback reports (ARF), and the common non-standard complaint forms."""

from __future__ import annotations

import re

from bounce_parser.fields import addresses_in, clean_address, field_blocks
from bounce_parser.mail import Mail, header_text

_COMPLAINT_SUBJECT = re.compile(r"^(?:complaint about message from|abuse report\b)")
_LIST_UNSUBSCRIBE = re.compile(r"sent this (?:e-?mail|message) to unsubscribe")


def feedback_fields(mail: Mail) -> dict[str, str] | None:
    """The fields of the message/feedback-report part, or None when there is no such part."""
    for text in mail.texts("message/feedback-report"):
        blocks = field_blocks(text)
        return blocks[0] if blocks else {}
    if mail.report_type == "feedback-report":
        return {}
    return None


def is_complaint(mail: Mail) -> bool:
    """Whether ``mail`` is a complaint: an ARF report, or a forwarded-message complaint form."""
    if feedback_fields(mail) is not None:
        return True
    subject = mail.header("subject").lower()
    if _COMPLAINT_SUBJECT.search(subject) and mail.returned_head is not None:
        return True
    return bool(_LIST_UNSUBSCRIBE.search(mail.body[:2048].lower()))


def feedback_type(mail: Mail) -> str:
    """The Feedback-Type (abuse, fraud, opt-out...), ``abuse`` for complaint forms."""
    fields = feedback_fields(mail) or {}
    return fields.get("feedback-type", "abuse").strip().lower() or "abuse"


def complained_addresses(mail: Mail) -> list[str]:
    """Who complained: Original-Rcpt-To, else the recipient of the reported message."""
    fields = feedback_fields(mail) or {}
    found = [a for a in (clean_address(fields.get("original-rcpt-to", "")),) if a]
    if not found and mail.returned is not None:
        found = addresses_in(header_text(mail.returned, "to"))
    if not found and fields.get("removal-recipient"):
        found = addresses_in(fields["removal-recipient"])
    if not found and _LIST_UNSUBSCRIBE.search(mail.body[:2048].lower()):
        found = addresses_in(mail.header("from"))
    return list(dict.fromkeys(found))
