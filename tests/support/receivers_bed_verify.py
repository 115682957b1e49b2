"""The receivers' bed (receivers_bed.py) with the destination's ADDRESS VERIFICATION and
DNS-BASED REFUSALS (judge37): a receiving Postfix 3.7 ("rx") with reject_unverified_recipient
(its probe to a scripted next hop that refuses one address, defers another for ever and takes a
third), reject_unverified_sender (its probe to a scripted server of our sender's domain that
refuses our address), reject_unknown_recipient_domain and reject_unknown_sender_domain (the
bed's DNS answering NXDOMAIN, and SERVFAIL), reject_rbl_client and reject_rhsbl_sender against
the bed's own DNSBL zones; a second receiving Postfix 3.7 ("ps") behind postscreen(8) with
postscreen_dnsbl_sites and postscreen_dnsbl_action = enforce (and postscreen_greet_action =
enforce); a receiving Exim 4.96 (unpacked, tests/support/exim.py) with ``verify =
recipient/callout`` to the same next hop, ``verify = sender/callout`` to our sender's server,
and ``dnslists`` with and without a message of the site's. A real Postfix 3.7 or Exim 4.96
writes the notices back to the scenario's envelope sender at a capture server on 127.0.0.1.
Labels come from what each check is documented to mean (postconf(5), postscreen(8), the Exim
specification's "Callout verification" and "dnslists"), never from the notices:
  a recipient the next hop refuses (550 5.1.1) is dead: the recipient's, suppressed; one the
  next hop defers until the writer's queue lifetime ends is transient, never suppressed; our
  sender refused by its own server, our domain not found, our host in a DNSBL, our domain in an
  RHSBL: the sender's, never suppressed; a recipient domain that does not exist (NXDOMAIN, with
  unknown_address_reject_code set to 550, the documented choice) the recipient's; one whose DNS
  fails (SERVFAIL: reject_tempfail_action's 450) until expiry transient.
A quick run (``generate(..., quick=True)``, the default suite's) starts only rx and the
scripted servers and sends QUICK_SCENARIOS, none of which waits for the queue lifetime.

The same namespace as receivers_bed.py (``unshare --net --mount``, root): every daemon listens
on the namespace's own loopback, and the bed's DNS server on its port 53 is the only resolver.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix, receivers_bed
from tests.support.bed import bed_message, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    SENDER_DOMAIN,
    UNKNOWN,
    UNROUTEABLE,
    Expected,
    Scenario,
)
from tests.support.scripted_mx import Script, ScriptedMx

DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
QUICK_GRACE = 0.3  # the quick run's scenarios refuse at once: no late notice to wait for
WRITERS = ("postfix", "exim")
DATE = "Mon, 07 Dec 2026 02:00:00 +0000"

# rx's domains and the restriction each chooses (smtpd_restriction_classes)
VFY = "vfy.test"  # relayed to NEXT_HOP, reject_unverified_recipient
VSENDER_CHECK = "vsender-check.test"  # reject_unverified_sender
# the same two checks on rx's second smtpd, with Postfix's default reject codes (450)
VFY_DEFAULT = "vfy-default.test"  # relayed to NEXT_HOP
VSENDER_DEFAULT_CHECK = "vsender-default-check.test"
DEFAULT_CODES = ("unverified_recipient_reject_code", "unverified_sender_reject_code")
NX_RCPT = "nx-rcpt.test"  # relayed; NXDOMAIN; reject_unknown_recipient_domain
SF_RCPT = "sf-rcpt.test"  # relayed; SERVFAIL; reject_unknown_recipient_domain
SENDER_DOMAIN_CHECK = "sender-domain.test"  # reject_unknown_sender_domain
RBL = "rbl.test"  # reject_rbl_client BLOCK_LIST
RHSBL = "rhsbl.test"  # reject_rhsbl_sender RHS_LIST
LOCAL = "local.test"  # knows only fine@
CLASSES = {
    VFY: "reject_unverified_recipient",
    VSENDER_CHECK: "reject_unverified_sender",
    VFY_DEFAULT: "reject_unverified_recipient",
    VSENDER_DEFAULT_CHECK: "reject_unverified_sender",
    NX_RCPT: "reject_unknown_recipient_domain",
    SF_RCPT: "reject_unknown_recipient_domain",
    SENDER_DOMAIN_CHECK: "reject_unknown_sender_domain",
}
BLOCK_LIST = "bl.test"  # lists 127.0.0.1, with a TXT record
BLOCK_LIST_TEXT = "Listed by the verify bed's block list"
RHS_LIST = "rhsbl.bl.test"  # lists sender.test
RX_RELAY = (VFY, NX_RCPT, SF_RCPT, VFY_DEFAULT)
RX_LOCAL = (LOCAL, VSENDER_CHECK, SENDER_DOMAIN_CHECK, RBL, RHSBL, VSENDER_DEFAULT_CHECK)
RX_DEFAULT_DOMAINS = (VFY_DEFAULT, VSENDER_DEFAULT_CHECK)  # sent to rx's second smtpd
PS = "ps.test"  # the postscreen Postfix's one domain
# the Exim receiver's
EX_CALLOUT = "ex-callout.test"  # relayed to NEXT_HOP after a recipient callout
EX_VSENDER = "ex-vsender.test"  # verify = sender/callout
EX_BL = "ex-bl.test"  # dnslists with no message
EX_BL_MSG = "ex-bl-msg.test"  # dnslists with the site's message
EX_LOCAL = "ex-local.test"  # knows only fine@
EX_DOMAINS = (EX_VSENDER, EX_BL, EX_BL_MSG, EX_LOCAL)
EX_BL_MESSAGE = "$sender_host_address is listed at $dnslist_domain ($dnslist_text)"
# envelope senders' domains (their notices go to the capture)
VSENDER = "vsender.test"  # the receivers' probes of it go to SENDER_MX, which refuses
NX_SENDER = "nx-sender.test"  # NXDOMAIN
SF_SENDER = "sf-sender.test"  # SERVFAIL
SENDER_DOMAINS = (SENDER_DOMAIN, VSENDER, NX_SENDER, SF_SENDER)

# the scripted next hop's and our sender's server's answers
NEXT_HOP_UNKNOWN = "550 5.1.1 User unknown"
NEXT_HOP_DEFER = "450 4.2.1 Mailbox temporarily unavailable, try again later"
SENDER_MX_UNKNOWN = "550 5.1.1 No such mailbox here"

LISTED = ("blocked",)
SENDER_REFUSED = ("rejected", "blocked", "policy_violation")
LISTED_SILENTLY = ("blocked", "policy_violation", "rejected")
TRANSIENT = (EXPIRED,)
NO_DOMAIN = ("host_unknown",)


UNVERIFIED_SENDERS = (
    "pf_unverified_sender",
    "pf_unverified_sender_default_code_to_expiry",
    "ex_sender_callout",
)


def _sender_domain(scenario: str) -> str:
    if scenario in UNVERIFIED_SENDERS:
        return VSENDER
    if scenario == "pf_unknown_sender_domain":
        return NX_SENDER
    if scenario == "pf_sender_domain_servfail_to_expiry":
        return SF_SENDER
    return SENDER_DOMAIN


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{_sender_domain(scenario)}"


def _one(name: str, address: str, expected: Expected) -> Scenario:
    return Scenario(name, (address,), (expected,))


def _sender(name: str, domain: str, reasons: tuple[str, ...], status: str, code: str) -> Scenario:
    """A permanent refusal of our side for fine@``domain``."""
    address = f"fine@{domain}"
    return _one(name, address, Expected(address, True, False, reasons, "sender", status, code))


def _until_expiry(
    name: str, address: str, reasons: tuple[str, ...], party: str, status: str, code: str
) -> Scenario:
    return _one(name, address, Expected(address, False, False, reasons, party, status, code))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    gone, later = f"gone@{VFY}", f"later@{VFY}"
    return (
        _one(
            "pf_user_unknown",
            f"nosuchuser@{LOCAL}",
            Expected(f"nosuchuser@{LOCAL}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        # rx's probe to the next hop is refused: "undeliverable address: host ... said: 550"
        _one(
            "pf_unverified_recipient",
            gone,
            Expected(gone, True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        # the probe deferred on every try: "unverified address: ..." until expiry
        _until_expiry(
            "pf_unverified_deferred_to_expiry", later, TRANSIENT, "transient", "4.1.1", "450"
        ),
        Scenario(
            "pf_unverified_mixed",
            (f"departed@{VFY}", f"fine@{VFY}"),
            (Expected(f"departed@{VFY}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
        ),
        # rx's probe of OUR sender address is refused by our own server
        _sender("pf_unverified_sender", VSENDER_CHECK, SENDER_REFUSED, "5.1.7", "550"),
        # the same two refusals under Postfix's default codes (postconf(5): 450 "to be safe"):
        # "450 4.1.1 <a>: Recipient address rejected: undeliverable address: ... 550 5.1.1 ..."
        # until expiry: the probe found the address dead, the refusal is temporary (never
        # suppressed, as judge16's NXDOMAIN under 450)
        _until_expiry(
            "pf_unverified_default_code_to_expiry",
            f"gone@{VFY_DEFAULT}",
            (*UNKNOWN, EXPIRED),
            "recipient",
            "4.1.1",
            "450",
        ),
        _until_expiry(
            "pf_unverified_sender_default_code_to_expiry",
            f"fine@{VSENDER_DEFAULT_CHECK}",
            (*SENDER_REFUSED, EXPIRED),
            "sender",
            "4.1.7",
            "450",
        ),
        _one(
            "pf_unknown_recipient_domain",
            f"fine@{NX_RCPT}",
            Expected(f"fine@{NX_RCPT}", True, True, NO_DOMAIN, "recipient", "5.1.2", "550"),
        ),
        _until_expiry(
            "pf_recipient_domain_servfail_to_expiry",
            f"fine@{SF_RCPT}",
            (EXPIRED, "host_unknown"),
            "transient",
            "4.1.2",
            "450",
        ),
        _sender("pf_unknown_sender_domain", SENDER_DOMAIN_CHECK, SENDER_REFUSED, "5.1.8", "550"),
        _until_expiry(
            "pf_sender_domain_servfail_to_expiry",
            f"fine@{SENDER_DOMAIN_CHECK}",
            (*SENDER_REFUSED, EXPIRED),
            "sender",
            "4.1.8",
            "450",
        ),
        _sender("pf_rbl_client", RBL, LISTED, "5.7.1", "554"),
        _sender("pf_rhsbl_sender", RHSBL, LISTED, "5.7.1", "554"),
        Scenario(
            "pf_mixed",
            (f"departed@{LOCAL}", f"fine@{RBL}", f"fine@{LOCAL}"),
            (
                Expected(f"departed@{LOCAL}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
                Expected(f"fine@{RBL}", True, False, LISTED, "sender", "5.7.1", "554"),
            ),
        ),
        _sender("ps_dnsbl", PS, LISTED, "5.7.1", "550"),
        # Exim's replies carry no enhanced code but the one it quotes from the next hop
        _one(
            "ex_callout_recipient",
            f"gone@{EX_CALLOUT}",
            Expected(f"gone@{EX_CALLOUT}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        _until_expiry(
            "ex_callout_deferred_to_expiry",
            f"later@{EX_CALLOUT}",
            TRANSIENT,
            "transient",
            "4.0.0",
            "451",
        ),
        _sender("ex_sender_callout", EX_VSENDER, SENDER_REFUSED, "5.0.0", "550"),
        # with no message of the site's, Exim's default for a deny: "Administrative
        # prohibition" (acl.c), which says no more than that the site refused
        _sender("ex_dnslists", EX_BL, LISTED_SILENTLY, "5.0.0", "550"),
        _sender("ex_dnslists_message", EX_BL_MSG, LISTED, "5.0.0", "550"),
        _one(
            "ex_user_unknown",
            f"nosuchuser@{EX_LOCAL}",
            Expected(
                f"nosuchuser@{EX_LOCAL}", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"
            ),
        ),
        Scenario(
            "ex_mixed",
            (f"departed@{EX_LOCAL}", f"fine@{EX_BL}", f"fine@{EX_LOCAL}"),
            (
                Expected(
                    f"departed@{EX_LOCAL}", True, True, UNROUTEABLE, "recipient", "5.0.0", "550"
                ),
                Expected(f"fine@{EX_BL}", True, False, LISTED_SILENTLY, "sender", "5.0.0", "550"),
            ),
        ),
    )


# the default suite's run: rx alone, nothing waiting for the queue lifetime
QUICK_SCENARIOS = ("pf_unverified_recipient", "pf_unverified_sender", "pf_rbl_client")


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    """The scenarios a run sends: all, or QUICK_SCENARIOS."""
    return tuple(s for s in scenarios() if not quick or s.name in QUICK_SCENARIOS)


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    return exim.missing() or receivers_bed.missing(writer)


def message(scenario: Scenario) -> Any:
    body = "A message whose fate the receiving site's address and DNS checks decide.\n"
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Verify bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )


def _rx(port: int, next_hop: int, sender_mx: int, default_port: int) -> postfix.Postfix:
    """The receiving Postfix: 127.0.0.1 not in its mynetworks; each domain's restriction from
    CLASSES; its probes to NEXT_HOP (VFY) and SENDER_MX (VSENDER); a second smtpd on
    ``default_port`` with Postfix's default verification reject codes."""
    names = {d: d.replace(".", "_").replace("-", "_") for d in CLASSES}
    classes = {names[d]: r for d, r in CLASSES.items()}
    classes["rbl_test"] = f"reject_rbl_client {BLOCK_LIST}"
    classes["rhsbl_test"] = f"reject_rhsbl_sender {RHS_LIST}"
    choose = {**{d: names[d] for d in CLASSES}, RBL: "rbl_test", RHSBL: "rhsbl_test"}
    root = Path(tempfile.mkdtemp(prefix="pf-rx-vfy-", dir="/var/tmp"))
    hop = f"smtp:[127.0.0.1]:{next_hop}"
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": ", ".join(RX_LOCAL),
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine }",
            "local_transport": "discard:",
            "relay_domains": ", ".join(RX_RELAY),
            "transport_maps": f"inline:{{ {VFY}={hop}, {VFY_DEFAULT}={hop}, "
            f"{VSENDER}=smtp:[127.0.0.1]:{sender_mx} }}",
            # postconf(5): 450 by default; 550 "after the address verification is known to
            # work" (as judge16), and for an unknown domain likewise
            "unverified_recipient_reject_code": "550",
            "unverified_sender_reject_code": "550",
            "unknown_address_reject_code": "550",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": ", ".join(classes),
            **classes,
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ "
            + ", ".join(f"{d}={c}" for d, c in choose.items())
            + " }",
            "smtp_dns_support_level": "enabled",
            "address_verify_poll_count": "5",
            "address_verify_poll_delay": "1s",
        },
        services=[
            f"127.0.0.1:{default_port} inet n - n - - smtpd "
            + " ".join(f"-o {c}={postfix_default(c)}" for c in DEFAULT_CODES)
        ],
    )


