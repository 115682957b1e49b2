"""What an envelope address may look like here: the forms that make open relays are refused."""

from __future__ import annotations

from enum import Enum, auto


class AddressProblem(Enum):
    SYNTAX = auto()  # control characters, no domain, overlong
    RELAY_FORM = auto()  # %-hack, bang path, source route, quoted @


_CONTROL = frozenset("\x00\r\n")


def check_recipient(address: str) -> AddressProblem | None:
    """None for a plain ``local@domain``; otherwise what is wrong with it.

    Any relay form is refused even from authenticated clients: a downstream MTA might
    interpret ``a%b@c`` or ``b!a@c`` as a route and forward the message somewhere else.
    """
    if not address or any(c in _CONTROL for c in address) or len(address) > 320:
        return AddressProblem.SYNTAX
    if address.startswith("@") or ":" in address.split("@", 1)[0]:
        return AddressProblem.RELAY_FORM  # source route: @a,@b:user@c
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or len(local) > 64:
        return AddressProblem.SYNTAX
    if "%" in address or "!" in address or '"' in local or "@" in local:
        return AddressProblem.RELAY_FORM
    if domain.startswith("[") or not _plain_domain(domain):
        return (
            AddressProblem.RELAY_FORM if "@" in domain or "%" in domain else AddressProblem.SYNTAX
        )
    return None


def check_sender(address: str) -> AddressProblem | None:
    """The client's MAIL FROM: empty (null sender) or a plain address."""
    if address == "":
        return None
    return check_recipient(address)


def _plain_domain(domain: str) -> bool:
    labels = domain.rstrip(".").split(".")
    return all(labels) and all(
        not label.startswith("-") and not label.endswith("-") for label in labels
    )
