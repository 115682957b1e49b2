"""Transformations that keep a notice's meaning: what mail software does to a notice in transit.

Each function takes the raw bytes of a notice and returns the same notice as another program
could hand it on: re-encoded (RFC 2045 section 6), with other line ends or header folding
(RFC 5322 section 2.2.3), in another charset (RFC 2046 section 4.1.2, RFC 2047), forwarded as
an attachment (RFC 2046 section 5.2.1), with its returned original cut to its headers
(RFC 6522 section 3) or left out, with header names in another case (RFC 5322 section 1.2.2)
or more Received fields above (RFC 5321 section 4.4). It returns None when the notice has
nothing the transformation applies to (no part with non-ASCII text to re-encode, say).

The MIME rewrites go through the email package (compat32, so that what it does not touch
is written back as it was read); the line-level ones work on the bytes.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.header
import io
import random
import re
from collections.abc import Callable, Iterator
from email.generator import BytesGenerator
from email.message import Message
from email.policy import compat32

Transform = Callable[[bytes], bytes | None]

_TEXT_LEAVES = ("text/plain", "text/html", "message/global-delivery-status")
_ENCODED = ("base64", "quoted-printable")
_DSN_TYPES = ("message/delivery-status", "message/global-delivery-status")
# Charsets a gateway may re-encode text into, in three orders of preference: the first that
# holds the text and is not the one it is in now is taken.
_CHARSETS = {
    "base64": ("iso-8859-1", "koi8-r", "iso-2022-jp", "utf-8"),
    "quoted-printable": ("koi8-r", "shift_jis", "iso-8859-1", "utf-8"),
    "8bit": ("utf-8", "iso-8859-1", "koi8-r"),
}
_BOUNDARY = re.compile(rb'(?i)boundary\s*=\s*"?([^";\r\n]+)"?')
_FIELD_LINE = re.compile(rb"^([!-9;-~]{1,80})[ \t]*:")
_DSN_FIELD = re.compile(
    rb"(?i)^(reporting-mta|final-recipient|original-recipient|action|status|remote-mta"
    rb"|diagnostic-code|last-attempt-date|will-retry-until|arrival-date|original-envelope-id"
    rb"|received-from-mta|x-[\w-]+)[ \t]*:"
)


# -- through the email package --------------------------------------------------------------


def _tree(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=compat32)


def _flat(msg: Message) -> bytes:
    out = io.BytesIO()
    BytesGenerator(out, mangle_from_=False, maxheaderlen=0).flatten(msg)
    return out.getvalue()


def _leaves(msg: Message) -> Iterator[tuple[Message, Message | None, int]]:
    """Every entity of the notice with its parent and index; a returned original
    (message/rfc822) is one entity: its own parts are the sender's, not the notice's."""
    stack: list[tuple[Message, Message | None, int]] = [(msg, None, 0)]
    while stack:
        node, parent, index = stack.pop()
        yield node, parent, index
        if node.get_content_type() in (*_DSN_TYPES, "message/rfc822"):
            continue  # header blocks, or the returned original
        payload = node.get_payload()
        if isinstance(payload, list):
            stack.extend((child, node, i) for i, child in enumerate(payload))


def _set_body(part: Message, data: bytes, cte: str) -> None:
    del part["Content-Transfer-Encoding"]
    if cte == "base64":
        text = base64.encodebytes(data).decode("ascii")
    elif cte == "quoted-printable":
        text = binascii.b2a_qp(data, istext=True).decode("ascii")
        text = text if text.endswith("\n") else text + "=\n"
    else:
        text = data.decode("ascii", "surrogateescape")
        cte = "7bit" if data.isascii() else "8bit"
    part["Content-Transfer-Encoding"] = cte
    part.set_payload(text)


def _dsn_body(part: Message) -> bytes:
    """A message/delivery-status part's body as it was (the email package splits it)."""
    payload = part.get_payload()
    if isinstance(payload, str):
        return part.get_payload(decode=True) or b""
    return b"".join(_flat(block) for block in payload)


# The email package writes a message/delivery-status entity as header blocks whatever its
# encoding: the re-encoded part goes through it under this type, restored afterwards.
_PLACEHOLDER = "application/x-transport-"


