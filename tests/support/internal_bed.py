"""The destination's own INTERNAL failures (judge80, issue #14): the address is good, but the
receiving system fails to deliver to it, each failure made real rather than scripted text.

A writer, Postfix 3.7 or Exim 4.96 (receivers_bed.postfix_writer / exim_writer), relays every
message and writes the notices for what its next hop refuses or defers:
  Dovecot 2.3's LMTP server (``dc.test``, ``dc-broken.test``) whose user ``noperm`` has a home
  Dovecot (uid mail) cannot write (its Maildir cannot be made: 451 4.2.0 "Internal error
  occurred"), ``baddriver`` a mail_location naming a storage driver that does not exist,
  ``badquota`` a quota backend that does not exist (both "Failed to initialize user" in its
  log, 451 4.3.0 "Temporary internal error" on the wire), and whose userdb for
  ``dc-broken.test`` is a passwd-file its auth process cannot read (the user lookup fails at
  RCPT: 2.3.19 answers 451 4.3.0 "Temporary internal error"; the older "Temporary user lookup
  failure" is not what this version sends); a receiving Postfix ("pfd") whose smtpd asks a
  socketmap table nothing answers for ``pf-smtpd-lookup.test`` (smtpd_check.c: 451 4.3.5
  "Server configuration error"); each until the writer's queue lifetime ends.
Two destinations write their own notices for what they accepted and then failed to deliver:
  pfd (Postfix 3.7): local(8) appending to the mailbox file its alias names, in a directory
  the delivery's default_privs cannot write (``box@pf-local.test``: "cannot create file
  exclusively", bounced at once with 5.2.0), virtual(8) under a virtual_mailbox_base it cannot
  write (its maildir delivery defers with 4.2.0), pipe(8) to a command exiting with
  sysexits.h's EX_SOFTWARE (70), EX_OSERR (71), EX_IOERR (74) and EX_CONFIG (78)
  (global/sys_exits.c: 5.3.0 "internal software error", 4.3.0 "system resource problem", the
  one soft code, 5.3.0 "input/output error", 5.3.5 "local configuration error"), a
  transport_maps entry naming a transport master.cf does not have (qmgr: 4.3.0 "mail
  transport unavailable"), a local(8) whose alias table does not answer (4.3.0 "alias
  database unavailable"), and an unknown user (local(8): 5.1.1 "unknown user");
  exd (Exim 4.96): appendfile to a file in a directory it cannot write (deferred), a redirect
  router whose lsearch file cannot be opened (the router defers), pipe transports to the same
  four exit codes (its temp_errors, 73 and 75 by default, are the only ones it defers, so all
  four fail at once), and an unknown user (no router accepts it: "Unrouteable address").
Two mixed messages, one a destination: an unknown user beside a good one whose delivery
failed internally, each returned in one notice.

THE LABELLING RULE (written before the first score; from the set-up and the servers' sources,
never from the parser's reading): the destination's internal failure is not the recipient's
fault and never suppresses (hardbounce false). Its party is ``transient`` (the receiving
system failed) where the notice states the failure (a reply, an X.2.0/X.3.x/X.4.x status, the
delivery agent's words), ``undetermined`` where the notice states nothing about the cause:
Exim's "local delivery failed" (deliver.c keeps a local transport's error for its log; the
pipe transport's return_output is off by default). It is permanent where the destination's
software fails at once by its source (sys_exits.c's hard codes in pipe(8), local(8)'s 5.2.0
for a file it cannot create, Exim's pipe transport for a code outside temp_errors), else
temporary with ``expired`` (returned when the queue lifetime ended). The reasons accepted:
system_error first (the destination's system), mailer_error (a delivery agent failed),
expired where retried until expiry, undefined where nothing is stated. An unknown user is the
recipient's: permanent, suppressed, user_unknown (and host_unknown accepted for Exim's
"Unrouteable address", which it writes for an unknown domain alike: receivers_bed.UNROUTEABLE).

Two corrections after the first score, on a first run whose Exim local deliveries had failed
for the bed's own fault (the pipe and appendfile transports' ``user = nobody``, which the
unpacked Exim run with -C cannot switch to; now exim.USER) and are not in the stored sets:
the rule first said ``undetermined`` also for Exim's bare "retry timeout exceeded"; the
project's convention for an Exim expiry of the destination's own deferral (lda_bed's
EXPIRED) is ``transient``, the failure having been retried as temporary: relabelled so
(docs/bounces.md, judge80's section); and the Exim unknown user's accepted reasons widened
as above.

Run in receivers_bed's namespaces (root only) with its DNS server for the writer's lookups.
What a server could not be driven to is in LEFT_OUT, with why.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, lmtp, postfix, receivers_bed
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
from tests.support.scripted_mx import ScriptedMx

DEADLINE = 60.0
NUDGE = 10.0
GRACE = 1.5
WRITERS = ("postfix", "exim")
DATE = "Mon, 07 Dec 2026 19:30:00 +0000"

DC = "dc.test"  # Dovecot LMTP, its users' passwd-file readable
DC_BROKEN = "dc-broken.test"  # Dovecot LMTP, a passwd-file the auth process cannot read
PF_LOCAL = "pf-local.test"  # pfd's mydestination: local(8), its aliases
PF_VIRTUAL = "pf-virtual.test"  # pfd's virtual(8) under an unwritable base
PF_NO_TRANSPORT = "pf-notransport.test"  # transport_maps: a transport master.cf lacks
PF_LOOKUP = "pf-lookup.test"  # a local(8) whose alias_maps does not answer
PF_SMTPD_LOOKUP = "pf-smtpd-lookup.test"  # pfd's smtpd asks a table that does not answer
EX_LOCAL = "ex-local.test"  # exd: appendfile to an unwritable directory
EX_LOOKUP = "ex-lookup.test"  # exd: a redirect router whose lsearch file cannot be opened
# sysexits.h: EX_SOFTWARE 70, EX_OSERR 71, EX_IOERR 74, EX_CONFIG 78
EXITS = {70: "software", 71: "oserr", 74: "ioerr", 78: "config"}
PF_PIPES = {code: f"pf-exit{code}.test" for code in EXITS}
EX_PIPES = {code: f"ex-exit{code}.test" for code in EXITS}
PF_DOMAINS = (PF_LOCAL, PF_VIRTUAL, PF_NO_TRANSPORT, PF_LOOKUP, PF_SMTPD_LOOKUP, *PF_PIPES.values())
EX_DOMAINS = (EX_LOCAL, EX_LOOKUP, *EX_PIPES.values())

# Dovecot's users: passwd-file extra fields (each a real misconfiguration of that user)
DC_USERS = {
    "fine": "",
    "noperm": "",  # its home is root's, mode 0555
    "baddriver": "userdb_mail=nosuchdriver:~/Maildir",
    "badquota": "userdb_quota=nosuchbackend:User quota",
}

INTERNAL = ("system_error", "mailer_error")
INTERNAL_EXPIRED = (*INTERNAL, EXPIRED)
UNSTATED_EXPIRED = (EXPIRED, *INTERNAL)
UNSTATED = ("undefined", *INTERNAL)


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def _one(name: str, expected: Expected) -> Scenario:
    return Scenario(name, (expected.address,), (expected,))


def _deferred(name: str, address: str, status: str, code: str = "") -> Scenario:
    """Retried until the writer's queue lifetime ends: the receiving system's, temporary."""
    return _one(name, Expected(address, False, False, INTERNAL_EXPIRED, "transient", status, code))


def _at_once(name: str, address: str, status: str) -> Scenario:
    """Returned at the first attempt by the destination itself: permanent, never suppressed."""
    return _one(name, Expected(address, True, False, INTERNAL, "transient", status))


def _unstated(address: str) -> Expected:
    """Exim's "local delivery failed": the cause kept for its log (deliver.c): permanent,
    undetermined, never suppressed."""
    return Expected(address, True, False, UNSTATED, "undetermined", "5.0.0")


def _exim_expired(address: str) -> Expected:
    """Exim's "retry timeout exceeded" for its own deferral: temporary, transient."""
    return Expected(address, False, False, UNSTATED_EXPIRED, "transient", "5.0.0")


