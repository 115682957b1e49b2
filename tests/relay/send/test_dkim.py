"""DKIM signing: OpenSSL does the RSA step, byte for byte what dkimpy's own arithmetic gives."""

from __future__ import annotations

import hashlib
import random

import dkim
import pytest
from dkim import canonicalization

from relay.send import dkim as dkim_sign
from relay.send.dkim import SigningFailed, new_key, sign

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


def test_the_whitespace_short_cuts_equal_dkimpys_canonicalization() -> None:
    """Relaxed canonicalization skips dkimpy's expressions only where they change nothing."""
    rng = random.Random(5)
    pieces = [b"a", b"b", b" ", b"  ", b"\t", b"\r\n", b" \r\n", b"\t\r\n", b".", b"\r", b"\n"]
    samples = [b"", b" ", b"\t", b"a b\r\n", b"a  b\r\n", b"a\tb\r\n", b"a \r\n", b"a\t\r\n"]
    samples += [b"".join(rng.choices(pieces, k=rng.randint(1, 40))) for _ in range(3000)]
    for content in samples:
        assert dkim_sign._compressed(content) == dkim_sign._compress_whitespace(content), content
        assert dkim_sign._stripped(content) == dkim_sign._strip_trailing_whitespace(content), (
            content
        )


def test_signatures_are_those_of_dkimpys_own_canonicalization(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pem, _ = new_key()
    # b= signs the t= tag too: both signatures are made in the same second, or they differ
    monkeypatch.setattr(dkim.time, "time", lambda: 1_764_892_800.0)
    bodies = [b"one space each\r\n", b"two  spaces\r\n", b"tab\there\r\n", b"end space \r\n"]
    for body in bodies:
        message = MESSAGE.replace(b"Hi there.\r\n", body)
        ours = sign(message, domain="acme.example", selector="sel", private_key_pem=pem)
        with monkeypatch.context() as m:
            m.setattr(canonicalization, "compress_whitespace", dkim_sign._compress_whitespace)
            m.setattr(
                canonicalization, "strip_trailing_whitespace", dkim_sign._strip_trailing_whitespace
            )
            theirs = sign(message, domain="acme.example", selector="sel", private_key_pem=pem)
        # The same key, canonical form and time: the same bh= and b=.
        assert _tags(ours) == _tags(theirs)


def _tags(signed: bytes) -> dict[bytes, bytes]:
    header = signed.split(b"\r\n\r\n")[0].split(b"\r\nFrom:")[0]
    value = b"".join(header.split(b":", 1)[1].split())
    tags = dict(tag.split(b"=", 1) for tag in value.split(b";") if tag)
    tags.pop(b"t", None)
    return tags
