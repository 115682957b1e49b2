"""Whether a sending domain is set up to send through the relay: MX, SPF, DKIM and DMARC, each
looked up through dnspython's async resolver and returned as a ``CheckResult``."""

from __future__ import annotations

import asyncio
import contextvars
import ipaddress
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import dns.asyncresolver
import dns.exception
import dns.name
import dns.resolver
import spf  # type: ignore[import-untyped]  # pyspf ships no type information

from config import Settings
from relay.send.dkim import public_key_of
from relay.send.transports.mx import make_resolver

# RFC 7208 §4.6.4: an SPF evaluation may take at most about 20 seconds of DNS in all.
SPF_QUERY_TIME = 20.0
# A documentation address (RFC 5737): evaluating for it shows whether the record is valid.
SPF_PROBE_ADDRESS = "192.0.2.1"
NOT_VERIFIED = "outbound addresses not configured: SPF not verified against them"
DMARC_POLICIES = frozenset({"none", "quarantine", "reject"})


class Check(StrEnum):
    MX = "MX"
    SPF = "SPF"
    DKIM = "DKIM"
    DMARC = "DMARC"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check: passed or not, the record found (None: none), and why."""

    name: Check
    passed: bool
    record: str | None
    note: str


@dataclass(frozen=True, slots=True)
class DomainReport:
    """Every check of one domain, in the order MX, SPF, DKIM, DMARC."""

    domain: str
    checks: tuple[CheckResult, ...]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.passed)


def resolver_for(settings: Settings, dns_server: str | None) -> dns.asyncresolver.Resolver:
    """``dns_server`` (ip, ip:port, [v6]:port) if given, else the configured DNS servers, else
    the system's; ValueError for a malformed server."""
    if dns_server is not None:
        delivery = settings.delivery.model_copy(update={"dns_servers": (dns_server,)})
        settings = settings.model_copy(update={"delivery": delivery})
    return make_resolver(settings)


async def check_domain(
    resolver: dns.asyncresolver.Resolver,
    domain: str,
    *,
    dkim_selector: str | None,
    dkim_private_key: str | None,
    outbound_addresses: Sequence[str],
) -> DomainReport:
    """Run the four checks of ``domain`` at once."""
    checks = await asyncio.gather(
        mx_check(resolver, domain),
        spf_check(resolver, domain, outbound_addresses),
        dkim_check(resolver, domain, dkim_selector, dkim_private_key),
        dmarc_check(resolver, domain),
    )
    return DomainReport(domain, tuple(checks))


@dataclass(frozen=True, slots=True)
class TxtLookup:
    """The TXT records at a name; ``error`` when DNS could not say whether there are any."""

    records: tuple[str, ...]
    error: str | None = None


async def txt_records(resolver: dns.asyncresolver.Resolver, name: str) -> TxtLookup:
    """The TXT records at ``name``, each one's strings joined (RFC 7208 §3.3, RFC 6376 §3.6.2.2)."""
    try:
        answer = await resolver.resolve(name, "TXT")
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        return TxtLookup(())
    except dns.exception.DNSException as exc:
        return TxtLookup((), f"DNS lookup of {name} TXT failed: {exc}")
    return TxtLookup(tuple(b"".join(r.strings).decode("utf-8", "replace") for r in answer))


async def mx_check(resolver: dns.asyncresolver.Resolver, domain: str) -> CheckResult:
    """The domain has at least one MX host; a null MX (RFC 7505) says it takes no mail."""
    try:
        answer = await resolver.resolve(domain, "MX")
    except dns.resolver.NXDOMAIN:
        return CheckResult(Check.MX, False, None, f"{domain} does not exist (NXDOMAIN)")
    except dns.resolver.NoAnswer:
        return CheckResult(Check.MX, False, None, f"{domain} has no MX record")
    except dns.exception.DNSException as exc:
        return CheckResult(Check.MX, False, None, f"DNS lookup of {domain} MX failed: {exc}")
    records = sorted(answer, key=lambda r: (r.preference, str(r.exchange)))
    shown = ", ".join(r.to_text() for r in records)
    if any(r.exchange == dns.name.root for r in records):
        return CheckResult(Check.MX, False, shown, "null MX (RFC 7505): the domain takes no mail")
    return CheckResult(Check.MX, True, shown, f"{len(records)} MX host(s)")