def _as_leaf(part: Message, data: bytes, cte: str) -> Message:
    leaf = Message()
    for name, value in part.items():
        if name.lower() != "content-transfer-encoding":
            leaf[name] = value
    leaf.set_type(_PLACEHOLDER + part.get_content_subtype())
    _set_body(leaf, data, cte)
    return leaf


def _replace(root: Message, parent: Message | None, index: int, new: Message) -> Message:
    if parent is None:
        return new
    payload = parent.get_payload()
    assert isinstance(payload, list)
    payload[index] = new
    return root


def reencode(cte: str, dsn: bool = False) -> Transform:
    """Every text leaf (``dsn``: every delivery-status part) in transfer encoding ``cte``."""

    def transform(raw: bytes) -> bytes | None:
        root, changed = _tree(raw), False
        for node, parent, index in list(_leaves(root)):
            ctype = node.get_content_type()
            if dsn and ctype in _DSN_TYPES:
                if (node.get("content-transfer-encoding") or "7bit").lower() in _ENCODED:
                    continue  # the email package reads an encoded one as fields: garbage
                new = _as_leaf(node, _dsn_body(node), cte)
                root = _replace(root, parent, index, new)
                changed = True
            elif not dsn and ctype in _TEXT_LEAVES and not node.is_multipart():
                data = node.get_payload(decode=True)
                if (
                    isinstance(data, bytes)
                    and (node.get("content-transfer-encoding") or "7bit").lower() != cte
                ):
                    _set_body(node, data, cte)
                    changed = True
        if not changed:
            return None
        return _flat(root).replace(_PLACEHOLDER.encode(), b"message/")

    return transform


def recharset(cte: str) -> Transform:
    """Every text leaf with non-ASCII text in another charset that holds it, in ``cte``."""
    return lambda raw: _recharset(raw, cte)


def _recharset(raw: bytes, cte: str) -> bytes | None:
    root, changed = _tree(raw), False
    for node, _, _ in _leaves(root):
        if node.get_content_type() not in ("text/plain", "text/html") or node.is_multipart():
            continue
        data = node.get_payload(decode=True)
        if not isinstance(data, bytes) or data.isascii():
            continue
        current = (node.get_content_charset() or "us-ascii").lower()
        try:
            text = data.decode(current)
        except (LookupError, UnicodeDecodeError):
            continue  # text in no charset we can read: nothing to re-encode faithfully
        for charset in _CHARSETS[cte]:
            if charset == current:
                continue
            try:
                encoded = text.encode(charset)
            except UnicodeEncodeError:
                continue
            node.set_param("charset", charset)
            _set_body(node, encoded, cte)
            changed = True
            break
    return _flat(root) if changed else None


def encoded_subject(raw: bytes) -> bytes | None:
    """The Subject as RFC 2047 encoded-words (B in UTF-8, or Q in ISO-8859-1 when it fits)."""
    root = _tree(raw)
    value = root.get("subject")
    if value is None:
        return None
    chunks = email.header.decode_header(str(value))
    text = "".join(
        c.decode(cs or "ascii", "replace") if isinstance(c, bytes) else c for c, cs in chunks
    )
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    try:
        text.encode("iso-8859-1")
        header = email.header.Header(text, "iso-8859-1", header_name="Subject").encode()
    except UnicodeEncodeError:
        header = email.header.Header(text, "utf-8", header_name="Subject").encode()
    return _set_top_field(raw, b"subject", header.encode("ascii"))


