"""DKIM: signing with a sending domain's key, and making a key with its DNS record."""

from __future__ import annotations

import base64

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# Signed headers per RFC 6376 §5.4.1's list of those most worth protecting.
SIGNED_HEADERS = (
    b"from",
    b"to",
    b"cc",
    b"subject",
    b"date",
    b"message-id",
    b"reply-to",
    b"mime-version",
    b"content-type",
    b"content-transfer-encoding",
    b"list-unsubscribe",
)


class SigningFailed(Exception):
    """The stored key cannot sign; the message is deferred rather than sent unsigned."""


def sign(message: bytes, *, domain: str, selector: str, private_key_pem: str) -> bytes:
    """``message`` with a DKIM-Signature header prepended (relaxed/relaxed, rsa-sha256)."""
    try:
        header = dkim.sign(
            message,
            selector.encode("ascii"),
            domain.encode("ascii"),
            private_key_pem.encode("ascii"),
            canonicalize=(b"relaxed", b"relaxed"),
            include_headers=list(SIGNED_HEADERS),
        )
    except (dkim.DKIMException, ValueError) as exc:
        raise SigningFailed(f"DKIM signing for {domain} failed: {exc}") from exc
    return bytes(header) + message


def new_key() -> tuple[str, str]:
    """A fresh RSA-2048 key: (private key PEM, the ``p=`` public key for DNS)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    ).decode("ascii")
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem, base64.b64encode(der).decode("ascii")


def dns_record(domain: str, selector: str, public_key: str) -> str:
    """The TXT record to publish, in zone-file form."""
    return f'{selector}._domainkey.{domain}. IN TXT "v=DKIM1; k=rsa; p={public_key}"'


def public_key_of(private_key_pem: str) -> str:
    """The ``p=`` value for a stored private key."""
    key = serialization.load_pem_private_key(private_key_pem.encode("ascii"), password=None)
    der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(der).decode("ascii")