def is_spf(record: str) -> bool:
    """Whether a TXT record is an SPF record (RFC 7208 §4.5: ``v=spf1`` alone or then a space)."""
    return re.match(r"v=spf1( |$)", record, re.IGNORECASE) is not None


async def spf_check(
    resolver: dns.asyncresolver.Resolver, domain: str, outbound_addresses: Sequence[str]
) -> CheckResult:
    """Exactly one valid SPF record, and it passes for every outbound address of the relay."""
    found = await txt_records(resolver, domain)
    if found.error is not None:
        return CheckResult(Check.SPF, False, None, found.error)
    records = [r for r in found.records if is_spf(r)]
    if not records:
        return CheckResult(Check.SPF, False, None, f"no SPF record (TXT v=spf1) at {domain}")
    if len(records) > 1:
        note = f"{len(records)} SPF records: there must be exactly one (RFC 7208 §4.5)"
        return CheckResult(Check.SPF, False, " | ".join(sorted(records)), note)
    record = records[0]
    for address in outbound_addresses:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            note = f"outbound address {address!r} is not an IP address (delivery settings)"
            return CheckResult(Check.SPF, False, record, note)
    verdicts = [
        await evaluate_spf(resolver, domain, record, address)
        for address in outbound_addresses or (SPF_PROBE_ADDRESS,)
    ]
    broken = [v for v in verdicts if v.result in ("permerror", "temperror")]
    if broken:
        return CheckResult(Check.SPF, False, record, broken[0].explanation)
    if not outbound_addresses:
        return CheckResult(Check.SPF, True, record, NOT_VERIFIED)
    refused = [v for v in verdicts if v.result != "pass"]
    if refused:
        which = ", ".join(f"{v.address} ({v.result})" for v in refused)
        return CheckResult(Check.SPF, False, record, f"does not authorize {which}")
    return CheckResult(Check.SPF, True, record, f"passes for {', '.join(outbound_addresses)}")


@dataclass(frozen=True, slots=True)
class SpfVerdict:
    """pyspf's answer for one address: pass, fail, softfail, neutral, permerror, temperror."""

    address: str
    result: str
    explanation: str


@dataclass(frozen=True, slots=True)
class _Route:
    resolver: dns.asyncresolver.Resolver
    loop: asyncio.AbstractEventLoop


# pyspf asks DNS through its module-level ``DNSLookup`` (its own tests replace it the same way).
# The replacement sends each question to the resolver of the evaluation that asks: the context
# variable travels into the worker thread with ``asyncio.to_thread``.
_route: contextvars.ContextVar[_Route] = contextvars.ContextVar("spf_dns_route")
_library_lookup = spf.DNSLookup


async def evaluate_spf(
    resolver: dns.asyncresolver.Resolver, domain: str, record: str, address: str
) -> SpfVerdict:
    """Evaluate ``record`` for mail from ``address`` (RFC 7208 §4, 10-lookup limit included)."""
    token = _route.set(_Route(resolver, asyncio.get_running_loop()))
    try:
        result, _code, explanation = await asyncio.to_thread(_spf_query, domain, record, address)
    finally:
        _route.reset(token)
    return SpfVerdict(address, str(result), str(explanation))


def _spf_query(domain: str, record: str, address: str) -> tuple[str, int, str]:
    query = spf.query(i=address, s=f"postmaster@{domain}", h=domain, querytime=SPF_QUERY_TIME)
    verdict: tuple[str, int, str] = query.check(spf=record)
    return verdict


def _spf_dns_lookup(
    name: str, qtype: str, strict: object = True, timeout: float = SPF_QUERY_TIME
) -> list[tuple[tuple[str, str], Any]]:
    """pyspf's DNS lookup, answered by the event loop's resolver; results in pyspf's shapes."""
    route = _route.get(None)
    if route is None:  # an evaluation not started by evaluate_spf
        found: list[tuple[tuple[str, str], Any]] = _library_lookup(name, qtype, strict, timeout)
        return found
    future = asyncio.run_coroutine_threadsafe(_answers(route.resolver, name, qtype), route.loop)
    try:
        return future.result(timeout)
    except TimeoutError as exc:
        future.cancel()
        raise spf.TempError(f"DNS lookup of {name} {qtype} timed out") from exc


