"""The receivers' bed (receivers_bed.py) for TLS between the sending MTA and the destination
(judge45): a real Postfix 3.7 (Debian's) or Exim 4.96 (the unpacked copy) sends to scripted
destinations on 127.0.0.1 whose TLS fails in a known way, and writes the notices back to the
scenario's envelope sender at a capture server:

- the writer requires TLS (Postfix ``smtp_tls_security_level = encrypt`` for that next hop,
  Exim ``hosts_require_tls``) and the destination offers no STARTTLS;
- the writer requires a verified certificate (Postfix ``verify`` with the bed's CA, Exim
  ``tls_verify_hosts`` with it) and the destination's is self-signed; or (Postfix ``secure``,
  Exim ``tls_verify_cert_hostnames``) signed by the bed's CA for another name;
- the handshake fails: after "220 2.0.0 Ready to start TLS" the destination writes bytes that
  are no TLS record, or closes;
- the destination answers STARTTLS with RFC 3207's "454 4.7.0 TLS not available due to
  temporary reason" while the writer requires TLS;
- the destination insists on TLS the writer does not start (Postfix ``none``, Exim
  ``hosts_avoid_tls``): "530 5.7.0 Must issue a STARTTLS command first" at MAIL (the words of
  Postfix's smtpd.c for smtpd_tls_security_level = encrypt);
- RFC 8689's 5.7.30: no Debian MTA speaks REQUIRETLS (Postfix 3.7, Exim 4.96), so a scripted
  destination refuses at RCPT with the code and the IANA registry's description, "REQUIRETLS
  support required";
- a message to a TLS-failing destination and a good one (only the first fails), and a message
  asking NOTIFY=DELAY only to a TLS-failing destination: the writer's delay warning (after
  DELAY_WARNING seconds) is its one notice, never a bounce.
The deferrals end after receivers_bed.QUEUE_LIFETIME seconds as the writer's expiry notices.

Labels by construction (docs/bounces.md, judge45, "The rule"): none of these says anything
about the recipient's address. A TLS requirement or a certificate check the writer's side
makes, the destination's insistence on TLS and RFC 8689's REQUIRETLS are the sending side's
(policy and configuration, RFC 3463 X.7.4/X.7.5/X.7.10, RFC 8689 X.7.30); a handshake cut
short and "TLS not available due to temporary reason" (RFC 3207) are transient; an expiry
notice's reason is ``expired`` (security_error accepted); none is suppressed.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import ssl
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, lmtp, receivers_bed
from tests.support.bed import bed_entry, bed_message, label, submit, wait_for_notices
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import SENDER_DOMAIN, Expected, Scenario
from tests.support.scripted_mx import RawListener, ScriptedMx

DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.5
QUICK_GRACE = 0.3
DELAY_WARNING = 2  # seconds in the writer's queue before its delay warning
WRITERS = ("postfix", "exim")
DATE = "Mon, 07 Dec 2026 05:00:00 +0000"
HOSTNAME = "tls-mx.test"

# The destinations, one scripted server each (Destination.mode)
PLAIN = "plain.test"  # no STARTTLS offered; the writer requires TLS
GOOD = "good.test"  # the same server, TLS not required: delivered
SELF_SIGNED = "self-signed.test"  # a self-signed certificate; the writer verifies
OTHER_NAME = "other-name.test"  # the bed CA's certificate for another name; the writer's secure
GARBAGE = "garbage.test"  # "220 Ready to start TLS", then no TLS record
CLOSED = "closed.test"  # "220 Ready to start TLS", then the connection closed
UNAVAILABLE = "unavailable.test"  # 454 4.7.0 to STARTTLS; the writer requires TLS
INSISTS = "insists.test"  # 530 5.7.0 at MAIL without TLS; the writer does not start it
REQUIRETLS = "requiretls.test"  # 550 5.7.30 at RCPT
STS = "sts.test"  # an MTA-STS policy in enforce mode whose MX's certificate does not match
STS_MX = f"mx.{STS}"
# not 127.0.0.1, where the writing Postfix listens: mail to it "loops back to myself"
STS_MX_ADDRESS = "127.0.0.2"
MTA_STS_DAEMON = Path("/usr/bin/mta-sts-daemon")  # Debian: postfix-mta-sts-resolver
# RFC 8461 section 3.2's policy: enforce, the MX the DNS names, a day
STS_POLICY = f"version: STSv1\nmode: enforce\nmx: {STS_MX}\nmax_age: 86400\n"

MUST_STARTTLS = "530 5.7.0 Must issue a STARTTLS command first"  # postfix smtpd.c
TLS_UNAVAILABLE = "454 4.7.0 TLS not available due to temporary reason"  # RFC 3207 section 4
REQUIRETLS_REFUSAL = "550 5.7.30 REQUIRETLS support required"  # RFC 8689 section 7.2 (IANA)
READY = "220 2.0.0 Ready to start TLS"  # RFC 3207 section 4, Postfix's words
NOT_TLS = b"this is no TLS record\r\n" * 4

# How the writer treats each destination: its TLS requirement
REQUIRE = "require"  # TLS, any certificate
VERIFY = "verify"  # TLS with a certificate from the bed's CA
SECURE = "secure"  # the same, for the destination's name
NEVER = "never"  # no STARTTLS even when offered
POLICY = {
    PLAIN: REQUIRE,
    SELF_SIGNED: VERIFY,
    OTHER_NAME: SECURE,
    GARBAGE: REQUIRE,
    CLOSED: REQUIRE,
    UNAVAILABLE: REQUIRE,
    INSISTS: NEVER,
    STS: SECURE,  # Exim: the static equivalent (Postfix asks the MTA-STS resolver instead)
}

# Labels (docs/bounces.md, judge45): the expiry of a deferral the writer's own TLS
# requirement or certificate check caused is the sending side's; of a handshake cut short or a
# temporary 454, transient; either way an expiry notice, `expired` first.
SENDER_EXPIRY = ("expired", "security_error")
TRANSIENT_EXPIRY = ("expired", "security_error", "network_error", "system_error")
INSISTED = ("security_error", "policy_violation")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _expiry(name: str, domain: str, party: str, status: str, code: str = "") -> Scenario:
    address = f"fine@{domain}"
    reasons = SENDER_EXPIRY if party == "sender" else TRANSIENT_EXPIRY
    return Scenario(
        name, (address,), (Expected(address, False, False, reasons, party, status, code),)
    )


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels (status: what Postfix states; Exim's in
    _as_stated)."""
    return (
        # smtp_proto.c: "TLS is required, but was not offered by host %s" (450, dsn 4.7.4)
        _expiry("required_not_offered", PLAIN, "sender", "4.7.4"),
        # tls_client.c / smtp_proto.c: "Server certificate not verified" (4.7.5)
        _expiry("verify_self_signed", SELF_SIGNED, "sender", "4.7.5"),
        _expiry("secure_other_name", OTHER_NAME, "sender", "4.7.5"),
        # smtp_proto.c: "Cannot start TLS: handshake failure" (4.7.5)
        _expiry("handshake_garbage", GARBAGE, "transient", "4.7.5"),
        _expiry("handshake_closed", CLOSED, "transient", "4.7.5"),
        # smtp_proto.c: "TLS is required, but host %s refused to start TLS: %s" (the reply's)
        _expiry("starttls_454", UNAVAILABLE, "transient", "4.7.0", "454"),
        # RFC 8461 section 5: the policy's MX certificate check fails (Postfix "secure
        # match=mx.sts.test" from postfix-mta-sts-resolver; the MX's certificate is the bed
        # CA's for another name): "Server certificate not verified", 4.7.5
        _expiry("mta_sts_enforce", STS, "sender", "4.7.5"),
        Scenario(
            "must_issue_starttls",
            (f"fine@{INSISTS}",),
            (Expected(f"fine@{INSISTS}", True, False, INSISTED, "sender", "5.7.0", "530"),),
        ),
        Scenario(
            "requiretls_5730",
            (f"fine@{REQUIRETLS}",),
            (
                Expected(
                    f"fine@{REQUIRETLS}",
                    True,
                    False,
                    ("security_error",),
                    "sender",
                    "5.7.30",
                    "550",
                ),
            ),
        ),
        Scenario(
            "mixed_tls_and_good",
            (f"other@{PLAIN}", f"fine@{GOOD}"),
            (Expected(f"other@{PLAIN}", False, False, SENDER_EXPIRY, "sender", "4.7.4", ""),),
        ),
        # NOTIFY=DELAY: the writer's delay warning is the one notice
        Scenario("delay_warning", (f"later@{PLAIN}",), ()),
    )


