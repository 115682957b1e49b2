"""The receivers' bed (receivers_bed.py) with GREYLISTING, A WEIGHTED POLICY AND DKIM at the
destination (judge28): Debian's greylistd 0.9 asked by a receiving Exim 4.96 (unpacked,
tests/support/exim.py) through greylistd's documented ACL statement, and a receiving Postfix 3.7
("rx", as judge24's) asking policyd-weight 0.1.15 (two instances: Debian's defaults, and one
whose DNSBL list is the bed's own zone) as a policy service and OpenDKIM 2.11 as a verifying
milter. A real Postfix 3.7 or Exim 4.96 writes the notices back to the scenario's envelope
sender at a capture server on 127.0.0.1. Labels come from how the receivers and components are
set up, never from the notices. The same namespace as receivers_bed.py (``unshare --net
--mount``, root): every daemon listens on the namespace's own loopback, and the bed's DNS
server on its port 53 is the only resolver.

The texts, in the components' own words:
  greylistd (/usr/share/doc/greylistd/examples/exim4-acl-example.txt, the statement
  ``greylistd-setup-exim4`` adds): Exim defers with "$sender_host_address is not yet authorized
  to deliver mail from <$sender_address> to <$local_part@$domain>. Please try later.", a 451
  with no enhanced code, while greylistd answers "grey": its retryMin (one hour by default) is
  far past the writer's 8 s queue lifetime.
  policyd-weight (its defaults, ``policyd-weight defaults``): with no DNS record at all for the
  client, its HELO and the sender's domain, $DNSERRMSG, "450 No DNS entries for your MTA, HELO
  and Domain. Contact YOUR administrator Your HELO: ..., IP: ..." (to which rx's Postfix adds
  access(5)'s 4.7.1) until expiry; with the sender's domain resolving elsewhere and the HELO
  not resolving, a score over $REJECTLEVEL: $REJECTMSG, "550 Mail appeared to be SPAM or
  forged. Ask your Mail/DNS-Administrator to correct HELO and DNS MX settings or to get removed
  from DNSBLs; ..."; the client listed in a DNSBL scoring over $MAXDNSBLSCORE: $MAXDNSBLMSG,
  "550 Your MTA is listed in too many DNSBLs; check http://www.robtex.com/rbl/<ip>.html".
  Its caches are off ($CACHESIZE, $POSCACHESIZE 0: the documented way), so one scenario's
  verdict is not another's "[cached]" one; one DNS try a second apart ($DNS_RETRIES,
  $DNS_RETRY_IVAL; its defaults, 2 and 2 s, made each failing look-up take 4 s).
  OpenDKIM (``Mode v``, ``On-BadSignature reject``): a message signed by our domain
  (relay/send/dkim.py, the relay's own signer; its public key given to OpenDKIM in a file) whose
  Subject was changed after signing.
  rx knows only ``fine`` in its domains: any other user is Postfix's "User unknown in local
  recipient table" (550 5.1.1); ``rx_mixed`` sends to an unknown user, to a recipient behind
  the DNSBL-listing policyd-weight and to one accepted; ``grey_mixed`` to Exim's unknown user
  ("550 Unrouteable address") and to an accepted address of a domain it does not greylist.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from relay.send import dkim as relay_dkim
from tests.support import exim, postfix, receivers_bed
from tests.support.bed import (
    bed_message,
    wait_for_notices,
)
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
from tests.support.receivers_bed_filters import Daemon, wait_for_path
from tests.support.scripted_mx import ScriptedMx

GREYLISTD = Path("/usr/sbin/greylistd")  # Debian: greylistd
POLICYD_WEIGHT = Path("/usr/sbin/policyd-weight")  # Debian: policyd-weight
OPENDKIM = Path("/usr/sbin/opendkim")  # Debian: opendkim
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
WRITERS = ("postfix", "exim")

GREY_DOMAIN = "grey.test"  # the receiving Exim greylists this domain with greylistd
OPEN_DOMAIN = "exim-open.test"  # the receiving Exim's domain it does not greylist
EXIM_RX_DOMAINS = (GREY_DOMAIN, OPEN_DOMAIN)
PW_DOMAIN = "pw.test"  # rx asks policyd-weight with Debian's defaults
PW_BL_DOMAIN = "pw-bl.test"  # rx asks the policyd-weight whose DNSBL is the bed's zone
DKIM_DOMAIN = "dkim.test"  # rx's own: OpenDKIM sees every message rx takes
RX_DOMAINS = (PW_DOMAIN, PW_BL_DOMAIN, DKIM_DOMAIN)
# envelope senders' domains of the policyd-weight scenarios (their notices go to the capture)
NODNS_SENDER = "nodns-sender.test"  # no record at all
FORGED_SENDER = "forged-sender.test"  # an MX and an A record, neither the client's address
SENDER_DOMAINS = (SENDER_DOMAIN, NODNS_SENDER, FORGED_SENDER)
BED_DNSBL = "dnsbl.bed.test"  # the second policyd-weight's one DNSBL; it lists 127.0.0.1
DKIM_SELECTOR = "bed"
# the writers' HELO names (Postfix's myhostname in postfix.py, Exim's primary_hostname below):
# the bed's DNS answers SERVFAIL for them and for NODNS_SENDER, so policyd-weight's MX look-ups
# for the HELO and the sender's domain fail ("No DNS entries for your MTA, HELO and Domain")
WRITER_HELOS = ("postfix.test", "exim-tx.test")
DATE = "Sun, 06 Dec 2026 12:00:00 +0000"

# greylisting until the queue lifetime ends: transient, never suppressed
GREYLISTED = (EXPIRED,)
# policyd-weight's refusals: our sending host, its name and our domain's DNS (its manual: it
# scores "DNSBLs/RHSBLs, HELO argument, MAIL FROM: argument, client IP address, DNS
# client/HELO/FROM entries"): the sender's, never suppressed
FORGED = ("blocked", "require_ptr", "policy_violation", "rejected", "spam_detected")
LISTED = ("blocked",)
NO_DNS = ("require_ptr", "blocked", EXPIRED)
# OpenDKIM's refusal of a broken signature: our authentication failed
DKIM_FAILED = ("auth_failure", "security_error", "policy_violation", "rejected")


def sender_of(scenario: str) -> str:
    domain = {"pw_no_dns_to_expiry": NODNS_SENDER, "pw_forged": FORGED_SENDER}
    return f"bounces+{scenario}@{domain.get(scenario, SENDER_DOMAIN)}"


def _one(name: str, address: str, expected: Expected) -> Scenario:
    return Scenario(name, (address,), (expected,))


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    unknown, fine = f"nosuchuser@{DKIM_DOMAIN}", f"fine@{DKIM_DOMAIN}"
    grey, listed = f"later@{GREY_DOMAIN}", f"fine@{PW_BL_DOMAIN}"
    departed = f"departed@{GREY_DOMAIN}"
    return (
        _one(
            "rx_user_unknown",
            unknown,
            Expected(unknown, True, True, UNKNOWN, "recipient", "5.1.1", "550"),
        ),
        # Exim's reply has no enhanced code: Postfix states the reply's class with .0.0
        # (receivers_bed.gave_up_status: Exim's notice 5.0.0)
        _one(
            "greylistd_to_expiry",
            grey,
            Expected(grey, False, False, GREYLISTED, "transient", "4.0.0", "451"),
        ),
        _one(
            "pw_no_dns_to_expiry",
            f"fine@{PW_DOMAIN}",
            Expected(f"fine@{PW_DOMAIN}", False, False, NO_DNS, "sender", "4.7.1", "450"),
        ),
        _one(
            "pw_forged",
            f"other@{PW_DOMAIN}",
            Expected(f"other@{PW_DOMAIN}", True, False, FORGED, "sender", "5.7.1", "550"),
        ),
        _one("pw_dnsbl", listed, Expected(listed, True, False, LISTED, "sender", "5.7.1", "550")),
        _one(
            "dkim_bad_signature",
            fine,
            Expected(fine, True, False, DKIM_FAILED, "sender", "5.7.0", "550"),
        ),
        Scenario(
            "rx_mixed",
            (f"departed@{DKIM_DOMAIN}", f"other@{PW_BL_DOMAIN}", fine),
            (
                Expected(
                    f"departed@{DKIM_DOMAIN}", True, True, UNKNOWN, "recipient", "5.1.1", "550"
                ),
                Expected(f"other@{PW_BL_DOMAIN}", True, False, LISTED, "sender", "5.7.1", "550"),
            ),
        ),
        Scenario(
            "grey_mixed",
            (departed, f"fine@{OPEN_DOMAIN}"),
            (Expected(departed, True, True, UNROUTEABLE, "recipient", "5.0.0", "550"),),
        ),
    )


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    for path, package in (
        (GREYLISTD, "greylistd"),
        (POLICYD_WEIGHT, "policyd-weight"),
        (OPENDKIM, "opendkim"),
    ):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return exim.missing() or receivers_bed.missing(writer)


def signing_key() -> tuple[str, str]:
    """A fresh key for our domain: (private key PEM, the ``p=`` value the bed's DNS serves)."""
    return relay_dkim.new_key()


def message(scenario: Scenario, private_key: str = "") -> bytes:
    """The scenario's message as sent; ``dkim_bad_signature``'s signed by our domain, then
    its Subject changed (the signature covers it: the verifier's hash no longer matches)."""
    body = "A message whose fate the receiving site's policy decides.\n"
    msg: EmailMessage = bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Greylist bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )
    raw = msg.as_bytes()
    if scenario.name != "dkim_bad_signature":
        return raw
    signed = relay_dkim.sign(
        raw, domain=SENDER_DOMAIN, selector=DKIM_SELECTOR, private_key_pem=private_key
    )
    changed = signed.replace(b"Subject: Greylist bed:", b"Subject: Changed in transit:", 1)
    assert changed != signed
    return changed


