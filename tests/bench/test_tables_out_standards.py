"""Good addresses kept without their vendor's table, by readings from the standards (judge96, #14).

bench/score_tables_out.py found good addresses that the bare status suppressed once the
writer's own table was switched off: a server putting an addressing status on a failure that
is not the address's. Each case reads a stored notice with that table alone switched off; on
main before these rules every one of them was suppressed (the bare status's user_unknown,
suspend or not_accept).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.score_tables_out import STORED, failed, tables_off
from bounce_parser import Party, Reason

U, T, S = Party.UNDETERMINED, Party.TRANSIENT, Party.SENDER

# notice (under tests/bounce_parser), address, the table switched off, the rule that now
# reads it, reason, party
CASES = [
    # RFC 5321 4.2.1: the 503 reply names a command sequence, not a mailbox (kopano-dagent)
    (
        "composed/kopano-failed-to-add-user.eml",
        "c.christ@kopano-kunde.example",
        "groupware",
        "reply-against-status:503",
        Reason.UNDEFINED,
        U,
    ),
    (
        "composed/kopano-lookup-connection-error.eml",
        "a.arnold@kopano-kunde.example",
        "groupware",
        "reply-against-status:503",
        Reason.UNDEFINED,
        U,
    ),
    # ... and where the text names the system's failure, the text is read
    (
        "composed/kopano-internal-error-during-delivery.eml",
        "d.dietrich@kopano-kunde.example",
        "groupware",
        "en_generic:136",
        Reason.SYSTEM_ERROR,
        T,
    ),
    # "Service unavailable" (RFC 5321's 421/554 texts) under 5.2.1 and 5.3.2
    (
        "composed/eop-ipv6-not-accepted-5-2-1.eml",
        "x.xu@city-power-light.example",
        "exchange",
        "status-against-words:2.1",
        Reason.UNDEFINED,
        U,
    ),
    (
        "composed/postscreen-blacklisted-two.eml",
        "georg.haas@postscreen-kunde.example",
        "postfix",
        "status-against-words:3.2",
        Reason.UNDEFINED,
        U,
    ),
    # a rate under 5.2.1 (Gmail's "receiving email at a rate that prevents ...")
    (
        "composed/gmail-recipient-receiving-too-fast-5-2-1.eml",
        "emil.fink@gmail.com",
        "providers",
        "status-against-words:2.1",
        Reason.UNDEFINED,
        U,
    ),
    # "Administrative prohibition" under the 5.1.1 Sendmail gives a bare 550
    (
        "real_receivers_sendmail/exim_deny.eml",
        "fine@exim-policy.test",
        "providers",
        "status-against-words:1.1",
        Reason.UNDEFINED,
        U,
    ),
    # "no such domain" about the HELO name (Policyd v2's CheckHelo under Postfix's 5.7.1)
    (
        "composed/policyd-helo-no-such-domain-exim.eml",
        "k.nunes@cliente-policyd.example",
        "policy_daemons",
        "helo-name:host_unknown",
        Reason.BLOCKED,
        S,
    ),
    # a DNS server failure (RFC 1035 RCODE 2) in Haraka's final notice under 5.1.0
    (
        "composed/haraka-dns-servfail-until-expiry.eml",
        "ops@servfail-receiver.example",
        "haraka",
        "en_generic:142",
        Reason.NETWORK_ERROR,
        T,
    ),
]


@pytest.mark.parametrize(
    ("name", "address", "table", "rule", "reason", "party"),
    CASES,
    ids=[f"{case[2]}-out-{Path(case[0]).stem}" for case in CASES],
)
def test_a_good_address_is_kept_without_its_table(
    name: str, address: str, table: str, rule: str, reason: Reason, party: Party
) -> None:
    raw = (STORED / name).read_bytes()
    with tables_off(table):
        bounce = failed(raw)[address]
    assert (bounce.rule, bounce.reason, bounce.party) == (rule, reason, party)
    assert not bounce.suppresses
