"""RFC 3834 automatic responses: vacation notices, out-of-office, challenge-response."""

from __future__ import annotations

import re

from bounce_parser.fields import addresses_in
from bounce_parser.mail import Mail

_AUTO_SUBJECT = re.compile(
    r"(?i)^(?:(?:re|aw|fw):\s*)?(?:auto(?:matic|mated)?[- ]?(?:reply|response|antwort|risposta"
    r"|respuesta|r[eé]ponse)|auto:|out of (?:the )?office|away from|away until|on vacation"
    r"|vacation|abwesenheit|r[eé]ponse automatique|respuesta autom[aá]tica|fuori ufficio"
    r"|i am (?:currently )?(?:away|out)|confirm your (?:e-?mail|message)|please confirm)"
)
_AUTO_HEADERS = ("x-autoreply", "x-autorespond", "x-autoresponder", "x-mailautoreply")


def is_auto_reply(mail: Mail) -> bool:
    """Whether ``mail`` is an automatic reply from a person's mailbox (not a bounce)."""
    if mail.header("auto-submitted").lower().startswith("auto-replied"):
        return True
    if any(mail.header(name) for name in _AUTO_HEADERS):
        return True
    if mail.header("precedence").lower() == "auto_reply":
        return True
    return bool(_AUTO_SUBJECT.search(mail.header("subject")))


def replier(mail: Mail) -> list[str]:
    """The mailbox that answered: the From address."""
    return addresses_in(mail.header("from"))[:1]