GREYLISTD_CONF = """\
[timeouts]
retryMin = 3600
retryMax = 28800
expire = 5184000

[socket]
path = {root}/socket
owner = root:root
mode = 0666

[data]
update = 600
statefile = {root}/states
tripletfile = {root}/triplets
savetriplets = true
singlecheck = false
singleupdate = false
"""


@dataclass
class Greylistd(Daemon):
    """greylistd in the foreground with its own configuration file (its first argument),
    listening on a Unix socket in its directory."""

    @property
    def socket(self) -> Path:
        return self.root / "socket"

    def prepare(self) -> None:
        super().prepare()
        (self.root / "greylistd.conf").write_text(GREYLISTD_CONF.format(root=self.root))

    def argv(self) -> list[str]:
        return [str(GREYLISTD), str(self.root / "greylistd.conf")]

    def wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        wait_for_path(self.socket, process, self.log_tail, self.timeout)


# greylistd's documented Exim statement (exim4-acl-example.txt) with the bed's socket; its
# whitelist files are the package's (absent here); it greylists GREY_DOMAIN only (the
# example: every local and relay domain), so OPEN_DOMAIN takes grey_mixed's good address.
EXIM_GREY_CONFIG = """\
primary_hostname = exim-grey.test
qualify_domain = exim-grey.test
exim_path = {binary}
keep_environment = LD_LIBRARY_PATH
spool_directory = {root}/spool
log_file_path = {root}/log/%slog
pid_file_path = {root}/exim.pid
local_interfaces = <; 127.0.0.1.{port}
domainlist local_domains = {domains}
domainlist relay_to_domains =
domainlist grey_domains = {grey}
hostlist relay_from_hosts =
acl_smtp_rcpt = acl_check_rcpt

begin acl
acl_local_deny_exceptions:
  deny

acl_check_rcpt:
  defer
    message        = $sender_host_address is not yet authorized to deliver \\
                     mail from <$sender_address> to <$local_part@$domain>. \\
                     Please try later.
    log_message    = greylisted.
    !senders       = :
    !hosts         = : +relay_from_hosts
    !authenticated = *
    !acl           = acl_local_deny_exceptions
    domains        = +grey_domains
    verify         = recipient/callout=20s,use_sender,defer_ok
    condition      = ${{readsocket{{{socket}}}\\
                                 {{--grey \\
                                  $sender_host_address \\
                                  $sender_address \\
                                  $local_part@$domain}}\\
                                 {{5s}}{{}}{{false}}}}
  require message = relay not permitted
          domains = +local_domains : +relay_to_domains
  require verify = recipient
  accept

begin routers
fine:
  driver = accept
  domains = +local_domains
  local_parts = fine : later
  transport = nowhere

begin transports
nowhere:
  driver = appendfile
  file = /dev/null
  user = {user}
"""


