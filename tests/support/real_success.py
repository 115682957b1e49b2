"""Delivery status notices real MTAs write when they are asked for more than failures (RFC
3461: ``RCPT TO:<..> NOTIFY=SUCCESS,DELAY,FAILURE ORCPT=rfc822;..``, ``MAIL FROM:<..> RET=HDRS
ENVID=..``): a message relayed to a next hop that announces no DSN ("relayed", RFC 3461
section 4.1 and 6.2.7.2), handed to one that does (the request goes with it, so nothing
comes back from this MTA), delivered to a local mailbox ("delivered"), to a local alias of
several addresses ("expanded", section 6.2.7.3), deferred past the delay-warning time
("delayed"), one recipient relayed and one refused for good in the same message, one relayed
and one deferred, and a refused recipient with NOTIFY=NEVER (nothing must come back).

The bed is the real-MTA bed's (tests/support/real_mta.py: the same MTAs, private namespaces,
scripted servers): ``mx.test`` is a scripted server that announces DSN, ``plain.test`` one
that does not. Each recipient's outcome is known by construction: only the recipients the
remote server refuses are failed; the others are relayed, delivered, expanded or delayed and
never bounces, and no notice here may suppress one of them.

``generate(out)`` writes ``out/<mta>/<scenario>[-n].eml`` (n: the second and later notices of
a scenario, in the order they arrived) and ``out/manifest.json`` in the shared corpus's format
(read by /work/shared/tools/score_bounces.py); each notice's expected failures are the failed
recipients its delivery-status part lists as failed (an MTA may report a failure and a success
in one notice or in two; the bed records which, it does not decide it).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix, real_mta
from tests.support.bed import (
    bed_message,
    label,
    notice_name,
    run_in_namespaces,
    wait_for_notices,
    write_manifest,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.real_mta import MX_DOMAIN, Bed, Expected, Stop, sender_of
from tests.support.scripted_mx import Script, ScriptedMx

PLAIN_DOMAIN = "plain.test"  # a next hop that announces no DSN
BOX_DOMAIN = "box.test"  # Postfix's virtual mailboxes: final delivery
ALIAS_DOMAIN = "local.test"  # Postfix's local domain, where aliases are expanded
# The MTAs that take DSN parameters (Courier's through its sendmail -N, real_mta.py) and why
# the others are left out.
MTAS = ("postfix", "exim", "opensmtpd", "sendmail", "courier")
LEFT_OUT = {
    "dma": "dma takes a message on its command line or queue input, with no DSN options "
    "(dma.c), and writes no success or delay notices",
    "nullmailer": "nullmailer's queue input has no DSN options; it writes only its own "
    "failure notice (nullmailer-dsn)",
    "haraka": "Haraka's server announces no DSN extension and keeps no NOTIFY "
    "(tests/support/haraka.py); its outbound writes failure notices only",
}
FULL = "SUCCESS,DELAY,FAILURE"
DEADLINE = 45.0  # seconds to wait for the notices a scenario must produce
GRACE = 3.0  # seconds more, to see the notices that should not come


def _plain(local: str) -> str:
    return f"{local}@{PLAIN_DOMAIN}"


# Postfix's smtpd text (smtpd_check.c), the recipient refused for good.
def _unknown(address: str) -> str:
    return (
        f"550 5.1.1 <{address}>: Recipient address rejected: User unknown in virtual mailbox table"
    )


DEFER = "451 4.3.0 Temporary system problem, try again later"
DEFER_THEN_ACCEPT = 4.5  # seconds; the delay warning comes after real_mta.DELAY_WARNING (2 s)


@dataclass(frozen=True)
class Scenario:
    """One message: each recipient's script and outcome, the failures a notice may list.
    ``least``: notices at least expected (0: none may come); ``delivered``: recipients the
    scripted servers must end up accepting; ``not_on``: MTA: why it cannot be arranged."""

    name: str
    scripts: dict[str, Script]
    outcomes: dict[str, str]  # recipient: relayed, passed_on, delivered, expanded, delayed, failed
    failed: tuple[Expected, ...] = ()
    notify: str = FULL
    least: int = 1
    ret: str = "HDRS"  # RET: the original's headers, or FULL: the whole of it
    delivered: tuple[str, ...] = ()
    not_on: dict[str, str] = field(default_factory=dict)

    def runs_on(self, mta: str) -> bool:
        return mta not in self.not_on


NO_DELAY_WARNING = (
    "OpenSMTPD 6.8 retries a deferred recipient only after minutes and warns whatever NOTIFY "
    "asks, so a warning then a delivery cannot be arranged"
)
NO_LOCAL = (
    "the bed has local delivery and aliases only on Postfix (virtual(8), local(8)) and Exim "
    "(an accept router with a maildir transport, a redirect router)"
)


def scenarios() -> tuple[Scenario, ...]:
    gone = _plain("gone")
    refused_for_good = Expected(gone, True, True, ("user_unknown",), "5.1.1", "550")
    local = {m: NO_LOCAL for m in MTAS if m not in ("postfix", "exim")}
    return (
        Scenario("relayed", {_plain("reader"): Script()}, {_plain("reader"): "relayed"}),
        Scenario(
            # The next hop announces DSN: the request goes with the message (RFC 3461 section
            # 4.1), the final server reports; this MTA writes nothing.
            "passed_on",
            {f"reader@{MX_DOMAIN}": Script()},
            {f"reader@{MX_DOMAIN}": "passed_on"},
            least=0,
            delivered=(f"reader@{MX_DOMAIN}",),
        ),
        Scenario(
            "delivered",
            {f"owner@{BOX_DOMAIN}": Script()},
            {f"owner@{BOX_DOMAIN}": "delivered"},
            not_on=local,
        ),
        Scenario(
            "expanded",
            {f"team@{ALIAS_DOMAIN}": Script(), _plain("crew"): Script()},
            {f"team@{ALIAS_DOMAIN}": "expanded"},
            not_on=local,
        ),
        Scenario(
            # A delay warning, then the relay when the next hop accepts: two notices.
            "delayed_then_relayed",
            {_plain("slow"): Script(rcpt=DEFER, defer_for=DEFER_THEN_ACCEPT)},
            {_plain("slow"): "delayed"},
            least=2,
            delivered=(_plain("slow"),),
            not_on={"opensmtpd": NO_DELAY_WARNING},
        ),
        Scenario(
            "mixed_relayed_failed",
            {_plain("kept"): Script(), gone: Script(rcpt=_unknown(gone))},
            {_plain("kept"): "relayed", gone: "failed"},
            (refused_for_good,),
            delivered=(_plain("kept"),),
        ),
        Scenario(
            "mixed_relayed_delayed",
            {
                _plain("prompt"): Script(),
                _plain("later"): Script(rcpt=DEFER, defer_for=DEFER_THEN_ACCEPT),
            },
            {_plain("prompt"): "relayed", _plain("later"): "delayed"},
            least=2,
            delivered=(_plain("prompt"), _plain("later")),
            not_on={"opensmtpd": NO_DELAY_WARNING},
        ),
        Scenario(
            # The whole original comes back (RET=FULL) with the relay notice; a +tag in the
            # address, which ORCPT carries as xtext ("+2B").
            "relayed_full",
            {_plain("reader+news"): Script()},
            {_plain("reader+news"): "relayed"},
            ret="FULL",
        ),
        Scenario(
            # One recipient refused for good, one deferred past the delay-warning time, then
            # accepted.
            "mixed_failed_delayed",
            {
                _plain("lost"): Script(rcpt=_unknown(_plain("lost"))),
                _plain("patient"): Script(rcpt=DEFER, defer_for=DEFER_THEN_ACCEPT),
            },
            {_plain("lost"): "failed", _plain("patient"): "delayed"},
            (Expected(_plain("lost"), True, True, ("user_unknown",), "5.1.1", "550"),),
            least=2,
            delivered=(_plain("patient"),),
            not_on={"opensmtpd": NO_DELAY_WARNING},
        ),
        Scenario(
            # NOTIFY=SUCCESS alone on a recipient deferred past the delay-warning time: no
            # warning, only the relay notice.
            "success_only_deferred",
            {_plain("unhurried"): Script(rcpt=DEFER, defer_for=DEFER_THEN_ACCEPT)},
            {_plain("unhurried"): "relayed"},
            notify="SUCCESS",
            delivered=(_plain("unhurried"),),
            not_on={"opensmtpd": NO_DELAY_WARNING},
        ),
        Scenario(
            # Nothing may come back (a check of the bed: the MTA honours NOTIFY).
            "never",
            {_plain("vanished"): Script(rcpt=_unknown(_plain("vanished")))},
            {_plain("vanished"): "failed"},
            notify="NEVER",
            least=0,
        ),
    )


def message(scenario: Scenario, mta: str) -> bytes:
    return bed_message(
        real_mta.SENDER_DOMAIN,
        scenario.scripts,
        f"Test bed: {scenario.name}",
        f"{scenario.name}.{mta}",
        "Sun, 06 Dec 2026 12:00:00 +0000",
        "A message whose delivery the sender asked to hear about.\n",
    ).as_bytes()


def xtext(text: str) -> str:
    """RFC 3461 section 4: "+", "=" and characters outside "!" to "~" as "+" and two hex
    digits."""
    return "".join(c if "!" <= c <= "~" and c not in "+=" else f"+{ord(c):02X}" for c in text)


async def submit(scenario: Scenario, mta: str, port: int) -> None:
    """Send the scenario's message with its DSN parameters (ORCPT per recipient, RFC 3461
    section 4.2)."""
    dsn = mta != "courier"  # Courier's front is told NOTIFY instead (real_mta.py)
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=port, start_tls=False, timeout=30) as c:
        await c.mail(
            sender_of(scenario.name),
            options=[f"RET={scenario.ret}", f"ENVID={scenario.name}.{mta}"] if dsn else [],
        )
        for address in scenario.outcomes:
            orcpt = f"ORCPT=rfc822;{xtext(address)}"
            options = [f"NOTIFY={scenario.notify}", orcpt] if dsn else []
            await c.rcpt(address, options=options)
        await c.data(message(scenario, mta))


async def start_postfix(bed: Bed, port: int) -> Stop:
    """Postfix with the bed's routes, delay warning and queue lifetime, a virtual mailbox
    (``owner@box.test``) and a local alias of two addresses (``team@local.test``)."""
    routes = ", ".join(f"{d}=smtp:[127.0.0.1]:{p}" for d, p in real_mta._routes(bed).items())
    nobody = 65534  # virtual(8) writes the mailbox as this user
    mta = postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + routes + " }",
            "maximal_queue_lifetime": f"{real_mta.QUEUE_LIFETIME}s",
            "bounce_queue_lifetime": f"{real_mta.QUEUE_LIFETIME}s",
            "delay_warning_time": f"{real_mta.DELAY_WARNING}s",
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
            "mydestination": ALIAS_DOMAIN,
            "alias_maps": "inline:{ { team = owner@" + BOX_DOMAIN + ", " + _plain("crew") + " } }",
            "virtual_mailbox_domains": BOX_DOMAIN,
            "virtual_mailbox_base": "{root}/mail",
            "virtual_mailbox_maps": "inline:{ owner@" + BOX_DOMAIN + "=owner/ }",
            "virtual_uid_maps": f"static:{nobody}",
            "virtual_gid_maps": f"static:{nobody}",
        },
    )
    mta.main["virtual_mailbox_base"] = str(mta.root / "mail")
    (mta.root / "mail").mkdir()
    os.chown(mta.root / "mail", nobody, nobody)
    await asyncio.to_thread(mta.start)

    async def stop() -> str:
        tail = mta.log_tail(60)
        await asyncio.to_thread(mta.stop)
        return tail

    return stop


async def start_exim(bed: Bed, port: int) -> Stop:
    """Exim with the bed's routes, delay warning and retry rule, a local mailbox
    (``owner@box.test``, an accept router and a maildir transport) and a redirect of
    ``team@local.test`` to two addresses."""
    mta = exim.Exim(
        port,
        real_mta._routes(bed),
        settings={
            "delay_warning": f"{real_mta.DELAY_WARNING}s:1h",
            "tls_advertise_hosts": "",
        },
        retry=f"F,{real_mta.QUEUE_LIFETIME}s,1s",
    )
    mta.routers = (
        "team:",
        "  driver = redirect",
        f"  domains = {ALIAS_DOMAIN}",
        "  local_parts = team",
        f"  data = owner@{BOX_DOMAIN}, {_plain('crew')}",
        "boxes:",
        "  driver = accept",
        f"  domains = {BOX_DOMAIN}",
        "  transport = mailbox",
    )
    mta.transports = (
        "mailbox:",
        "  driver = appendfile",
        f"  directory = {mta.root / 'mail'}/box",  # no $local_part: tainted
        "  maildir_format",
        "  create_directory",
        f"  user = {exim.USER}",
    )
    (mta.root / "mail").mkdir()
    shutil.chown(mta.root / "mail", exim.USER, exim.USER)
    await mta.start()
    return real_mta.stopper(mta)


# The beds given local delivery and aliases here, with their own start.
LOCAL_DELIVERY = {"postfix": start_postfix, "exim": start_exim}


def _plan(chosen: list[Scenario]) -> tuple[real_mta.Scenario, ...]:
    """The scenarios as real_mta's bed reads them (Courier's NOTIFY by sender)."""
    return tuple(real_mta.Scenario(s.name, s.scripts, s.failed, notify=s.notify) for s in chosen)


async def run_bed(mta: str, port: int) -> tuple[Bed, dict[str, Any]]:
    """Start the servers and ``mta``, send every scenario, wait for the notices."""
    chosen = [s for s in scenarios() if s.runs_on(mta)]
    plain = ScriptedMx(hostname=PLAIN_DOMAIN)
    bed = Bed(mta, plan=_plan(chosen), more={PLAIN_DOMAIN: plain})
    bed.mx.dsn = True
    for scenario in chosen:
        for server in (bed.mx, plain):
            server.scripts.update({a.lower(): s for a, s in scenario.scripts.items()})
    servers = (bed.mx, bed.capture, bed.limits, bed.greeter, bed.silent, plain)
    for server in servers:
        await server.start()
    try:
        if mta in LOCAL_DELIVERY:
            stop = await LOCAL_DELIVERY[mta](bed, port)
        else:
            stop = await real_mta.STARTERS[mta](bed, port)
    except (OSError, RuntimeError, subprocess.SubprocessError) as exc:
        bed.error = f"{mta} did not start: {exc}"
        for server in servers:
            await server.stop()
        return bed, {}

    def arrived(address: str) -> bool:
        return bool(bed.mx.to(address) or plain.to(address))

    def pending() -> bool:
        return any(len(bed.notices(s.name)) < s.least for s in chosen) or any(
            not arrived(a) for s in chosen for a in s.delivered
        )

    try:
        for scenario in chosen:
            await submit(scenario, mta, port)
        await wait_for_notices(bed.capture, pending, DEADLINE, GRACE)
    except (OSError, aiosmtplib.SMTPException) as exc:
        bed.error = f"{mta} did not take a message: {exc}"
    finally:
        bed.log = await stop()
        for server in servers:
            await server.stop()
    arrivals = {
        "delivered": sorted(
            {r.lower() for s in (bed.mx, plain) for a in s.arrivals for r in a.rcpt_tos}
        ),
        "dsn_passed_on": dict(bed.mx.dsn_params),
        "attempts": {**bed.mx.attempts, **plain.attempts},  # RCPTs the next hops were sent
    }
    return bed, arrivals


def actions(raw: bytes) -> dict[str, str]:
    """The Action of each recipient (Final-Recipient, lower case) in the notice's
    message/delivery-status part (RFC 3464 section 2.3), read with the standard library."""
    found: dict[str, str] = {}
    notice = BytesParser(policy=policy.compat32).parsebytes(raw)
    for part in notice.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        groups = payload if isinstance(payload, list) else []
        for group in groups:
            if not isinstance(group, Message):
                continue
            recipient = str(group.get("Final-Recipient", "")).split(";", 1)[-1].strip()
            action = str(group.get("Action", "")).strip().lower()
            if recipient and action:
                found[recipient.strip("<>").lower()] = action.split()[0]
    return found


def write(
    out: Path, beds: list[tuple[Bed, dict[str, Any]]], unavailable: dict[str, str]
) -> dict[str, Any]:
    """The notices as files and the manifest that labels them."""
    entries: list[dict[str, Any]] = []
    runs: dict[str, Any] = {}
    for bed, arrivals in beds:
        (out / bed.mta).mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        seen: dict[str, list[dict[str, str]]] = {}
        for scenario in (s for s in scenarios() if s.runs_on(bed.mta)):
            notices = bed.notices(scenario.name)
            counts[scenario.name] = len(notices)
            seen[scenario.name] = []
            for n, raw in enumerate(notices):
                name = notice_name(scenario.name, n)
                (out / bed.mta / name).write_bytes(raw)
                found = actions(raw)
                seen[scenario.name].append(found)
                failed = tuple(e for e in scenario.failed if found.get(e.address) == "failed")
                entries.append(entry(bed.mta, scenario, name, failed))
        runs[bed.mta] = {
            "notices": counts,
            "actions": seen,  # per notice, each recipient's Action as the MTA wrote it
            **arrivals,
            "log": bed.log,
            "error": bed.error,
        }
    return write_manifest(out, entries, {"runs": runs, "unavailable": unavailable}, newline=False)


def entry(mta: str, scenario: Scenario, name: str, failed: tuple[Expected, ...]) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format; ``outcomes``: every
    recipient's outcome by construction, ``bounce``: whether the notice lists a failure."""
    expected = [label(e, e.status) for e in failed]
    return {
        "engine_id": f"real-{mta}",
        "path": f"{mta}/{name}",
        "expected": expected,
        "messages": 1,
        "split": "holdout",
        "scenario": scenario.name,
        "bounce": bool(failed),
        "outcomes": scenario.outcomes,
    }


def generate(out: Path, timeout: float = 170.0) -> dict[str, Any]:
    """Run the bed in its own namespaces; returns the manifest it wrote to ``out``."""
    return run_in_namespaces(__name__, out, [], timeout, "the success-DSN bed")[0]


def missing() -> dict[str, str]:
    """The MTAs of this bed that cannot run here, with the reason."""
    available = real_mta.available()
    return {m: why for m in MTAS if (why := available[m]) is not None}


async def _generate(out: Path, isolation: dict[str, str]) -> dict[str, Any]:
    unavailable = {**LEFT_OUT, **missing(), **isolation}
    dns = DnsServer()  # any question gets NXDOMAIN: every domain here is routed
    await dns.start(port=53)
    try:
        runnable = [m for m in MTAS if m not in unavailable]
        beds = await asyncio.gather(*(run_bed(m, free_port()) for m in runnable))
    finally:
        await dns.stop()
    return write(out, list(beds), unavailable)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="real-success-etc-") as scratch:
        isolation = real_mta._isolate(Path(scratch))
        asyncio.run(_generate(Path(sys.argv[1]), isolation))
