"""The general reading without a vendor's table (bench/score_tables_out.py, issue #14).

Each generic entry en_generic.toml gained from the leave-one-table-out measurement is checked on
a stored notice read with the table that judged it alone switched off: before the entry, the
notice's verdict fell to the bare status or reply code (no reason, nothing suppressed, or a
good address suppressed under a 5.2.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.score_tables_out import STORED, failed, tables_off
from bounce_parser import Party, Reason, parse
from bounce_parser import text_rules as rules

# notice (under tests/bounce_parser), address, the table switched off, whether it suppresses,
# the reason, and the generic entry that now reads it
CASES = [
    # Courier's local module: "550 User <%s> unknown" (providers.toml's fail2ban entry)
    (
        "real_receivers_sm_courier_exim/co_user_unknown.eml",
        "nosuchuser@courier-rx.test",
        "providers",
        True,
        Reason.USER_UNKNOWN,
        "en_generic:139",
    ),
    (
        "real_receivers_sm_courier_postfix/co_mixed.eml",
        "gone@courier-rx.test",
        "providers",
        True,
        Reason.USER_UNKNOWN,
        "en_generic:139",
    ),
    # DBMail-based hosts' "550 Local User [...] not found."
    (
        "composed/cn-address-not-exist-three.eml",
        "gao.yu@qiye-three.cn",
        "providers",
        True,
        Reason.USER_UNKNOWN,
        "en_generic:139",
    ),
    # AT&T's "Mailbox currently suspended"
    (
        "composed/att-bellsouth-suspended.eml",
        "wanda.price@bellsouth.net",
        "providers",
        True,
        Reason.SUSPEND,
        "en_generic:140",
    ),
    # hMailServer's "550 Account is not active." / "550 Alias is not active."
    (
        "composed/hmailserver-account-not-active.eml",
        "v.vogel@hmail-handwerk.example",
        "mail_stores",
        True,
        Reason.SUSPEND,
        "en_generic:140",
    ),
    (
        "composed/hmailserver-alias-not-active-sendmail.eml",
        "info@hmail-handwerk.example",
        "mail_stores",
        True,
        Reason.SUSPEND,
        "en_generic:140",
    ),
    # Exchange's "550 5.2.1 Content Filter agent quarantined this message": not the address's
    # fault, whatever the 5.2.1 says
    (
        "composed/exchange-onprem-content-filter-quarantined.eml",
        "j.jung@fabrikam-gmbh.example",
        "exchange",
        False,
        Reason.FILTERED,
        "en_generic:141",
    ),
    # Barracuda's "(<address>:quarantined)"
    (
        "composed/barracuda-quarantined.eml",
        "support@cuda-client.example",
        "providers",
        False,
        Reason.FILTERED,
        "en_generic:141",
    ),
]


@pytest.mark.parametrize(
    ("name", "address", "table", "suppresses", "reason", "rule"),
    CASES,
    ids=[f"{case[2]}-out-{Path(case[0]).stem}" for case in CASES],
)
def test_the_general_reading_judges_the_notice_without_its_table(
    name: str, address: str, table: str, suppresses: bool, reason: Reason, rule: str
) -> None:
    raw = (STORED / name).read_bytes()
    with tables_off(table):
        bounce = failed(raw)[address]
    assert bounce.rule == rule
    assert bounce.reason is reason
    assert bounce.suppresses is suppresses
    if not suppresses:
        assert bounce.party is Party.SENDER


def test_switching_a_table_off_is_undone_on_exit() -> None:
    raw = (STORED / "composed/att-bellsouth-suspended.eml").read_bytes()
    before = parse(raw)
    with tables_off("providers", "en_generic"):
        bare = failed(raw)["wanda.price@bellsouth.net"]
        assert not rules.match_flag("no_such_domain", "host or domain name not found")
    assert bare.reason is Reason.UNDEFINED
    assert not bare.suppresses
    assert parse(raw) == before
    assert rules.match_flag("no_such_domain", "host or domain name not found")
