"""The relay's log lines: one per message and per copy outcome, as ``key=value`` text that
``grep`` and fail2ban read, or one JSON object a line for log shippers (``log.format``)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

# The fields of an event line, kept on the record for the JSON formatter.
FIELDS = "relay_fields"
_HEADER_END = b"\r\n\r\n"
_MESSAGE_ID = re.compile(rb"(?im)^message-id:[ \t]*(<[^>\r\n]{1,500}>)")
# a value holding one of these is written quoted (JSON's escapes), else bare
_NEEDS_QUOTES = re.compile(r'[ "=\t\r\n]')


def event(logger: logging.Logger, what: str, /, **fields: object) -> None:
    """Log ``what`` at INFO with ``fields`` as ``key=value`` (values without spaces bare)."""
    if not logger.isEnabledFor(logging.INFO):
        return
    text = " ".join(f"{key}={_value(value)}" for key, value in fields.items() if value is not None)
    logger.info("%s: %s", what, text, extra={FIELDS: {"event": what, **fields}})


def _value(value: object) -> str:
    text = value if type(value) is str else str(value)
    if text and _NEEDS_QUOTES.search(text) is None:
        return text
    return json.dumps(text, ensure_ascii=False)  # quoted, with its own escapes


def lean_records() -> None:
    """Leave out of every log record what no line of the relay shows: the caller's file,
    line and function (a walk up the stack per record), the process and thread names.

    The knobs the Logging HOWTO names under "Optimization"; for ``relay serve``, which writes
    a line per message and per copy (about a third of the cost of each line).
    """
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False


def message_id_of(data: bytes) -> str | None:
    """The Message-ID in a message's header block, by a byte scan (no parsing of the body)."""
    end = data.find(_HEADER_END)
    found = _MESSAGE_ID.search(data, 0, end if end >= 0 else len(data))
    return found.group(1).decode("ascii", "replace") if found else None


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, and an event's own fields."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, FIELDS, None)
        if isinstance(fields, dict):
            line.update({k: v for k, v in fields.items() if v is not None})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def use_format(kind: str) -> None:
    """Switch every handler of the root logger to ``kind``: "text" or "json", and quieten
    aiosmtpd's line for every connection that ends after QUIT (normal, not news)."""
    logging.getLogger("mail.log").addFilter(_quiet_normal_end)
    if kind != "json":
        return
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter())


def _quiet_normal_end(record: logging.LogRecord) -> bool:
    return not (
        record.levelno <= logging.INFO
        and isinstance(record.msg, str)
        and "Connection lost during _handle_client()" in record.msg
    )
