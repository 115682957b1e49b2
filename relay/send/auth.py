"""Who is submitting (a Principal) and the cache that spares a reconnecting client argon2."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is submitting: the account, and the user name (None for a trusted network)."""

    account_id: int
    username: str | None


@dataclass
class AuthCache:
    """Recent successful logins, so a client reconnecting does not pay argon2 each time."""

    ttl: float = 60.0
    entries: dict[bytes, tuple[float, Principal]] = field(default_factory=dict)

    def key(self, login: bytes, password: bytes) -> bytes:
        return hashlib.blake2b(login + b"\0" + password, digest_size=32).digest()

    def get(self, key: bytes) -> Principal | None:
        hit = self.entries.get(key)
        if hit is None or hit[0] < time.monotonic():
            self.entries.pop(key, None)
            return None
        return hit[1]

    def put(self, key: bytes, principal: Principal) -> None:
        if len(self.entries) > 10_000:
            self.entries.clear()
        self.entries[key] = (time.monotonic() + self.ttl, principal)
