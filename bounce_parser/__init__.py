"""A pure bounce parser: bytes of a returned message in, a typed report out, no I/O."""

from bounce_parser.classify import Verdict, classify_reply
from bounce_parser.parser import parse
from bounce_parser.reason import Reason
from bounce_parser.report import SUCCESS_ACTIONS, Bounce, BounceReport, Kind, Party, suppresses

__all__ = [
    "SUCCESS_ACTIONS",
    "Bounce",
    "BounceReport",
    "Kind",
    "Party",
    "Reason",
    "Verdict",
    "classify_reply",
    "parse",
    "suppresses",
]