@dataclass
class EximGreyReceiver(exim.Exim):
    """Debian's Exim 4.96 receiving GREY_DOMAIN and OPEN_DOMAIN, asking greylistd at
    ``socket``; only ``fine`` and ``later`` exist."""

    socket: Path = Path("/nonexistent")

    def _text(self) -> str:
        return EXIM_GREY_CONFIG.format(
            binary=exim.binary(),
            root=self.root,
            port=self.smtpd_port,
            domains=" : ".join(EXIM_RX_DOMAINS),
            grey=GREY_DOMAIN,
            socket=self.socket,
            user=exim.USER,
        )


POLICYD_WEIGHT_CONF = """\
$TCP_PORT = {port};
$BIND_ADDRESS = '127.0.0.1';
$LOCKPATH = '{root}/lock/';
$SPATH = $LOCKPATH.'/polw.sock';
$PIDFILE = '{root}/policyd-weight.pid';
$syslog_socktype = 'console';
$CACHESIZE = 0;
$POSCACHESIZE = 0;
$DNS_RETRIES = 1;
$DNS_RETRY_IVAL = 1;
{more}"""
# the second instance: one DNSBL, the bed's zone, whose listing alone is over the limit
BED_DNSBL_CONF = f"""\
@dnsbl_score = ('{BED_DNSBL}', 5, 0, 'BED_DNSBL');
@rhsbl_score = ();
$MAXDNSBLSCORE = 4;
"""


