"""Endpoint signing secrets: made once, shown once, stored only encrypted.

The stored form is AES-256-GCM under a key derived (HKDF-SHA256) from the relay's VERP key
material, the secret the relay already keeps (RELAY_VERP_KEY or ``data_dir/verp.key``). A
copy of the database alone does not give the secrets away; rotating the VERP key makes the
stored secrets unreadable, and the endpoints must be registered again.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets as random

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "whsec_"
_SEALED = "v1:"
_INFO = b"bounce-relay webhook endpoint secret v1"


class SecretUnreadable(Exception):
    """A stored secret cannot be opened (the VERP key changed since it was sealed)."""


def new_secret() -> str:
    """A fresh signing secret as Standard Webhooks writes it: ``whsec_`` + base64."""
    return PREFIX + base64.b64encode(random.token_bytes(32)).decode("ascii")


def signing_key(secret: str) -> bytes:
    """The HMAC key a secret stands for (its base64 part, decoded)."""
    return base64.b64decode(secret.removeprefix(PREFIX))


def _cipher(master: bytes) -> AESGCM:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(master)
    return AESGCM(key)


def seal(secret: str, master: bytes) -> str:
    """The secret encrypted for the store."""
    nonce = os.urandom(12)
    sealed = _cipher(master).encrypt(nonce, secret.encode("ascii"), _INFO)
    return _SEALED + base64.b64encode(nonce + sealed).decode("ascii")


def unseal(stored: str, master: bytes) -> str:
    """The secret back from its stored form."""
    if not stored.startswith(_SEALED):
        raise SecretUnreadable("unknown sealed-secret format")
    raw = base64.b64decode(stored.removeprefix(_SEALED))
    try:
        return _cipher(master).decrypt(raw[:12], raw[12:], _INFO).decode("ascii")
    except InvalidTag as exc:
        raise SecretUnreadable("the secret was sealed under another VERP key") from exc


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header: ``v1,`` + base64 HMAC-SHA256 of "id.timestamp.body"."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")
