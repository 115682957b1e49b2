"""Each message's story in the log: accepted, each copy's outcome, refusals, by Message-ID."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest

from relay.logs import FIELDS, JsonFormatter, event, lean_records, message_id_of
from storage.models import RecipientStatus
from tests.support import db
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream

SENDER = "news@acme.example"


def lines_with(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if text in r.getMessage()]


async def test_grep_on_a_message_id_tells_the_whole_story(
    relay: Relay, upstream: Upstream, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await db.suppress(relay, "acme", "old@example.net", "user_unknown")
    upstream.rcpt_replies["dead@example.net"] = "550 5.1.1 User unknown"
    upstream.rcpt_replies["later@example.net"] = "451 4.3.0 try later"
    mid = "<story-1@acme.example>"
    async with relay.client() as smtp:
        await smtp.mail(SENDER)
        for to in ("ok@example.net", "dead@example.net", "later@example.net"):
            await smtp.rcpt(to)
        code, _ = await smtp.execute_command(b"RCPT", b"TO:<old@example.net>")
        assert code == 550
        await smtp.data(message(SENDER, "list", extra=f"Message-ID: {mid}\r\n"))
    story = lines_with(caplog, mid)
    (accepted,) = [line for line in story if line.startswith("accepted:")]
    assert "account=" in accepted
    assert "nrcpt=3" in accepted
    outcomes = {line.split(":", 1)[0]: line for line in story if " to=<" in line}
    assert set(outcomes) == {"sent", "bounced", "deferred"}
    assert "to=<ok@example.net>" in outcomes["sent"]
    assert "to=<dead@example.net>" in outcomes["bounced"]
    assert "550 5.1.1 User unknown" in outcomes["bounced"]
    assert "attempt=1" in outcomes["deferred"]
    (refused,) = lines_with(caplog, "not sent: to=<old@example.net>")
    assert "reason=user_unknown" in refused
    # a normal session warns about nothing (aiosmtpd's deprecated attributes included)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_the_accepted_line_names_the_received_headers_trace_id(
    relay: Relay, upstream: Upstream, caplog: pytest.LogCaptureFixture
) -> None:
    # One line per message: the trace id rides on "accepted", not on a line of its own.
    caplog.set_level(logging.INFO)
    mid = "<trace-1@acme.example>"
    async with relay.client() as smtp:
        await smtp.sendmail(
            SENDER,
            ["bob@example.net"],
            message(SENDER, "bob@example.net", extra=f"Message-ID: {mid}\r\n"),
        )
    (got,) = upstream.received
    trace = re.search(rb"\sid ([0-9A-F]{16})", got.content)
    assert trace is not None
    (accepted,) = [line for line in lines_with(caplog, mid) if line.startswith("accepted:")]
    assert f"trace={trace.group(1).decode()}" in accepted.split()
    assert lines_with(caplog, trace.group(1).decode()) == [accepted]


def test_json_lines_carry_the_fields() -> None:
    record = logging.LogRecord(
        "relay.delivery", logging.INFO, __file__, 1, "%s: %s", ("x", "y"), None
    )
    setattr(record, FIELDS, {"event": "sent", "to": "<a@b>", "attempt": 2, "absent": None})
    line = json.loads(JsonFormatter().format(record))
    assert line["event"] == "sent"
    assert (line["to"], line["attempt"], line["level"]) == ("<a@b>", 2, "INFO")
    assert "absent" not in line
    assert line["time"].endswith("+00:00")


def test_text_values_with_spaces_are_quoted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    event(logging.getLogger("relay.test"), "sent", reply="250 2.0.0 Ok", to="<a@b>", gone=None)
    (line,) = [r.getMessage() for r in caplog.records]
    assert line == 'sent: reply="250 2.0.0 Ok" to=<a@b>'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", "plain"),
        ("a b", '"a b"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("k=v", '"k=v"'),
        ("tab\there", '"tab\\there"'),
        ("cr\rlf\n", '"cr\\rlf\\n"'),
        ("", '""'),
        ("café", "café"),
        (42, "42"),
        (RecipientStatus.SENT, str(RecipientStatus.SENT)),
    ],
)
def test_each_value_is_bare_unless_it_needs_quotes(
    caplog: pytest.LogCaptureFixture, value: object, written: str
) -> None:
    caplog.set_level(logging.INFO)
    event(logging.getLogger("relay.test"), "x", v=value)
    (line,) = [r.getMessage() for r in caplog.records]
    assert line == f"x: v={written}"


def test_lean_records_change_no_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # relay serve leaves the caller, process and thread out of its records: neither the text
    # format nor the JSON lines show them
    for name in ("_srcfile", "logThreads", "logProcesses", "logMultiprocessing"):
        monkeypatch.setattr(logging, name, getattr(logging, name))
    text = logging.Formatter("%(levelname)s %(name)s: %(message)s")

    def lines() -> tuple[str, dict[str, object]]:
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logger = logging.getLogger("relay.test.lean")
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        try:
            event(logger, "sent", to="<a@b>", reply="250 2.0.0 Ok")
        finally:
            logger.removeHandler(handler)
        record = logging.LogRecord("relay.delivery", logging.INFO, "f", 1, "m", None, None)
        as_json = json.loads(JsonFormatter().format(record))
        del as_json["time"]
        return stream.getvalue(), as_json

    before = lines()
    lean_records()
    assert (
        logging.getLogger("relay.test.lean")
        .makeRecord("n", logging.INFO, "(unknown file)", 0, "m", None, None)
        .process
        is None
    )
    after = lines()
    assert before == after
    assert text.format(logging.LogRecord("n", logging.INFO, "f", 1, "m", None, None)) == "INFO n: m"


def test_the_message_id_is_read_from_the_headers_only() -> None:
    data = b"From: a@b\r\nMessage-ID: <x@y>\r\n\r\nMessage-ID: <body@z>\r\n"
    assert message_id_of(data) == "<x@y>"
    assert message_id_of(b"From: a@b\r\n\r\nMessage-ID: <body@z>\r\n") is None