DELAY_ONLY = frozenset({"delay_warning"})
# the default suite's run: nothing waits for the queue lifetime
QUICK_SCENARIOS = ("must_issue_starttls", "requiretls_5730")


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    return tuple(s for s in scenarios() if not quick or s.name in QUICK_SCENARIOS)


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    if shutil.which("openssl") is None:
        return "openssl is not installed (Debian: openssl)"
    if writer == "postfix" and not MTA_STS_DAEMON.exists():
        return f"{MTA_STS_DAEMON} is not installed (Debian: postfix-mta-sts-resolver)"
    return exim.missing() or receivers_bed.missing(writer)


def message(scenario: Scenario) -> Any:
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"TLS bed: {scenario.name}",
        scenario.name,
        DATE,
        "A message whose fate TLS between the servers decides.\n",
    )


@dataclass
class Certificates:
    """The bed's CA, a certificate it signed for another name, a self-signed one; made with
    the openssl command in a directory the writers' users can read."""

    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="tls-bed-", dir="/var/tmp"))
    )

    def _openssl(self, *args: str) -> None:
        subprocess.run(["openssl", *args], cwd=self.root, check=True, capture_output=True)

    def make(self) -> None:
        self.root.chmod(0o755)
        key = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes")
        self._openssl("req", "-x509", *key, "-keyout", "ca.key", "-out", "ca.pem",
                      "-days", "2", "-subj", "/CN=TLS bed CA")  # fmt: skip
        self._openssl("req", *key, "-keyout", "other.key", "-out", "other.csr",
                      "-subj", "/CN=mx.elsewhere.test")  # fmt: skip
        self._openssl("x509", "-req", "-in", "other.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                      "-CAcreateserial", "-days", "2", "-out", "other.pem")  # fmt: skip
        self._openssl("req", "-x509", *key, "-keyout", "self.key", "-out", "self.pem",
                      "-days", "2", "-subj", f"/CN={HOSTNAME}")  # fmt: skip
        # the MTA-STS policy host's, with its name as a subjectAltName (RFC 8461 section 3.3)
        (self.root / "sts.ext").write_text(f"subjectAltName = DNS:mta-sts.{STS}\n")
        self._openssl("req", *key, "-keyout", "sts.key", "-out", "sts.csr",
                      "-subj", f"/CN=mta-sts.{STS}")  # fmt: skip
        self._openssl("x509", "-req", "-in", "sts.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                      "-CAcreateserial", "-days", "2", "-out", "sts.pem",
                      "-extfile", "sts.ext")  # fmt: skip
        for path in self.root.iterdir():
            path.chmod(0o644)

    @property
    def ca(self) -> Path:
        return self.root / "ca.pem"

    def context(self, name: str) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.root / f"{name}.pem", self.root / f"{name}.key")
        return context

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


