"""Internationalized notices (RFC 6531 SMTPUTF8, RFC 6533 global DSNs) written by a real Postfix
3.7 (``smtputf8_enable = yes``) for messages submitted with ``MAIL FROM:<..> SMTPUTF8`` to
recipients with UTF-8 local parts and IDN domains, driven to known outcomes by scripted next
hops on 127.0.0.1: ``utf8.test`` announces SMTPUTF8, ``ascii.test`` does not (so Postfix must
refuse to send there itself, RFC 6531 section 3.5, 5.6.7), and ``bücher.test`` is not in the
bed's DNS (NXDOMAIN for its A-label). Every notice goes back to the scenario's envelope sender
(``bounces+<scenario>@sender.test``) at a capture server, filed under it. The labels come from
the scripts, never from the notices.

Debian's Exim 4.96 (unpacked as the other beds run it, ``smtputf8_advertise_hosts = *``) is
sent the same messages where it is present (``bounces+exim-<scenario>@sender.test``, its
notices ``exim_<scenario>.eml``), but for the next hop without SMTPUTF8: Exim's default
``utf8_downconvert`` (-1, convert only where needed) turns the UTF-8 local part into punycode
and delivers there (``xn--jos-dma@ascii.test``), so there is no notice to judge. Exim states
5.0.0 as every recipient's Status (its own failures' and the remote replies' alike); where it
quotes the remote reply, the reply's code is the status reported.

``generate(out)`` runs it in a private network and mount namespace (``unshare --net --mount``,
root only): its own loopback, a DNS server on port 53 and a resolv.conf pointing at it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from dataclasses import dataclass, replace
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix, unpacked
from tests.support.bed import (
    bed_message,
    generate_logged,
    label,
    main_in_namespaces,
    namespace_tools_missing,
    submit,
    wait_for_notices,
    write_manifest,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.real_mta import _add_users
from tests.support.scripted_mx import Script, ScriptedMx

SENDER_DOMAIN = "sender.test"
UTF8_DOMAIN = "utf8.test"  # announces SMTPUTF8
ASCII_DOMAIN = "ascii.test"  # does not
IDN_NXDOMAIN = "bücher.test"  # xn--bcher-kva.test: not in the bed's DNS
QUEUE_LIFETIME = 8  # seconds until a message that is only ever deferred is returned
DEADLINE = 90.0  # seconds to wait for every notice (the wait ends when the last arrives)
NUDGE = 15.0  # then every so often Postfix's queue is flushed
GRACE = 1.0  # seconds more, to see a notice that should not come

UNKNOWN_REPLY = "550 5.1.1 Recipient address rejected: User unknown"
FULL_REPLY = "552 5.2.2 Mailbox full"
BUSY_REPLY = "450 4.2.1 Mailbox temporarily unavailable"

JOSE = f"josé@{UTF8_DOMAIN}"
YONGHU = f"用户@{UTF8_DOMAIN}"
MUELLER = f"müller@{UTF8_DOMAIN}"
ZOE = f"zoë@{UTF8_DOMAIN}"
ACCEPTED = f"принято@{UTF8_DOMAIN}"
SCRIPTS = {
    JOSE: Script(rcpt=UNKNOWN_REPLY),
    YONGHU: Script(rcpt=UNKNOWN_REPLY),
    MUELLER: Script(rcpt=FULL_REPLY),
    ZOE: Script(rcpt=BUSY_REPLY),
}


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the SMTPUTF8 bed runs as root (Postfix, a network namespace)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    return namespace_tools_missing()


def exim_missing() -> str | None:
    """Why the unpacked Exim cannot take part, or None."""
    return exim.missing()


MTAS = ("postfix", "exim")
EXIM_WITHOUT = frozenset({"no_smtputf8_offered"})  # Exim downconverts and delivers (above)


@dataclass(frozen=True)
class Expected:
    """A recipient the notice must report as failed, as the notice writes it: the product's
    permanent bit, whether it condemns the address, the right reasons (the first is the
    label), the whose-fault verdict, the status the notice states and the remote reply's
    code ("" where Postfix itself gave up)."""

    address: str
    permanent: bool
    suppress: bool
    reasons: tuple[str, ...]
    party: str
    status: str
    reply_code: str
    # whose fault, where more than one verdict is right (the first is ``party``)
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    name: str
    recipients: tuple[str, ...]
    failed: tuple[Expected, ...]


def _unknown(address: str) -> Expected:
    return Expected(address, True, True, ("user_unknown",), "recipient", "5.1.1", "550")


def _full(address: str) -> Expected:
    # SPEC: a full mailbox is temporary whatever the reply's class.
    return Expected(address, False, False, ("mailbox_full",), "recipient", "5.2.2", "552")


def scenarios() -> tuple[Scenario, ...]:
    nx = f"info@{IDN_NXDOMAIN}"
    plain = f"josé@{ASCII_DOMAIN}"
    return (
        Scenario("utf8_user_unknown", (JOSE,), (_unknown(JOSE),)),
        Scenario("cjk_user_unknown", (YONGHU,), (_unknown(YONGHU),)),
        Scenario("utf8_mailbox_full", (MUELLER,), (_full(MUELLER),)),
        # A 450 until the queue lifetime ends: Postfix's final notice states the last reply.
        # X.2.1 is "mailbox disabled" (RFC 3463 section 3.3): the mailbox may come back, so
        # suspend is as right as expired (as real_mta.py's "paused"); the recipient's side,
        # temporary, never suppressed.
        Scenario(
            "utf8_expired",
            (ZOE,),
            (
                Expected(
                    ZOE,
                    False,
                    False,
                    ("expired", "suspend"),
                    "recipient",
                    "4.2.1",
                    "450",
                    ("recipient", "transient"),  # a disabled mailbox; an expiry
                ),
            ),
        ),
        # RFC 6531 section 3.5: a next hop that does not offer SMTPUTF8 gets no UTF-8 envelope;
        # the client returns the message with 5.6.7 (section 3.7.1, "Non-ASCII addresses not
        # permitted for that sender/recipient"). Nothing is known of the address itself: the
        # failure is the message's form, the sending side's (status_codes.toml, X.6.7).
        Scenario(
            "no_smtputf8_offered",
            (plain,),
            (Expected(plain, True, False, ("content_error",), "sender", "5.6.7", ""),),
        ),
        # The A-label of an IDN domain has no DNS entry: Postfix's 5.4.4 (smtp_addr.c).
        Scenario(
            "idn_nxdomain",
            (nx,),
            (Expected(nx, True, True, ("host_unknown",), "recipient", "5.4.4", ""),),
        ),
        Scenario("utf8_mixed", (JOSE, ACCEPTED, MUELLER), (_unknown(JOSE), _full(MUELLER))),
    )


def scenarios_for(mta: str) -> tuple[Scenario, ...]:
    """The scenarios ``mta`` writes a notice for, each labelled as it states them."""
    if mta == "postfix":
        return scenarios()
    found = []
    for scenario in scenarios():
        if scenario.name in EXIM_WITHOUT:
            continue
        if scenario.name == "idn_nxdomain":  # Exim's own failure: its 5.0.0, no reply
            (nx,) = scenario.failed
            scenario = Scenario(scenario.name, scenario.recipients, (replace(nx, status="5.0.0"),))
        found.append(scenario)
    return tuple(found)


def file_name(mta: str, scenario: str) -> str:
    return f"{scenario}.eml" if mta == "postfix" else f"{mta}_{scenario}.eml"


def sender_of(scenario: str, mta: str = "postfix") -> str:
    prefix = "" if mta == "postfix" else f"{mta}-"
    return f"bounces+{prefix}{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"SMTPUTF8 bed: {scenario.name}",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        "Grüße: a message to an internationalized address.\n",
        policy.SMTPUTF8,
    )


def _tx(port: int, utf8: int, ascii_only: int, capture: int) -> postfix.Postfix:
    routes = ", ".join(
        [
            f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}",
            f"{UTF8_DOMAIN}=smtp:[127.0.0.1]:{utf8}",
            f"{ASCII_DOMAIN}=smtp:[127.0.0.1]:{ascii_only}",
        ]
    )
    lifetime = f"{QUEUE_LIFETIME}s"
    return postfix.Postfix(
        port,
        main={
            "smtputf8_enable": "yes",
            "smtp_dns_support_level": "enabled",
            "transport_maps": "inline:{ " + routes + " }",
            "maximal_queue_lifetime": lifetime,
            "bounce_queue_lifetime": lifetime,
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
        },
    )


@dataclass
class Run:
    capture: ScriptedMx
    mtas: tuple[str, ...]
    unavailable: dict[str, str]
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str, mta: str = "postfix") -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario, mta))]

    def pending(self) -> bool:
        return any(not self.notices(s.name, m) for m in self.mtas for s in scenarios_for(m))


async def run() -> Run:
    dns = DnsServer()  # every name: NXDOMAIN
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    utf8 = ScriptedMx(dict(SCRIPTS), hostname=UTF8_DOMAIN)
    ascii_only = ScriptedMx(hostname=ASCII_DOMAIN, smtputf8=False)
    why = exim_missing()
    unavailable = {} if why is None else {"exim": why}
    mtas = tuple(m for m in MTAS if m not in unavailable)
    result = Run(capture, mtas, unavailable)
    routes = {UTF8_DOMAIN: await utf8.start(), ASCII_DOMAIN: await ascii_only.start()}
    tx = _tx(free_port(), routes[UTF8_DOMAIN], routes[ASCII_DOMAIN], capture.port)
    exim_tx = exim.Exim(
        free_port(),
        {**routes, SENDER_DOMAIN: capture.port},
        settings={"smtputf8_advertise_hosts": "*"},
        retry=f"F,{QUEUE_LIFETIME}s,1s",
    )
    ports = {"postfix": tx.smtpd_port, "exim": exim_tx.smtpd_port}
    try:
        await asyncio.to_thread(tx.start)
        if "exim" in mtas:
            await exim_tx.start()
        for mta in mtas:
            for scenario in scenarios_for(mta):
                sender = sender_of(scenario.name, mta)
                await submit(
                    ports[mta], message(scenario), sender, scenario.recipients, None, ["SMTPUTF8"]
                )
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, aiosmtplib.SMTPException) as exc:
        result.error = f"the SMTPUTF8 bed broke off: {exc}"
    finally:
        result.log = tx.log_tail(40)
        await asyncio.to_thread(tx.stop)
        if "exim" in mtas:
            result.log += "\n" + "\n".join(
                line for line in exim_tx.log_tail(200).splitlines() if "lost privilege" not in line
            )
            await exim_tx.stop()
        for server in (utf8, ascii_only, capture):
            await server.stop()
        await dns.stop()
    return result


def entry(scenario: Scenario, name: str, mta: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [
        label(e, e.status, {"party": e.party, "party_accept": list(e.parties or (e.party,))})
        for e in scenario.failed
    ]
    return {
        "engine_id": f"real-smtputf8-{mta}",
        "mta": mta,
        "path": name,
        "expected": expected,
        "messages": 1,
        "split": "holdout",
        "scenario": scenario.name,
        "bounce": True,
    }


def write(out: Path, result: Run) -> dict[str, Any]:
    """The notices as ``out/<scenario>.eml`` and the manifest that labels them."""
    out.mkdir(parents=True, exist_ok=True)
    entries, counts = [], {}
    for mta in result.mtas:
        for scenario in scenarios_for(mta):
            notices = result.notices(scenario.name, mta)
            name = file_name(mta, scenario.name)
            counts[name] = len(notices)
            for n, raw in enumerate(notices):
                (out / (name if n == 0 else name.replace(".eml", f"-{n + 1}.eml"))).write_bytes(raw)
            if len(notices) == 1:
                entries.append(entry(scenario, name, mta))
    fields = {"notices": counts, "unavailable": result.unavailable, "error": result.error}
    return write_manifest(out, entries, fields, ascii_only=False)


def _isolate(etc: Path) -> None:
    """Inside the new namespaces: loopback up, the bed's resolver; the unpacked Exim's
    libraries and compiled-in user where it is present (tests/support/real_mta.py)."""
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    (etc / "resolv.conf").write_text("nameserver 127.0.0.1\noptions attempts:1 timeout:1\n")
    subprocess.run(["mount", "--bind", str(etc / "resolv.conf"), "/etc/resolv.conf"], check=True)
    if exim_missing() is None:
        cache = unpacked.library_cache(etc, [exim.ROOT])
        subprocess.run(["mount", "--bind", str(cache), "/etc/ld.so.cache"], check=True)
        _add_users(etc, [exim.USER])


def generate(out: Path, timeout: float = 120.0) -> dict[str, Any]:
    """Run the bed in its own namespaces; returns the manifest it wrote to ``out``."""
    return generate_logged(__name__, out, [], timeout, "the SMTPUTF8 bed")


if __name__ == "__main__":  # inside the namespaces made by generate()
    main_in_namespaces("smtputf8-etc-", _isolate, lambda _etc: run(), write)
