"""What the parser returns: frozen dataclasses and enums, decoded to ``str`` already."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from bounce_parser.reason import Party, Reason

__all__ = ["SUCCESS_ACTIONS", "Bounce", "BounceReport", "Finding", "Kind", "Party", "suppresses"]


class Kind(enum.StrEnum):
    """What kind of message was parsed."""

    FAILED = "failed"
    DELAYED = "delayed"
    DELIVERED = "delivered"
    RELAYED = "relayed"
    EXPANDED = "expanded"
    FEEDBACK = "feedback"
    AUTO_REPLY = "auto_reply"
    NOT_BOUNCE = "not_bounce"
    UNPARSED = "unparsed"


# The DSN Actions that report no failure (RFC 3464 section 2.3.3): a recipient with one of
# these is never a bounce, even beside a failed one in the same notice.
SUCCESS_ACTIONS = frozenset({Kind.DELIVERED, Kind.RELAYED, Kind.EXPANDED})


@dataclass(frozen=True, slots=True)
class Bounce:
    """One recipient's outcome as the notification reports it.

    ``status`` is the RFC 3463 code the notification gives (the remote server's own code when
    it is more specific than the Status field); when the notification gives none, a pseudo
    code ``5.0.9NN``/``4.0.9NN`` names the reason inferred from the text (``5.0.911``: user
    unknown), the convention of the Sisimai taxonomy the reasons come from. ``action`` is the
    DSN Action, or ``failed``/``delayed`` as a free-text notice puts it.

    The verdict has two parts: ``permanent`` (the failure will not go away by retrying) and
    ``party`` (whose fault it is). ``hard`` is their conjunction for a recipient, the one bit
    the relay suppresses on; ``rule`` names the table entry that decided the reason.
    """

    address: str
    original_recipient: str | None
    action: str | None
    status: str | None
    reply_code: int | None
    diagnostic: str | None
    reporting_mta: str | None
    remote_mta: str | None
    reason: Reason
    hard: bool
    party: Party = Party.UNDETERMINED
    permanent: bool = False
    rule: str | None = None

    @property
    def suppresses(self) -> bool:
        """Whether this verdict condemns the address: permanent, and the recipient's fault."""
        return suppresses(self)


def suppresses(bounce: Bounce) -> bool:
    """Permanent and the recipient's fault; an undetermined verdict never suppresses."""
    return bounce.permanent and bounce.party is Party.RECIPIENT


@dataclass(frozen=True, slots=True)
class BounceReport:
    """Everything a notification says: its kind, each recipient, and what it refers to."""

    kind: Kind
    recipients: tuple[Bounce, ...] = ()
    message_id: str | None = None
    return_path: str | None = None
    reporting_mta: str | None = None
    feedback_type: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """A recipient as one format parser read it, before classification."""

    address: str
    status: str | None = None
    reply_code: int | None = None
    diagnostic: str | None = None
    action: str | None = None
    original_recipient: str | None = None
    remote_mta: str | None = None
    reporting_mta: str | None = None
    command: str | None = None
    # More of the notice about this recipient, read when the diagnostic itself says too little.
    context: str | None = None
    # The reason, when the format itself says it (a localised notice the text rules cannot read).
    reason: Reason | None = None
    # True/False when the format says so (Action, "permanent error"), None when it does not.
    permanent: bool | None = None
    # The reply quotes our own sender's address or domain and not the recipient's
    # (``notice.names_the_sender``): whatever the stage, it is about our sender.
    about_sender: bool = False
    # The format says the MTA ended its retries (its queue lifetime), in no words of the
    # diagnostic (formats/nullmailer.py).
    gave_up: bool = False
    # The reply quotes another recipient of the same report, not this one
    # (``parser._about_neighbour``): it says nothing of this address.
    about_neighbour: bool = False
