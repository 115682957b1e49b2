"""The notification formats, most authoritative first; the first that finds recipients wins.

Machine-readable DSN fields come first, then the free-text families by signature, then the
generic reader of any notice, flufl.bounce's detectors (slow, addresses only), and last the
single recipient of the returned copy when the notice names nobody.
"""

from __future__ import annotations

from bounce_parser.formats.base import FormatParser
from bounce_parser.formats.exchange import EXCHANGE
from bounce_parser.formats.exim import EXIM
from bounce_parser.formats.flufl import FluflDetectors
from bounce_parser.formats.generic import GenericText
from bounce_parser.formats.gmail import GMAIL
from bounce_parser.formats.googlegroups import GoogleGroups
from bounce_parser.formats.mdn import DispositionNotification
from bounce_parser.formats.pec import CertifiedMailReceipt
from bounce_parser.formats.postfix import POSTFIX
from bounce_parser.formats.qmail import QMAIL
from bounce_parser.formats.returned import ReturnedRecipient
from bounce_parser.formats.rfc3464 import DeliveryStatus, InlineDeliveryStatus
from bounce_parser.formats.sendmail import SENDMAIL
from bounce_parser.formats.yahoo import YAHOO

FORMATS: tuple[FormatParser, ...] = (
    DeliveryStatus(),
    DispositionNotification(),  # before the inline reader: an MDN has Final-Recipient too
    InlineDeliveryStatus(),
    CertifiedMailReceipt(),  # an Italian PEC receipt: its X-Ricevuta and daticert.xml
    GoogleGroups(),
    EXIM,
    POSTFIX,
    SENDMAIL,
    QMAIL,
    EXCHANGE,
    GMAIL,
    YAHOO,
    GenericText(),
    FluflDetectors(),
    ReturnedRecipient(),
)

__all__ = ["FORMATS", "FormatParser"]
