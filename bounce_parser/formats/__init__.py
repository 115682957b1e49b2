"""The notification formats, most authoritative first; the first that finds recipients wins."""

from __future__ import annotations

from bounce_parser.formats.base import FormatParser
from bounce_parser.formats.flufl import FluflDetectors
from bounce_parser.formats.generic import GenericText
from bounce_parser.formats.googlegroups import GoogleGroups
from bounce_parser.formats.rfc3464 import DeliveryStatus, InlineDeliveryStatus

FORMATS: tuple[FormatParser, ...] = (
    DeliveryStatus(),
    InlineDeliveryStatus(),
    GoogleGroups(),
    GenericText(),
    FluflDetectors(),
)

__all__ = ["FORMATS", "FormatParser"]