def forwarded(raw: bytes) -> bytes:
    """The notice forwarded as an attachment by a mailbox, to where the notice was sent."""
    head = _top_head(raw)
    to = _top_value(head, b"to") or b"bounces@relay.example"
    subject = _top_value(head, b"subject") or b"(no subject)"
    nl = b"\r\n" if b"\r\n" in raw[:2000] else b"\n"
    # A boundary the notice does not contain (RFC 2046 section 5.1.1): a forward of a forward
    # has one of its own.
    boundary = next(b for n in range(100) if (b := b"fwd-boundary-%d" % n) not in raw)
    lines = [
        b"From: Mailbox Forwarder <forwarder@mailbox.example>",
        b"To: " + to,
        b"Subject: Fwd: " + subject,
        b"Date: Sun, 06 Dec 2026 09:00:00 +0000",
        b"Message-ID: <fwd-4711@mailbox.example>",
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/mixed; boundary="' + boundary + b'"',
        b"",
        b"--" + boundary,
        b"Content-Type: text/plain; charset=us-ascii",
        b"",
        b"Forwarded message attached.",
        b"",
        b"--" + boundary,
        b"Content-Type: message/rfc822",
        b"Content-Disposition: attachment",
        b"",
    ]
    body = raw if raw.endswith(b"\n") else raw + b"\n"
    body = body.replace(b"\r\n", b"\n").replace(b"\n", nl)
    return nl.join(lines) + nl + body + b"--" + boundary + b"--" + nl


def returned_as_headers(raw: bytes) -> bytes | None:
    """The returned original (message/rfc822) replaced by its header block (text/rfc822-headers)."""
    return _returned(raw, keep_headers=True)


def returned_dropped(raw: bytes) -> bytes | None:
    """The returned original's part left out (RET=HDRS with no headers, or a gateway's cut)."""
    return _returned(raw, keep_headers=False)


def _returned(raw: bytes, keep_headers: bool) -> bytes | None:
    root = _tree(raw)
    for node, parent, index in list(_leaves(root)):
        if parent is None or node.get_content_type() != "message/rfc822":
            continue
        if parent.get_content_type() != "multipart/report":
            continue
        if parent.get_param("report-type") not in ("delivery-status", "global-delivery-status"):
            continue  # a feedback report (RFC 5965 section 2) must return the original
        payload = parent.get_payload()
        assert isinstance(payload, list)
        if keep_headers:
            inner = node.get_payload()
            original = inner[0] if isinstance(inner, list) and inner else None
            head = _flat(original).split(b"\n\n", 1)[0] + b"\n" if original else b""
            leaf = Message()
            leaf["Content-Type"] = "text/rfc822-headers"
            _set_body(leaf, head, "7bit")
            payload[index] = leaf
        else:
            del payload[index]
        return _flat(root)
    return None


# -- on the bytes ---------------------------------------------------------------------------


def line_ends(raw: bytes) -> bytes:
    """LF line ends where the notice has CRLF, CRLF where it has LF."""
    if b"\r\n" in raw:
        return raw.replace(b"\r\n", b"\n")
    return raw.replace(b"\n", b"\r\n")


def _header_lines(raw: bytes) -> Iterator[tuple[int, bool]]:
    """(index, is_field_line) for the lines of header blocks: the top one, each part's, the
    returned original's (message/rfc822, text/rfc822-headers) and the field blocks of
    delivery-status parts."""
    lines = raw.split(b"\n")
    boundaries = {b"--" + b.strip() for b in _BOUNDARY.findall(raw)}
    in_head, in_dsn, head_is_dsn, encloses = True, False, False, False
    for i, line in enumerate(lines):
        bare = line.rstrip(b"\r")
        if bare.rstrip() in boundaries or bare.rstrip()[:-2] in boundaries:
            in_head, in_dsn, head_is_dsn, encloses = True, False, False, False
            continue
        if in_head:
            if not bare.strip():
                in_head, in_dsn, encloses = encloses, head_is_dsn, False
                continue
            if re.match(rb"(?i)content-type[ \t]*:[ \t]*message/(global-)?delivery-status", bare):
                head_is_dsn = True
            if re.match(rb"(?i)content-type[ \t]*:[ \t]*(message/rfc822|text/rfc822-h)", bare):
                encloses = True
            yield i, True
        elif in_dsn and (_DSN_FIELD.match(bare) or bare[:1] in (b" ", b"\t")):
            yield i, True


