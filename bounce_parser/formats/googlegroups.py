"""Google Groups: a post the group refused (no such group, or the sender may not post)."""

from __future__ import annotations

from bounce_parser.fields import addresses_in
from bounce_parser.formats.freetext import compact, notice_of
from bounce_parser.mail import Mail
from bounce_parser.reason import Reason
from bounce_parser.report import Finding

_HELP_LINK = "groups.google.com"


class GoogleGroups:
    """The group's notice is localised; the failed group is in X-Failed-Recipients."""

    name = "googlegroups"
    structured = False

    def findings(self, mail: Mail) -> tuple[Finding, ...]:
        """Each failed group address, refused as a post from this sender."""
        failed = addresses_in(mail.header("x-failed-recipients"))
        if not failed:
            return ()
        notice = notice_of(mail)
        if _HELP_LINK not in notice:
            return ()
        text = compact(notice)
        # The group exists or not, but either way the post was refused for this sender.
        return tuple(
            Finding(a, diagnostic=text, action="failed", reason=Reason.REJECTED) for a in failed
        )