def _unrouteable(address: str) -> Expected:
    return Expected(address, True, True, UNROUTEABLE, "recipient", "5.0.0")


def _unknown(address: str, status: str, code: str = "") -> Expected:
    return Expected(address, True, True, UNKNOWN, "recipient", status, code)


# what pfd's pipe(8) states for each exit code (global/sys_exits.c): EX_OSERR's is soft
PF_EXIT_STATUS = {70: "5.3.0", 71: "4.3.0", 74: "5.3.0", 78: "5.3.5"}


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels (the module's rule)."""
    pipes_pf = [
        _at_once(f"pf_pipe_ex_{name}", f"fine@{PF_PIPES[code]}", PF_EXIT_STATUS[code])
        if PF_EXIT_STATUS[code][0] == "5"
        else _deferred(f"pf_pipe_ex_{name}_to_expiry", f"fine@{PF_PIPES[code]}", "4.3.0")
        for code, name in EXITS.items()
    ]
    pipes_ex = [
        _one(f"ex_pipe_ex_{name}", _unstated(f"fine@{EX_PIPES[code]}"))
        for code, name in EXITS.items()
    ]
    return (
        _deferred("dc_maildir_unwritable_to_expiry", f"noperm@{DC}", "4.2.0", "451"),
        _deferred("dc_mail_location_broken_to_expiry", f"baddriver@{DC}", "4.3.0", "451"),
        _deferred("dc_quota_backend_broken_to_expiry", f"badquota@{DC}", "4.3.0", "451"),
        _deferred("dc_userdb_failure_to_expiry", f"fine@{DC_BROKEN}", "4.3.0", "451"),
        _deferred("pf_smtpd_table_error_to_expiry", f"fine@{PF_SMTPD_LOOKUP}", "4.3.5", "451"),
        _one("pf_user_unknown", _unknown(f"nosuchuser@{PF_LOCAL}", "5.1.1")),
        _at_once("pf_mailbox_file_unwritable", f"box@{PF_LOCAL}", "5.2.0"),
        _deferred("pf_virtual_base_unwritable_to_expiry", f"fine@{PF_VIRTUAL}", "4.2.0"),
        *pipes_pf,
        _deferred("pf_transport_unavailable_to_expiry", f"fine@{PF_NO_TRANSPORT}", "4.3.0"),
        _deferred("pf_alias_lookup_failure_to_expiry", f"fine@{PF_LOOKUP}", "4.3.0"),
        Scenario(
            "pf_mixed",
            (f"departed@{PF_LOCAL}", f"box@{PF_LOCAL}"),
            (
                _unknown(f"departed@{PF_LOCAL}", "5.1.1"),
                Expected(f"box@{PF_LOCAL}", True, False, INTERNAL, "transient", "5.2.0"),
            ),
        ),
        _one("ex_user_unknown", _unrouteable(f"nosuchuser@{EX_LOCAL}")),
        _one("ex_appendfile_unwritable_to_expiry", _exim_expired(f"fine@{EX_LOCAL}")),
        _one("ex_router_lookup_defer_to_expiry", _exim_expired(f"fine@{EX_LOOKUP}")),
        *pipes_ex,
        Scenario(
            "ex_mixed",
            (f"departed@{EX_PIPES[70]}", f"fine@{EX_PIPES[70]}"),
            (_unrouteable(f"departed@{EX_PIPES[70]}"), _unstated(f"fine@{EX_PIPES[70]}")),
        ),
    )


# the default suite's run (receivers_bed.QUICK): what the destinations return at once
QUICK_SCENARIOS = ("pf_user_unknown", "pf_mixed", "pf_pipe_ex_software", "ex_mixed")

# what the bed cannot drive a server to, and why
LEFT_OUT = {
    "pf_smtpd_temporary_lookup_failure": "smtpd's 451 4.3.0 'Temporary lookup failure': a "
    "tcp: or socketmap: table on a closed port in a restriction class gave 451 4.3.5 'Server "
    "configuration error' instead (the set keeps that as pf_smtpd_table_error_to_expiry)",
    "dovecot_temporary_user_lookup_failure": "Dovecot 2.3.19 answers a failed userdb lookup "
    "with 451 4.3.0 'Temporary internal error', not the older 'Temporary user lookup failure'",
    "delay_warnings": "each scenario's set holds exactly one notice; the writers send none by "
    "default (Postfix's delay_warning_time 0, Exim's delay_warning 24h)",
}


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    return tuple(s for s in scenarios() if not quick or s.name in QUICK_SCENARIOS)


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` writing the notices, or None."""
    return lmtp.missing() or exim.missing() or receivers_bed.missing(writer)


def message(scenario: Scenario) -> Any:
    body = "A message to a good address whose destination fails on its own.\n"
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"Internal bed: {scenario.name}",
        scenario.name,
        DATE,
        body,
    )


@dataclass
class Scratch:
    """The bed's own files: a directory nobody but root may write (``ro``) and a delivery
    command that exits with the status it is given (``exit_status``)."""

    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="internal-bed-", dir="/var/tmp"))
    )

    @property
    def ro(self) -> Path:
        return self.root / "ro"

    @property
    def exit_status(self) -> Path:
        return self.root / "exit-status"

    def make(self) -> None:
        self.root.chmod(0o755)
        self.ro.mkdir()
        self.ro.chmod(0o555)
        self.exit_status.write_text('#!/bin/sh\nexit "$1"\n', encoding="utf-8")
        self.exit_status.chmod(0o755)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


DOVECOT_CONFIG = """\
instance_name = bed-internal-{name}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = lmtp
listen = 127.0.0.1
ssl = no
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:~/Maildir
mail_plugins = quota
passdb {{
  driver = passwd-file
  args = username_format=%n {root}/users-%d
}}
userdb {{
  driver = passwd-file
  args = username_format=%n {root}/users-%d
  default_fields = uid={uid} gid={gid} home={root}/home/%n
}}
plugin {{
  quota = maildir:User quota
}}
"""


@dataclass
class InternalDovecot:
    """Dovecot 2.3's LMTP server on 127.0.0.1:``port`` with DC_USERS for DC and a passwd-file
    for DC_BROKEN its auth process (user dovecot) cannot open."""

    port: int
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="dovecot-internal-", dir="/var/tmp"))
    )
    process: Any = None

    def start(self) -> None:
        mail = pwd.getpwnam("mail")
        self.root.chmod(0o755)
        home = self.root / "home"
        home.mkdir()
        os.chown(home, mail.pw_uid, mail.pw_gid)
        (home / "noperm").mkdir(mode=0o555)  # root's: Dovecot (uid mail) cannot make Maildir
        users = self.root / f"users-{DC}"
        users.write_text("".join(f"{u}::::::: {x}\n" for u, x in DC_USERS.items()))
        users.chmod(0o644)
        broken = self.root / f"users-{DC_BROKEN}"
        broken.write_text("fine:::::::\n")
        broken.chmod(0o000)
        conf = self.root / "dovecot.conf"
        text = DOVECOT_CONFIG.format(
            root=self.root, name=self.root.name, uid=mail.pw_uid, gid=mail.pw_gid
        )
        conf.write_text(text + lmtp.LMTP_LISTENER.format(port=self.port), encoding="utf-8")
        conf.chmod(0o644)
        self.process = lmtp.spawn(conf, self.root)
        lmtp.wait_listening(self.process, self.port, self.log_tail)

    def stop(self) -> None:
        lmtp.stop_group(self.process)
        shutil.rmtree(self.root, ignore_errors=True)

    def log_tail(self, lines: int = 30) -> str:
        return lmtp.log_tail(self.root, ("stderr.log", "dovecot.log"), lines)


def _pfd(port: int, capture: int, scratch: Scratch) -> postfix.Postfix:
    """The receiving Postfix that is the final destination of PF_DOMAINS and writes its own
    notices (to the capture); 127.0.0.1 is not in its mynetworks."""
    closed = free_port()  # nothing listens there: a tcp: table that never answers
    pipes = {d: f"exit{code}" for code, d in PF_PIPES.items()}
    transports = {
        SENDER_DOMAIN: f"smtp:[127.0.0.1]:{capture}",
        **{d: f"{service}:" for d, service in pipes.items()},
        PF_NO_TRANSPORT: "nosuchtransport:",  # not in master.cf
        PF_LOOKUP: "lookupfail:",
    }
    services = [
        f"exit{code} unix - n n - - pipe user=nobody argv={scratch.exit_status} {code}"
        for code in PF_PIPES
    ]
    services.append(f"lookupfail unix - n n - - local -o alias_maps=tcp:127.0.0.1:{closed}")
    nobody = pwd.getpwnam("nobody")
    return receivers_bed.postfix_writer(
        port,
        {},
        main={
            "myhostname": "pfd.test",
            "mydomain": "pfd.test",
            "myorigin": "pfd.test",
            "mydestination": ", ".join((PF_LOCAL, PF_LOOKUP, PF_SMTPD_LOOKUP)),
            "relay_domains": ", ".join((PF_NO_TRANSPORT, *PF_PIPES.values())),
            "mynetworks": "192.0.2.1/32",
            "transport_maps": "inline:{ "
            + ", ".join(f"{d}={t}" for d, t in transports.items())
            + " }",
            "alias_maps": f"inline:{{ box={scratch.ro}/box }}",
            "virtual_mailbox_domains": PF_VIRTUAL,
            "virtual_mailbox_maps": f"inline:{{ fine@{PF_VIRTUAL}=fine/ }}",
            "virtual_mailbox_base": str(scratch.ro),
            "virtual_uid_maps": f"static:{nobody.pw_uid}",
            "virtual_gid_maps": f"static:{nobody.pw_gid}",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtpd_restriction_classes": "lookup_fails",
            "lookup_fails": f"check_recipient_access socketmap:inet:127.0.0.1:{closed}:access",
            "smtpd_recipient_restrictions": "check_recipient_access inline:{ "
            f"{PF_SMTPD_LOOKUP}=lookup_fails }}",
        },
        services=services,
    )


def _exd_routers() -> tuple[str, ...]:
    lines = [
        "lookup_defers:",
        "  driver = redirect",
        f"  domains = {EX_LOOKUP}",
        "  data = ${lookup{$local_part}lsearch{/nonexistent/internal-bed/aliases}}",
        "unwritable:",
        "  driver = accept",
        f"  domains = {EX_LOCAL}",
        "  local_parts = fine",
        "  transport = unwritable",
    ]
    for code, domain in EX_PIPES.items():
        lines += [
            f"exit{code}:",
            "  driver = accept",
            f"  domains = {domain}",
            "  local_parts = fine",
            f"  transport = exit{code}",
        ]
    return tuple(lines)


def _exd_transports(scratch: Scratch) -> tuple[str, ...]:
    lines = [
        "unwritable:",
        "  driver = appendfile",
        f"  file = {scratch.ro}/mailbox",
        f"  user = {exim.USER}",
    ]
    for code in EX_PIPES:
        lines += [
            f"exit{code}:",
            "  driver = pipe",
            f"  command = {scratch.exit_status} {code}",
            f"  user = {exim.USER}",
        ]
    return tuple(lines)


def _exd(port: int, capture: int, scratch: Scratch) -> exim.Exim:
    """The receiving Exim that is the final destination of EX_DOMAINS and writes its own
    notices; any other local part of EX_LOCAL no router accepts (its DNS has no such name)."""
    return exim.Exim(
        port,
        {SENDER_DOMAIN: capture},
        settings={"primary_hostname": "exd.test", "qualify_domain": "exd.test"},
        retry=f"F,{receivers_bed.QUEUE_LIFETIME}s,1s",
        routers=_exd_routers(),
        transports=_exd_transports(scratch),
    )


def _writer(writer: str, port: int, routes: dict[str, int]) -> receivers_bed.Sender:
    """The writer: Dovecot's domains over LMTP, the rest over SMTP."""
    lmtp_domains = (DC, DC_BROKEN)
    if writer == "exim":
        options = dict.fromkeys(lmtp_domains, ("protocol = lmtp",))
        return receivers_bed.exim_writer(port, routes, transport_options=options)
    return receivers_bed.postfix_writer(port, routes, via=dict.fromkeys(lmtp_domains, "lmtp"))


Run = receivers_bed.QuickRun


def _exim_outcomes(server: exim.Exim, lines: int = 60) -> str:
    """exd's mainlog lines for each address it failed (``**``), deferred (``==``) or froze,
    without the unpacked binary's warnings about its -C option."""
    log = server.root / "log" / "mainlog"
    if not log.exists():
        return "(no mainlog)"
    marks = (" ** ", " == ", "Frozen", "frozen_after", "failed")
    kept = [x for x in log.read_text(errors="replace").splitlines() if any(m in x for m in marks)]
    return "\n".join(kept[-lines:])


async def run(writer: str = "postfix") -> Run:
    """Dovecot, pfd, exd, the writer and the capture; every scenario sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    phase = receivers_bed.Phases()
    dns = DnsServer()
    dns.add(SENDER_DOMAIN, "A", "192.0.2.25")
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, sender_of, sent, quick=quick)
    scratch = Scratch()
    scratch.make()
    dovecot = InternalDovecot(free_port())
    pfd = _pfd(free_port(), capture.port, scratch)
    exd = _exd(free_port(), capture.port, scratch)
    tx: receivers_bed.Sender | None = None
    try:
        port = free_port()
        routes = {
            SENDER_DOMAIN: capture.port,
            DC: dovecot.port,
            DC_BROKEN: dovecot.port,
            **dict.fromkeys(PF_DOMAINS, pfd.smtpd_port),
            **dict.fromkeys(EX_DOMAINS, exd.smtpd_port),
        }
        tx = _writer(writer, port, routes)
        await receivers_bed.start_together(
            asyncio.to_thread(dovecot.start),
            asyncio.to_thread(pfd.start),
            exd.start(),
            receivers_bed.start_writer(tx),
        )
        phase("started")
        await receivers_bed.submit_bounded(
            submit(port, message(s), sender_of(s.name), s.recipients) for s in sent(quick)
        )
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, tx.flush, NUDGE)
        phase("notices")
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the internal bed broke off: {exc}"
    finally:
        logs = [tx.log_tail(40) if tx is not None else "", f"pfd: {pfd.log_tail(60)}"]
        logs += [f"exd: {_exim_outcomes(exd)}", f"dovecot: {dovecot.log_tail(30)}"]
        result.log = "\n".join(logs)
        await asyncio.gather(
            receivers_bed.stop_writer(tx),
            exd.stop(),
            asyncio.to_thread(pfd.stop),
            asyncio.to_thread(dovecot.stop),
            return_exceptions=True,
        )
        scratch.remove()
        await capture.stop()
        await dns.stop()
        phase("stopped")
        result.log += f"\n{phase}"
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    return receivers_bed.writer_entry("real-internal", writer, name, scenario.name, scenario.failed)


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the internal bed", scenarios, entry, 150.0, sent=sent, exim_receiver=True
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
