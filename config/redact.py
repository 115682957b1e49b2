"""Secrets out of what people read: the password of every URL in a message or log line is
shown as ``***`` (like SQLAlchemy's ``URL.render_as_string(hide_password=True)``)."""

from __future__ import annotations

import logging
import re

HIDDEN = "***"

# scheme://user:password@host — the password runs to the authority's last "@" (an unencoded
# "@" in a password must not leave its tail visible), never past a space, "/", "?" or "#".
_URL_PASSWORD = re.compile(
    r"(?P<head>\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]*:)(?P<password>[^\s/?#]*)@"
)
# key=value connection strings (libpq's "password=..."), as some drivers quote them.
_KEY_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<password>[^\s'\";]+)", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with the password of every URL (and ``password=`` pair) replaced by ***."""
    if "://" not in text and "password" not in text.lower():
        return text  # the common case: nothing to look for
    text = _URL_PASSWORD.sub(rf"\g<head>{HIDDEN}@", text)
    return _KEY_PASSWORD.sub(rf"\g<head>{HIDDEN}", text)


class RedactingFilter(logging.Filter):
    """A handler filter that redacts each record's message and traceback before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        shown = redact(message)
        if shown != message:
            record.msg, record.args = shown, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def redact_logs(logger: logging.Logger | None = None) -> None:
    """Put a RedactingFilter on every handler of ``logger`` (the root logger by default)."""
    for handler in (logger or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