@dataclass
class Destination(RawListener):
    """A scripted destination on 127.0.0.1 (RawListener's start and stop) speaking SMTP line
    by line: ``offer`` STARTTLS at EHLO or not; at STARTTLS ``starttls`` says what follows
    ("tls": READY and a handshake with ``context``; "garbage": READY and NOT_TLS; "close":
    READY and a closed connection; any other text: that reply); ``insist``: MUST_STARTTLS at
    MAIL before TLS; ``rcpt``: a reply per recipient; everything else accepted (kept in
    ``arrivals``)."""

    offer: bool = False
    starttls: str = "tls"
    context: ssl.SSLContext | None = None
    insist: bool = False
    rcpt: dict[str, str] = field(default_factory=dict)
    arrivals: list[tuple[str, ...]] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        try:
            await self._session(reader, writer)
        except (OSError, ssl.SSLError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            writer.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async def say(*lines: str) -> None:
            writer.write("".join(f"{line}\r\n" for line in lines).encode())
            await writer.drain()

        await say(f"220 {HOSTNAME} ESMTP")
        tls, recipients = False, []
        while line := (await reader.readline()).decode("ascii", "replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb == "EHLO":
                offered = ["250-STARTTLS"] if self.offer and not tls else []
                await say(f"250-{HOSTNAME}", *offered, "250-8BITMIME", "250 SIZE 10240000")
            elif verb == "HELO":
                await say(f"250 {HOSTNAME}")
            elif verb == "STARTTLS" and self.offer and not tls:
                if self.starttls not in ("tls", "garbage", "close"):
                    await say(self.starttls)
                    continue
                await say(READY)
                if self.starttls == "garbage":
                    writer.write(NOT_TLS)
                    await writer.drain()
                    return
                if self.starttls == "close":
                    return
                await writer.start_tls(self.context or ssl.create_default_context())
                tls = True
            elif verb == "MAIL":
                recipients = []
                await say(MUST_STARTTLS if self.insist and not tls else "250 2.1.0 Ok")
            elif verb == "RCPT":
                address = line.split("<", 1)[-1].split(">", 1)[0].lower()
                reply = self.rcpt.get(address)
                if reply is None:
                    recipients.append(address)
                await say(reply or "250 2.1.5 Ok")
            elif verb == "DATA":
                await say("354 End data with <CR><LF>.<CR><LF>")
                while (await reader.readline()) not in (b".\r\n", b".\n", b""):
                    pass
                self.arrivals.append(tuple(recipients))
                await say("250 2.0.0 Ok: queued")
            elif verb in ("RSET", "NOOP"):
                await say("250 2.0.0 Ok")
            elif verb == "QUIT":
                await say("221 2.0.0 Bye")
                return
            else:
                await say("502 5.5.2 Error: command not recognized")


def destinations(certificates: Certificates) -> dict[str, Destination]:
    """Each destination domain's scripted server (GOOD shares PLAIN's)."""
    plain = Destination()
    served = {
        PLAIN: plain,
        GOOD: plain,
        SELF_SIGNED: Destination(offer=True, context=certificates.context("self")),
        OTHER_NAME: Destination(offer=True, context=certificates.context("other")),
        GARBAGE: Destination(offer=True, starttls="garbage"),
        CLOSED: Destination(offer=True, starttls="close"),
        UNAVAILABLE: Destination(offer=True, starttls=TLS_UNAVAILABLE),
        INSISTS: Destination(offer=True, insist=True, starttls="close"),
        REQUIRETLS: Destination(rcpt={f"fine@{REQUIRETLS}": REQUIRETLS_REFUSAL}),
        # STS_MX (port 25): the CA's certificate, for another name than the policy's MX
        STS: Destination(offer=True, context=certificates.context("other")),
    }
    return served


# Postfix: one smtp service per TLS requirement (master.cf), the rest Debian's smtp with
# Postfix's default (no TLS asked for, compatibility_level 3.6)
def _postfix_services(ca: Path) -> dict[str, str]:
    return {
        REQUIRE: "-o smtp_tls_security_level=encrypt",
        VERIFY: f"-o smtp_tls_security_level=verify -o smtp_tls_CAfile={ca}",
        SECURE: f"-o smtp_tls_security_level=secure -o smtp_tls_CAfile={ca} "
        f"-o smtp_tls_secure_cert_match={OTHER_NAME}",
        NEVER: "-o smtp_tls_security_level=none",
    }


def _exim_options(ca: Path) -> dict[str, tuple[str, ...]]:
    verify = ("hosts_require_tls = *", "tls_verify_hosts = *", f"tls_verify_certificates = {ca}")
    return {
        REQUIRE: ("hosts_require_tls = *",),
        VERIFY: (*verify, "tls_verify_cert_hostnames ="),
        SECURE: (*verify, "tls_verify_cert_hostnames = *"),
        NEVER: ("hosts_avoid_tls = *",),
    }


def writer_mta(
    writer: str, port: int, routes: dict[str, int], ca: Path, sts_resolver: int
) -> receivers_bed.Sender:
    """``writer``'s MTA: each destination's TLS requirement (POLICY) on its route; Postfix
    asks the MTA-STS resolver on ``sts_resolver`` for STS's (socketmap, as the package's
    README sets it up) and finds its MX in the bed's DNS, Exim routes STS to its port."""
    if writer == "exim":
        options = _exim_options(ca)
        return receivers_bed.exim_writer(
            port,
            routes,
            settings={"delay_warning": f"{DELAY_WARNING}s:1h"},
            transport_options={d: options[p] for d, p in POLICY.items()},
        )
    services = _postfix_services(ca)
    tx = receivers_bed.postfix_writer(
        port,
        {d: to for d, to in routes.items() if d != STS},
        main={"delay_warning_time": f"{DELAY_WARNING}s", "smtp_tls_loglevel": "1"},
        via={d: f"smtp{p}" for d, p in POLICY.items()},
        services=[
            *(f"smtp{p} unix - - n - - smtp {o}" for p, o in services.items()),
            "smtpsts unix - - n - - smtp -o smtp_dns_support_level=enabled "
            f"-o smtp_tls_CAfile={ca} "
            f"-o smtp_tls_policy_maps=socketmap:inet:127.0.0.1:{sts_resolver}:postfix",
        ],
    )
    # STS by its MX (port 25 in the bed's namespace): the policy is looked up by its domain
    maps = tx.main["transport_maps"]
    tx.main["transport_maps"] = maps.removesuffix(" }") + f", {STS}=smtpsts:{STS} }}"
    return tx


STS_DAEMON_CONFIG = """\
host: 127.0.0.1
port: {port}
reuse_port: true
cache:
  type: internal
default_zone:
  strict_testing: false
  timeout: 4
"""


@dataclass
class StsResolver:
    """Debian's postfix-mta-sts-resolver (mta-sts-daemon) on 127.0.0.1:``port``, trusting the
    bed's CA (SSL_CERT_FILE) for the policy host; the bed's DNS answers its TXT query."""

    port: int
    ca: Path
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="mta-sts-", dir="/var/tmp"))
    )
    process: Any = None

    def start(self) -> None:
        conf = self.root / "mta-sts-daemon.yml"
        conf.write_text(STS_DAEMON_CONFIG.format(port=self.port), encoding="utf-8")
        environment = {**os.environ, "SSL_CERT_FILE": str(self.ca)}
        with open(self.root / "stderr.log", "ab") as errors:
            self.process = subprocess.Popen(
                [str(MTA_STS_DAEMON), "-c", str(conf), "-v", "debug"],
                stdout=errors,
                stderr=errors,
                env=environment,
                start_new_session=True,
            )
        lmtp.wait_listening(self.process, self.port, self.log_tail)

    def stop(self) -> None:
        lmtp.stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        return lmtp.log_tail(self.root, ("stderr.log",), lines)


