"""The returned-content bed (receivers_bed_content.py, judge91) with a writer that puts the
returned message INLINE: Sendmail 8.17 with ``confMIME_FORMAT_ERRORS`` False (its
SendMimeErrors option, cf/README: "Send error messages as MIME-encapsulated messages per RFC
1344", True by default), so that its notice is one text/plain body: its own words, the
transcript, then "----- Original message follows -----" and our message as lines of text,
with no MIME boundary between its words and ours. The same ten messages, destinations and
labels (the rule in receivers_bed_content.py's docstring, written before the first score);
only the writer's setting differs. Sendmail only: Postfix, Exim, OpenSMTPD, Courier and
chasquid have no setting that writes a notice without MIME.

Sendmail offers no DSN when it writes no MIME (its first run: "504 5.7.0 Sorry, NOTIFY not
supported, we do not allow DSN" to every RCPT with NOTIFY), so the messages are sent with no
RCPT parameters: its default NOTIFY, failures and delays. The delay warning message is left
out (NOTIFY=DELAY cannot be asked) and Sendmail's warning left at its default (4h), so that
the message deferred until its queue lifetime brings its failure notice only."""

from __future__ import annotations

from dataclasses import replace

from tests.support import receivers_bed
from tests.support import receivers_bed_content as content
from tests.support import receivers_bed_writer as writer_bed
from tests.support.bed import submit
from tests.support.receivers_bed import Scenario
from tests.support.receivers_bed_content_messages import content_message

WRITERS = ("sendmail",)
NO_MIME = "define(`confMIME_FORMAT_ERRORS', `False')dnl"

scenarios = content.scenarios
LEFT_OUT = {"sendmail": frozenset({content.WARNING})}
QUICK_SCENARIOS = content.QUICK_SCENARIOS
WARNING = content.WARNING


def sent(quick: bool = False, writer: str = "sendmail") -> tuple[Scenario, ...]:
    left_out = LEFT_OUT.get(writer, frozenset())
    return tuple(s for s in content.sent(quick, writer) if s.name not in left_out)


async def send(port: int, scenario: Scenario, writer: str) -> None:
    sender = writer_bed.sender_of(scenario.name)
    await submit(port, content_message(scenario), sender, scenario.recipients, [])


def missing(writer: str = "sendmail") -> str | None:
    return writer_bed.missing(writer)


BED = replace(
    content.BED,
    sent=lambda quick, writer: sent(quick, writer),
    send=send,
    tuning=replace(content.TUNING, sendmail_mc=(NO_MIME,), delay_warning={}),
)

# Rule 9: Sendmail's plain notice has no Status field; under "----- The following addresses
# had permanent fatal errors -----" it gives each address and "(reason: <the reply>)", the
# expiry's too (the last reply, 452 4.2.2): every status and reply code the rule's (the first
# run, read before the first score)
AS_STATED: dict[str, dict[str, tuple[str, str, tuple[str, ...] | None]]] = {}

GLUE = writer_bed.Glue(
    __name__,
    "the returned-content bed without MIME",
    "real-receivers-content-plain",
    BED,
    scenarios,
    sent,
    writer_bed.stated_by_address(AS_STATED),
    bounce=lambda scenario: scenario.name != WARNING,
)
entry, run, write, ADAPTER = GLUE.entry, GLUE.run, GLUE.write, GLUE.adapter
generate = ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    receivers_bed.namespace_main(ADAPTER.isolate, run, write)
