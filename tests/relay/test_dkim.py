"""DKIM signing: OpenSSL does the RSA step, byte for byte what dkimpy's own arithmetic gives."""

from __future__ import annotations

import hashlib

import dkim
import pytest

from relay import dkim_sign
from relay.dkim_sign import SigningFailed, new_key, sign

MESSAGE = (
    b"From: News <news@acme.example>\r\nTo: bob@example.net\r\nSubject: Hello\r\n"
    b"Message-ID: <1@acme.example>\r\n\r\nHi there.\r\n"
)


@pytest.mark.parametrize("algorithm", ["sha256", "sha1"])
def test_the_openssl_signature_equals_dkimpys_own(algorithm: str) -> None:
    pem, _ = new_key()
    key = dkim.crypto.parse_pem_private_key(pem.encode("ascii"))
    digest = hashlib.new(algorithm, b"the canonical headers")
    ours = dkim_sign._rsa_sign(digest, key)
    theirs = dkim_sign._pure_python_rsa_sign(digest, key)
    assert ours == theirs
    assert len(ours) == 256


def test_a_signed_message_verifies_and_a_changed_one_does_not() -> None:
    pem, public = new_key()
    signed = sign(MESSAGE, domain="acme.example", selector="sel", private_key_pem=pem)

    def dns(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"sel._domainkey.acme.example."
        return f"v=DKIM1; k=rsa; p={public}".encode()

    assert signed.startswith(b"DKIM-Signature:")
    assert dkim.verify(signed, dnsfunc=dns)
    assert not dkim.verify(signed.replace(b"Hi there.", b"Hi therE."), dnsfunc=dns)


def test_a_broken_key_fails_to_sign() -> None:
    with pytest.raises(SigningFailed):
        sign(MESSAGE, domain="acme.example", selector="sel", private_key_pem="not a key")


def test_each_key_signs_with_itself_when_keys_alternate() -> None:
    """Parsed keys are cached by their PEM: two domains' keys must never be mixed up."""
    keys = [new_key(), new_key()]
    for _ in range(2):
        for n, (pem, public) in enumerate(keys):
            signed = sign(MESSAGE, domain="acme.example", selector=f"s{n}", private_key_pem=pem)

            def dns(name: bytes, timeout: int = 5, public: str = public, n: int = n) -> bytes:
                assert name == f"s{n}._domainkey.acme.example.".encode()
                return f"v=DKIM1; k=rsa; p={public}".encode()

            assert dkim.verify(signed, dnsfunc=dns)
