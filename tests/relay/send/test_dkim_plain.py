"""relay.send.dkim.sign's header is plain dkimpy's, byte for byte, over generated messages.

"Plain" is dkimpy with every one of relay.send.dkim's changes undone: its own RSA arithmetic,
its key parser, its whitespace expressions and its unfolding, given the whole message.
"""

from __future__ import annotations

import re

import dkim
import pytest
from dkim import canonicalization
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relay.send import dkim as dkim_sign
from relay.send.dkim import SIGNED_HEADERS, new_key, sign

PEM, PUBLIC = new_key()
NOW = 1_764_892_800.0
QUIET = settings(
    database=None,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# One From field a message (RFC 5322 §3.6): dkimpy's verifier, seeing h= name From, also
# hashes a second From field, so a message with two fails to verify whoever signed it.
NAMES = [
    *(name.decode("ascii") for name in SIGNED_HEADERS if name != b"from"),
    "Subject", "TO", "Received", "X-Mailer", "List-Unsubscribe-Post", "DKIM-Signature",
]  # fmt: skip
TEXT = st.text(alphabet=st.sampled_from("ab<>@.=;:\"' \t"), max_size=20)
FOLD = st.sampled_from(["\r\n ", "\r\n\t", "\r\n  \t"])


@st.composite
def header(draw: st.DrawFn, names: list[str] = NAMES) -> bytes:
    name = draw(st.sampled_from(names))
    pieces = draw(st.lists(TEXT, min_size=1, max_size=4))
    folds = [draw(FOLD) for _ in pieces[1:]]
    value = pieces[0] + "".join(f + p for f, p in zip(folds, pieces[1:], strict=True))
    gap = draw(st.sampled_from([" ", "", "\t", "  "]))
    return f"{name}:{gap}{value}\r\n".encode("ascii")


BODY_LINE = st.text(alphabet=st.sampled_from("ab. \t=\r"), max_size=30)


@st.composite
def message(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(header(), max_size=8))
    headers.insert(draw(st.integers(0, len(headers))), draw(header(["From", "FROM", "from"])))
    head = b"".join(headers)
    lines = draw(st.lists(BODY_LINE, max_size=8))
    body = "".join(line + "\r\n" for line in lines).encode("ascii")
    body += draw(st.sampled_from([b"", b"\r\n", b"\r\n\r\n", b"no final line end"]))
    return head + b"\r\n" + body


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both signatures made in the same second: b= signs the t= tag."""
    monkeypatch.setattr(dkim.time, "time", lambda: NOW)


def _plain_sign(message: bytes, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """dkimpy's header for ``message`` with relay.send.dkim's patches undone."""
    with monkeypatch.context() as m:
        m.setattr(dkim, "RSASSA_PKCS1_v1_5_sign", dkim_sign._pure_python_rsa_sign)
        m.setattr(dkim, "parse_pem_private_key", dkim_sign._parse_pem_private_key.__wrapped__)
        m.setattr(canonicalization, "compress_whitespace", dkim_sign._compress_whitespace)
        m.setattr(
            canonicalization, "strip_trailing_whitespace", dkim_sign._strip_trailing_whitespace
        )
        m.setattr(canonicalization, "unfold_header_value", dkim_sign._unfold_header_value)
        header = dkim.sign(
            message, b"sel", b"acme.example", PEM.encode("ascii"),
            canonicalize=(b"relaxed", b"relaxed"), include_headers=list(SIGNED_HEADERS),
        )  # fmt: skip
        assert dkim.verify(header + message, dnsfunc=_dns)
    return bytes(header)


def _dns(name: bytes, timeout: int = 5) -> bytes:
    assert name == b"sel._domainkey.acme.example."
    return f"v=DKIM1; k=rsa; p={PUBLIC}".encode()


def _ours(message: bytes) -> bytes:
    signed = sign(message, domain="acme.example", selector="sel", private_key_pem=PEM)
    assert signed.endswith(message)
    return signed[: len(signed) - len(message)]


@settings(QUIET, max_examples=150)
@given(message())
def test_the_signature_header_is_plain_dkimpys(
    fixed_time: None, monkeypatch: pytest.MonkeyPatch, message: bytes
) -> None:
    ours = _ours(message)
    assert ours == _plain_sign(message, monkeypatch)
    assert dkim.verify(ours + message, dnsfunc=_dns)


@pytest.mark.parametrize(
    "message",
    [
        b"From: a@acme.example\r\n\r\n",  # an empty body
        b"From: a@acme.example\r\n",  # no empty line: no body
        b"From: a@acme.example",
        b"\r\nFrom: a@acme.example\r\n\r\nbody\r\n",  # an empty line first: all body
        b"From: a@acme.example\nSubject: bare LF\n\nbody\nline\r\n",  # bare LFs: dkimpy's CRLF
        b"From: a@acme.example\r\nSubject: x\r\n\r\nbody\nbare LF in the body\r\n",
        b"From: a@acme.example\r\nSubject: x\r\n\r\n\r\n\r\n",  # only empty lines
        b"From: a\r\n \r\n\t folded\r\nTo: b\r\n\r\n \t\r\n  x  \t\r\n\r\n",
        b"From: a\r\nSubject: lone\rCR\r\n\r\nlone\rCR \r\n",
    ],
)
def test_edge_messages_sign_as_plain_dkimpy(
    fixed_time: None, monkeypatch: pytest.MonkeyPatch, message: bytes
) -> None:
    ours = _ours(message)
    assert ours == _plain_sign(message, monkeypatch)
    assert dkim.verify(ours + message, dnsfunc=_dns)


RAW = st.binary().map(lambda b: re.sub(rb"[^\r\n \t:aF]", b"a", b))


@settings(QUIET, max_examples=2000)
@given(st.lists(st.sampled_from([b"\r\n", b"\n", b"\r", b" ", b"\t", b":", b"a", b"From "]))
       .map(b"".join) | RAW)  # fmt: skip
def test_split_is_dkimpys_rfc822_parse(raw: bytes) -> None:
    """Fields and body as dkimpy's parser gives them, or the same error."""
    try:
        expected: object = dkim.rfc822_parse(raw)
    except (dkim.MessageFormatError, IndexError) as exc:  # IndexError: a continuation first
        expected = (type(exc), str(exc))
    try:
        got: object = dkim_sign._split(raw)
    except (dkim.MessageFormatError, IndexError) as exc:
        got = (type(exc), str(exc))
    assert got == expected


@settings(QUIET, max_examples=2000)
@given(st.lists(st.sampled_from([b"\r\n", b"\n", b"\r", b" ", b"a"])).map(b"".join))
def test_unfolding_is_dkimpys(content: bytes) -> None:
    assert dkim_sign._unfolded(content) == dkim_sign._unfold_header_value(content)
