"""Signed tokens that tie a returned message to the copy we sent: the VERP return path (one
envelope sender per recipient copy) and the ``X-Relay-Copy`` header every copy carries.

The local part carries the account and the recorded recipient copy, an expiry day and an
HMAC-SHA256 tag over them. Everything is lower-case base36/base32 so that a mail server that
folds the case of the local part does not break the token, and the whole local part stays far
below the 64 octets RFC 5321 allows. The header carries the same fields, and its tag also
covers the recipient's address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bounce_parser.fields import addresses_in
from bounce_parser.forward import forwarded_notice
from bounce_parser.mail import load

PREFIX = "b-"
_EPOCH = date(2000, 1, 1)
_TAG_BYTES = 10  # 80 bits: forging one by trial needs ~2^79 bounces
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36(number: int) -> str:
    if number < 0:
        raise ValueError("VERP fields are non-negative")
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = _DIGITS[digit] + out
        if number == 0:
            return out


def _tag(key: bytes, body: str) -> str:
    mac = hmac.new(key, body.encode("ascii"), hashlib.sha256).digest()[:_TAG_BYTES]
    return base64.b32encode(mac).decode("ascii").lower()


@dataclass(frozen=True, slots=True)
class ReturnPath:
    """The identity a VERP address carries: which account's which recipient copy."""

    account_id: int
    recipient_id: int
    expires: date

    def local_part(self, key: bytes) -> str:
        """The signed local part, e.g. ``b-1-2s-2x9-<tag>``."""
        day = self.expires.toordinal() - _EPOCH.toordinal()
        body = f"{_b36(self.account_id)}-{_b36(self.recipient_id)}-{_b36(day)}"
        return f"{PREFIX}{body}-{_tag(key, body)}"

    def address(self, key: bytes, domain: str) -> str:
        """The full envelope sender on the return-path domain."""
        return f"{self.local_part(key)}@{domain}"

    @classmethod
    def issue(
        cls, account_id: int, recipient_id: int, *, today: date, lifetime_days: int
    ) -> ReturnPath:
        """A return path for a copy sent today, valid for ``lifetime_days``."""
        return cls(account_id, recipient_id, today + timedelta(days=lifetime_days))

    @classmethod
    def verify(cls, address: str, key: bytes, *, today: date) -> ReturnPath | None:
        """The identity in ``address`` when its tag is ours and it has not expired, else None."""
        local = address.rpartition("@")[0] if "@" in address else address
        local = local.strip().strip('<>"').lower()
        if not local.startswith(PREFIX):
            return None
        parts = local[len(PREFIX) :].split("-")
        if len(parts) != 4 or not all(parts):
            return None
        body = "-".join(parts[:3])
        if not hmac.compare_digest(_tag(key, body), parts[3]):
            return None
        try:
            account, recipient, day = (int(p, 36) for p in parts[:3])
        except ValueError:
            return None
        expires = date.fromordinal(_EPOCH.toordinal() + day) if day < 3_000_000 else None
        if expires is None or expires < today:
            return None
        return cls(account, recipient, expires)

    @staticmethod
    def looks_like(address: str) -> bool:
        """Whether ``address`` has the shape of one of our return paths (not that it verifies)."""
        return address.strip().strip('<>"').lower().startswith(PREFIX)


COPY_HEADER = "X-Relay-Copy"
_COPY_TAG_BYTES = 16  # a header has room for the full 128 bits
# The value may be folded onto the next line (RFC 5322 section 2.2.3: a gateway's refolding).
_COPY_FIELD = re.compile(rb"(?im)^x-relay-copy[ \t]*:[ \t]*(?:\r?\n[ \t]+)?([^\r\n]{1,200})")


def _copy_tag(key: bytes, body: str, address: str) -> str:
    # "copy:" keeps these tags apart from return-path tags made with the same key.
    message = f"copy:{body}:{address.lower()}".encode("utf-8", "surrogateescape")
    mac = hmac.new(key, message, hashlib.sha256).digest()[:_COPY_TAG_BYTES]
    return base64.b32encode(mac).decode("ascii").rstrip("=").lower()


@dataclass(frozen=True, slots=True)
class CopyToken:
    """The signed ``X-Relay-Copy`` header every outgoing copy carries.

    It names the same copy as the return path, and its tag also covers the recipient's address,
    so a returned message that quotes the original headers (a complaint from a feedback loop, a
    bounce sent to the wrong address) can be tied to the copy without the envelope.
    """

    account_id: int
    recipient_id: int
    expires: date
    tag: str = ""

    def _body(self) -> str:
        day = self.expires.toordinal() - _EPOCH.toordinal()
        return f"{_b36(self.account_id)}.{_b36(self.recipient_id)}.{_b36(day)}"

    def value(self, key: bytes, address: str) -> str:
        """The header's value, e.g. ``1.2s.2x9.<tag>``, signed for ``address``."""
        body = self._body()
        return f"{body}.{_copy_tag(key, body, address)}"

    def header(self, key: bytes, address: str) -> bytes:
        """The whole header line, CRLF included, to put in front of the copy."""
        return f"{COPY_HEADER}: {self.value(key, address)}\r\n".encode("ascii")

    @classmethod
    def issue(
        cls, account_id: int, recipient_id: int, *, today: date, lifetime_days: int
    ) -> CopyToken:
        """A token for a copy sent today, valid for ``lifetime_days``."""
        return cls(account_id, recipient_id, today + timedelta(days=lifetime_days))

    @classmethod
    def read(cls, value: str) -> CopyToken | None:
        """The claimed identity in a header value, not yet verified (see ``verify``)."""
        parts = value.strip().lower().split(".")
        if len(parts) != 4 or not all(parts) or any(len(p) > 40 for p in parts):
            return None
        try:
            account, recipient, day = (int(p, 36) for p in parts[:3])
        except ValueError:
            return None
        if day >= 3_000_000:
            return None
        return cls(account, recipient, date.fromordinal(_EPOCH.toordinal() + day), parts[3])

    def verify(self, key: bytes, address: str, *, today: date) -> bool:
        """Whether the tag is ours for this copy sent to ``address``, and has not expired."""
        good = hmac.compare_digest(_copy_tag(key, self._body(), address), self.tag)
        return good and self.expires >= today


@dataclass(frozen=True, slots=True)
class Returned:
    """What a returned message says about its own identity and the copy it quotes."""

    copy: CopyToken | None  # the signed header in the quoted original headers, unverified
    notice_id: str  # the notification's own Message-ID and Date: the same for a resend
    author: str = ""  # the notification's From address, lower-cased ("" when it has none)


def read_returned(raw: bytes) -> Returned:
    """The quoted ``X-Relay-Copy`` token and the notice's identity of a returned message.

    Only the first ``X-Relay-Copy`` of the quoted headers counts: it is the one the relay put
    in front of the copy, above any a client may have written into its own message.
    """
    mail = load(raw)
    if mail is None:
        return Returned(None, "")
    # A forwarded notice: the copy quoted, and the identity, are the notice's (a notice read
    # directly and again as a forward is one notice).
    mail = forwarded_notice(mail) or mail
    notice_id = f"{mail.header('message-id')}|{mail.header('date')}"
    match = _COPY_FIELD.search(mail.returned_head) if mail.returned_head else None
    token = CopyToken.read(match.group(1).decode("ascii", "replace")) if match else None
    author = addresses_in(mail.header("from"))[:1]
    return Returned(token, notice_id, author[0].lower() if author else "")
