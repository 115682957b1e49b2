"""A real verifier accepts the relay's signatures: OpenDKIM 2.11 (Debian's opendkim) as a milter
behind a receiving Postfix, our public key given to it in a file (the greylist bed's OpenDkim),
``On-BadSignature reject``: a signed message is taken, the same one changed after signing is
refused, so the acceptance is OpenDKIM's verdict and not a key it could not find."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest

from relay.send.dkim import new_key, sign
from tests.support import postfix
from tests.support.process import free_port
from tests.support.receivers_bed import SENDER_DOMAIN
from tests.support.receivers_bed_greylist import DKIM_SELECTOR, OPENDKIM, OpenDkim

pytestmark = pytest.mark.skipif(
    not (postfix.available() and OPENDKIM.exists()), reason="needs Debian's postfix and opendkim"
)

PEM, PUBLIC = new_key()
# Postfix's cleanup adds Date and Message-ID where missing; we sign both names, so a message
# without them would fail after any Postfix, whoever signed it
DATED = b"Date: Sun, 6 Dec 2026 20:40:00 +0000\r\nMessage-ID: <2@x>\r\n"
MESSAGES = {
    "plain": b"From: News <news@%s>\r\nTo: fine@rx.test\r\nSubject: Hello\r\n"
    b"Date: Sun, 6 Dec 2026 20:40:00 +0000\r\nMessage-ID: <1@x>\r\n\r\nHi there.\r\n",
    "folded, whitespace": b"Received: from a\r\n\tby b; Sun, 6 Dec 2026 20:40:00 +0000\r\n"
    b"From:\tNews\r\n  <news@%s>\r\nTO: fine@rx.test \r\nsubject:  two  spaces\t\r\n"
    b"X-Mailer: x\r\n" + DATED + b"\r\ntrailing \t\r\n  indented\ttab\r\n\r\n\r\n",
    "multipart": b"From: news@%s\r\nTo: fine@rx.test\r\nMIME-Version: 1.0\r\n"
    + DATED
    + b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n'
    b"\r\ntext\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    + b"QUJD" * 19
    + b"\r\n--b--\r\n",
}


@pytest.fixture(scope="module")
def receiver() -> Iterator[int]:
    milter = OpenDkim("opendkim", free_port(), public_key=PUBLIC)
    rx = postfix.Postfix(
        free_port(),
        root=Path("/var/tmp") / f"pf-rx-dkim-{free_port()}",
        main={
            "myhostname": "rx.test",
            "mydestination": "rx.test",
            "mynetworks": "192.0.2.1/32",  # 127.0.0.1 is outside: OpenDKIM verifies
            "local_recipient_maps": "",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "reject_unauth_destination",
            "smtpd_milters": f"inet:127.0.0.1:{milter.port}",
            "milter_default_action": "tempfail",
        },
    )
    rx.root.mkdir()
    try:
        milter.start()
        rx.start()
        yield rx.smtpd_port
    finally:
        rx.stop()
        milter.stop()


def _send(port: int, raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        client.sendmail(f"news@{SENDER_DOMAIN}", ["fine@rx.test"], raw)


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_opendkim_takes_a_signed_message_and_refuses_it_changed(receiver: int, name: str) -> None:
    message = MESSAGES[name].replace(b"%s", SENDER_DOMAIN.encode("ascii"))
    signed = sign(message, domain=SENDER_DOMAIN, selector=DKIM_SELECTOR, private_key_pem=PEM)
    _send(receiver, signed)  # no exception: 250
    changed = signed.replace(b"\r\n\r\n", b"\r\n\r\nchanged\r\n", 1)
    with pytest.raises(smtplib.SMTPDataError) as refused:
        _send(receiver, changed)
    assert refused.value.smtp_code == 550
