"""RFC 3834 automatic responses: vacation notices, out-of-office, challenge-response."""

from __future__ import annotations

import re

from bounce_parser.fields import addresses_in
from bounce_parser.mail import Mail
from bounce_parser.notice import from_mail_system

_AUTO_SUBJECT = re.compile(
    r"(?i)^(?:(?:re|aw|fw):\s*)?(?:auto(?:matic|mated)?[- ]?(?:reply|response|antwort|risposta"
    r"|respuesta|r[eé]ponse)|auto:|out of (?:the )?office|away from|away until|on vacation"
    r"|vacation|abwesenheit|r[eé]ponse automatique|respuesta autom[aá]tica|fuori ufficio"
    r"|i am (?:currently )?(?:away|out)|confirm your (?:e-?mail|message)|please confirm)"
)
_AUTO_HEADERS = ("x-autoreply", "x-autorespond", "x-autoresponder", "x-mailautoreply")
# RFC 3834 section 2: a message marked "Precedence: bulk", "junk" or "list" is one that no
# responder answers, and the classic responders mark their own answers so, that no other
# responder answers them in turn: vacation(1)'s example message ("Precedence: bulk"; the
# program sends the user's message file as it is, with no Auto-Submitted), procmailex(5)'s
# vacation recipe (formail -rI"Precedence: junk"). "list" is a mailing list's mark.
_NOT_TO_BE_ANSWERED = frozenset({"bulk", "junk"})


def marked_by_responder(mail: Mail) -> bool:
    """Whether a header field of ``mail`` says an automatic responder wrote it: RFC 3834's
    ``Auto-Submitted: auto-replied`` (sections 3.1.7 and 5), the X-Autoreply family,
    ``Precedence: auto_reply``."""
    if mail.header("auto-submitted").lower().startswith("auto-replied"):
        return True
    if any(mail.header(name) for name in _AUTO_HEADERS):
        return True
    return mail.header("precedence").lower() == "auto_reply"


def is_auto_reply(mail: Mail) -> bool:
    """Whether ``mail`` is an automatic reply from a person's mailbox (not a bounce)."""
    return marked_by_responder(mail) or bool(_AUTO_SUBJECT.search(mail.header("subject")))


def responders_answer(mail: Mail) -> bool:
    """Whether ``mail`` is an automatic response by its header fields alone, whatever its
    Subject and text say: a responder's subject and text are its owner's words (Exim's
    autoreply ``subject`` and ``text``, vacation(1)'s .vacation.msg, the echo lines of a
    procmail recipe), and may say "Undeliverable", "returned" or "not delivered"; Exim's
    ``return_message`` even appends the original under the very line its bounces use. What a
    mail system's notice has and a responder's answer has not is its author: a delivery
    report (RFC 3464) or a From that names the mail system (RFC 5321 section 4.5.5's
    notifications come from MAILER-DAEMON, postmaster and the like; Exim and Postfix mark their
    own bounces ``Auto-Submitted: auto-replied`` too, from Mailer-Daemon). So: marked by a
    responder (``marked_by_responder``), or marked not to be answered (``Precedence: bulk``
    or ``junk``) with no returned message attached, and not from a mail system."""
    if mail.report_type or mail.content_type == "multipart/report" or from_mail_system(mail):
        return False
    if marked_by_responder(mail):
        return True
    marked = mail.header("precedence").strip().lower() in _NOT_TO_BE_ANSWERED
    return marked and mail.returned_raw is None


def replier(mail: Mail) -> list[str]:
    """The mailbox that answered: the From address."""
    return addresses_in(mail.header("from"))[:1]
