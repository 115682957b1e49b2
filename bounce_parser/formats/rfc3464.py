"""RFC 3464 ``message/delivery-status`` and RFC 6533 ``message/global-delivery-status``."""

from __future__ import annotations

import re

from bounce_parser.classify import find_reply_code, find_status, join_reply_lines
from bounce_parser.fields import clean_address, field_blocks, typed_value
from bounce_parser.formats import nullmailer
from bounce_parser.formats.powermta import category_reason
from bounce_parser.mail import Mail
from bounce_parser.notice import before_announced_copy
from bounce_parser.report import Finding

DSN_TYPES = ("message/delivery-status", "message/global-delivery-status")
_PERMANENT = {"failed": True, "delayed": False, "delivered": False, "relayed": False}
# An SMTP reply as RFC 5321 section 4.2 writes one: three digits, then a space or a hyphen and
# its text. A Diagnostic-Code without the diagnostic-type RFC 3464 section 2.3.6 requires
# ("Diagnostic-Code: 550 5.1.1 <a@b>: ...", as fetchmail 6.4 writes it: sink.c) that opens
# with one is that reply.
_BARE_REPLY = re.compile(r"[245]\d\d[ -]\S")


def finding_from_block(block: dict[str, str], per_message: dict[str, str]) -> Finding | None:
    """One recipient from a per-recipient field block, or None when it names no address."""
    raw = block.get("final-recipient") or block.get("x-actual-recipient")
    raw = raw or block.get("original-recipient", "")
    address = clean_address(raw)
    if address is None:
        return None
    original = clean_address(block.get("original-recipient", ""))
    action = block.get("action", "").split(" ", 1)[0].strip().lower() or None
    diagnostic, reply = _diagnostic(block.get("diagnostic-code", ""))
    status = find_status(block.get("status", ""))
    remote = typed_value(block.get("remote-mta", "")) or None
    reporting = typed_value(per_message.get("reporting-mta", "")) or None
    permanent = _PERMANENT.get(action or "")
    if action in ("failure", "error", "fail"):
        action, permanent = "failed", True
    return Finding(
        address=address,
        status=status,
        reply_code=reply,
        diagnostic=diagnostic,
        action=action,
        original_recipient=original if original != address else None,
        remote_mta=remote,
        reporting_mta=reporting,
        permanent=permanent,
        reason=category_reason(block),
    )


def _diagnostic(field: str) -> tuple[str | None, int | None]:
    """The Diagnostic-Code text and its SMTP reply code; a program's exit code is not one."""
    kind, _sep, _rest = field.partition(";")
    text = typed_value(field)
    if not text:
        return None, None
    bare_reply = text == field.strip() and _BARE_REPLY.match(text) is not None
    if kind.strip().lower() != "smtp" and not bare_reply:
        # "X-Unix; 255" (a local delivery program's exit status) keeps its type for the rules.
        return field.strip(), None
    text = join_reply_lines(text)
    return text, find_reply_code(text)


def findings_in_text(text: str) -> tuple[Finding, ...]:
    """The recipients of the DSN field blocks in ``text``."""
    per_message: dict[str, str] = {}
    found: list[Finding] = []
    for block in field_blocks(text):
        if "reporting-mta" in block or "arrival-date" in block:
            per_message = block
        if not ({"final-recipient", "original-recipient", "x-actual-recipient"} & block.keys()):
            continue
        finding = finding_from_block(block, per_message)
        if finding is not None:
            found.append(finding)
    return tuple(found)


class DeliveryStatus:
    """The machine-readable part of a standard DSN."""

    name = "rfc3464"
    structured = True

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """Every recipient block of every delivery-status part."""
        found: list[Finding] = []
        for text in mail.texts(*DSN_TYPES):
            found.extend(nullmailer.gave_up(mail, text, findings_in_text(text)))
        return tuple(found)


class InlineDeliveryStatus:
    """DSN fields pasted into the plain-text notice instead of their own part."""

    name = "inline-rfc3464"
    structured = True

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """The recipient blocks found in the notice's own text, when it carries
        Final-Recipient fields: not in the copy of the returned message it announces."""
        body = before_announced_copy(mail.body)
        if "final-recipient:" not in body.lower():
            return ()
        return findings_in_text(body)
