"""The receivers' bed (receivers_bed.py) with Sendmail 8.17 and Courier 1.0.16 as the REAL
RECEIVING servers (judge19): each refuses in its own words, by its own configuration, and a
real Postfix 3.7 or Exim 4.96 writes the notice back to the scenario's envelope sender at a
capture server on 127.0.0.1. Labels come from how each receiver is set up, never from the
notices. The same namespace as receivers_bed.py (``unshare --net --mount``, root): a DNS
server on port 53, our resolv.conf, an /etc/hosts naming nothing.

Sendmail (Debian's 8.17, unpacked by tests/support/sendmail.py; a .mc built with the unpacked
cf/m4 files, one daemon per refusal that applies to the whole client, as its checks are per
connection): Sendmail relays for 127.0.0.1 ("originated locally", proto.m4 Relay_ok), so the
writer connects to the Sendmail receivers from 127.0.0.2 (any 127/8 address is the namespace's
loopback). Its own texts (cf/m4/proto.m4, cf/feature/dnsbl.m4, recipient.c, collect.c):
  ``sm.test`` (LOCAL_DOMAIN) knows only fine (virtusertable to the capture): any other user is
  the local mailer's "550 5.1.1 <a>... User unknown" (no such account; recipient.c);
  ``sm-virt.test`` (VIRTUSER_DOMAIN) ends in ``@sm-virt.test error:nouser User unknown`` (as
  cf/README's example; answered "553 5.3.0 <a>... User unknown");
  ``sm-elsewhere.test`` is none of its domains: "550 5.7.1 <a>... Relaying denied. IP name
  lookup failed [127.0.0.2]" (127.0.0.2 has no name in the bed);
  ``sm-size.test`` (sent to with HELO, so no SIZE=) is over confMAX_MESSAGE_SIZE: "552 5.2.3
  Message exceeds maximum fixed size (N)" after DATA (collect.c);
  ``sm-access.test``'s daemon has ``From:sender.test REJECT`` in its access map, checked at RCPT
  (FEATURE(delay_checks)): "550 5.7.1 <a>... Access denied";
  ``sm-dnsbl.test``'s daemon FEATURE(dnsbl) on bl.test (lists 127.0.0.2): "550 5.7.1 Rejected:
  127.0.0.2 listed at bl.test";
  ``sm-temp.test``'s daemon FEATURE(dnsbl) on tf.test with ``t`` (the bed's DNS answers
  SERVFAIL there): "451 4.4.3 Temporary lookup failure of 127.0.0.2 at tf.test" until the
  writer's queue lifetime ends.
Courier (Debian's 1.0.16, unpacked by tests/support/courier.py; CourierReceiver below):
"550 User <a> unknown" (authdaemond's account lookup), "513 Relaying denied.", "511 <the
block list's TXT>" (couriertcpd -block), "523 Message length (N bytes) exceeds administrative
limit(M)." (sizelimit), "517-Domain does not exist: sender.test." (BOFHCHECKDNS, at MAIL FROM)
and "417 DNS lookup on HELO <name> failed.  Try again later." (BOFHCHECKHELO, until the
writer's queue lifetime ends); its replies carry no enhanced code.
Sendmail checks no quota at SMTP time (a full mailbox is its local mailer's answer after the
message was taken, and Sendmail then writes the notice itself), nor does Courier (its
deliverquota runs at delivery), so the bed has none.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
from dataclasses import dataclass, field
from typing import Any

import aiosmtplib

from tests.support import courier, postfix, receivers_bed, sendmail, unpacked
from tests.support.bed import (
    submit,
    wait_for_notices,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import (
    EXPIRED,
    HELO_REFUSED,
    LISTED,
    RELAY,
    SENDER_DOMAIN,
    SIZE_LIMIT,
    TOO_BIG,
    UNKNOWN,
    EximSender,
    Expected,
    Scenario,
    message,
    sender_of,
)
from tests.support.scripted_mx import ScriptedMx

CLIENT = "127.0.0.2"  # the writer's address towards the Sendmail receivers
BLOCK_LIST = "bl.test"
FAILING_LIST = "tf.test"  # the bed's DNS answers SERVFAIL for the client's name under it
CAPTURE_DOMAIN = "kept.test"  # where the receivers send what they accept (the capture)
DEADLINE = 60.0
NUDGE = 15.0
GRACE = 1.0
WRITERS = ("postfix", "exim")

# Each Sendmail daemon's domains; the first is the one with the local users and the maps.
SM_MAIN = ("sm.test", "sm-virt.test", "sm-size.test")
SM_ELSEWHERE = "sm-elsewhere.test"
SM_ACCESS = "sm-access.test"
SM_DNSBL = "sm-dnsbl.test"
SM_TEMP = "sm-temp.test"
HELO_DOMAINS = ("sm-size.test", "courier-size.test")

# Sendmail's "Access denied" (proto.m4, an access map's REJECT) does not say what it refused:
# here our sender (From:), the site's policy against the sending side.
ACCESS_DENIED = ("rejected", "blocked", "policy_violation")
TEMP_LOOKUP = (EXPIRED,)
# Courier's BOFHCHECKDNS refusal of our envelope sender's domain
SENDER_DOMAIN_REFUSED = ("rejected",)


@dataclass
class SendmailReceiver(sendmail.Sendmail):
    """One Debian Sendmail 8.17 daemon receiving on 127.0.0.1:``smtpd_port``: ``locals`` its
    LOCAL_DOMAINs, ``virtual`` its VIRTUSER_DOMAINs, ``virtusers`` its virtusertable,
    ``access`` its access map, ``features`` more FEATURE() lines; what it accepts goes to the
    capture on ``capture``."""

    locals: tuple[str, ...] = ()
    virtual: tuple[str, ...] = ()
    virtusers: dict[str, str] = field(default_factory=dict)
    access: dict[str, str] = field(default_factory=dict)
    features: tuple[str, ...] = ()
    capture: int = 0

    def write_config(self) -> None:
        super().write_config()
        env = unpacked.environment(sendmail.binary())
        makemap = sendmail.binary().parent / "makemap"
        for name, table in (("virtusertable", self.virtusers), ("access", self.access)):
            text = "".join(f"{k}\t{v}\n" for k, v in table.items())
            (self.root / name).write_text(text, encoding="utf-8")
            subprocess.run(
                # -C: makemap reads the TrustedUser option from a sendmail.cf
                [str(makemap), "-C", str(self.config), "hash", str(self.root / name)],
                input=text.encode(),
                env=env,
                check=True,
                capture_output=True,
                timeout=30,
            )

    def _mc(self) -> str:
        defines = {
            "confDOMAIN_NAME": "sm-rx.test",
            "QUEUE_DIR": str(self.root / "queue"),
            "STATUS_FILE": str(self.root / "statistics"),
            "ALIAS_FILE": str(self.root / "aliases"),
            "confPID_FILE": str(self.root / "sendmail.pid"),
            "confTO_IDENT": "0",
            "confQUEUE_LA": "999",
            "confREFUSE_LA": "999",
            "confDELAY_LA": "0",
            "confDONT_PROBE_INTERFACES": "True",
            "confMAX_MESSAGE_SIZE": str(SIZE_LIMIT),
            # the maps are in a directory under /var/tmp, which anyone may write to
            "confDONT_BLAME_SENDMAIL": "MapInUnsafeDirPath",
        }
        root = sendmail.ROOT
        lines = [
            "divert(-1)",
            "divert(0)dnl",
            f"include(`{root}/usr/share/sendmail/cf/m4/cf.m4')dnl",
            "OSTYPE(`linux')dnl",
            *(f"define(`{k}', `{v}')dnl" for k, v in defines.items()),
            "FEATURE(`no_default_msa')dnl",
            "FEATURE(`nocanonify')dnl",
            "FEATURE(`accept_unresolvable_domains')dnl",  # sender.test is not in DNS
            f"FEATURE(`access_db', `hash {self.root / 'access'}')dnl",
            f"FEATURE(`virtusertable', `hash {self.root / 'virtusertable'}')dnl",
            "FEATURE(`delay_checks')dnl",  # the client's and sender's checks at RCPT
            *(f"FEATURE({f})dnl" for f in self.features),
            f"DAEMON_OPTIONS(`Port={self.smtpd_port}, Addr=127.0.0.1, Name=MTA')dnl",
            *(f"LOCAL_DOMAIN(`{d}')dnl" for d in self.locals),
            *(f"VIRTUSER_DOMAIN(`{d}')dnl" for d in self.virtual),
            "MAILER(`local')dnl",
            "MAILER(`smtp')dnl",
            "LOCAL_RULE_0",
            *(
                f"R$+ < @ {CAPTURE_DOMAIN}{dot} > $*\t$#capture $@ [127.0.0.1] "
                f"$: $1 < @ {CAPTURE_DOMAIN} > $2"
                for dot in ("", " .")
            ),
            "MAILER_DEFINITIONS",
            "Mcapture,\tP=[IPC], F=mDFMuXak, S=EnvFromSMTP/HdrFromSMTP, R=EnvToSMTP, "
            f"E=\\r\\n, L=990, T=DNS/RFC822/SMTP, A=TCP $h {self.capture}",
        ]
        return "\n".join(lines) + "\n"


# The Courier receiver: one courierd (tests/support/courier.py's namespace) with an SMTP
# server per refusal that applies to the whole connection (couriertcpd and courieresmtpd
# take their options from the environment and the command line; submit reads the control
# files): "plain" (BOFHCHECKDNS=0, as sender.test does not resolve), "block" (couriertcpd's
# -block on the bed's block list), "sender" (BOFHCHECKDNS=1: our domain does not exist) and
# "helo" (BOFHCHECKHELO=1 with the writer's HELO name SERVFAIL in the bed's DNS).
CO_DOMAIN = "courier-rx.test"
CO_ELSEWHERE = "courier-elsewhere.test"
CO_SENDER = "courier-sender.test"
CO_HELO = "courier-helo.test"
CO_SIZE = "courier-size.test"
CO_BLOCK = "courier-block.test"
CO_LOCALS = (CO_DOMAIN, CO_BLOCK, CO_SENDER, CO_HELO, CO_SIZE)
CO_PORTS = ("plain", "block", "sender", "helo")
# couriertcpd(1): "*" asks the list for its TXT record, which becomes BLOCK (the default "any"
# query found the A record but set no BLOCK in the bed, so Courier took the message)
BLOCK_OPTION = f"-block={BLOCK_LIST},BLOCK,*"
HELO_NAMES = ("postfix.test", "exim-tx.test")  # the writers' HELO names
# after the namespace's mounts (courier._NAMESPACE), before courierd: authdaemond (authpam:
# getpwnam, for the local module's account lookup) and the SMTP servers
_CO_START = r"""
mkdir -p /usr/lib/courier-authlib
mount --bind "$u/usr/lib/courier-authlib" /usr/lib/courier-authlib
grep -q "^fine:" /etc/passwd ||
    echo "fine:x:64991:64990::/var/lib/courier/fine:/bin/false" >> /etc/passwd
