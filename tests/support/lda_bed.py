"""Notices a real Postfix 3.7 writes when a local delivery agent it runs through pipe(8) fails:
maildrop 2.9.3, procmail 3.22 and GNU Mailutils 3.15's ``mda``; and the same behind Debian's
Exim 4.96 (its pipe transport, ``exim_scenarios``; run in private namespaces, as the
receivers' beds run it, with its compiled-in user added there only). Each scenario is one message
from ``bounces+<scenario>@sender.test``; every notice Postfix sends back to that envelope
sender arrives at a capture server on 127.0.0.1, filed under it. The labels come from how the
agents are set up and from what each agent documents it does then, never from the notices.

Postfix hands ``maildrop.test`` to ``maildrop <filter> ${user}``, ``procmail.test`` to
``procmail -m <rcfile> ${user}`` and ``mda.test`` to ``mda ${user}``, each as user ``mail``.
Postfix turns the agent's exit code into the notice's status and words (src/global/
sys_exits.c: EX_NOUSER 5.1.1 "user unknown", EX_CANTCREAT 5.2.0 "can't create user output
file", EX_TEMPFAIL 4.3.0 "temporary failure", retried until the queue lifetime ends) and
quotes what the agent wrote on stderr ("Command output: ...", pipe(8)).

What each local part does (the agents' documentation):
  maildrop (the filter's argument ``$1``): ``fine`` and ``full`` go to Maildirs made with
  ``maildirmake -q``; ``full`` has a 4000-byte quota that a first message fills, and maildrop
  ends with EX_TEMPFAIL when a delivery fails (maildropfilter(7), "to": "If there was an error
  while delivering the message, maildrop terminates with the EX_TEMPFAIL exit code");
  ``closed`` sets ``EXITCODE=67`` (EX_NOUSER) and ends with ``exit`` (maildropfilter(7),
  "EXITCODE", "exit"); ``broken`` is delivered ``to`` a mailbox in a directory that does not
  exist (a failed ``to``: EX_TEMPFAIL).
  procmail (``$1`` in -m mode, procmail(1) "-m"): ``fine`` goes to an mbox; ``closed`` sets
  ``EXITCODE=67`` (procmailrc(5), "EXITCODE"); ``readonly`` goes to an mbox the user mail
  cannot write ("On general failure procmail will return EX_CANTCREAT", procmail(1) NOTES).
  mda: a local part that is no user of the system (mda 3.15 writes "mda: error: <user>: no
  such user" and exits 67, EX_NOUSER, as running it shows).

Root only: Postfix runs as root, the agents as user mail.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix
from tests.support.bed import (
    Expected,
    bed_entry,
    bed_message,
    generate_logged,
    label,
    namespace_tools_missing,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.process import free_port
from tests.support.receivers_bed import writer_namespace
from tests.support.scripted_mx import ScriptedMx

MAILDROP = Path("/usr/bin/maildrop")  # maildrop
MAILDIRMAKE = Path("/usr/bin/maildirmake")  # maildrop
PROCMAIL = Path("/usr/bin/procmail")  # procmail
MDA = Path("/usr/sbin/mda")  # mailutils-mda
SENDER_DOMAIN = "sender.test"
MAILDROP_DOMAIN = "maildrop.test"
PROCMAIL_DOMAIN = "procmail.test"
MDA_DOMAIN = "mda.test"
QUEUE_LIFETIME = 3  # seconds until a message that is only ever deferred is returned
DEADLINE = 60.0  # seconds to wait for every notice
GRACE = 1.0  # seconds more, to see a notice that should not come
QUOTA = 4000  # bytes, the quota of maildrop's full; the seed message fills most of it

MAILFILTER = """\
if ($1 eq "closed")
{{
  EXITCODE=67
  exit
}}
if ($1 eq "broken")
{{
  to "{root}/maildrop/missing/mbox"
}}
if ($1 eq "fine" || $1 eq "full")
{{
  to "{root}/maildrop/$1/"
}}
EXITCODE=67
exit
"""
PROCMAILRC = """\
SHELL=/bin/sh
USER=$1

