"""The receivers' bed (receivers_bed.py) with chasquid 1.11 (Debian: chasquid, unpacked by
tests/support/chasquid.py) as the REAL RECEIVING server (judge27): it refuses in its own words,
by its own configuration, and a real Postfix 3.7 or Exim 4.96 writes the notice back to the
scenario's envelope sender at a capture server on 127.0.0.1. Labels come from how chasquid is
set up, never from the notices. The same namespace as receivers_bed.py (``unshare --net
--mount``, root): a DNS server on port 53, our resolv.conf, an /etc/hosts naming nothing.

One chasquid, run as ``nobody`` on a loopback port, ``chq.test`` its one local domain with the
one user ``fine`` (its users database, chasquid-util user-add); what it takes goes to a
delivery agent that discards it. Its refusals, in the words of Debian's 1.11 binary
(internal/smtpsrv/conn.go):
  an unknown user of ``chq.test``: "550 5.1.1 Destination address is unknown (user does not
  exist)"; a domain not its own (``chq-elsewhere.test``): "503 5.7.1 Relay not allowed" (it
  relays only for an authenticated user; 503, as conn.go's RCPT handler has it); a message
  over ``max_data_size_mb`` (1 MB; sent to ``chq-size.test``, a second local domain of the
  same server reached with HELO, so that the writer sends no SIZE= and the refusal after DATA
  is chasquid's own): "552 5.3.4 Message too big";
  its post-data hook (hooks/post-data, run after DATA: exit 20 a permanent refusal, any other
  failure a temporary one, the last line of its output the reply's text, hooks.md) written
  with the words of the example hook Debian ships (/etc/chasquid/hooks/post-data): "spam
  detected" (exit 20) for a Subject the bed marks, "greylisted, please try again" (exit 75)
  for another, until the writer's queue lifetime ends; chasquid answers them 554 and 451
  with the hook's line and no enhanced code; its SPF check of the envelope sender at MAIL FROM
  (RFC 7208, "550 5.7.23 SPF check failed: ..." on a fail, conn.go): sender.test's record in
  the bed's DNS lists only 127.0.0.1, and the writer sends to ``chq-spf.test`` from 127.0.0.9
  (Postfix: a transport with smtp_bind_address; Exim: the transport's interface).
The writers never use STARTTLS here: chasquid remembers that a sender's domain came over TLS
and then refuses a plain session from it ("550 5.7.3 Security level check failed",
sec-levels.md), which the HELO-only route would meet in an order no run controls.
chasquid checks no quota (its delivery agent does) and writes its own notice for what the
delivery agent refuses, so the bed has no full mailbox.
"""

from __future__ import annotations

import asyncio
import subprocess
from typing import Any

import aiosmtplib

from tests.support import chasquid, receivers_bed, unpacked
from tests.support.bed import submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    CONTENT,
    EXPIRED,
    RELAY,
    SENDER_DOMAIN,
    TOO_BIG,
    UNKNOWN,
    Expected,
    Scenario,
    message,
    sender_of,
)
from tests.support.receivers_bed_qpsmtpd import Run, _exim_tx, _postfix_tx
from tests.support.scripted_mx import ScriptedMx

DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.0
WRITERS = ("postfix", "exim")

CHQ_DOMAIN = "chq.test"
CHQ_SIZE = "chq-size.test"  # sent with HELO only (receivers_bed_qpsmtpd.HELO_DOMAINS)
CHQ_ELSEWHERE = "chq-elsewhere.test"
CHQ_SPF = "chq-spf.test"  # sent to from SPF_FAILING: our SPF record does not list it
SPF_RECORD = "v=spf1 ip4:127.0.0.1 -all"  # sender.test's, in the bed's DNS
SPF_FAILING = "127.0.0.9"
SIZE_LIMIT_MB = 1
SPAM_SUBJECT = "chq_hook_spam"
GREY_SUBJECT = "chq_hook_greylisted"
# The site's post-data hook: the words and exit codes of Debian's example hook.
HOOK = f"""#!/bin/sh
subject=$(sed -n 's/^Subject: //p' | head -n 1)
case "$subject" in
*{SPAM_SUBJECT}*) echo "spam detected"; exit 20 ;;
*{GREY_SUBJECT}*) echo "greylisted, please try again"; exit 75 ;;
esac
exit 0
"""