for d in cur new tmp; do mkdir -p "/var/lib/courier/fine/Maildir/$d"; done
mkdir -p /run/courier/authdaemon
chown -R courier:courier /run/courier /var/lib/courier/fine
/usr/lib/courier/courier-authlib/authdaemond >>"$i/authdaemond.err" 2>&1 &
for spec in $CO_SERVERS; do
    port=${spec%%:*}; rest=${spec#*:}; dnscheck=${rest%%:*}; rest=${rest#*:}
    helocheck=${rest%%:*}; blk=${rest#*:}
    (
        set -a
        . /etc/courier/esmtpd
        BOFHCHECKDNS=$dnscheck
        BOFHCHECKHELO=$helocheck
        TARPIT=0
        exec "$u/usr/sbin/couriertcpd" -user=courier -group=courier -address=127.0.0.1 \
            -noidentlookup ${blk:+"$blk"} -maxprocs=40 -maxperip=40 -maxperc=40 \
            -pid="/run/courier/esmtpd-$port.pid" "$port" \
            /usr/lib/courier/courier/modules/esmtp/courieresmtpd
    ) >>"$i/esmtpd.err" 2>&1 &
done
"""
AUTHDAEMONRC = """\
authmodulelist="authpam"
authmodulelistorig="authpam"
daemons=1
authdaemonvar=/run/courier/authdaemon
DEBUG_LOGIN=0
DEFAULTOPTIONS=""
LOGGEROPTS=""
"""


@dataclass
class CourierReceiver(courier.Courier):
    """Debian's Courier 1.0.16 receiving: courieresmtpd under couriertcpd on one 127.0.0.1
    port per entry of CO_PORTS (``ports``), local domain CO_DOMAIN with one account, fine,
    ``sizelimit`` SIZE_LIMIT; what it accepts for fine stays in its own Maildir."""

    ports: dict[str, int] = field(default_factory=dict)

    def write_config(self) -> None:
        super().write_config()
        etc = self.root / "etc"
        settings = {
            "me": "courier-rx.test",
            "locals": "\n".join(("localhost", *CO_LOCALS)),
            # the domains courieresmtpd takes mail for (courier(8)); only "me" if missing
            "esmtpacceptmailfor": "\n".join(CO_LOCALS),
            "sizelimit": str(SIZE_LIMIT),
            "authdaemonrc": AUTHDAEMONRC,
        }
        for name, value in settings.items():
            (etc / name).write_text(value.rstrip("\n") + "\n", encoding="utf-8")
        (etc / "authdaemonrc").chmod(0o644)

    async def start(self) -> None:
        self.write_config()
        # port:BOFHCHECKDNS:BOFHCHECKHELO:couriertcpd's -block (or nothing) for each server
        servers = " ".join(
            f"{self.ports[name]}:{int(name == 'sender')}:{int(name == 'helo')}:"
            + (BLOCK_OPTION if name == "block" else "")
            for name in CO_PORTS
        )
        start = _CO_START.replace("$CO_SERVERS", servers)
        script = courier._NAMESPACE.replace("cd /usr\n", start + "cd /usr\n")
        self.process = await asyncio.create_subprocess_exec(
            "unshare",
            "--mount",
            "--pid",
            "--kill-child",
            "sh",
            "-c",
            script,
            str(self.root),
            str(courier.ROOT),
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin")},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=self.errors.open("wb"),
        )
        for port in self.ports.values():
            await unpacked.wait_listening("courier", self.process, port, 15.0, self.log_tail)

    def log_tail(self, lines: int = 40) -> str:
        said = [super().log_tail(lines)]
        for name in ("courierd.err", "esmtpd.err", "authdaemond.err"):
            path = self.root / name
            if path.exists():
                said.append(f"{name}: " + path.read_text(errors="replace")[-2000:])
        return "\n".join(said)


def _sendmail_receivers(capture: int) -> dict[str, SendmailReceiver]:
    """The Sendmail daemons by name: ``main`` (users, virtusertable, relaying, size), and one
    each for the access map, the block list and the failing block list (their checks refuse
    the client for every recipient)."""
    kept = f"fine@{CAPTURE_DOMAIN}"

    def one(**kwargs: Any) -> SendmailReceiver:
        return SendmailReceiver(free_port(), {}, capture=capture, **kwargs)

    return {
        "main": one(
            locals=("sm.test", "sm-size.test"),
            virtual=("sm-virt.test",),
            virtusers={
                "fine@sm.test": kept,
                "fine@sm-size.test": kept,
                "fine@sm-virt.test": kept,
                "@sm-virt.test": "error:nouser User unknown",
            },
        ),
        "access": one(
            locals=(SM_ACCESS,),
            virtusers={f"fine@{SM_ACCESS}": kept},
            access={f"From:{SENDER_DOMAIN}": "REJECT"},
        ),
        "dnsbl": one(
            locals=(SM_DNSBL,),
            virtusers={f"fine@{SM_DNSBL}": kept},
            features=(f"`dnsbl', `{BLOCK_LIST}'",),
        ),
        "temp": one(
            locals=(SM_TEMP,),
            virtusers={f"fine@{SM_TEMP}": kept},
            features=(f"`dnsbl', `{FAILING_LIST}', `', `t'",),
        ),
    }


def _sendmail_domains() -> dict[str, str]:
    """Every Sendmail domain of the bed: the daemon that serves it."""
    return {
        **dict.fromkeys((*SM_MAIN, SM_ELSEWHERE), "main"),
        SM_ACCESS: "access",
        SM_DNSBL: "dnsbl",
        SM_TEMP: "temp",
    }


def _sm(name: str, address: str, reasons: tuple[str, ...], status: str, code: str) -> Scenario:
    """A permanent refusal of the sending side for one recipient."""
    return Scenario(
        name, (address,), (Expected(address, True, False, reasons, "sender", status, code),)
    )


def _unknown(address: str, status: str = "5.1.1", code: str = "550") -> Expected:
    return Expected(address, True, True, UNKNOWN, "recipient", status, code)


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels."""
    return (
        Scenario("sm_user_unknown", ("nosuchuser@sm.test",), (_unknown("nosuchuser@sm.test"),)),
        # virtusertable's error:nouser is answered 553 5.3.0 (EX_NOUSER's mailer error)
        Scenario(
            "sm_virtuser_nouser",
            ("nosuchuser@sm-virt.test",),
            (_unknown("nosuchuser@sm-virt.test", "5.3.0", "553"),),
        ),
        _sm("sm_relaying_denied", f"fine@{SM_ELSEWHERE}", RELAY, "5.7.1", "550"),
        _sm("sm_access_reject", f"fine@{SM_ACCESS}", ACCESS_DENIED, "5.7.1", "550"),
        _sm("sm_dnsbl", f"fine@{SM_DNSBL}", LISTED, "5.7.1", "550"),
        Scenario(
            "sm_message_too_big",
            ("fine@sm-size.test",),
            (Expected("fine@sm-size.test", True, False, TOO_BIG, "sender", "5.2.3", "552"),),
            size=2 * SIZE_LIMIT,
        ),
        Scenario(
            "sm_temp_lookup_failure",
            (f"fine@{SM_TEMP}",),
            (Expected(f"fine@{SM_TEMP}", False, False, TEMP_LOOKUP, "transient", "4.4.3", "451"),),
        ),
        # several recipients of one message, each refused in its own words, one accepted
        Scenario(
            "sm_mixed",
            ("gone@sm.test", "gone@sm-virt.test", f"fine@{SM_ELSEWHERE}", "fine@sm.test"),
            (
                _unknown("gone@sm.test"),
                _unknown("gone@sm-virt.test", "5.3.0", "553"),
                Expected(f"fine@{SM_ELSEWHERE}", True, False, RELAY, "sender", "5.7.1", "550"),
            ),
        ),
        *_courier_scenarios(),
    )


def _courier_scenarios() -> tuple[Scenario, ...]:
    """Courier's replies carry no enhanced status code (the writers state X.0.0)."""
    unknown = f"nosuchuser@{CO_DOMAIN}"
    return (
        Scenario(
            "co_user_unknown",
            (unknown,),
            (Expected(unknown, True, True, UNKNOWN, "recipient", "5.0.0", "550"),),
        ),
        _sm("co_relaying_denied", f"fine@{CO_ELSEWHERE}", RELAY, "5.0.0", "513"),
        # couriertcpd's -block: the list's TXT record, under Courier's 511, at RCPT
        _sm("co_block_list", f"fine@{CO_BLOCK}", LISTED, "5.0.0", "511"),
        # BOFHCHECKDNS: our envelope sender's domain does not exist (at MAIL FROM)
        _sm("co_sender_domain", f"fine@{CO_SENDER}", SENDER_DOMAIN_REFUSED, "5.0.0", "517"),
        Scenario(
            "co_message_too_big",
            (f"fine@{CO_SIZE}",),
            (Expected(f"fine@{CO_SIZE}", True, False, TOO_BIG, "sender", "5.0.0", "523"),),
            size=2 * SIZE_LIMIT,
        ),
        # BOFHCHECKHELO: the writer's HELO name's lookup fails (SERVFAIL) until it gives up
        Scenario(
            "co_helo_lookup_failed",
            (f"fine@{CO_HELO}",),
            (
                Expected(
                    f"fine@{CO_HELO}",
                    False,
                    False,
                    (*HELO_REFUSED, EXPIRED),
                    "sender",
                    "4.0.0",
                    "417",
                ),
            ),
        ),
        Scenario(
            "co_mixed",
            (f"gone@{CO_DOMAIN}", f"fine@{CO_ELSEWHERE}", f"fine@{CO_DOMAIN}"),
            (
                Expected(f"gone@{CO_DOMAIN}", True, True, UNKNOWN, "recipient", "5.0.0", "550"),
                Expected(f"fine@{CO_ELSEWHERE}", True, False, RELAY, "sender", "5.0.0", "513"),
            ),
        ),
    )


def _courier_domains() -> dict[str, str]:
    """Every Courier domain of the bed: the SMTP server (CO_PORTS) that takes it."""
    return {
        **dict.fromkeys((CO_DOMAIN, CO_ELSEWHERE, CO_SIZE), "plain"),
        CO_BLOCK: "block",
        CO_SENDER: "sender",
        CO_HELO: "helo",
    }


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    why = receivers_bed.missing(writer)
    if why is not None:
        return why
    return sendmail.missing()


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


def _postfix_tx(port: int, routes: dict[str, int], capture: int) -> postfix.Postfix:
    """The sending Postfix: each domain to its receiver's port; the Sendmail receivers from
    CLIENT; HELO_DOMAINS with HELO only (no SIZE, so the receiver's own refusal after DATA)."""
    return receivers_bed.postfix_writer(
        port,
        {SENDER_DOMAIN: capture, **routes},
        via={d: "smtphelo" if d in HELO_DOMAINS else "smtpsm" for d in routes},
        services=[
            f"smtpsm unix - - n - - smtp -o smtp_bind_address={CLIENT}",
            f"{receivers_bed.HELO_ONLY} -o smtp_bind_address={CLIENT}",
        ],
    )


def _exim_tx(port: int, routes: dict[str, int], capture: int) -> EximSender:
    options = {
        d: (f"interface = {CLIENT}", *(("hosts_avoid_esmtp = *",) if d in HELO_DOMAINS else ()))
        for d in routes
    }
    return receivers_bed.exim_writer(
        port, {SENDER_DOMAIN: capture, **routes}, transport_options=options
    )


async def run(writer: str = "postfix") -> Run:
    """The DNS server, the receivers, the writer and the capture; every scenario sent."""
    dns = DnsServer()
    dns.add(f"2.0.0.127.{BLOCK_LIST}", "A", "127.0.0.2")
    dns.add(f"2.0.0.127.{BLOCK_LIST}", "TXT", receivers_bed.BLOCK_LIST_TEXT)
    dns.fail(f"2.0.0.127.{FAILING_LIST}")
    for name in HELO_NAMES:
        dns.fail(name)
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    receivers = _sendmail_receivers(capture.port)
    courier_rx = CourierReceiver({}, ports={name: free_port() for name in CO_PORTS})
    tx: receivers_bed.Sender | None = None
    try:
        await asyncio.gather(*(r.start() for r in receivers.values()), courier_rx.start())
        routes = {d: receivers[name].smtpd_port for d, name in _sendmail_domains().items()}
        routes |= {d: courier_rx.ports[name] for d, name in _courier_domains().items()}
        port = free_port()
        tx = (_exim_tx if writer == "exim" else _postfix_tx)(port, routes, capture.port)
        await receivers_bed.start_writer(tx)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the Sendmail and Courier receivers' bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else ""]
        logs += [f"{name}: {r.log_tail(40)}" for name, r in receivers.items()]
        logs.append(f"courier: {courier_rx.log_tail(40)}")
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(tx)
        # every receiver stopped even if another's stop fails (a Courier left running keeps
        # its PID namespace and its servers)
        await asyncio.gather(
            *(r.stop() for r in receivers.values()), courier_rx.stop(), return_exceptions=True
        )
        await capture.stop()
        await dns.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry(
        "real-receivers-sm-courier", writer, name, scenario.name, scenario.failed
    )


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the Sendmail bed", scenarios, entry, 90.0, also=(sendmail.ROOT,)
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
