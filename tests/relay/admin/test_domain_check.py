"""``relay domains check`` against a real authoritative DNS server on 127.0.0.1: the four checks
one by one, SPF evaluated for the relay's outbound addresses, and the command as a process."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import dns.asyncresolver
import dns.nameserver
import pytest
from sqlalchemy import select

from config import async_database_url, load_settings
from relay.admin.domain_check import NOT_VERIFIED, Check, DomainReport, check_domain, resolver_for
from relay.send.dkim import new_key
from storage import admin
from storage.accounts import account_by_name, add_account, add_domain
from storage.engine import Store, open_store, utcnow
from storage.models import DomainCheck, Role
from storage.schema import ensure_schema
from tests.support.cli import Done, invoke
from tests.support.dns_server import DnsServer
from tests.support.harness import write_config

DOMAIN = "acme.test"
SELECTOR = "s1"
OUTBOUND = "192.0.2.10"
PRIVATE, PUBLIC = new_key()
_, OTHER_PUBLIC = new_key()


def dkim_record(public_key: str) -> str:
    return f"v=DKIM1; k=rsa; p={public_key}"


def publish(server: DnsServer, public_key: str, domain: str = DOMAIN) -> None:
    """Every record a sending domain needs, published correctly."""
    server.add(domain, "MX", "10 mx.acme.test.")
    server.add("mx.acme.test", "A", "192.0.2.25")
    server.add(domain, "TXT", f"v=spf1 ip4:{OUTBOUND} -all", "google-site-verification=abc")
    server.add(f"{SELECTOR}._domainkey.{domain}", "TXT", dkim_record(public_key))
    server.add(f"_dmarc.{domain}", "TXT", "v=DMARC1; p=reject; rua=mailto:dmarc@acme.test")


def replace(server: DnsServer, name: str, rdtype: str, *values: str) -> None:
    server.remove(name, rdtype)
    server.add(name, rdtype, *values)


@pytest.fixture
async def dns_server() -> AsyncIterator[DnsServer]:
    server = DnsServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def resolver(dns_server: DnsServer) -> dns.asyncresolver.Resolver:
    resolver = resolver_for(load_settings(environ={}), dns_server.address)
    resolver.lifetime = 5.0
    return resolver


async def check(
    resolver: dns.asyncresolver.Resolver,
    *,
    outbound: tuple[str, ...] = (OUTBOUND,),
    private_key: str | None = PRIVATE,
) -> DomainReport:
    async with asyncio.timeout(30):
        return await check_domain(
            resolver,
            DOMAIN,
            dkim_selector=SELECTOR,
            dkim_private_key=private_key,
            outbound_addresses=outbound,
        )


def result_of(report: DomainReport, name: Check) -> tuple[bool, str | None, str]:
    (found,) = [c for c in report.checks if c.name is name]
    return found.passed, found.record, found.note


async def test_a_domain_published_correctly_passes_every_check(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver
) -> None:
    publish(dns_server, PUBLIC)
    report = await check(resolver)
    assert [(c.name, c.passed) for c in report.checks] == [
        (Check.MX, True),
        (Check.SPF, True),
        (Check.DKIM, True),
        (Check.DMARC, True),
    ]
    assert report.passed
    assert result_of(report, Check.MX)[1] == "10 mx.acme.test."
    assert result_of(report, Check.SPF)[1:] == (
        f"v=spf1 ip4:{OUTBOUND} -all",
        f"passes for {OUTBOUND}",
    )
    assert result_of(report, Check.DKIM)[1] == dkim_record(PUBLIC)
    assert result_of(report, Check.DMARC)[1:] == (
        "v=DMARC1; p=reject; rua=mailto:dmarc@acme.test",
        "policy reject",
    )


Breakage = Callable[[DnsServer], None]

BROKEN: list[tuple[str, Breakage, Check, str | None, str]] = [
    ("mx-missing", lambda s: s.remove(DOMAIN, "MX"), Check.MX, None, "has no MX record"),
    ("mx-null", lambda s: replace(s, DOMAIN, "MX", "0 ."), Check.MX, "0 .", "null MX"),
    (
        "spf-missing",
        lambda s: replace(s, DOMAIN, "TXT", "google-site-verification=abc"),
        Check.SPF,
        None,
        "no SPF record",
    ),
    (
        "spf-two-records",
        lambda s: s.add(DOMAIN, "TXT", "v=spf1 -all"),
        Check.SPF,
        f"v=spf1 -all | v=spf1 ip4:{OUTBOUND} -all",
        "2 SPF records: there must be exactly one",
    ),
    (
        "spf-syntax",
        lambda s: replace(s, DOMAIN, "TXT", "v=spf1 ip4:192.0.2.300 -all"),
        Check.SPF,
        "v=spf1 ip4:192.0.2.300 -all",
        "Invalid IP4 address",
    ),
    (
        "spf-unknown-mechanism",
        lambda s: replace(s, DOMAIN, "TXT", f"v=spf1 ip4:{OUTBOUND} allow -all"),
        Check.SPF,
        f"v=spf1 ip4:{OUTBOUND} allow -all",
        "Unknown mechanism",
    ),
    (
        "dkim-missing",
        lambda s: s.remove(f"{SELECTOR}._domainkey.{DOMAIN}"),
        Check.DKIM,
        None,
        "no DKIM record (TXT) at s1._domainkey.acme.test",
    ),
    (
        "dkim-revoked",
        lambda s: replace(s, f"{SELECTOR}._domainkey.{DOMAIN}", "TXT", "v=DKIM1; k=rsa; p="),
        Check.DKIM,
        "v=DKIM1; k=rsa; p=",
        "revoked",
    ),
    (
        "dkim-other-key",
        lambda s: replace(s, f"{SELECTOR}._domainkey.{DOMAIN}", "TXT", dkim_record(OTHER_PUBLIC)),
        Check.DKIM,
        dkim_record(OTHER_PUBLIC),
        "p= is not the public key of the stored private key",
    ),
    ("dmarc-missing", lambda s: s.remove(f"_dmarc.{DOMAIN}"), Check.DMARC, None, "no DMARC"),
    (
        "dmarc-bad-policy",
        lambda s: replace(s, f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; p=monitor"),
        Check.DMARC,
        "v=DMARC1; p=monitor",
        "p=monitor: the policy must be none, quarantine or reject",
    ),
    (
        "dmarc-no-policy",
        lambda s: replace(s, f"_dmarc.{DOMAIN}", "TXT", "v=DMARC1; rua=mailto:d@acme.test"),
        Check.DMARC,
        "v=DMARC1; rua=mailto:d@acme.test",
        "no p= policy tag",
    ),
    (
        "dmarc-servfail",
        lambda s: s.fail(f"_dmarc.{DOMAIN}"),
        Check.DMARC,
        None,
        "DNS lookup of _dmarc.acme.test TXT failed",
    ),
]


@pytest.mark.parametrize(
    ("breakage", "broken", "record", "note"),
    [pytest.param(*case[1:], id=case[0]) for case in BROKEN],
)
async def test_a_missing_or_wrong_record_fails_its_check_alone(
    dns_server: DnsServer,
    resolver: dns.asyncresolver.Resolver,
    breakage: Breakage,
    broken: Check,
    record: str | None,
    note: str,
) -> None:
    publish(dns_server, PUBLIC)
    breakage(dns_server)
    report = await check(resolver)
    assert not report.passed
    assert [c.name for c in report.failed] == [broken]
    _, found, why = result_of(report, broken)
    assert found == record
    assert note in why


async def test_spf_without_the_outbound_address_fails(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver
) -> None:
    publish(dns_server, PUBLIC)
    replace(dns_server, DOMAIN, "TXT", "v=spf1 ip4:198.51.100.0/24 ~all")
    report = await check(resolver, outbound=(OUTBOUND, "198.51.100.7"))
    passed, record, note = result_of(report, Check.SPF)
    assert not passed
    assert record == "v=spf1 ip4:198.51.100.0/24 ~all"
    assert note == f"does not authorize {OUTBOUND} (softfail)"


SPF_PASSING = {
    "include-chain": [
        (DOMAIN, "v=spf1 include:_spf.acme.test -all"),
        ("_spf.acme.test", "v=spf1 include:_out.relay.test ~all"),
        ("_out.relay.test", "v=spf1 ip4:192.0.2.0/28 ip6:2001:db8::/64 -all"),
    ],
    "redirect": [
        (DOMAIN, "v=spf1 redirect=_spf.relay.test"),
        ("_spf.relay.test", "v=spf1 ip4:192.0.2.10 ip6:2001:db8::10 -all"),
    ],
    "a-and-mx": [(DOMAIN, "v=spf1 a:out.relay.test mx -all")],
}


@pytest.mark.parametrize("records", SPF_PASSING.values(), ids=SPF_PASSING.keys())
async def test_spf_passes_for_every_outbound_address_through_its_mechanisms(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver, records: list[tuple[str, str]]
) -> None:
    publish(dns_server, PUBLIC)
    dns_server.add("out.relay.test", "A", OUTBOUND)
    dns_server.add("mx.acme.test", "AAAA", "2001:db8::10")
    for name, text in records:
        replace(dns_server, name, "TXT", text)
    report = await check(resolver, outbound=(OUTBOUND, "2001:db8::10"))
    assert result_of(report, Check.SPF) == (
        True,
        records[0][1],
        f"passes for {OUTBOUND}, 2001:db8::10",
    )
    for name, _ in records:  # the evaluation asked the test server, not the system's
        assert "TXT" in dns_server.asked(name)


@pytest.mark.parametrize(("includes", "passes"), [(10, True), (11, False)])
async def test_spf_fails_past_ten_dns_lookups(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver, includes: int, passes: bool
) -> None:
    publish(dns_server, PUBLIC)
    names = [f"n{n}.relay.test" for n in range(includes)]
    for name in names:
        dns_server.add(name, "TXT", "v=spf1 ip4:203.0.113.1 -all")
    record = "v=spf1 " + " ".join(f"include:{n}" for n in names) + f" ip4:{OUTBOUND} -all"
    replace(dns_server, DOMAIN, "TXT", record)
    passed, found, note = result_of(await check(resolver), Check.SPF)
    assert (passed, found) == (passes, record)
    assert ("Too many DNS lookups" in note) is not passes


async def test_spf_temperror_when_an_include_does_not_answer(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver
) -> None:
    publish(dns_server, PUBLIC)
    replace(dns_server, DOMAIN, "TXT", f"v=spf1 include:_spf.relay.test ip4:{OUTBOUND} -all")
    dns_server.fail("_spf.relay.test")
    passed, _, note = result_of(await check(resolver), Check.SPF)
    assert not passed
    assert "Temporary Error" in note


async def test_without_outbound_addresses_a_valid_spf_record_passes_with_a_note(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver
) -> None:
    publish(dns_server, PUBLIC)
    replace(dns_server, DOMAIN, "TXT", "v=spf1 ip4:198.51.100.0/24 -all")
    assert result_of(await check(resolver, outbound=()), Check.SPF)[::2] == (True, NOT_VERIFIED)
    replace(dns_server, DOMAIN, "TXT", "v=spf1 ip4:198.51.100.0/33 -all")
    assert not result_of(await check(resolver, outbound=()), Check.SPF)[0]


async def test_a_domain_without_a_stored_key_fails_dkim(
    dns_server: DnsServer, resolver: dns.asyncresolver.Resolver
) -> None:
    publish(dns_server, PUBLIC)
    passed, record, note = result_of(await check(resolver, private_key=None), Check.DKIM)
    assert (passed, record) == (False, None)
    assert note.startswith("no DKIM key stored for acme.test")


# The command as operators run it: a real process, the same store, the test DNS server.


@pytest.fixture
def config(tmp_path: Path) -> Path:
    delivery = {"outbound_addresses": [OUTBOUND], "connect_timeout": 5.0}
    return write_config(tmp_path / "relay.toml", {"delivery": delivery}, {})


async def relay(database_url: str, config: Path, *args: str) -> Done:
    env = {
        "RELAY_DATABASE_URL": database_url,
        "RELAY_DATA_DIR": str(config.parent / "var"),
    }
    # In a thread: the DNS server answers on this event loop while the command runs.
    return await asyncio.to_thread(invoke, ("--config", str(config), *args), env=env)


@pytest.fixture
async def acme(database_url: str, dns_server: DnsServer) -> str:
    """The acme account with acme.test and its DKIM key, every record published; ann, an
    operator, and olga of another account. Returns the published DKIM record."""
    store = open_store(async_database_url(database_url))
    try:
        await ensure_schema(store)
        async with store.transaction() as session:
            await add_account(session, "acme", [])
            await add_domain(session, "acme", DOMAIN, selector=SELECTOR, private_key=PRIVATE)
            await add_account(session, "other", ["other.test"])
            await admin.add_user(session, "ann", Role.OPERATOR, None, now=utcnow())
            await admin.add_user(session, "olga", Role.SUPER_ADMIN, "other", now=utcnow())
    finally:
        await store.close()
    publish(dns_server, PUBLIC)
    return dkim_record(PUBLIC)


async def stored(database_url: str) -> tuple[list[str], list[DomainCheck], list[admin.AuditRow]]:
    """(authenticated domains of acme, stored checks, audit entries)."""
    store: Store = open_store(async_database_url(database_url))
    try:
        async with store.reading() as session:
            account = await account_by_name(session, "acme")
            since = utcnow() - dt.timedelta(days=1)
            domains = await admin.authenticated_domains(session, account.id, newer_than=since)
            checks = list(await session.scalars(select(DomainCheck).order_by(DomainCheck.id)))
            audit = await admin.audit_log(session, account_id=None, since=None)
        return domains, checks, audit
    finally:
        await store.close()


async def test_the_command_passes_stores_the_result_and_authenticates_the_domain(
    database_url: str, config: Path, dns_server: DnsServer, acme: str
) -> None:
    renewed = await relay(
        database_url, config, "domains", "add", DOMAIN, "--account", "acme",
        "--dkim-selector", SELECTOR, "--as", "ann",
    )  # fmt: skip
    assert renewed.returncode == 0, renewed.stderr
    (line,) = [ln for ln in renewed.stdout.splitlines() if "._domainkey." in ln]
    record = line.split('"')[1]  # what the operator is told to publish
    assert record != acme
    replace(dns_server, f"{SELECTOR}._domainkey.{DOMAIN}", "TXT", record)
    done = await relay(
        database_url, config, "domains", "check", DOMAIN, "--dns-server", dns_server.address
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for name in ("MX", "SPF", "DKIM", "DMARC"):
        (row,) = [ln for ln in lines if ln.startswith(f"{name}\t")]
        assert "passed" in row
        assert "failed" not in row
    assert any("v=spf1 ip4:192.0.2.10 -all" in ln for ln in lines)
    assert lines[-1] == "acme.test: all 4 checks passed"
    domains, checks, audit = await stored(database_url)
    assert domains == [DOMAIN]
    assert [c.passed for c in checks] == [True]
    detail = json.loads(checks[0].detail)
    assert [(d["check"], d["passed"]) for d in detail] == [
        ("MX", True),
        ("SPF", True),
        ("DKIM", True),
        ("DMARC", True),
    ]
    assert detail[2]["record"] == record
    (entry,) = [a for a in audit if a.action == "domain_check"]
    assert entry.subject == DOMAIN
    assert entry.actor.startswith("cli")  # no --as: the login, as for the other commands


async def test_the_command_fails_with_one_line_and_the_domain_stops_counting(
    database_url: str, config: Path, dns_server: DnsServer, acme: str
) -> None:
    args = ("domains", "check", DOMAIN, "--dns-server", dns_server.address)
    assert (await relay(database_url, config, *args)).returncode == 0
    replace(dns_server, f"{SELECTOR}._domainkey.{DOMAIN}", "TXT", dkim_record(OTHER_PUBLIC))
    dns_server.remove(f"_dmarc.{DOMAIN}")
    done = await relay(database_url, config, *args)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "relay: error: acme.test: 2 of 4 checks failed: DKIM, DMARC"
    ]
    (dkim,) = [ln for ln in done.stdout.splitlines() if ln.startswith("DKIM\t")]
    assert "failed" in dkim
    assert f"p={OTHER_PUBLIC[:12]}...{OTHER_PUBLIC[-8:]}" in dkim
    (dmarc,) = [ln for ln in done.stdout.splitlines() if ln.startswith("DMARC\t")]
    assert "(none)" in dmarc
    domains, checks, _ = await stored(database_url)
    assert domains == []  # the latest check failed
    assert [c.passed for c in checks] == [True, False]


async def test_the_command_as_json_with_the_acting_user(
    database_url: str, config: Path, dns_server: DnsServer, acme: str
) -> None:
    done = await relay(
        database_url, config, "domains", "check", DOMAIN,
        "--dns-server", dns_server.address, "--json", "--as", "ann",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["check"], r["result"]) for r in rows] == [
        ("MX", "passed"),
        ("SPF", "passed"),
        ("DKIM", "passed"),
        ("DMARC", "passed"),
    ]
    assert rows[2]["record"] == acme  # the whole record, for machines
    assert done.stderr.strip() == "acme.test: all 4 checks passed"
    _, _, audit = await stored(database_url)
    assert [(a.action, a.actor) for a in audit if a.action == "domain_check"] == [
        ("domain_check", "ann")
    ]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        pytest.param(("nowhere.test",), 1, "no sending domain nowhere.test", id="unknown-domain"),
        pytest.param((DOMAIN, "--dns-server", "ns.acme.test"), 2, "--dns-server", id="bad-server"),
        pytest.param((DOMAIN, "--as", "nobody"), 1, "no user named 'nobody'", id="unknown-user"),
        pytest.param(
            (DOMAIN, "--as", "olga"), 3, "olga does not belong to account acme", id="other-account"
        ),
    ],
)
async def test_the_command_refuses_what_it_cannot_check(
    database_url: str,
    config: Path,
    dns_server: DnsServer,
    acme: str,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    done = await relay(
        database_url, config, "domains", "check", "--dns-server", dns_server.address, *args
    )
    assert done.returncode == code
    assert message in done.stderr
    _, checks, _ = await stored(database_url)
    assert checks == []


@pytest.mark.parametrize(
    ("server", "expected"),
    [
        ("127.0.0.1:5300", ("127.0.0.1", 5300)),
        ("192.0.2.53", ("192.0.2.53", 53)),
        ("[2001:db8::53]:5300", ("2001:db8::53", 5300)),
        (None, ("192.0.2.1", 5353)),  # no option: the configured server
    ],
)
def test_the_dns_server_option_takes_ipv4_and_bracketed_ipv6(
    tmp_path: Path, server: str | None, expected: tuple[str, int]
) -> None:
    path = write_config(tmp_path / "r.toml", {"delivery": {"dns_servers": ["192.0.2.1:5353"]}}, {})
    (nameserver,) = resolver_for(load_settings(path, environ={}), server).nameservers
    assert isinstance(nameserver, dns.nameserver.Do53Nameserver)
    assert (nameserver.address, nameserver.port) == expected
