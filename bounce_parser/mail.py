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
import email.errors
import email.header
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any, AnyStr

MAX_BYTES = 256 * 1024
MAX_HEADER_BYTES = 32 * 1024
MAX_PARTS = 64
MAX_DEPTH = 8
MAX_PART_TEXT = 64 * 1024
# One header field's value, unfolded, as readers get it. RFC 5322 lines end by 998
# characters; a longer value is a long list (To, References) or junk, and third-party
# readers (email.utils.getaddresses, in flufl.bounce) take seconds on 32 KB of "a@a@...".
MAX_FIELD_TEXT = 4096

_TAG = re.compile(r"<[^>]{0,2000}>")
# qmail-send's log form of a delivery report, which some hosters' notices quote: the report on
# one line after "failure: " or "deferral: ", its spaces written "_" and its line ends "/"
# (kei.pl's help page: "failure: 192.168.41.48_does_not_like_recipient./Remote_host_said:_/
# _Zdalny_host_odpowiedzial:_500_No_such_user/Giving_up_on_192.168.41.48.").
_QMAIL_LOG_REPORT = re.compile(r"(?m)^([ \t]*(?:failure|deferral): )(\S{0,2000}_\S{0,2000})$")
_ENTITY = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'"}
_MIME_FIELD = re.compile(
    # A parameter on its own unindented line ("boundary=...") is taken as a continuation.
    rb"(?m)^(content-type|content-transfer-encoding)[ \t]*:[ \t]*"
    rb"([^\r\n]*(?:\r?\n(?:[ \t]|[\w-]+=)[^\r\n]*)*)"
)
_FIELD_PATTERNS: dict[str, re.Pattern[bytes]] = {}  # a cache of compiled patterns, not state
_TYPE_SPLIT = re.compile(r"[;\s]+")
# A name starts after a character that cannot be in one: a long run of name characters with
# no "=" is tried once, not once per position (which took seconds on 32 KB of them).
_PARAM = re.compile(r"""(?<![\w.*-])([\w.*-]{1,100})\s*=\s*("[^"]*"|[^;\s]+)""")
# Parameters are read from this much of a Content-Type value; a boundary is at most 70.
MAX_PARAMS_TEXT = 4096

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

    fields: tuple[tuple[str, str], ...]
    parts: tuple[Part, ...]
    content_type: str
    report_type: str
    raw: bytes = b""
    # The returned message (message/rfc822) whole, and its header block alone.
    returned_raw: bytes | None = None
    returned_head: bytes | None = None
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def returned(self) -> Message | None:
        """The headers of the returned original message, parsed on first use."""
        if self.returned_head is None:
            return None
        parsed = self._cache.get("returned")
        if not isinstance(parsed, Message):
            parsed = parse_headers(self.returned_head)
            self._cache["returned"] = parsed
        return parsed

    def returned_field(self, name: str) -> str:
        """One header of the returned message, without parsing the others."""
        if self.returned_head is None:
            return ""
        pattern = _FIELD_PATTERNS.get(name)
        if pattern is None:
            # With its continuation lines: a field may be folded anywhere there is
            # whitespace, right after its colon too (RFC 5322 section 2.2.3).
            pattern = re.compile(
                rb"(?im)^"
                + re.escape(name.encode())
                + rb"[ \t]*:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)"
            )
            _FIELD_PATTERNS[name] = pattern
        match = pattern.search(self.returned_head)
        return decode_header(match.group(1).decode("ascii", "surrogateescape")) if match else ""

    @property
    def headers(self) -> Message:
        """The top-level header fields as an ``email.message.Message`` (for third parties)."""
        msg = Message()
        for name, value in self.fields:
            msg.set_raw(name, value)
        return msg

    def _raw_headers(self, name: str) -> list[str]:
        cached = self._cache.get("index")
        index: dict[str, list[str]] = cached if isinstance(cached, dict) else {}
        if not isinstance(cached, dict):
            for key, value in self.fields:
                index.setdefault(key.lower(), []).append(value)
            self._cache["index"] = index
        return index.get(name.lower(), [])

    def header(self, name: str) -> str:
        """The decoded, unfolded value of the first ``name`` header, or ``""``."""
        key = "h:" + name
        value = self._cache.get(key)
        if not isinstance(value, str):
            values = self._raw_headers(name)
            value = decode_header(values[0]) if values else ""
            self._cache[key] = value
        return value

    def all_headers(self, name: str) -> list[str]:
        """The decoded values of every ``name`` header."""
        return [decode_header(v) for v in self._raw_headers(name)]

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
            if "_" in cached and ": " in cached:
                cached = _QMAIL_LOG_REPORT.sub(_qmail_log_report, cached)
            if "\\" in cached:
                cached = _OCTAL_UTF8.sub(_octal_utf8, cached)
            self._cache["body"] = cached
        return cached