@dataclass
class PolicydWeight(Daemon):
    """policyd-weight with the bed's configuration file (``-f``), its master in the foreground
    (``-D``); ``more``: settings after the bed's."""

    more: str = ""

    def prepare(self) -> None:
        super().prepare()
        lock = self.root / "lock"
        lock.mkdir()
        subprocess.run(["chown", "polw", str(lock)], check=True)  # the package's user
        conf = POLICYD_WEIGHT_CONF.format(port=self.port, root=self.root, more=self.more)
        (self.root / "policyd-weight.conf").write_text(conf)

    @property
    def conf(self) -> Path:
        return self.root / "policyd-weight.conf"

    def argv(self) -> list[str]:
        return [str(POLICYD_WEIGHT), "-D", "-f", str(self.conf), "start"]

    def stop(self) -> None:
        # its cache instance runs in a session of its own: "-k stop" ends it with the master
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(
                    [
                        str(POLICYD_WEIGHT),
                        "-k",
                        "-f",
                        str(self.root / "policyd-weight.conf"),
                        "stop",
                    ],
                    capture_output=True,
                    timeout=15,
                    check=False,
                )
        super().stop()


OPENDKIM_CONF = """\
Mode v
Socket inet:{port}@127.0.0.1
On-BadSignature reject
InternalHosts 192.0.2.1
TestPublicKeys {root}/public-keys
PidFile {root}/opendkim.pid
UserID opendkim
Syslog no
Background no
"""


@dataclass
class OpenDkim(Daemon):
    """OpenDKIM verifying only, rejecting a message whose signature does not verify. Our
    domain's public key comes from a file (``TestPublicKeys``, opendkim.conf(5): "for use
    only during automated testing"): its resolver, libunbound, asked the bed's DNS server
    nothing in the namespace (with ``Nameservers 127.0.0.1`` and an Unbound configuration
    allowing a loopback forwarder alike: "key not found in DNS", and the message accepted)."""

    public_key: str = ""

    def prepare(self) -> None:
        super().prepare()
        subprocess.run(["chown", "opendkim", str(self.root)], check=True)
        key = f"{DKIM_SELECTOR}._domainkey.{SENDER_DOMAIN} v=DKIM1; k=rsa; p={self.public_key}\n"
        (self.root / "public-keys").write_text(key)
        (self.root / "opendkim.conf").write_text(
            OPENDKIM_CONF.format(port=self.port, root=self.root)
        )

    def argv(self) -> list[str]:
        return [str(OPENDKIM), "-f", "-x", str(self.root / "opendkim.conf")]


