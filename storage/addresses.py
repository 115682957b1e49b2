"""One spelling per mailbox: how addresses are stored and compared."""

from __future__ import annotations

import idna


class BadAddress(ValueError):
    """Not an address the store can hold."""


def normalize_address(address: str) -> str:
    """Case-fold the address and write an internationalized domain as A-labels."""
    text = address.strip().strip("<>").strip()
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain:
        raise BadAddress(f"not an address: {address!r}")
    return f"{local.casefold()}@{normalize_domain(domain)}"


def normalize_domain(domain: str) -> str:
    """A domain as lower-case A-labels, without a trailing dot."""
    name = domain.strip().rstrip(".").lower()
    if name.isascii():
        return name
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise BadAddress(f"not a valid domain: {domain!r}") from exc