def _map_fields(raw: bytes, rewrite: Callable[[bytes, bytes], bytes]) -> bytes:
    """``raw`` with each header-block field (name, value incl. continuation lines) rewritten."""
    lines = raw.split(b"\n")
    in_field = {i for i, _ in _header_lines(raw)}
    out: list[bytes] = []
    i = 0
    while i < len(lines):
        if i in in_field and _FIELD_LINE.match(lines[i]):
            j = i + 1
            while j < len(lines) and j in in_field and lines[j][:1] in (b" ", b"\t"):
                j += 1
            cr = lines[i].endswith(b"\r")
            field = b"\n".join(line.rstrip(b"\r") for line in lines[i:j])
            name, _, value = field.partition(b":")
            new = rewrite(name, value)
            out.extend(line + b"\r" if cr else line for line in new.split(b"\n"))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return b"\n".join(out)


def _unfolded(value: bytes) -> bytes:
    return re.sub(rb"\n(?=[ \t])", b"", value)


def _fold_everywhere(name: bytes, value: bytes) -> bytes:
    """Fold before every run of whitespace outside quotes (RFC 5322 2.2.3 allows it)."""
    return _fold(name, value, lambda: True)


def _fold(name: bytes, value: bytes, here: Callable[[], bool]) -> bytes:
    """Fold before the runs of whitespace outside quotes where ``here()`` says so."""
    value = _unfolded(value)
    if len(name) + len(value) < 40:
        return name + b":" + value
    out, quoted = bytearray(), False
    for k, byte in enumerate(value):
        char = bytes([byte])
        if char == b'"':
            quoted = not quoted
        space = char in (b" ", b"\t") and value[k - 1 : k] not in (b" ", b"\t")
        if space and not quoted and k > 1 and here():
            out += b"\n"
        out += char
    return name + b":" + bytes(out)


_PARAM_VALUE = re.compile(rb'([;\s][\w-]+)\s*=\s*("([^"\\\r\n]*)"|[^;\s"]+)')


def _requote(name: bytes, value: bytes) -> bytes:
    """A Content-Type written as another program would: the type in capitals, each parameter
    value quoted if it was not and unquoted if it needs no quotes (RFC 2045 section 5.1)."""
    if name.strip().lower() != b"content-type":
        return name + b":" + value

    def swap(m: re.Match[bytes]) -> bytes:
        inner = m.group(3)
        if inner is None:
            return m.group(1) + b'="' + m.group(2) + b'"'
        if inner and re.fullmatch(rb"[!#$%&'*+.^`|~\w-]+", inner):
            return m.group(1) + b"=" + inner
        return m.group(0)

    kind = re.sub(rb"^(\s*)([\w.+-]+/[\w.+-]+)", lambda m: m.group(1) + m.group(2).upper(), value)
    return name + b":" + _PARAM_VALUE.sub(swap, kind)


def requoted(raw: bytes) -> bytes | None:
    """Content-Type fields with the type in capitals and parameter values (un)quoted."""
    new = _map_fields(raw, _requote)
    return new if new != raw else None


def folded(raw: bytes) -> bytes | None:
    """Long header fields folded at every whitespace outside quoted strings."""
    new = _map_fields(raw, _fold_everywhere)
    return new if new != raw else None


def folded_at_random(seed: int) -> Transform:
    """Long header fields folded at whitespace picked by a seeded random (about one in three)."""

    def transform(raw: bytes) -> bytes | None:
        pick = random.Random(seed)
        new = _map_fields(raw, lambda n, v: _fold(n, v, lambda: pick.random() < 0.3))
        return new if new != raw else None

    return transform


def unfolded(raw: bytes) -> bytes | None:
    """Folded header fields written on one line each."""
    new = _map_fields(raw, lambda n, v: n + b":" + _unfolded(v))
    return new if new != raw else None


def names_cased(upper: bool) -> Transform:
    """Header field names (and delivery-status field names) in upper or lower case."""

    def transform(raw: bytes) -> bytes | None:
        new = _map_fields(raw, lambda n, v: (n.upper() if upper else n.lower()) + b":" + v)
        return new if new != raw else None

    return transform


