"""Signed VERP return paths: one envelope sender per recipient copy.

The local part carries the account and the recorded recipient copy, an expiry day and an
HMAC-SHA256 tag over them. Everything is lower-case base36/base32 so that a mail server that
folds the case of the local part does not break the token, and the whole local part stays far
below the 64 octets RFC 5321 allows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, timedelta

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