:0
* USER ?? ^^closed^^
{{
  EXITCODE=67
  :0
  /dev/null
}}

:0
* USER ?? ^^readonly^^
{root}/procmail/locked/mbox

:0
* USER ?? ^^fine^^
{root}/procmail/mail/fine
"""


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the LDA bed runs as root (Postfix, and the agents running as user mail)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    for path, package in (
        (MAILDROP, "maildrop"),
        (MAILDIRMAKE, "maildrop"),
        (PROCMAIL, "procmail"),
        (MDA, "mailutils-mda"),
    ):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return None


@dataclass(frozen=True)
class Scenario:
    """One message to ``recipients``; ``failed``: what its notice must list (none: no notice
    comes back); ``delivered``: mailboxes that must end up with it."""

    name: str
    recipients: tuple[str, ...]
    failed: tuple[Expected, ...]
    delivered: tuple[str, ...] = ()

    @property
    def notices(self) -> int:
        return 1 if self.failed else 0


UNKNOWN = ("user_unknown",)
# A mailbox over its quota, deferred by the agent (EX_TEMPFAIL) until Postfix's queue lifetime
# ends: full, never a dead address.
FULL_EXPIRED = ("mailbox_full", "expired")
# The destination's own failure (a filter's delivery into a directory that is not there, a
# mailbox the agent may not write): the delivery program at the destination ended with an error
# exit, a mailer error first (the reason's meaning, docs/bounces.md), the system's side, never
# the address; deferred until the queue lifetime ends where the exit was EX_TEMPFAIL.
SYSTEM_EXPIRED = ("mailer_error", "system_error", "expired")
SYSTEM = ("mailer_error", "system_error")
# Exim's notices (exim_scenarios): "local delivery failed", of no stated cause, and the expiry
# of a deferral whose cause the notice does not state; the status every one of them states
# (Exim writes 5.0.0 for a local failure).
UNSTATED = ("undefined", "mailer_error")
EXPIRED = ("expired", "mailer_error", "system_error")
EXIM_STATUS = "5.0.0"


def _at(local: str, domain: str) -> str:
    return f"{local}@{domain}"


def scenarios(writer: str = "postfix") -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels: Postfix's (statuses: its sys_exits.c) or
    Exim's (exim_scenarios)."""
    if writer == "exim":
        return exim_scenarios()
    md, pm, mda = MAILDROP_DOMAIN, PROCMAIL_DOMAIN, MDA_DOMAIN
    return (
        Scenario(
            "maildrop_quota_full",
            (_at("full", md),),
            (Expected(_at("full", md), False, False, FULL_EXPIRED, "recipient", "4.3.0"),),
        ),
        Scenario(
            "maildrop_exitcode_nouser",
            (_at("closed", md),),
            (Expected(_at("closed", md), True, True, UNKNOWN, "recipient", "5.1.1"),),
        ),
        Scenario(
            "maildrop_to_failure",
            (_at("broken", md),),
            (Expected(_at("broken", md), False, False, SYSTEM_EXPIRED, "transient", "4.3.0"),),
        ),
        Scenario(
            "procmail_exitcode_nouser",
            (_at("closed", pm),),
            (Expected(_at("closed", pm), True, True, UNKNOWN, "recipient", "5.1.1"),),
        ),
        Scenario(
            "procmail_cantcreat",
            (_at("readonly", pm),),
            (Expected(_at("readonly", pm), True, False, SYSTEM, "transient", "5.2.0"),),
        ),
        Scenario(
            "mda_user_unknown",
            (_at("nosuchuser", mda),),
            (Expected(_at("nosuchuser", mda), True, True, UNKNOWN, "recipient", "5.1.1"),),
        ),
        Scenario(
            "lda_mixed",
            (_at("nosuchuser", mda), _at("readonly", pm), _at("fine", md), _at("fine", pm)),
            (
                Expected(_at("nosuchuser", mda), True, True, UNKNOWN, "recipient", "5.1.1"),
                Expected(_at("readonly", pm), True, False, SYSTEM, "transient", "5.2.0"),
            ),
            delivered=("maildrop:fine", "procmail:fine"),
        ),
        Scenario(
            "lda_success",
            (_at("fine", md), _at("fine", pm)),
            (),
            delivered=("maildrop:fine", "procmail:fine"),
        ),
    )