# Exim writes a byte that is not printable ASCII in its notice's text as a backslash and three
# octal digits (src/string.c, string_printing2): a UTF-8 address or reply ("\\347\\224\\250...")
# is a run of such escapes, each byte of a multi-byte character 0o200-0o377; a reply in a
# single-byte charset ("Empf\\344ngeradresse", ISO-8859-1) has runs of one.
_OCTAL_UTF8 = re.compile(r"(?:\\[23][0-7]{2})+")


def _octal_utf8(m: re.Match[str]) -> str:
    """A run of octal escapes as the UTF-8 text it spells, else as the legacy charsets'
    readings of its bytes (_legacy_readings, then _single_byte_readings), or as it was if it
    spells none."""
    data = bytes(int(m.group(0)[i + 1 : i + 4], 8) for i in range(0, len(m.group(0)), 4))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if _in_address(m.string, m.start(), m.end(), "@"):
            return _legacy_readings(data) or m.group(0)
        return _legacy_readings(data) or _single_byte_readings(data) or m.group(0)


# A reply carries no charset label (RFC 5321 section 4.2: its text is ASCII; RFC 6532 section
# 3 lets it be UTF-8), yet destinations answer in a legacy 8-bit charset and the writers copy
# its bytes into their notices raw (Sendmail, Courier, chasquid, OpenSMTPD) or as octal escapes
# (Exim). The legacy charsets the phrase tables' sources are written in (gromox's
# data/local_bounce/euc-jp, gb2312 and big5 files, lang_ja.toml and lang_zh.toml): a run of
# 8-bit bytes that is no UTF-8 is read in each of them that decodes it whole, every such
# reading kept (the same bytes are often valid in more than one: no reading is guessed).
_LEGACY_CHARSETS = ("euc_jp", "gb2312", "big5")
_EIGHT_BIT_RUN = re.compile(rb"[\x80-\xff]+")


def _legacy_readings(data: bytes) -> str:
    """``data``'s readings in the legacy charsets that decode it whole, joined by " / "; ""
    when none does."""
    readings: list[str] = []
    for charset in _LEGACY_CHARSETS:
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            continue
        if text not in readings:
            readings.append(text)
    return " / ".join(readings)


# The last resort, for a run no multibyte charset above decodes whole (so no UTF-8 or CJK
# reading can change): European destinations answer in the single-byte charsets their
# languages are written in (lang_de, lang_es, lang_sv, lang_sk.toml's sources): Windows-1252
# (a superset of ISO-8859-1's letters, WHATWG Encoding Standard's reading of a
# "iso-8859-1" label) and for Central Europe Windows-1250 and ISO-8859-2. Each that decodes the
# run to letters is kept; a reading with a C1 control (U+0080-U+009F: ISO-8859-2's 0x80-0x9F)
# spells no text and is dropped.
_SINGLE_BYTE_CHARSETS = ("cp1252", "cp1250", "iso8859_2")
_C1_CONTROL = re.compile("[\u0080-\u009f]")


# An address is ASCII or UTF-8 (RFC 6531 section 3.3), never a legacy single-byte charset: a
# run inside a token with an "@" is junk in an address and gets no single-byte reading (else
# "bob@receiver.\\xffexample" would be read as an address with a "ÿ").
_TOKEN_END = re.compile(r"[^\s<>\"']*")
_TOKEN_END_BYTES = re.compile(rb"[^\s<>\"']*")


def _in_address(text: AnyStr, start: int, end: int, at: AnyStr) -> bool:
    """Whether ``text[start:end]`` sits in a whitespace-delimited token that holds ``at``
    within an address's length either side (RFC 5321 section 4.5.3.1.3: 256 octets a path),
    so a hostile run of runs costs no more than that each."""
    pattern: re.Pattern[Any] = _TOKEN_END if isinstance(text, str) else _TOKEN_END_BYTES
    left = pattern.findall(text[max(0, start - 256) : start])
    right = pattern.match(text[end : end + 256])
    return bool(left and at in left[-2 if len(left) > 1 and not left[-1] else -1]) or bool(
        right and at in right.group(0)
    )


