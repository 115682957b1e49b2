"""DATA reads the header fields from the header block alone: the same fields as the whole
message gives the email parser, on edge cases and on every real sample of the corpus."""

from __future__ import annotations

import os
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

import pytest

from relay.send.submission import header_block

EDGE_CASES = {
    "plain": b"From: a@acme.example\r\nSubject: hi\r\n\r\nbody\r\nFrom: b@evil.example\r\n",
    "folded-from": b"From: Ann\r\n <a@acme.example>,\r\n\tb@acme.example\r\n\r\nx\r\n",
    "no-body": b"From: a@acme.example\r\nMessage-ID: <1@acme.example>\r\n",
    "no-separator-then-body-line": b"From: a@acme.example\r\nnot a header\r\nX-A: 1\r\n\r\n",
    "starts-empty": b"\r\nFrom: b@evil.example\r\n\r\nFrom: c@evil.example\r\n\r\n",
    "continuation-after-empty": b"From: a@acme.example\r\n\r\n folded? no, body\r\n\r\n",
    "from-space-line": b"From someone Sat Dec  5\r\nFrom: a@acme.example\r\n\r\nX: y\r\n",
    "non-ascii": "From: Zoë <z@acme.example>\r\nSubject: é\r\n\r\nbody é\r\n".encode(),
    "empty": b"",
}


def _fields(data: bytes) -> list[tuple[str, str]]:
    return [(k, str(v)) for k, v in BytesHeaderParser(policy=compat32).parsebytes(data).items()]


@pytest.mark.parametrize("data", list(EDGE_CASES.values()), ids=list(EDGE_CASES))
def test_the_header_block_gives_the_whole_messages_fields(data: bytes) -> None:
    assert _fields(header_block(data)) == _fields(data)


def test_the_body_is_left_out() -> None:
    data = EDGE_CASES["plain"]
    assert header_block(data) == b"From: a@acme.example\r\nSubject: hi\r\n\r\n"


def _corpus() -> list[Path]:
    root = Path(os.environ.get("BOUNCE_CORPUS") or Path(__file__).parents[4] / "shared/corpus")
    return sorted(root.rglob("*.eml")) if root.is_dir() else []


@pytest.mark.skipif(not _corpus(), reason="the corpus (../shared/corpus) is not here")
def test_every_corpus_sample_gives_the_same_fields() -> None:
    for path in _corpus():
        data = path.read_bytes()
        crlf = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # as DATA takes it
        for sample in (data, crlf):
            assert _fields(header_block(sample)) == _fields(sample), path.name
