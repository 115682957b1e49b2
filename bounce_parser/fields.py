"""Small text helpers shared by the format parsers: field blocks, addresses, SMTP codes."""

from __future__ import annotations

import functools
import re
import string

# An addr-spec as bounces print it; deliberately narrower than RFC 5322 (no comments, no
# quoted-string spanning spaces) so that prose around it is not swallowed.
_ADDRESS = re.compile(
    r"""(?<![\w.!#$%&'*+/=?^`{|}~-])"""
    r"""((?:"[^"\s]{1,64}"|[\w.!#$%&'*+/=?^`{|}~-]{1,64})@"""
    r"""(?:(?:[\w-]{1,63}\.){1,10}[A-Za-z\u00a1-\uffff][\w-]{0,62}|\[[0-9a-fA-F:.]{3,45}\]))""",
)
_MAX_LOCAL = 66  # a quoted local part with its quotes
_LOCAL_CHAR = re.compile(r"""[\w.!#$%&'*+/=?^`{|}~-]""")
_MAX_DOMAIN = 700
_FIELD = re.compile(r"^([A-Za-z][A-Za-z0-9-]{0,60})[ \t]*:[ \t]*(.*)$")
_BLANK = re.compile(r"\n[ \t]*\n")
# A line of a multi-line SMTP reply (RFC 5321 section 4.2.1: the code, then "-" or a space).
# nullmailer-dsn (src/dsn.cc) writes the reply it was given into Diagnostic-Code as is, its
# second and later lines without the white space that folds a field (RFC 5322 section
# 2.2.3): such a line after a field continues that field.
_REPLY_LINE = re.compile(r"^[2-5]\d\d[ -]")
_HOLDS_REPLY = re.compile(r"(?:^|;[ \t]*)[2-5]\d\d[ -]")  # "smtp; 550-..." or "550-..."
_SYSTEM_LOCAL = re.compile(
    r"^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|no-?reply|noreply|bounces?|"
    r"root|abuse|daemon|mail\.delivery\.system)$",
    re.IGNORECASE,
)


def field_blocks(text: str) -> list[dict[str, str]]:
    """RFC 822-style field blocks separated by blank lines, names lower-cased, lines unfolded."""
    blocks: list[dict[str, str]] = []
    for chunk in _BLANK.split(text.replace("\r\n", "\n")):
        block: dict[str, str] = {}
        last = ""
        for line in chunk.split("\n"):
            if line[:1] in (" ", "\t") and last:
                block[last] += " " + _spaced(line)
                continue
            match = _FIELD.match(line)
            if match:
                last = match.group(1).lower()
                block.setdefault(last, _spaced(match.group(2)))
            elif last and _REPLY_LINE.match(line) and _HOLDS_REPLY.search(block[last]):
                block[last] += " " + _spaced(line)
            else:
                last = ""
        if block:
            blocks.append(block)
    return blocks


def _spaced(text: str) -> str:
    """``text`` with each run of white space one space: a field unfolded by a relay keeps the
    white space that folded it (RFC 5322 section 2.2.3 removes only the line break), so
    "cannot find your\n    hostname" arrives as "cannot find your    hostname", the same words
    as the folded field read here."""
    return " ".join(text.split())


def typed_value(value: str) -> str:
    """The value of a ``type; value`` DSN field (``rfc822; a@b`` -> ``a@b``)."""
    kind, sep, rest = value.partition(";")
    return rest.strip() if sep and " " not in kind.strip() else value.strip()


# RFC 6533 section 3: a "utf-8" address written as utf-8-addr-xtext or -unitext carries each
# character it may not write as itself as EmbeddedUnicodeChar, "\x{" HEXPOINT "}".
_EMBEDDED_UNICODE = re.compile(r"\\x\{([0-9A-Fa-f]{1,6})\}")


def _embedded(match: re.Match[str]) -> str:
    point = int(match.group(1), 16)
    if point > 0x10FFFF or 0xD800 <= point <= 0xDFFF:
        return match.group(0)  # no character: left as written
    return chr(point)