def exim_scenarios() -> tuple[Scenario, ...]:
    """The same agents behind Exim 4.96's pipe transport (``return_fail_output``). Exim's
    ``temp_errors`` default is EX_TEMPFAIL and EX_CANTCREAT (75:73, the Exim specification,
    "The pipe transport", temp_errors): both are deferred until the retry rule's timeout ends,
    so procmail's read-only mailbox expires too; any other non-zero exit code fails the address
    at once. Exim's notice says no more than "local delivery failed" (": retry timeout
    exceeded" after deferrals) and Status 5.0.0: the exit code and what it means go to its log
    only, and a silent agent's output adds nothing. So the labels are what the notice can state
    (as dovecot_bed.py labels a too-big message by the words Dovecot writes): a silent exit 67
    is a permanent failure of no stated cause (undetermined, never suppressed: nothing in the
    notice says the address is unknown), an expiry is the deferral that never cleared; only
    mda, which writes "mda: error: <user>: no such user" (its --stderr), states a dead
    address. The mixed message's failures are both immediate: one notice."""
    md, pm, mda = MAILDROP_DOMAIN, PROCMAIL_DOMAIN, MDA_DOMAIN
    return (
        Scenario(
            "maildrop_quota_full",
            (_at("full", md),),
            (Expected(_at("full", md), False, False, EXPIRED, "transient", EXIM_STATUS),),
        ),
        Scenario(
            "maildrop_exitcode_nouser",
            (_at("closed", md),),
            (Expected(_at("closed", md), True, False, UNSTATED, "undetermined", EXIM_STATUS),),
        ),
        Scenario(
            "maildrop_to_failure",
            (_at("broken", md),),
            (Expected(_at("broken", md), False, False, EXPIRED, "transient", EXIM_STATUS),),
        ),
        Scenario(
            "procmail_exitcode_nouser",
            (_at("closed", pm),),
            (Expected(_at("closed", pm), True, False, UNSTATED, "undetermined", EXIM_STATUS),),
        ),
        Scenario(
            "procmail_cantcreat",
            (_at("readonly", pm),),
            (Expected(_at("readonly", pm), False, False, EXPIRED, "transient", EXIM_STATUS),),
        ),
        Scenario(
            "mda_user_unknown",
            (_at("nosuchuser", mda),),
            (Expected(_at("nosuchuser", mda), True, True, UNKNOWN, "recipient", EXIM_STATUS),),
        ),
        Scenario(
            "lda_mixed",
            (_at("nosuchuser", mda), _at("closed", pm), _at("fine", md), _at("fine", pm)),
            (
                Expected(_at("nosuchuser", mda), True, True, UNKNOWN, "recipient", EXIM_STATUS),
                Expected(_at("closed", pm), True, False, UNSTATED, "undetermined", EXIM_STATUS),
            ),
            delivered=("maildrop:fine", "procmail:fine"),
        ),
        Scenario(
            "lda_success",
            (_at("fine", md), _at("fine", pm)),
            (),
            delivered=("maildrop:fine", "procmail:fine"),
        ),
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    return bed_message(
        SENDER_DOMAIN,
        scenario.recipients,
        f"LDA bed: {scenario.name}",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        "A message whose fate the local delivery agent's set-up decides.\n",
    )


@dataclass
class Agents:
    """The agents' files under ``root``: maildrop's filter and Maildirs, procmail's rcfile and
    mailboxes, owned by the ``user`` the agents run as (a filter must be its user's alone:
    maildrop(1)): mail under Postfix; under Exim, which runs with -C and so without the
    privilege to change user, its own user."""

    user: str = "mail"
    root: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="lda-bed-", dir="/var/tmp"))
    )

    def prepare(self) -> None:
        mail = pwd.getpwnam(self.user)
        self.root.chmod(0o755)
        for sub in ("maildrop", "procmail", "procmail/mail"):
            (self.root / sub).mkdir()
            os.chown(self.root / sub, mail.pw_uid, mail.pw_gid)
        locked = self.root / "procmail" / "locked"  # root's: the mbox user mail cannot write
        locked.mkdir(mode=0o755)
        (locked / "mbox").touch(mode=0o644)
        for name, text in (
            ("maildrop/mailfilter", MAILFILTER),
            ("procmail/procmailrc", PROCMAILRC),
        ):
            path = self.root / name
            path.write_text(text.format(root=self.root), encoding="utf-8")
            path.chmod(0o600)
            os.chown(path, mail.pw_uid, mail.pw_gid)
        for user in ("fine", "full"):
            self.as_mail([str(MAILDIRMAKE), str(self.root / "maildrop" / user)])
        # a quota on an existing Maildir (maildirmake(1) -q; on a new one it does not return)
        self.as_mail([str(MAILDIRMAKE), "-q", f"{QUOTA}S", str(self.root / "maildrop" / "full")])
        seed = ("x" * 70 + "\n") * 53  # about 3.8 kB: the next message does not fit
        self.as_mail(
            [str(MAILDROP), str(self.root / "maildrop" / "mailfilter"), "full"],
            f"From: seed@{SENDER_DOMAIN}\nSubject: filler\n\n{seed}",
        )

    def as_mail(self, argv: list[str], stdin: str = "") -> None:
        subprocess.run(
            ["runuser", "-u", self.user, "--", *argv],
            input=stdin or None,
            stdin=None if stdin else subprocess.DEVNULL,
            text=True,
            capture_output=True,
            check=True,
            timeout=30,
        )

    def delivered(self) -> dict[str, int]:
        """How many messages each agent's mailbox holds."""
        found = {}
        for user in ("fine", "full"):
            count = 0
            for sub in ("new", "cur"):
                with contextlib.suppress(OSError):
                    count += len(os.listdir(self.root / "maildrop" / user / sub))
            found[f"maildrop:{user}"] = count
        for user, path in (("fine", "mail/fine"), ("readonly", "locked/mbox")):
            with contextlib.suppress(OSError):
                text = (self.root / "procmail" / path).read_text(errors="replace")
                found[f"procmail:{user}"] = sum(
                    1 for line in text.splitlines() if line.lower().startswith("message-id:")
                )
            found.setdefault(f"procmail:{user}", 0)
        return found

    def stop(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _postfix(port: int, agents: Agents, capture: int) -> postfix.Postfix:
    routes = (
        f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}, "
        f"{MAILDROP_DOMAIN}=maildrop:, {PROCMAIL_DOMAIN}=procmail:, {MDA_DOMAIN}=mda:"
    )
    lifetime = f"{QUEUE_LIFETIME}s"
    filt = agents.root / "maildrop" / "mailfilter"
    rc = agents.root / "procmail" / "procmailrc"
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + routes + " }",
            "maximal_queue_lifetime": lifetime,
            "bounce_queue_lifetime": lifetime,
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
            "maildrop_destination_recipient_limit": "1",
            "procmail_destination_recipient_limit": "1",
            "mda_destination_recipient_limit": "1",
        },
        services=[
            f"maildrop unix - n n - - pipe flags=DRhu user=mail argv={MAILDROP} {filt} ${{user}}",
            f"procmail unix - n n - - pipe flags=DRhu user=mail argv={PROCMAIL} -m {rc} ${{user}}",
            f"mda unix - n n - - pipe flags=DRhu user=mail argv={MDA} --stderr ${{user}}",
        ],
    )


