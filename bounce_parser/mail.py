"""A bounded, decoded view of a raw message: the parts a bounce parser reads, nothing more.

The MIME tree is split here rather than by ``email.message_from_bytes``: a bounce carries the
whole original message, and parsing that body (attachments, HTML) costs most of the time
while saying nothing about the failure. Only header blocks go through the email package.

Hostile input is bounded: at most ``MAX_BYTES`` are read, a header block longer than
``MAX_HEADER_BYTES`` is cut, at most ``MAX_PARTS`` parts are visited, ``MAX_DEPTH`` levels
deep, and each part's text is capped at ``MAX_PART_TEXT``. Decoding errors become
replacement characters.
"""

from __future__ import annotations

import binascii
import codecs
import email.header
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message

MAX_BYTES = 256 * 1024
MAX_HEADER_BYTES = 32 * 1024
MAX_PARTS = 64
MAX_DEPTH = 8
MAX_PART_TEXT = 64 * 1024

_HEADER_END = re.compile(rb"\r?\n\r?\n")
_TAG = re.compile(r"<[^>]{0,2000}>")
_ENTITY = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'"}
_LINE_END = re.compile(r"\r?\n")
_FIELD = re.compile(r"([!-9;-~]{1,100})[ \t]*:(.*)")

# Parts whose text we read; the others (images, attachments) are skipped.
TEXT_TYPES = frozenset(
    {
        "text/plain",
        "text/html",
        "text/rfc822-headers",
        "text/rfc822-header",
        "text/global-headers",
        "message/delivery-status",
        "message/global-delivery-status",
        "message/feedback-report",
        "message/disposition-notification",
    }
)
RETURNED_TYPES = frozenset({"message/rfc822", "message/global", "message/partial"})
_HEADER_TYPES = ("text/rfc822-headers", "text/rfc822-header", "text/global-headers")


@dataclass(frozen=True, slots=True)
class Part:
    """One leaf of the notification: its content type and decoded text."""

    content_type: str
    text: str


@dataclass(frozen=True, slots=True)
class Mail:
    """The notification's top-level headers, its readable leaves and the returned message."""

    headers: Message
    parts: tuple[Part, ...]
    returned: Message | None
    content_type: str
    report_type: str
    raw: bytes = b""
    returned_raw: bytes | None = None
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def header(self, name: str) -> str:
        """The decoded, unfolded value of the first ``name`` header, or ``""``."""
        key = "h:" + name
        value = self._cache.get(key)
        if not isinstance(value, str):
            value = header_text(self.headers, name)
            self._cache[key] = value
        return value

    def all_headers(self, name: str) -> list[str]:
        """The decoded values of every ``name`` header."""
        return [decode_header(v) for v in self.headers.get_all(name, [])]

    def texts(self, *content_types: str) -> Iterator[str]:
        """The text of every part of one of ``content_types``, in document order."""
        return (p.text for p in self.parts if p.content_type in content_types)

    def memo(self, key: str) -> object:
        """A value computed once per message by a reader (None when not yet stored)."""
        return self._cache.get(key)

    def remember(self, key: str, value: object) -> None:
        """Store a per-message value for ``memo``."""
        self._cache[key] = value

    @property
    def body(self) -> str:
        """The human-readable notice: the plain text parts, or stripped HTML when none."""
        cached = self._cache.get("body")
        if not isinstance(cached, str):
            cached = "\n".join(self.texts("text/plain")) or html_to_text(
                "\n".join(self.texts("text/html"))
            )
            self._cache["body"] = cached
        return cached


def decode_header(value: object) -> str:
    """A header value as text: RFC 2047 words decoded, folding removed, junk replaced."""
    if isinstance(value, str) and "=?" not in value:
        return " ".join(_unescape(value).split())
    try:
        chunks = email.header.decode_header(value)  # type: ignore[arg-type]
    except (ValueError, LookupError, AssertionError, TypeError):
        return " ".join(str(value).split())
    text = "".join(
        c.decode(_codec(cs), "replace") if isinstance(c, bytes) else c for c, cs in chunks
    )
    return " ".join(text.split())


def header_text(msg: Message, name: str) -> str:
    """The decoded first ``name`` header of ``msg``, or ``""``."""
    value: object = msg.get(name)
    return decode_header(value) if value is not None else ""


def _unescape(text: str) -> str:
    # Header bytes that are not ASCII reach us as surrogate escapes: read them as UTF-8.
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _codec(charset: str | None) -> str:
    if not charset:
        return "utf-8"
    try:
        return codecs.lookup(charset.strip().strip('"')).name
    except (LookupError, ValueError):
        return "utf-8"


def html_to_text(html: str) -> str:
    """Plain text from HTML, good enough to read an error message in it."""
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</li>", "\n", html)
    text = _TAG.sub(" ", text)
    for entity, char in _ENTITY.items():
        text = text.replace(entity, char)
    return text