async def _answers(
    resolver: dns.asyncresolver.Resolver, name: str, qtype: str
) -> list[tuple[tuple[str, str], Any]]:
    try:
        answer = await resolver.resolve(dns.name.from_text(name), qtype)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.name.NameTooLong):
        return []
    except dns.exception.DNSException as exc:  # timeout, SERVFAIL: RFC 7208 temperror
        raise spf.TempError(f"DNS lookup of {name} {qtype} failed: {exc}") from exc
    key = (name, qtype)
    if qtype in ("A", "AAAA"):
        return [(key, r.address) for r in answer]
    if qtype == "MX":
        return [(key, (r.preference, r.exchange)) for r in answer]
    if qtype == "PTR":
        return [(key, r.target.to_text(omit_final_dot=True)) for r in answer]
    return [(key, r.strings) for r in answer]  # TXT


spf.DNSLookup = _spf_dns_lookup


def tags_of(record: str) -> dict[str, str]:
    """A DKIM or DMARC tag list (``v=DKIM1; k=rsa; p=...``) as tag → value."""
    tags: dict[str, str] = {}
    for part in record.split(";"):
        tag, sep, value = part.partition("=")
        if sep:
            tags.setdefault(tag.strip(), value.strip())
    return tags


async def dkim_check(
    resolver: dns.asyncresolver.Resolver,
    domain: str,
    selector: str | None,
    private_key: str | None,
) -> CheckResult:
    """The TXT record at SELECTOR._domainkey.DOMAIN publishes the stored key's public half."""
    if not (selector and private_key):
        note = f"no DKIM key stored for {domain}: run `relay domains add {domain} --account A`"
        return CheckResult(Check.DKIM, False, None, note)
    name = f"{selector}._domainkey.{domain}"
    found = await txt_records(resolver, name)
    if found.error is not None:
        return CheckResult(Check.DKIM, False, None, found.error)
    if not found.records:
        return CheckResult(Check.DKIM, False, None, f"no DKIM record (TXT) at {name}")
    if len(found.records) > 1:
        note = f"{len(found.records)} TXT records at {name}: publish exactly one"
        return CheckResult(Check.DKIM, False, " | ".join(sorted(found.records)), note)
    record = found.records[0]
    problem = _dkim_problem(tags_of(record), public_key_of(private_key))
    if problem is not None:
        return CheckResult(Check.DKIM, False, record, f"{problem} (at {name})")
    return CheckResult(Check.DKIM, True, record, f"matches the stored key (selector {selector})")


def _dkim_problem(tags: dict[str, str], public_key: str) -> str | None:
    if tags.get("v", "DKIM1") != "DKIM1":
        return f"v={tags['v']}: expected v=DKIM1"
    if tags.get("k", "rsa").lower() != "rsa":
        return f"k={tags['k']}: the stored key is RSA"
    if "p" not in tags:
        return "no p= tag"
    published = re.sub(r"\s+", "", tags["p"])
    if not published:
        return "the key is revoked (empty p=)"
    if published != public_key:
        return "p= is not the public key of the stored private key"
    return None


async def dmarc_check(resolver: dns.asyncresolver.Resolver, domain: str) -> CheckResult:
    """One ``v=DMARC1`` record at _dmarc.DOMAIN with a policy: none, quarantine or reject."""
    name = f"_dmarc.{domain}"
    found = await txt_records(resolver, name)
    if found.error is not None:
        return CheckResult(Check.DMARC, False, None, found.error)
    # RFC 7489 §6.6.3: records that do not start with v=DMARC1 are not DMARC records.
    records = [r for r in found.records if re.match(r"v\s*=\s*DMARC1\s*(;|$)", r)]
    if not records:
        shown = " | ".join(sorted(found.records)) or None
        return CheckResult(Check.DMARC, False, shown, f"no DMARC record (v=DMARC1) at {name}")
    if len(records) > 1:
        note = f"{len(records)} DMARC records at {name}: receivers then apply none"
        return CheckResult(Check.DMARC, False, " | ".join(sorted(records)), note)
    record = records[0]
    policy = tags_of(record).get("p")
    if policy is None:
        return CheckResult(Check.DMARC, False, record, "no p= policy tag")
    if policy.lower() not in DMARC_POLICIES:
        note = f"p={policy}: the policy must be none, quarantine or reject"
        return CheckResult(Check.DMARC, False, record, note)
    return CheckResult(Check.DMARC, True, record, f"policy {policy.lower()}")