def postfix_default(parameter: str) -> str:
    """A main.cf parameter's default value (``postconf -d``)."""
    done = subprocess.run(
        ["postconf", "-dh", parameter], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


@dataclass
class PostscreenPostfix(postfix.Postfix):
    """A receiving Postfix whose public port is postscreen(8), handing over to smtpd."""

    def write_config(self) -> None:
        super().write_config()
        master = (self.conf / "master.cf").read_text(encoding="utf-8")
        master, count = re.subn(
            rf"(?m)^127\.0\.0\.1:{self.smtpd_port} inet n - n - - smtpd$",
            f"127.0.0.1:{self.smtpd_port} inet n - n - 1 postscreen\n"
            "smtpd pass - - n - - smtpd\n"
            "dnsblog unix - - n - 0 dnsblog\n"
            "tlsproxy unix - - n - 0 tlsproxy",
            master,
        )
        assert count == 1, master
        (self.conf / "master.cf").write_text(master, encoding="utf-8")


def _ps(port: int) -> postfix.Postfix:
    """postscreen(8) with the bed's DNSBL, enforce: the client is refused at RCPT. Its
    greet wait is its default (6 s): the DNSBL answer must come within it (with 1 s, under a
    load average of 13, dnsblog's answer came late and the client passed)."""
    root = Path(tempfile.mkdtemp(prefix="pf-ps-", dir="/var/tmp"))
    return PostscreenPostfix(
        port,
        root=root,
        main={
            "myhostname": "ps-rx.test",
            "mydomain": "ps-rx.test",
            "myorigin": "ps-rx.test",
            "mydestination": PS,
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "postscreen_dnsbl_sites": BLOCK_LIST,
            "postscreen_dnsbl_threshold": "1",
            "postscreen_dnsbl_action": "enforce",
            "postscreen_greet_action": "enforce",
        },
    )


EXIM_CONFIG = """\
primary_hostname = exim-vfy.test
qualify_domain = exim-vfy.test
exim_path = {binary}
keep_environment = LD_LIBRARY_PATH
spool_directory = {root}/spool
log_file_path = {root}/log/%slog
pid_file_path = {root}/exim.pid
local_interfaces = <; 127.0.0.1.{port}
domainlist local_domains = {domains}
domainlist relay_to_domains = {callout}
hostlist relay_from_hosts =
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_check_rcpt:
  require message = relay not permitted
          domains = +local_domains : +relay_to_domains
  require verify = recipient/callout=10s
  deny    domains = {vsender_check}
          !verify = sender/callout=10s
  deny    domains = {bl}
          dnslists = {block_list}
  deny    domains = {bl_msg}
          dnslists = {block_list}
          message = {bl_message}
  accept

begin routers
to_next_hop:
  driver = manualroute
  domains = {callout}
  route_list = * 127.0.0.1
  self = send
  transport = next_hop
to_sender_mx:
  driver = manualroute
  domains = {vsender}
  route_list = * 127.0.0.1
  self = send
  transport = sender_mx
fine:
  driver = accept
  domains = +local_domains
  local_parts = fine
  transport = nowhere

begin transports
next_hop:
  driver = smtp
  port = {next_hop}
  allow_localhost
sender_mx:
  driver = smtp
  port = {sender_mx}
  allow_localhost
nowhere:
  driver = appendfile
  file = /dev/null
  user = {user}
"""


@dataclass
class EximVerifyReceiver(exim.Exim):
    """Debian's Exim 4.96 with the bed's callouts and DNSBL checks."""

    next_hop: int = 0
    sender_mx: int = 0

    def _text(self) -> str:
        return EXIM_CONFIG.format(
            binary=exim.binary(),
            root=self.root,
            port=self.smtpd_port,
            domains=" : ".join(EX_DOMAINS),
            callout=EX_CALLOUT,
            vsender_check=EX_VSENDER,
            vsender=VSENDER,
            bl=EX_BL,
            bl_msg=EX_BL_MSG,
            block_list=BLOCK_LIST,
            bl_message=EX_BL_MESSAGE,
            next_hop=self.next_hop,
            sender_mx=self.sender_mx,
            user=exim.USER,
        )


def _scripted() -> tuple[ScriptedMx, ScriptedMx]:
    """The next hop behind rx and the Exim receiver, and our sender's server."""
    refuse, defer = Script(rcpt=NEXT_HOP_UNKNOWN), Script(rcpt=NEXT_HOP_DEFER)
    hop = {f"{u}@{d}": refuse for u in ("gone", "departed") for d in (VFY, VFY_DEFAULT, EX_CALLOUT)}
    hop |= {f"later@{d}": defer for d in (VFY, EX_CALLOUT)}
    ours = {sender_of(n): Script(rcpt=SENDER_MX_UNKNOWN) for n in UNVERIFIED_SENDERS}
    return ScriptedMx(hop, hostname="next-hop.test"), ScriptedMx(ours, hostname="vsender-mx.test")


def _dns() -> DnsServer:
    dns = DnsServer()
    dns.add(f"1.0.0.127.{BLOCK_LIST}", "A", "127.0.0.2")
    dns.add(f"1.0.0.127.{BLOCK_LIST}", "TXT", BLOCK_LIST_TEXT)
    dns.add(f"{SENDER_DOMAIN}.{RHS_LIST}", "A", "127.0.0.2")
    dns.add(f"{SENDER_DOMAIN}.{RHS_LIST}", "TXT", "Domain listed by the verify bed's RHSBL")
    for name in (SENDER_DOMAIN, VSENDER, f"mx.{SENDER_DOMAIN}"):
        dns.add(name, "A", "192.0.2.25")
    dns.add(SENDER_DOMAIN, "MX", f"10 mx.{SENDER_DOMAIN}.")
    for name in (SF_SENDER, SF_RCPT):
        dns.fail(name)
    return dns


def _routes(rx: int, rx_default: int, ps: int, ex: int, capture: int) -> dict[str, int]:
    return {
        **dict.fromkeys(SENDER_DOMAINS, capture),
        **dict.fromkeys((*RX_LOCAL, *RX_RELAY), rx),
        **dict.fromkeys(RX_DEFAULT_DOMAINS, rx_default),
        PS: ps,
        **dict.fromkeys((*EX_DOMAINS, EX_CALLOUT), ex),
    }


Run = receivers_bed.QuickRun


async def run(writer: str = "postfix") -> Run:
    """The receivers, the scripted servers, the writer and the capture; every scenario sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    phase = receivers_bed.Phases()

    dns = _dns()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    next_hop, sender_mx = _scripted()
    await next_hop.start()
    await sender_mx.start()
    result = Run(capture, sender_of, sent, quick=quick)
    rx_default = free_port()
    rx = _rx(free_port(), next_hop.port, sender_mx.port, rx_default)
    ps = None if quick else _ps(free_port())
    ex = (
        None
        if quick
        else EximVerifyReceiver(free_port(), {}, next_hop=next_hop.port, sender_mx=sender_mx.port)
    )
    tx: receivers_bed.Sender | None = None
    try:
        port = free_port()
        ports = (ps.smtpd_port if ps else 1, ex.smtpd_port if ex else 1)
        routes = _routes(rx.smtpd_port, rx_default, *ports, capture.port)
        tx = receivers_bed.writer_mta(writer, port, routes)
        starts = [asyncio.to_thread(p.start) for p in (rx, ps) if p is not None]
        if ex is not None:
            starts.append(ex.start())
        starts.append(receivers_bed.start_writer(tx))
        await receivers_bed.start_together(*starts)
        phase("started")
        await receivers_bed.submit_bounded(
            submit(port, message(s), sender_of(s.name), s.recipients) for s in sent(quick)
        )
        grace = QUICK_GRACE if quick else GRACE
        await wait_for_notices(capture, result.pending, DEADLINE, grace, tx.flush, NUDGE)
        phase("notices")
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the verify bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"rx: {rx.log_tail(60)}"]
        if ps is not None:
            logs.append(f"ps: {ps.log_tail(30)}")
        if ex is not None:
            logs.append(f"exim-rx: {ex.log_tail(30)}")
        result.log = "\n".join(logs)
        stops = [receivers_bed.stop_writer(tx), *(ex.stop() for ex in (ex,) if ex is not None)]
        stops += [asyncio.to_thread(p.stop) for p in (rx, ps) if p is not None]
        await asyncio.gather(*stops, return_exceptions=True)
        for server in (capture, next_hop, sender_mx):
            await server.stop()
        await dns.stop()
        phase("stopped")
        result.log += f"\n{phase}"
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry(
        "real-receivers-verify", writer, name, scenario.name, scenario.failed
    )


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the verify bed", scenarios, entry, 120.0, sent=sent, exim_receiver=True
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