def split_entity(raw: bytes) -> tuple[Message, bytes]:
    """The parsed header block of one MIME entity and its undecoded body."""
    end = _HEADER_END.search(raw, 0, MAX_HEADER_BYTES + 4)
    if end is None:
        head, body = raw[:MAX_HEADER_BYTES], b""
        if raw[:1] in (b"\n", b"\r"):  # no headers at all: the whole entity is body
            head, body = b"", raw
    else:
        head, body = raw[: end.start()], raw[end.end() :]
    return parse_headers(head), body


def parse_headers(head: bytes) -> Message:
    """A header block as a compat32 ``Message`` (no body), unfolded; junk lines are skipped.

    Faster than the email package's feed parser, which this module only needs for bodies
    it never reads.
    """
    msg = Message()
    name, value = "", ""
    for line in _LINE_END.split(head.decode("ascii", "surrogateescape")):
        if line[:1] in (" ", "\t"):
            if name:
                value += " " + line.strip()
            continue
        if name:
            msg.set_raw(name, value)
            name = ""
        match = _FIELD.match(line)
        if match:
            name, value = match.group(1), match.group(2).strip()
    if name:
        msg.set_raw(name, value)
    return msg


def decoded_body(headers: Message, body: bytes) -> bytes:
    """The body with its Content-Transfer-Encoding undone (tolerating broken encodings)."""
    cte = str(headers.get("content-transfer-encoding", "")).strip().lower()
    try:
        if cte == "base64":
            return binascii.a2b_base64(re.sub(rb"[^A-Za-z0-9+/=]", b"", body) + b"==")
        if cte == "quoted-printable":
            return binascii.a2b_qp(body)
    except (binascii.Error, ValueError):
        return body
    return body


def entity_text(headers: Message, body: bytes, content_type: str) -> str:
    """A leaf's decoded text, capped, in its declared charset (UTF-8 when unknown)."""
    data = decoded_body(headers, body[: MAX_PART_TEXT * 2])[:MAX_PART_TEXT]
    charset = headers.get_content_charset()
    if charset is None and content_type.startswith("message/"):
        charset = "utf-8"
    return data.decode(_codec(charset), "replace")


def _children(headers: Message, body: bytes) -> list[bytes]:
    boundary = headers.get_boundary()
    if not boundary:
        return []
    marker = b"--" + boundary.encode("ascii", "replace")
    chunks = body.split(marker)
    children = []
    for chunk in chunks[1 : MAX_PARTS + 1]:
        if chunk.startswith(b"--"):
            break  # the closing delimiter
        children.append(chunk.split(b"\n", 1)[1] if b"\n" in chunk else b"")
    return [c[:-2] if c.endswith(b"\r\n") else c[:-1] if c.endswith(b"\n") else c for c in children]


@dataclass
class _Walk:
    parts: list[Part] = field(default_factory=list)
    returned: tuple[Message, bytes] | None = None
    visited: int = 0

    def entity(self, headers: Message, body: bytes, depth: int) -> None:
        self.visited += 1
        ctype = headers.get_content_type()
        if ctype.startswith("multipart/"):
            children = _children(headers, body) if depth < MAX_DEPTH else []
            if not children:
                # A multipart without its boundary: read what is there as text.
                self.parts.append(Part("text/plain", entity_text(headers, body, "text/plain")))
            for child in children:
                if self.visited >= MAX_PARTS:
                    return
                self.entity(*split_entity(child), depth + 1)
        elif ctype in RETURNED_TYPES:
            if self.returned is None:
                inner = decoded_body(headers, body)
                self.returned = (split_entity(inner)[0], inner)
        elif ctype in TEXT_TYPES:
            self.parts.append(Part(ctype, entity_text(headers, body, ctype)))


def view(raw: bytes) -> Mail:
    """The parts of a raw message that a bounce parser reads (raises on unusable input)."""
    raw = raw[:MAX_BYTES]
    headers, body = split_entity(raw)
    walk = _Walk()
    walk.entity(headers, body, 0)
    returned, returned_raw = walk.returned or (None, None)
    if returned is None:
        returned = _headers_part(walk.parts)
    report_type = str(headers.get_param("report-type", "") or "").lower()
    return Mail(
        headers,
        tuple(walk.parts),
        returned,
        headers.get_content_type(),
        report_type,
        raw,
        returned_raw,
    )


def load(raw: bytes) -> Mail | None:
    """A bounded view of ``raw``, or None when it does not parse as a message at all."""
    try:
        return view(raw)
    except (RecursionError, MemoryError, LookupError, ValueError, TypeError, AttributeError):
        return None


def _headers_part(parts: list[Part]) -> Message | None:
    for part in parts:
        if part.content_type in _HEADER_TYPES:
            return parse_headers(part.text.encode("utf-8", "replace"))
    return None
