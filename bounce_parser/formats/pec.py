"""Italian certified mail (PEC, Posta Elettronica Certificata): the receipts a PEC provider
sends its user about a message it could not deliver.

DPR 11 febbraio 2005 n. 68 and its technical rules (DM 2 novembre 2005) make the sender's
provider write every receipt as a message with an ``X-Ricevuta`` header naming its type and a
``daticert.xml`` part, ``<postacert tipo=... errore=...>``, whose DTD reads ``errore (nessuno |
no-dest | no-dominio | virus | altro) "nessuno"`` (quoted in public PEC readers' sources, e.g.
an ``it.eng.tz.puglia.autpae`` ``TipoErrore`` enum) and whose ``<dati>`` carry the address
delivery was tried to (``<consegna>``) and the error in words (``<errore-esteso>``).

Two types concern delivery (the PEC readers' ``PECMessageStatus`` comments quote the rules):

- ``errore-consegna``, the "avviso di mancata consegna": the message was not delivered, with
  the error found; ``no-dest`` is an invalid recipient (Namirial's service desk: a box that
  never existed or no longer exists, or one blocked pending renewal, "Indirizzo non valido"),
  ``no-dominio`` a domain that is no PEC domain, ``virus`` a virus found at delivery; ``altro``
  says it in ``errore-esteso`` only (a full box, the 24 hours run out), which the phrase tables
  read like any reply;
- ``preavviso-errore-consegna``: twelve hours without a receipt from the recipient's provider,
  which "may not be able to deliver" (the message stays active until 24 hours): a delay
  notice, never a bounce.

Every other receipt (accettazione, avvenuta-consegna, presa-in-carico...) reports progress,
not a failure, and this reader leaves it alone.
"""

from __future__ import annotations

import email
import re
from email import policy
from email.message import Message

from bounce_parser.fields import clean_address
from bounce_parser.mail import Mail
from bounce_parser.reason import Reason
from bounce_parser.report import Finding

# X-Ricevuta value -> the finding's action
_ACTIONS = {"errore-consegna": "failed", "preavviso-errore-consegna": "delayed"}
# daticert.xml's errore attribute -> the reason it states (altro and nessuno state none)
_ERRORS = {
    "no-dest": Reason.USER_UNKNOWN,
    "no-dominio": Reason.HOST_UNKNOWN,
    "virus": Reason.VIRUS_DETECTED,
}
# A daticert.xml is a few hundred bytes; read this much of one at most.
MAX_DATICERT = 20_000
_POSTACERT = re.compile(r"<postacert\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_ELEMENT = r"<{0}\b[^>]*>\s*([^<]{{1,500}}?)\s*</{0}>"


def _element(name: str, xml: str) -> str | None:
    match = re.search(_ELEMENT.format(re.escape(name)), xml, re.IGNORECASE)
    return _unescape(match.group(1)) if match else None


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def _daticert(raw: bytes) -> str | None:
    """The text of the receipt's daticert.xml part, when it has one."""
    message: Message = email.message_from_bytes(raw, policy=policy.compat32)
    for part in message.walk():
        name = (part.get_filename() or "").lower()
        if name == "daticert.xml" or part.get_content_type() == "application/xml":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload[:MAX_DATICERT].decode("utf-8", "replace")
    return None


class CertifiedMailReceipt:
    """The recipient of a PEC non-delivery receipt (or of its twelve-hour warning)."""

    name = "pec"
    structured = False

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        action = _ACTIONS.get(mail.header("x-ricevuta").strip().lower())
        if action is None:
            return ()
        xml = _daticert(mail.raw)
        if xml is None:
            return ()
        head = _POSTACERT.search(xml)
        attributes = dict(_ATTRIBUTE.findall(head.group(1))) if head else {}
        if attributes.get("tipo", "").lower() not in _ACTIONS:
            return ()
        address = clean_address(_element("consegna", xml) or _element("destinatari", xml) or "")
        if address is None:
            return ()
        failed = action == "failed"
        return (
            Finding(
                address=address,
                diagnostic=_element("errore-esteso", xml) if failed else None,
                action=action,
                reporting_mta=_element("gestore-emittente", xml),
                reason=_ERRORS.get(attributes.get("errore", "").lower()) if failed else None,
                permanent=failed,
            ),
        )