def _single_byte_readings(data: bytes) -> str:
    """``data``'s readings in the single-byte charsets that decode it to text, joined by
    " / "; "" when none does."""
    readings: list[str] = []
    for charset in _SINGLE_BYTE_CHARSETS:
        try:
            text = data.decode(charset)
        except UnicodeDecodeError:
            continue
        if not _C1_CONTROL.search(text) and text not in readings:
            readings.append(text)
    return " / ".join(readings)


def _eight_bit_run(m: re.Match[bytes]) -> str:
    data = m.group(0)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = _legacy_readings(data)
    if not readings and not _in_address(m.string, m.start(), m.end(), b"@"):
        readings = _single_byte_readings(data)
    return readings or data.decode("utf-8", "replace")


def _utf8_or_legacy(data: bytes) -> str:
    """8-bit text declared UTF-8 (or US-ASCII, or nothing) as UTF-8; where it is no UTF-8,
    each run of 8-bit bytes as UTF-8 or as _legacy_readings, else replaced."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    out: list[str] = []
    start = 0
    for m in _EIGHT_BIT_RUN.finditer(data):
        out.append(data[start : m.start()].decode("ascii"))
        out.append(_eight_bit_run(m))
        start = m.end()
    out.append(data[start:].decode("ascii"))
    return "".join(out)


def _qmail_log_report(m: re.Match[str]) -> str:
    """A report in qmail-send's log form as the notice it stands for ("_" a space, "/" an EOL)."""
    return m.group(1) + m.group(2).replace("_", " ").replace("/", "\n").rstrip()


def decode_header(value: object) -> str:
    """A header value as text: RFC 2047 words decoded, folding removed, junk replaced."""
    if isinstance(value, str) and "=?" not in value:
        return " ".join(_unescape(value).split())
    try:
        chunks = email.header.decode_header(value)  # type: ignore[arg-type]
    except (ValueError, LookupError, AssertionError, TypeError, email.errors.HeaderParseError):
        # A broken encoded word ("=?utf-8?b?A?=") leaves the value as it was written.
        return " ".join(str(value).split())
    text = "".join(as_text(c, cs) if isinstance(c, bytes) else c for c, cs in chunks)
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


def as_text(data: bytes, charset: str | None) -> str:
    """``data`` in ``charset``, as UTF-8 when that is no text encoding or cannot decode it.

    A charset may name a codec that is not a text encoding at all ("rot13", "base64"), or one
    that refuses the "replace" error handler ("idna"): both raise where we want text.
    """
    codec = _codec(charset)
    if codec == "ascii" and not data.isascii():
        # 8-bit bytes in a part declared us-ascii are no ASCII (OpenSMTPD 6.8 declares its
        # notice's text us-ascii and copies a reply's UTF-8 bytes into it): read as UTF-8
        # (RFC 6532 section 3.1: UTF-8 is the charset of 8-bit text); other 8-bit runs as
        # _utf8_or_legacy reads them.
        return _utf8_or_legacy(data)
    if codec == "utf-8" and not data.isascii():
        return _utf8_or_legacy(data)
    try:
        return data.decode(codec, "replace")
    except (LookupError, UnicodeError, ValueError):
        return data.decode("utf-8", "replace")


def html_to_text(html: str) -> str:
    """Plain text from HTML, good enough to read an error message in it."""
    text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>|</li>", "\n", html)
    text = _TAG.sub(" ", text)
    for entity, char in _ENTITY.items():
        text = text.replace(entity, char)
    return text


def head_and_body(raw: bytes) -> tuple[bytes, bytes]:
    """An entity's header block and its undecoded body."""
    lf = raw.find(b"\n\n", 0, MAX_HEADER_BYTES + 2)
    crlf = raw.find(b"\r\n\r\n", 0, MAX_HEADER_BYTES + 4)
    if crlf >= 0 and (lf < 0 or crlf < lf):
        return raw[:crlf], raw[crlf + 4 :]
    if lf >= 0:
        return raw[:lf], raw[lf + 2 :]
    if raw[:1] in (b"\n", b"\r"):  # no headers at all: the whole entity is body
        return b"", raw
    return raw[:MAX_HEADER_BYTES], b""


def parse_headers(head: bytes) -> Message:
    """A header block as a compat32 ``Message`` (no body)."""
    msg = Message()
    for name, value in header_fields(head):
        msg.set_raw(name, value)
    return msg


