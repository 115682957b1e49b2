"""Mailbox addresses: the spelling a client gave, which is what goes out, and the comparison key
under which the store keeps suppressions, bounces and contacts.

RFC 5321 §2.4 makes a local part case-sensitive, so an address is delivered exactly as given.
The product compares addresses case-insensitively (SPEC rule 3), so the key folds case, but
only where folding cannot merge two mailboxes: the ASCII letters of the local part, and the
domain (lower-case A-labels). Other characters of a UTF-8 local part are kept as given, since
Unicode case mappings merge distinct names (``casefold`` maps ``ß`` to ``ss``, ``str.lower``
maps the Kelvin sign to ``k``).
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass, field

import idna


class BadAddress(ValueError):
    """Not an address the store can hold."""


class NeedsSmtpUtf8(BadAddress):
    """A well-formed address with non-ASCII characters, given without SMTPUTF8 (RFC 6531)."""


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# RFC 5322 atext: what a dot-atom local part may hold besides dots (and, with SMTPUTF8,
# non-ASCII characters, RFC 6531 §3.3).
_ATEXT = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-/=?^_`{|}~")
_LDH = frozenset(string.ascii_letters + string.digits + "-")
MAX_LOCAL = 64  # octets, RFC 5321 §4.5.3.1.1
MAX_DOMAIN = 255  # octets, §4.5.3.1.2
MAX_ADDRESS = 254  # octets: a path is at most 256 with its brackets, §4.5.3.1.3


@dataclass(frozen=True, slots=True)
class MailboxAddress:
    """One mailbox as the client gave it: ``local@domain``, delivered unchanged."""

    local: str
    domain: str
    # the comparison key, worked out once: a message's path reads it about eight times
    _key: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def as_given(self) -> str:
        """The address as it goes upstream."""
        return f"{self.local}@{self.domain}"

    @property
    def key(self) -> str:
        """The comparison key: ASCII letters of the local part lower-cased, the domain as
        lower-case A-labels."""
        key = self._key
        if key is None:
            key = f"{fold_local(self.local)}@{normalize_domain(self.domain)}"
            object.__setattr__(self, "_key", key)  # frozen: set once, always the same value
        return key

    @property
    def ascii_domain(self) -> str:
        """The domain as A-labels, for DNS."""
        return normalize_domain(self.domain)

    @property
    def needs_smtputf8(self) -> bool:
        """Whether the address can only be sent with SMTPUTF8."""
        return not (self.local.isascii() and self.domain.isascii())

    def __str__(self) -> str:
        return self.as_given


def parse_mailbox(text: str, *, smtputf8: bool) -> MailboxAddress:
    """The mailbox ``text`` names, read strictly: a dot-atom local part, ``@``, a host name.

    Nothing is cleaned up: whitespace, comments, quoting, control characters (C0, DEL, C1),
    invisible or separator characters, and non-ASCII without ``smtputf8`` are refused.

    :raises NeedsSmtpUtf8: a well-formed non-ASCII address without SMTPUTF8
    :raises BadAddress: anything else that is not such an address
    """
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        raise BadAddress(f"not local@domain: {text!r}")
    if not all(c in _ATEXT or c == "." or _letter(c) for c in local):
        raise BadAddress(f"local part is not a dot-atom: {text!r}")
    if "" in local.split("."):
        raise BadAddress(f"a leading, trailing or double dot in the local part: {text!r}")
    labels = domain.split(".")
    for label in labels:
        if not label or label[0] == "-" or label[-1] == "-":
            raise BadAddress(f"not a host name: {text!r}")
        if not all(c in _LDH or _letter(c) for c in label):
            raise BadAddress(f"not a host name: {text!r}")
    if len(local.encode()) > MAX_LOCAL or len(text.encode()) > MAX_ADDRESS:
        raise BadAddress(f"address too long: {text!r}")
    address = MailboxAddress(local, domain)
    ascii_domain = address.ascii_domain
    if len(ascii_domain) > MAX_DOMAIN or any(len(label) > 63 for label in ascii_domain.split(".")):
        raise BadAddress(f"domain too long: {text!r}")
    if address.needs_smtputf8 and not smtputf8:
        raise NeedsSmtpUtf8(f"non-ASCII address without SMTPUTF8: {text!r}")
    return address


def _letter(c: str) -> bool:
    """A non-ASCII character an address may hold: not a control, format, separator, private,
    unassigned or surrogate (undecodable byte) character."""
    return not c.isascii() and unicodedata.category(c)[0] not in "CZ"


def fold_local(local: str) -> str:
    """A local part as the comparison key holds it: ASCII letters lower-cased, nothing else."""
    return local.translate(_ASCII_LOWER)


def from_key(key: str) -> MailboxAddress:
    """The mailbox of a stored comparison key (for copies recorded without their spelling)."""
    local, _, domain = key.rpartition("@")
    return MailboxAddress(local, domain)


def normalize_address(address: str) -> str:
    """The comparison key of an address given as text (bounce reports, lists, the CLI)."""
    text = address.strip().strip("<>").strip()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        raise BadAddress(f"not an address: {address!r}")
    return f"{fold_local(local)}@{normalize_domain(domain)}"


def normalize_domain(domain: str) -> str:
    """A domain as lower-case A-labels, without a trailing dot."""
    name = domain.strip().rstrip(".").lower()
    if name.isascii():
        return name
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise BadAddress(f"not a valid domain: {domain!r}") from exc
