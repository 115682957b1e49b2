"""Message disposition notifications (RFC 8098, formerly RFC 3798): what became of a message
after it reached the recipient's mailbox server.

Only one disposition is a failure of delivery: a rejection by the recipient's own filter. RFC
5429 section 2.1.2 (Sieve ``reject``) has it sent as an MDN whose disposition is
``automatic-action/MDN-sent-automatically; deleted`` (RFC 8098 section 3.2.6: the action was
taken automatically, the message was deleted), with the script's reason in the human-readable
part; Dovecot writes exactly that for Pigeonhole's reject (src/lib-lda/mail-send.c
mail_send_rejection; its text is lda-settings.c's default ``rejection_reason``, "Your message
to <%t> was automatically rejected:%n%r"), and a DSN instead for a full mailbox (Status
5.2.2), so the MDN is the filter's refusal alone. The address is alive: its owner, by a
filter, refused this message, which says nothing about the address and is no condition of the
mailbox; RFC 5429 section 2.1 calls it a refusal of the message. It is read as failed for
good (the same script refuses the message again), reason ``filtered``, the sender's side (a
content or policy refusal, never suppressed).

Every other MDN (displayed, dispatched, processed, a person deleting it unread) reports a
delivered message: not a bounce (``is_mdn`` lets the parser say so).
"""

from __future__ import annotations

from bounce_parser.fields import clean_address, field_blocks
from bounce_parser.mail import Mail
from bounce_parser.reason import Reason
from bounce_parser.report import Finding

MDN_TYPES = ("message/disposition-notification", "message/global-disposition-notification")
MDN_REPORT_TYPES = ("disposition-notification", "global-disposition-notification")  # RFC 6533
# The rejection's reason as the human-readable part gives it: this much, at most.
MAX_DIAGNOSTIC = 500


def is_mdn(mail: Mail) -> bool:
    """Whether ``mail`` is a disposition notification (multipart/report of that type)."""
    return mail.report_type in MDN_REPORT_TYPES


def _rejected(disposition: str) -> bool:
    """``automatic-action/...; deleted``: RFC 8098 section 3.2.6's action mode and type."""
    modes, _sep, kind = disposition.partition(";")
    action_mode = modes.split("/", 1)[0].strip().lower()
    disposition_type = kind.split("/", 1)[0].strip().lower()
    return action_mode == "automatic-action" and disposition_type == "deleted"


class DispositionNotification:
    """The recipient an RFC 5429 rejection MDN names; nothing for any other MDN."""

    name = "mdn"
    structured = True

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        if not is_mdn(mail):
            return ()
        found: list[Finding] = []
        for text in mail.texts(*MDN_TYPES):
            for block in field_blocks(text):
                address = clean_address(block.get("final-recipient", ""))
                if address is None or not _rejected(block.get("disposition", "")):
                    continue
                found.append(
                    Finding(
                        address=address,
                        diagnostic=_reason_text(mail),
                        action="failed",
                        original_recipient=clean_address(block.get("original-recipient", "")),
                        reporting_mta=block.get("reporting-ua", "").split(";", 1)[0].strip()
                        or None,
                        permanent=True,
                        reason=Reason.FILTERED,
                    )
                )
        return tuple(found)


def _reason_text(mail: Mail) -> str | None:
    """The human-readable part (RFC 8098 section 3: the first part of the report), joined."""
    for text in mail.texts("text/plain"):
        joined = " ".join(text.split())
        return joined[:MAX_DIAGNOSTIC] or None
    return None