@dataclass
class PolicyHost(RawListener):
    """https://mta-sts.STS/.well-known/mta-sts.txt (RFC 8461 section 3.3) on 127.0.0.1:443
    (``start(port=443, tls=context)``): STS_POLICY as text/plain over TLS with the bed CA's
    certificate for its name."""

    context: ssl.SSLContext
    requests: int = 0
    port: int = 0
    _server: asyncio.Server | None = None
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            self.requests += 1
            body = STS_POLICY.encode()
            head = (
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode() + body)
            await writer.drain()
        except (OSError, ssl.SSLError):
            pass
        finally:
            writer.close()


Run = receivers_bed.QuickRun


async def run(writer: str = "postfix") -> Run:
    """The certificates, the destinations, the writer and the capture; every scenario sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    phase = receivers_bed.Phases()
    dns = DnsServer()
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")
    # RFC 8461 section 3.1's TXT record, the policy host and the MX
    dns.add(f"_mta-sts.{STS}", "TXT", "v=STSv1; id=20261207T050000;")
    dns.add(f"mta-sts.{STS}", "A", "127.0.0.1")
    dns.add(STS, "MX", f"10 {STS_MX}.")
    dns.add(STS_MX, "A", STS_MX_ADDRESS)
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, sender_of, sent, quick=quick)
    certificates = Certificates()
    served: dict[str, Destination] = {}
    tx: receivers_bed.Sender | None = None
    policy_host: PolicyHost | None = None
    resolver = None if quick or writer != "postfix" else StsResolver(free_port(), certificates.ca)
    try:
        await asyncio.to_thread(certificates.make)
        served = destinations(certificates)
        for domain, destination in {id(d): (k, d) for k, d in served.items()}.values():
            if domain == STS:  # Exim's route: 127.0.0.1; the MX: STS_MX_ADDRESS
                await destination.start(("127.0.0.1", STS_MX_ADDRESS), port=25)
            else:
                await destination.start()
        if resolver is not None:
            policy_host = PolicyHost(certificates.context("sts"))
            await policy_host.start(port=443, tls=policy_host.context)
        routes = {SENDER_DOMAIN: capture.port, **{d: s.port for d, s in served.items()}}
        port = free_port()
        tx = writer_mta(writer, port, routes, certificates.ca, resolver.port if resolver else 1)
        starts = [receivers_bed.start_writer(tx)]
        if resolver is not None:
            starts.append(asyncio.to_thread(resolver.start))
        await receivers_bed.start_together(*starts)
        phase("started")
        await receivers_bed.submit_bounded(
            submit(
                port,
                message(s),
                sender_of(s.name),
                s.recipients,
                ["NOTIFY=DELAY"] if s.name in DELAY_ONLY else None,
            )
            for s in sent(quick)
        )
        grace = QUICK_GRACE if quick else GRACE
        await wait_for_notices(capture, result.pending, DEADLINE, grace, tx.flush, NUDGE)
        phase("notices")
        delivered = served[GOOD].arrivals
        if not quick and not any(f"fine@{GOOD}" in a for a in delivered):
            result.error = f"the good neighbour was not delivered: {delivered}"
    except (OSError, RuntimeError, KeyError, subprocess.CalledProcessError) as exc:
        result.error = f"the TLS bed broke off: {exc}"
    except aiosmtplib.SMTPException as exc:
        result.error = f"the TLS bed broke off: {exc}"
    finally:
        result.log = tx.log_tail(60) if tx is not None else ""
        if resolver is not None:
            requests = policy_host.requests if policy_host else 0
            result.log += f"\nmta-sts-daemon ({requests} policy fetches): {resolver.log_tail()}"
            await asyncio.to_thread(resolver.stop)
        if policy_host is not None:
            await policy_host.stop()
        await receivers_bed.stop_writer(tx)
        for destination in {id(d): d for d in served.values()}.values():
            await destination.stop()
        await capture.stop()
        await dns.stop()
        certificates.remove()
        phase("stopped")
        result.log += f"\n{phase}"
    return result


def _as_stated(writer: str, expected: Expected) -> Expected:
    """``expected`` with the status and reply code ``writer``'s notice states: Exim's notice
    for an address it gives up on after deferrals for a TLS failure says only "retry timeout
    exceeded" (no reply quoted, not even the 454) and Status 5.0.0; for a reply at MAIL or
    RCPT it quotes the reply, whose enhanced code is the status (receivers_bed_policy.entry's
    rule)."""
    if writer == "exim" and not expected.permanent:
        return replace(expected, status="5.0.0", reply_code="")
    return expected


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    failed = [_as_stated(writer, e) for e in scenario.failed]
    expected = [label(e, e.status, {"party": e.party}) for e in failed]
    return bed_entry(
        f"real-receivers-tls-{writer}",
        name,
        scenario.name,
        expected,
        bounce=scenario.name not in DELAY_ONLY,
    )


ADAPTER = receivers_bed.BedAdapter(__name__, "the TLS bed", scenarios, entry, 120.0, sent=sent)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
