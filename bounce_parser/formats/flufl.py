"""flufl.bounce's detectors, for recipients our own readers did not find."""

from __future__ import annotations

from email.message import Message

from bounce_parser.formats.freetext import findings_for, notice_of
from bounce_parser.mail import Mail
from bounce_parser.notice import looks_like_bounce
from bounce_parser.report import Finding

MAX_FLUFL_TEXT = 32 * 1024


def _flat_copy(mail: Mail) -> Message:
    """The notice as one text/plain message: flufl never walks a hostile MIME tree of ours."""
    msg = Message()
    for name, value in mail.headers.items():
        if name.lower() not in ("content-type", "content-transfer-encoding", "mime-version"):
            msg[name] = value
    msg["Content-Type"] = "text/plain; charset=utf-8"
    msg.set_payload(mail.body[:MAX_FLUFL_TEXT])
    return msg


def _flufl_addresses(mail: Mail) -> tuple[list[str], list[str]]:
    # Imported here: flufl (and logging) cost start-up time, needed only for unusual formats.
    import logging

    from flufl.bounce import all_failures

    logging.getLogger("flufl.bounce").setLevel(logging.CRITICAL)
    try:
        temporary, permanent = all_failures(_flat_copy(mail))
    except Exception:  # a third-party detector failing on odd input means "nothing found"
        return [], []
    decode = [a.decode("utf-8", "replace").lower() for a in permanent]
    return decode, [a.decode("utf-8", "replace").lower() for a in temporary]


class FluflDetectors:
    """Addresses from flufl.bounce, diagnostics from the notice text around them."""

    name = "flufl"
    structured = False

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """The recipients flufl.bounce detects, when the message reads like a bounce."""
        if not looks_like_bounce(mail):
            return ()
        permanent, temporary = _flufl_addresses(mail)
        addresses = list(dict.fromkeys(permanent + temporary))
        if not addresses:
            return ()
        return findings_for(mail, notice_of(mail), addresses)