def utf8_address(value: str) -> str:
    """The address of a ``utf-8; ...`` DSN field with its EmbeddedUnicodeChars decoded
    (RFC 6533 section 3: ``jos\\x{E9}@example`` is ``josé@example``); other types as given."""
    kind, sep, rest = value.partition(";")
    if not sep or kind.strip().lower() != "utf-8":
        return value
    return f"{kind};{_EMBEDDED_UNICODE.sub(_embedded, rest)}"


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def fold_address(address: str) -> str:
    """``address`` as the relay compares addresses: the local part's ASCII letters and the
    domain lower-cased. A UTF-8 local part's other letters stay as written: Unicode case
    mappings merge distinct names (RFC 6531 section 3.2 leaves a local part to its server),
    and storage/addresses.py keys a recipient the same way, so a notice naming ``JOSÉ@..``
    finds the copy sent to it."""
    local, at, domain = address.rpartition("@")
    if not at:
        return address.lower()
    return f"{local.translate(_ASCII_LOWER)}@{domain.lower()}"


def clean_address(value: str) -> str | None:
    """The bare address in ``value`` (angle brackets, quotes, ``rfc822;`` removed, a ``utf-8``
    address's \\x{HEX} decoded), or None."""
    value = typed_value(utf8_address(value))
    match = _ADDRESS.search(value)
    if match is None:
        return None
    return fold_address(_unquoted(value, match.start(1), match.end(1))[0].strip("."))


def _unquoted(text: str, start: int, end: int) -> tuple[str, int]:
    """The address at ``text[start:end]`` without single quotes written around it, and its start.

    An apostrophe may begin a local part (RFC 5322 section 3.2.3 counts it in atext), but one
    before the address paired with one right after its domain quotes it, as Outlook and
    Exchange write a recipient in their notices ("'user@example.com' en 16/03/2020").
    """
    if text[start] == "'" and end < len(text) and text[end] == "'":
        return text[start + 1 : end], start + 1
    return text[start:end], start


def addresses_in(text: str) -> list[str]:
    """Every address in ``text``, lower-cased, in order of appearance."""
    return [address for address, _start, _end in address_spans(text)]


@functools.lru_cache(maxsize=32)
def address_spans(text: str) -> list[tuple[str, int, int]]:
    """Every address in ``text`` with its start and end offsets.

    The pattern is tried only in a window around each ``@``: scanning the whole text with it
    costs more than the rest of a parse. (Cached: formats ask about the same notice twice.)
    """
    spans: list[tuple[str, int, int]] = []
    done = 0
    at = text.find("@")
    while at >= 0:
        start = _local_start(text, at, done)
        match = _ADDRESS.match(text, start, at + _MAX_DOMAIN) if start >= 0 else None
        if match is not None and match.start(1) <= at < match.end(1):
            address, begin = _unquoted(text, match.start(1), match.end(1))
            spans.append((fold_address(address.strip(".")), begin, match.end(1)))
            done = match.end(1)
        at = text.find("@", max(at + 1, done))
    return spans


def _local_start(text: str, at: int, done: int) -> int:
    """Where the only address that can hold the ``@`` at ``at`` starts, or -1.

    The pattern's look-behind lets an address start only where its local part does, so this
    is one position to try, not every one in the window: a run of ``a@a@a@...`` was
    searched up to the window's end at each ``@`` (seconds on 100 KB).
    """
    if at > done and text[at - 1] == '"':
        return text.rfind('"', max(done, at - _MAX_LOCAL), at - 1)
    start = at
    while start > done and _LOCAL_CHAR.match(text, start - 1):
        start -= 1
        if at - start > _MAX_LOCAL - 2:
            return -1  # longer than a local part may be
    return start


def is_system_address(address: str) -> bool:
    """Whether ``address`` belongs to a mail system rather than a person (MAILER-DAEMON...)."""
    return bool(_SYSTEM_LOCAL.match(address.partition("@")[0]))
