"""nullmailer's notices: RFC 3464 reports written by nullmailer-dsn for nullmailer-send.

nullmailer-send runs nullmailer-dsn only from bounce_msg() (src/send.cc), after it has moved
the message into the failed queue: on a permanent failure, or when the message outlived
``queuelifetime`` (doc/nullmailer-send.8). It passes the status it read out of the last reply
and no ``--retry-until``. nullmailer-dsn (src/dsn.cc) writes ``Action: delayed`` for any 4.x.x
status, with "has not been delivered" and "A final delivery status notification will be
generated..." in its text; a notice that really is a delay report would have been given
``--retry-until``, which adds a Will-Retry-Until field (RFC 3464 section 2.3.9). So a nullmailer
notice with Action: delayed and no Will-Retry-Until is the final one: the queue lifetime ended
on a temporary refusal, and the copy was dropped.
"""

from __future__ import annotations

import dataclasses
import re

from bounce_parser.mail import Mail
from bounce_parser.report import Finding

_SIGNATURE = re.compile(r"this is the nullmailer delivery system\.", re.IGNORECASE)
_RETRY_UNTIL = re.compile(r"^will-retry-until[ \t]*:", re.IGNORECASE | re.MULTILINE)


def gave_up(mail: Mail, report: str, findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """``findings`` of the delivery-status ``report``, its delayed ones marked as given up
    where the notice is nullmailer-send's (see the module's text)."""
    if not any(f.action == "delayed" for f in findings) or _RETRY_UNTIL.search(report):
        return findings
    if _SIGNATURE.search(mail.body) is None:
        return findings
    return tuple(
        dataclasses.replace(f, gave_up=True) if f.action == "delayed" else f for f in findings
    )