def _rx(port: int, pw: int, pw_bl: int, milter: int) -> postfix.Postfix:
    """The receiving Postfix: 127.0.0.1 not in its mynetworks; policyd-weight for PW_DOMAIN,
    the second one for PW_BL_DOMAIN, OpenDKIM for every message."""
    root = Path(tempfile.mkdtemp(prefix="pf-rx-grey-", dir="/var/tmp"))
    return postfix.Postfix(
        port,
        root=root,
        main={
            "myhostname": "rx.test",
            "mydomain": "rx.test",
            "myorigin": "rx.test",
            "mydestination": ", ".join(RX_DOMAINS),
            "mynetworks": "192.0.2.1/32",
            "local_recipient_maps": "inline:{ fine=fine, other=other }",
            "local_transport": "discard:",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": "pw_test, pw_bl_test",
            "pw_test": f"check_policy_service inet:127.0.0.1:{pw}",
            "pw_bl_test": f"check_policy_service inet:127.0.0.1:{pw_bl}",
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ "
            f"{PW_DOMAIN}=pw_test, {PW_BL_DOMAIN}=pw_bl_test }}",
            "smtpd_policy_service_timeout": "60s",
            "smtpd_milters": f"inet:127.0.0.1:{milter}",
            "milter_default_action": "tempfail",
        },
    )


def _routes(rx: int, exim_rx: int, capture: int) -> dict[str, int]:
    return {
        **dict.fromkeys(SENDER_DOMAINS, capture),
        **dict.fromkeys(RX_DOMAINS, rx),
        **dict.fromkeys(EXIM_RX_DOMAINS, exim_rx),
    }


def _dns() -> DnsServer:
    """The bed's DNS: the forged sender's domain resolving to an address that is not the
    client's; 127.0.0.1 listed in the bed's DNSBL; SERVFAIL for the writers' HELO names and
    NODNS_SENDER; nothing else (NXDOMAIN)."""
    dns = DnsServer()
    dns.add(FORGED_SENDER, "MX", f"10 mx.{FORGED_SENDER}.")
    dns.add(FORGED_SENDER, "A", "192.0.2.55")
    dns.add(f"mx.{FORGED_SENDER}", "A", "192.0.2.55")
    dns.add(f"1.0.0.127.{BED_DNSBL}", "A", "127.0.0.2")
    for name in (NODNS_SENDER, *WRITER_HELOS):
        dns.fail(name)
    return dns


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


async def run(writer: str = "postfix") -> Run:
    """The two receivers with their components, the writer and the capture; every scenario
    sent."""
    private_key, public_key = signing_key()
    dns = _dns()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    grey = Greylistd("greylistd", 0)
    pw = PolicydWeight("policyd-weight", free_port())
    pw_bl = PolicydWeight("policyd-weight-dnsbl", free_port(), more=BED_DNSBL_CONF)
    opendkim = OpenDkim("opendkim", free_port(), public_key=public_key)
    daemons: list[Daemon] = [grey, pw, pw_bl, opendkim]
    rx = _rx(free_port(), pw.port, pw_bl.port, opendkim.port)
    exim_rx = EximGreyReceiver(free_port(), {}, socket=grey.socket)
    tx: receivers_bed.Sender | None = None
    try:
        port = free_port()
        routes = _routes(rx.smtpd_port, exim_rx.smtpd_port, capture.port)
        tx = receivers_bed.writer_mta(writer, port, routes)
        # every server at once (rx asks its components only when mail comes, after all are up)
        starts = [asyncio.to_thread(d.start) for d in (*daemons, rx)]
        starts.append(exim_rx.start())
        starts.append(receivers_bed.start_writer(tx))
        await receivers_bed.start_together(*starts)
        for scenario in scenarios():
            raw = message(scenario, private_key)
            await submit_bytes(port, raw, sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the greylist bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"rx: {rx.log_tail(60)}"]
        logs += [f"exim-rx: {exim_rx.log_tail(30)}"]
        logs += [f"{d.name}: {d.log_tail()}" for d in daemons]
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(tx)
        await exim_rx.stop()
        await asyncio.to_thread(rx.stop)
        await asyncio.gather(*(asyncio.to_thread(d.stop) for d in daemons), return_exceptions=True)
        await capture.stop()
        await dns.stop()
    return result


async def submit_bytes(port: int, raw: bytes, sender: str, recipients: tuple[str, ...]) -> None:
    """bed.submit for a message given as bytes (a signature must reach rx as signed)."""
    await aiosmtplib.send(
        raw,
        sender=sender,
        recipients=list(recipients),
        hostname="127.0.0.1",
        port=port,
        start_tls=False,
        rcpt_options=["NOTIFY=FAILURE"],
        timeout=30,
    )


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry(
        "real-receivers-greylist", writer, name, scenario.name, scenario.failed
    )


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the greylist bed", scenarios, entry, 120.0, exim_receiver=True
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
