"""What every delivery transport is: one recipient copy in, one Reply out."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

_ENHANCED = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})\b")


@dataclass(frozen=True, slots=True)
class Reply:
    """What the upstream said to one recipient copy; ``code`` None means no answer at all."""

    code: int | None
    text: str

    @property
    def accepted(self) -> bool:
        return self.code is not None and 200 <= self.code < 300

    @property
    def permanent(self) -> bool:
        return self.code is not None and 500 <= self.code < 600

    @property
    def enhanced_status(self) -> str | None:
        match = _ENHANCED.match(self.text)
        return ".".join(match.groups()) if match else None

    def __str__(self) -> str:
        return f"{self.code} {self.text}" if self.code is not None else self.text


NO_SMTPUTF8 = Reply(553, "5.6.7 The upstream does not offer SMTPUTF8, which this address needs")


@runtime_checkable
class Transport(Protocol):
    """Sends one recipient copy somewhere and says how it went; never raises for SMTP failures."""

    async def send(self, sender: str, recipient: str, message: bytes) -> Reply: ...

    async def close(self) -> None: ...


@runtime_checkable
class SendsMany(Protocol):
    """A transport that sends several copies of a message more cheaply than one by one."""

    async def send_many(
        self, copies: Sequence[tuple[str, str, bytes]], ready: Callable[[int], Awaitable[bool]]
    ) -> list[Reply | None]:
        """Each copy (sender, recipient, message)'s reply, in order; ``ready(i)`` is asked
        just before copy ``i`` goes out, and a copy it refused is not sent (None)."""
        ...