def _exim(port: int, agents: Agents, capture: int) -> exim.Exim:
    """Exim 4.96 handing each agent's domain to a pipe transport; its retry rule (a deferred
    address fails once QUEUE_LIFETIME seconds have passed) stands in for the queue lifetime."""
    filt = agents.root / "maildrop" / "mailfilter"
    rc = agents.root / "procmail" / "procmailrc"
    routers, transports = [], []
    for name, domain, locals_, command in (
        ("maildrop", MAILDROP_DOMAIN, "fine : full : closed : broken", f"{MAILDROP} {filt}"),
        ("procmail", PROCMAIL_DOMAIN, "fine : closed : readonly", f"{PROCMAIL} -m {rc}"),
        ("mda", MDA_DOMAIN, "nosuchuser", f"{MDA} --stderr"),
    ):
        routers += [
            f"lda_{name}:",
            "  driver = accept",
            f"  domains = {domain}",
            f"  local_parts = {locals_}",  # $local_part_data: the listed, untainted name
            f"  transport = {name}_pipe",
        ]
        transports += [
            f"{name}_pipe:",
            "  driver = pipe",
            f"  command = {command} $local_part_data",
            f"  user = {agents.user}",
            "  return_fail_output",
        ]
    return exim.Exim(
        port,
        {SENDER_DOMAIN: capture},
        retry=f"F,{QUEUE_LIFETIME}s,1s",
        routers=tuple(routers),
        transports=tuple(transports),
    )


