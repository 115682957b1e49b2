"""DKIM: signing with a sending domain's key, and making a key with its DNS record."""

from __future__ import annotations

import base64
import functools
from typing import Any

import dkim
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa, utils
from dkim import canonicalization

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
_SIGNED = frozenset(SIGNED_HEADERS)
_LOGGER = dkim.get_default_logger()


@functools.lru_cache(maxsize=256)
def _rsa_key(modulus: int, e: int, d: int, p: int, q: int, dp: int, dq: int, qi: int) -> Any:
    public = rsa.RSAPublicNumbers(e, modulus)
    return rsa.RSAPrivateNumbers(p, q, d, dp, dq, qi, public).private_key()


def _rsa_sign(digest: Any, private_key: dict[str, int]) -> bytes:
    """RSASSA-PKCS1-v1_5 over dkimpy's hash object, by OpenSSL (through ``cryptography``).

    dkimpy does the RSA arithmetic in pure Python, about 8 ms a signature; OpenSSL takes
    0.4 ms. PKCS#1 v1.5 signatures are deterministic, so the bytes are the same as dkimpy's own
    (tests/relay/send/test_dkim.py compares them); dkimpy still does parsing, canonicalization and
    the header.
    """
    if str(digest.name).lower() != "sha256":  # we sign rsa-sha256 only; anything else as before
        return bytes(_pure_python_rsa_sign(digest, private_key))
    k = private_key
    key = _rsa_key(
        k["modulus"], k["publicExponent"], k["privateExponent"], k["prime1"], k["prime2"],
        k["exponent1"], k["exponent2"], k["coefficient"],
    )  # fmt: skip
    prehashed = utils.Prehashed(hashes.SHA256())
    return bytes(key.sign(digest.digest(), padding.PKCS1v15(), prehashed))


# dkimpy looks the signing function up in its module at each signature.
_pure_python_rsa_sign = dkim.RSASSA_PKCS1_v1_5_sign
dkim.RSASSA_PKCS1_v1_5_sign = _rsa_sign

_parse_pem_private_key = functools.lru_cache(maxsize=256)(dkim.parse_pem_private_key)


def _parsed_key(data: bytes) -> dict[str, int]:
    """dkimpy's key parser, once per key: its pure-Python ASN.1 reading took as long as the
    signature itself. A copy each time, so nothing dkimpy does to it reaches the cache."""
    return dict(_parse_pem_private_key(data))


# Looked up in dkimpy's module at each signature, like the signing function.
dkim.parse_pem_private_key = _parsed_key

_compress_whitespace = canonicalization.compress_whitespace
_strip_trailing_whitespace = canonicalization.strip_trailing_whitespace


def _compressed(content: bytes) -> bytes:
    """dkimpy's relaxed whitespace compression, skipped where it would change nothing: with no
    tab and no two spaces in a row every run of whitespace is one space already. (The regular
    expression costs a match per space, most of the CPU of canonicalizing a body.)"""
    if b"\t" not in content and b"  " not in content:
        return content
    return bytes(_compress_whitespace(content))


def _stripped(content: bytes) -> bytes:
    """dkimpy's removal of whitespace at line ends, skipped where there is none."""
    if b" \r\n" not in content and b"\t\r\n" not in content:
        return content
    return bytes(_strip_trailing_whitespace(content))


# Looked up in dkimpy's canonicalization module at each use.
canonicalization.compress_whitespace = _compressed
canonicalization.strip_trailing_whitespace = _stripped


_unfold_header_value = canonicalization.unfold_header_value


def _unfolded(content: bytes) -> bytes:
    """dkimpy's unfolding (every LF removed with the CR just before it, if any), without a
    regular expression: removing each CRLF, then each LF left, removes the same characters."""
    return content.replace(b"\r\n", b"").replace(b"\n", b"")


canonicalization.unfold_header_value = _unfolded


def _split(message: bytes) -> tuple[list[list[bytes]], bytes]:
    """dkimpy's ``rfc822_parse`` of ``message``, splitting only its header lines.

    dkimpy splits the whole message into lines at CRLF or LF and joins the body's lines again
    with CRLF: for a message with CRLF line ends only (the relay refuses bare LF at DATA) that
    body is the bytes after the first empty line, unchanged. The header part still goes through
    dkimpy's parser, so fields (and malformed lines' errors) come out as before; any other
    message (a bare LF, no empty line, an empty first line) goes to dkimpy whole.
    """
    end = message.find(b"\r\n\r\n")
    if end < 0 or message.startswith(b"\r\n") or message.count(b"\n") != message.count(b"\r\n"):
        return dkim.rfc822_parse(message)  # type: ignore[no-any-return]
    headers, _ = dkim.rfc822_parse(message[: end + 2])
    return headers, message[end + 4 :]


class SigningFailed(Exception):
    """The stored key cannot sign; the message is deferred rather than sent unsigned."""


def sign(message: bytes, *, domain: str, selector: str, private_key_pem: str) -> bytes:
    """``message`` with a DKIM-Signature header prepended (relaxed/relaxed, rsa-sha256)."""
    try:
        # dkim.sign(message, ...) but with the message split by _split, and only the fields
        # it signs handed on: dkimpy canonicalizes every field before it picks those to hash.
        signer = dkim.DKIM(None, logger=_LOGGER)
        headers, signer.body = _split(message)
        signer.headers = [field for field in headers if field[0].lower() in _SIGNED]
        header = signer.sign(
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