def header_fields(head: bytes) -> tuple[tuple[str, str], ...]:
    """A header block's fields in order, unfolded; lines that are not fields are skipped.

    Faster than the email package's feed parser, which this module only needs for bodies
    it never reads. Bytes that are not ASCII stay as surrogate escapes, as the email package
    keeps them.
    """
    fields: list[tuple[str, str]] = []
    name, value = "", ""
    for line in head.decode("ascii", "surrogateescape").split("\n"):
        if line[:1] in (" ", "\t"):
            if name:
                value += " " + line.strip()
            continue
        if name:
            fields.append((name, value[:MAX_FIELD_TEXT]))
        name, sep, value = line.partition(":")
        name = name.rstrip()
        if not sep or not name or len(name) > 100 or " " in name or "\t" in name:
            name = ""
        value = value.strip()
    if name:
        fields.append((name, value[:MAX_FIELD_TEXT]))
    return tuple(fields)


@dataclass(frozen=True, slots=True)
class _Entity:
    """The few header fields a MIME walk needs, read without the email package."""

    content_type: str
    params: dict[str, str]
    encoding: str

    @classmethod
    def of(cls, head: bytes) -> _Entity:
        ctype, encoding = "", ""
        low = head.lower()
        if b"content-" not in low:
            return cls("text/plain", {}, "")
        for match in _MIME_FIELD.finditer(low):
            name = match.group(1)
            value = head[match.start(2) : match.end(2)].decode("ascii", "replace")
            if name == b"content-type" and not ctype:
                ctype = value
            elif name == b"content-transfer-encoding" and not encoding:
                encoding = value.strip().lower()
        # The type is the first token, whatever separates it from the parameters.
        kind, rest = [*_TYPE_SPLIT.split(ctype.strip(), maxsplit=1), ""][:2]
        kind = kind.lower()
        params = {k.lower(): v.strip('"') for k, v in _PARAM.findall(rest[:MAX_PARAMS_TEXT])}
        return cls(kind if "/" in kind else "text/plain", params, encoding)


def decoded_body(entity: _Entity, body: bytes) -> bytes:
    """The body with its Content-Transfer-Encoding undone (tolerating broken encodings)."""
    try:
        if entity.encoding == "base64":
            return binascii.a2b_base64(re.sub(rb"[^A-Za-z0-9+/=]", b"", body) + b"==")
        if entity.encoding == "quoted-printable":
            return binascii.a2b_qp(body)
    except (binascii.Error, ValueError):
        return body
    return body


def entity_text(entity: _Entity, body: bytes, content_type: str) -> str:
    """A leaf's decoded text, capped, in its declared charset (UTF-8 when unknown)."""
    data = decoded_body(entity, body[: MAX_PART_TEXT * 2])[:MAX_PART_TEXT]
    charset = entity.params.get("charset")
    if charset is None and content_type.startswith("message/"):
        charset = "utf-8"
    return as_text(data, charset)


def _children(entity: _Entity, body: bytes) -> list[bytes]:
    boundary = entity.params.get("boundary")
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
    returned: bytes | None = None
    visited: int = 0

    def entity(self, head: bytes, body: bytes, depth: int) -> _Entity:
        self.visited += 1
        entity = _Entity.of(head)
        ctype = entity.content_type
        if ctype.startswith("multipart/"):
            children = _children(entity, body) if depth < MAX_DEPTH else []
            if not children:
                # A multipart without its boundary: read what is there as text.
                self.parts.append(Part("text/plain", entity_text(entity, body, "text/plain")))
            for child in children:
                if self.visited >= MAX_PARTS:
                    break
                self.entity(*head_and_body(child), depth + 1)
        elif ctype in RETURNED_TYPES:
            if self.returned is None:
                self.returned = decoded_body(entity, body)
        elif ctype in TEXT_TYPES:
            self.parts.append(Part(ctype, entity_text(entity, body, ctype)))
        return entity


def view(raw: bytes) -> Mail:
    """The parts of a raw message that a bounce parser reads (raises on unusable input)."""
    raw = raw[:MAX_BYTES]
    head, body = head_and_body(raw)
    walk = _Walk()
    top = walk.entity(head, body, 0)
    returned_head = head_and_body(walk.returned)[0] if walk.returned is not None else None
    if returned_head is None:
        returned_head = _headers_part(walk.parts)
    return Mail(
        header_fields(head),
        tuple(walk.parts),
        top.content_type,
        top.params.get("report-type", "").lower(),
        raw,
        walk.returned,
        returned_head,
    )


def load(raw: bytes) -> Mail | None:
    """A bounded view of ``raw``, or None when it does not parse as a message at all."""
    try:
        return view(raw)
    except (RecursionError, MemoryError, LookupError, ValueError, TypeError, AttributeError):
        return None


def _headers_part(parts: list[Part]) -> bytes | None:
    for part in parts:
        if part.content_type in _HEADER_TYPES:
            return part.text.encode("utf-8", "surrogateescape")
    return None