@dataclass
class Run:
    """What one run of the bed produced."""

    capture: ScriptedMx
    delivered: dict[str, int]
    writer: str = "postfix"
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        return [a.content for a in self.capture.to(sender_of(scenario))]

    def pending(self) -> bool:
        return any(len(self.notices(s.name)) < s.notices for s in scenarios(self.writer))


async def run(writer: str = "postfix") -> Run:
    """Start the capture server and the writer (Postfix, or the unpacked Exim inside the
    namespaces); send every scenario; wait for notices."""
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, {}, writer)
    agents = Agents(exim.USER if writer == "exim" else "mail")
    pf: postfix.Postfix | None = None
    ex: exim.Exim | None = None
    try:
        await asyncio.to_thread(agents.prepare)
        port = free_port()
        if writer == "exim":
            ex = _exim(port, agents, capture.port)
            await ex.start()
        else:
            pf = _postfix(port, agents, capture.port)
            await asyncio.to_thread(pf.start)
        for scenario in scenarios(writer):
            await submit(port, message(scenario), sender_of(scenario.name), scenario.recipients)
        nudge = pf.flush if pf is not None else None
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, nudge, 3.0)
    except (OSError, RuntimeError, subprocess.SubprocessError, aiosmtplib.SMTPException) as exc:
        result.error = f"the LDA bed broke off: {exc}"
    finally:
        result.delivered = agents.delivered()
        if pf is not None:
            result.log = pf.log_tail(80)
            await asyncio.to_thread(pf.stop)
        if ex is not None:
            result.log = ex.log_tail(80)
            await ex.stop()
        await asyncio.to_thread(agents.stop)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    engine = "real-lda" if writer == "postfix" else f"real-lda-{writer}"
    return bed_entry(engine, name, scenario.name, expected)


def write(out: Path, result: Run) -> dict[str, Any]:
    """The notices as ``out/<scenario>.eml`` and the manifest that labels them."""
    fields = {"delivered": result.delivered, "error": result.error}
    return write_notices(
        out,
        scenarios(result.writer),
        result.notices,
        lambda scenario, name: entry(scenario, name, result.writer),
        fields,
    )


def exim_missing() -> str | None:
    """Why the Exim writer cannot run here, or None."""
    return missing() or exim.missing() or namespace_tools_missing()


def generate(out: Path, writer: str = "postfix") -> dict[str, Any]:
    """Run the bed once and write its notices and manifest to ``out``: Postfix here, Exim in
    private namespaces (its compiled-in user added there only: receivers_bed.py)."""
    if writer == "exim":
        return generate_logged(__name__, out, ["exim"], 120.0, "the LDA bed")
    result = asyncio.run(run())
    manifest = write(out, result)
    manifest["log"] = result.log
    return manifest


if __name__ == "__main__":
    import sys

    target, chosen = Path(sys.argv[1]), (sys.argv[2:] or ["postfix"])[0]
    if chosen == "exim":  # inside the namespaces generate() made
        with tempfile.TemporaryDirectory(prefix="lda-etc-") as private:
            writer_namespace(Path(private), "exim")
            outcome = asyncio.run(run("exim"))
            found = write(target, outcome)
            found["log"] = outcome.log
    else:
        found = generate(target)
    print(json.dumps({k: found[k] for k in ("notices", "delivered", "error")}, indent=1))
    print(found["log"])