def received_above(raw: bytes) -> bytes:
    """Three Received fields above the notice's own, as a mailbox and its filter add them."""
    nl = b"\r\n" if raw.find(b"\r\n") >= 0 else b"\n"
    to = _top_value(_top_head(raw), b"to") or b"<bounces@relay.example>"
    hops = [
        b"Received: from filter.mailbox.example (filter.mailbox.example [192.0.2.7])"
        + nl
        + b"\tby mx.relay.example (Postfix) with ESMTPS id 4Q1Zx2;"
        + nl
        + b"\tSun, 06 Dec 2026 09:00:03 +0000 (UTC)",
        b"Received: from localhost (localhost [127.0.0.1]) by filter.mailbox.example"
        + nl
        + b"\t(amavis, port 10024) with ESMTP id abc-123 for "
        + to
        + b";"
        + nl
        + b"\tSun, 06 Dec 2026 09:00:02 +0000 (UTC)",
        b"Received: from mx1.mailbox.example ([198.51.100.4]) by filter.mailbox.example"
        + nl
        + b"\twith LMTP id 8xYz; Sun, 06 Dec 2026 09:00:01 +0000",
    ]
    return nl.join(hops) + nl + raw


def _top_head(raw: bytes) -> bytes:
    end = re.search(rb"\r?\n\r?\n", raw)
    return raw[: end.start()] if end else raw


def _top_value(head: bytes, name: bytes) -> bytes | None:
    match = re.search(rb"(?im)^" + name + rb"[ \t]*:[ \t]*((?:[^\r\n]*(?:\r?\n[ \t])?)*)", head)
    return re.sub(rb"\r?\n(?=[ \t])", b"", match.group(1)).strip() if match else None


def _set_top_field(raw: bytes, name: bytes, value: bytes) -> bytes:
    head = _top_head(raw)
    pattern = re.compile(rb"(?im)^" + name + rb"[ \t]*:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*")
    match = pattern.search(head)
    if match is None:
        return raw
    nl = b"\r\n" if b"\r\n" in head else b"\n"
    new = match.group(0).split(b":", 1)[0] + b": " + value.replace(b"\n", nl)
    return raw[: match.start()] + new + raw[match.end() :]


def roundtrip(raw: bytes) -> bytes:
    """Read and written back by the email package (the control for the MIME rewrites)."""
    return _flat(_tree(raw))


def _safe(transform: Transform) -> Transform:
    """``transform``, giving None where the email package cannot rewrite the notice (a
    delivery-status part it cannot split): such a notice is left out, not failed."""

    def safe(raw: bytes) -> bytes | None:
        try:
            return transform(raw)
        except (AttributeError, TypeError, ValueError, LookupError, UnicodeError):
            return None

    return safe


# The transformations that rewrite through the email package. It reads a few malformed
# notices otherwise than they are written (nullmailer's Diagnostic-Code continues on lines
# that are not indented, and the package ends the field block there): a notice whose
# verdict the package's own read-and-write ("a0-roundtrip") changes is left out of these.
THROUGH_EMAIL_PACKAGE = frozenset(
    {
        "a1-text-qp",
        "a2-text-base64",
        "a3-text-8bit",
        "a4-dsn-qp",
        "a5-dsn-base64",
        "c1-charset-base64",
        "c3-charset-qp",
        "c4-charset-8bit",
        "e1-headers-only",
        "e2-dropped",
    }
)

TRANSFORMS: dict[str, Transform] = {
    "a0-roundtrip": _safe(roundtrip),
    "a1-text-qp": _safe(reencode("quoted-printable")),
    "a2-text-base64": _safe(reencode("base64")),
    "a3-text-8bit": _safe(reencode("8bit")),
    "a4-dsn-qp": _safe(reencode("quoted-printable", dsn=True)),
    "a5-dsn-base64": _safe(reencode("base64", dsn=True)),
    "b1-line-ends": _safe(line_ends),
    "b2-folded": _safe(folded),
    "b3-unfolded": _safe(unfolded),
    "b4-content-type-requoted": _safe(requoted),
    "c1-charset-base64": _safe(recharset("base64")),
    "c3-charset-qp": _safe(recharset("quoted-printable")),
    "c4-charset-8bit": _safe(recharset("8bit")),
    "c2-subject-2047": _safe(encoded_subject),
    "d-forwarded": _safe(forwarded),
    "e1-headers-only": _safe(returned_as_headers),
    "e2-dropped": _safe(returned_dropped),
    "f1-names-upper": _safe(names_cased(True)),
    "f2-names-lower": _safe(names_cased(False)),
    "f3-received": _safe(received_above),
}