def _unknown(address: str) -> Expected:
    return Expected(address, True, True, UNKNOWN, "recipient", "5.1.1", "550")


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    fine = f"fine@{CHQ_DOMAIN}"
    return (
        Scenario(
            "chq_no_such_user",
            (f"nosuchuser@{CHQ_DOMAIN}",),
            (_unknown(f"nosuchuser@{CHQ_DOMAIN}"),),
        ),
        Scenario(
            "chq_mixed",
            (f"departed@{CHQ_DOMAIN}", f"fine@{CHQ_ELSEWHERE}", fine),
            (
                _unknown(f"departed@{CHQ_DOMAIN}"),
                Expected(f"fine@{CHQ_ELSEWHERE}", True, False, RELAY, "sender", "5.7.1", "503"),
            ),
        ),
        Scenario(
            "chq_relay_not_allowed",
            (f"fine@{CHQ_ELSEWHERE}",),
            (Expected(f"fine@{CHQ_ELSEWHERE}", True, False, RELAY, "sender", "5.7.1", "503"),),
        ),
        Scenario(
            "chq_message_too_big",
            (f"fine@{CHQ_SIZE}",),
            (Expected(f"fine@{CHQ_SIZE}", True, False, TOO_BIG, "sender", "5.3.4", "552"),),
            size=2 * SIZE_LIMIT_MB * 1024 * 1024,
        ),
        # our SPF record does not list the address we sent from: our side
        Scenario(
            "chq_spf_fail",
            (f"fine@{CHQ_SPF}",),
            (
                Expected(
                    f"fine@{CHQ_SPF}", True, False, ("auth_failure",), "sender", "5.7.23", "550"
                ),
            ),
        ),
        # the site's hook refuses the content: ours, never the recipient's
        Scenario(
            SPAM_SUBJECT,
            (fine,),
            (Expected(fine, True, False, ("spam_detected", *CONTENT), "sender", "", "554"),),
        ),
        # the hook's temporary refusal until the writer's queue lifetime ends
        Scenario(
            GREY_SUBJECT,
            (f"waiting@{CHQ_DOMAIN}",),
            (
                Expected(
                    f"waiting@{CHQ_DOMAIN}",
                    False,
                    False,
                    (EXPIRED, "greylisting"),
                    "transient",
                    "",
                    "451",
                ),
            ),
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    return chasquid.missing() or receivers_bed.missing(writer)


class _Run(Run):
    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


async def run(writer: str = "postfix") -> Run:
    """The DNS server, chasquid, the writer and the capture; every scenario sent."""
    dns = DnsServer()
    dns.add(SENDER_DOMAIN, "TXT", SPF_RECORD)
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = _Run(capture)
    server = chasquid.Chasquid(
        CHQ_DOMAIN,
        capture.port,
        free_port(),
        users=("fine", "waiting"),
        mda=("/bin/sh", "-c", "cat >/dev/null"),
        hook=HOOK,
        max_data_size_mb=SIZE_LIMIT_MB,
    )
    tx: Any = None
    try:
        await asyncio.to_thread(server.write_config)
        for domain in (CHQ_SIZE, CHQ_SPF):  # more local domains, each with its user "fine"
            (server.config / "domains" / domain).mkdir()
            await asyncio.to_thread(_add_user, server, f"fine@{domain}")
        await server.start()
        routes = dict.fromkeys((CHQ_DOMAIN, CHQ_SIZE, CHQ_ELSEWHERE, CHQ_SPF), server.smtp_port)
        port = free_port()
        if writer == "exim":
            tx = _exim_tx(port, routes, capture.port, (CHQ_SIZE,))
            for domain in routes:  # no STARTTLS (chasquid's security levels, above)
                tx.transport_options[domain] = (
                    *tx.transport_options.get(domain, ()),
                    "hosts_avoid_tls = *",
                )
            tx.transport_options[CHQ_SPF] += (f"interface = {SPF_FAILING}",)
            await tx.start()
        else:
            tx = _postfix_tx(port, routes, capture.port, (CHQ_SIZE,))
            tx.main["smtp_tls_security_level"] = "none"  # chasquid's security levels, above
            tx.services.append(f"smtpspf unix - - n - - smtp -o smtp_bind_address={SPF_FAILING}")
            tx.main["transport_maps"] = tx.main["transport_maps"].replace(
                f"{CHQ_SPF}=smtp:", f"{CHQ_SPF}=smtpspf:"
            )
            await asyncio.to_thread(tx.start)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the chasquid receivers' bed broke off: {exc}"
    finally:
        result.log = "\n".join(
            [tx.log_tail(40) if tx is not None else "", f"chasquid: {server.log_tail()}"]
        )
        await receivers_bed.stop_writer(tx)
        await server.stop()
        await capture.stop()
        await dns.stop()
    return result


def _add_user(server: chasquid.Chasquid, address: str) -> None:
    subprocess.run(
        [
            str(chasquid.util()),
            f"--configdir={server.config}",
            "user-add",
            address,
            f"--password={chasquid.PASSWORD}",
        ],
        check=True,
        capture_output=True,
        env=unpacked.environment(chasquid.binary()),
    )
    subprocess.run(["chown", "-R", f"{chasquid.RUN_USER}:nogroup", str(server.config)], check=True)


def stated_status(writer: str, expected: Expected) -> str:
    """The status ``writer``'s notice gives ``expected``: chasquid's enhanced code where its
    reply has one; for a hook's refusal (its text has none) Postfix's X.0.0 of the reply's
    class; Exim's 5.0.0 for every address it gives up on."""
    if not expected.status:
        if writer == "exim" and not expected.permanent:
            return "5.0.0"
        return f"{expected.reply_code[0]}.0.0"
    return expected.status


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry(
        "real-receivers-chasquid", writer, name, scenario.name, scenario.failed, stated_status
    )


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the chasquid bed", scenarios, entry, 90.0, also=(chasquid.ROOT,)
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
