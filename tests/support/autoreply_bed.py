"""Auto-replies that real responders send to a message of ours, behind Debian's Exim 4.96
(unpacked, run in private namespaces as tests/support/lda_bed.py runs it): Exim's own
``autoreply`` transport, the classic vacation(1) program 3.3.3 (Debian: vacation) and
procmail 3.22 with ``formail -r`` (the vacation recipe of procmailex(5)), each run from the
destination's delivery of one recipient; and, as the contrast that must still be found, Exim's
bounce for an unknown user of the same destination. Each scenario is one message from
``bounces+<scenario>@sender.test`` (the VERP return path the relay uses) with the header From
``news+<scenario>@sender.test``; whatever comes back to either arrives at a capture server on
127.0.0.1 and is filed under the scenario. The labels come from the set-up: an auto-reply is
never a bounce and names no failed recipient, whatever its words say (the responder's owner
writes them; the address it answers for took the message).

Where each reply goes and what it adds (read from each program's documentation and output):
  Exim's autoreply transport: to whatever ``to`` expands to (here ``$reply_address``, the
  Reply-To or From, or ``$sender_address``, the return path), from a null envelope sender;
  Exim writes ``Auto-Submitted: auto-replied`` itself (autoreply.c); ``return_message``
  appends the original under "------ This is a copy of the message, including all the
  headers. ------", the line Exim's bounces use.
  vacation(1): answers the Return-Path (the envelope sender, vacation(1) "checking the message
  headers for either the UNIX From line or a Return-Path header"), sends ``To:`` plus the
  user's .vacation.msg verbatim through /usr/sbin/sendmail: no Auto-Submitted, no
  In-Reply-To; ``-z`` makes the reply's envelope sender "<>".
  formail -r: replies to the envelope sender (with ``-t``: to the header's Reply-To or From),
  Subject "Re: <subject>", In-Reply-To and References of the original (formail(1) "-r"); the
  procmailex(5) recipe adds "Precedence: junk" and an X-Loop field; no Auto-Submitted.

/usr/sbin/sendmail inside the namespaces is the unpacked Exim with the bed's configuration
(Debian's exim4 packages make /usr/sbin/sendmail Exim's), so vacation and formail's replies
leave through the same Exim. Behind Postfix 3.7 (``writer="postfix"``: vacation and procmail
as pipe(8) transports run as user mail, the unknown user returned by error(8)), /etc/postfix
inside the namespaces is a copy of Debian's whose main.cf is the bed's, so Postfix's own
sendmail submits the replies. Root only.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix, unpacked
from tests.support.bed import (
    Expected,
    bed_entry,
    bed_message,
    generate_logged,
    label,
    main_in_namespaces,
    namespace_tools_missing,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.process import free_port
from tests.support.receivers_bed import namespace_etc
from tests.support.scripted_mx import ScriptedMx

VACATION = Path("/usr/bin/vacation")  # vacation
PROCMAIL = Path("/usr/bin/procmail")  # procmail
FORMAIL = Path("/usr/bin/formail")  # procmail
SENDER_DOMAIN = "sender.test"
DOMAIN = "autoreply.test"
DEADLINE = 40.0  # seconds to wait for every reply
GRACE = 1.0  # seconds more, to see a reply that should not come

# vacation(1)'s message files: an entire message, headers first; $SUBJECT is replaced by the
# subject of the message answered. The first is the manual page's example.
VACATION_MESSAGES = {
    "vacation_manual_example": (
        f"From: Eric Allman <vacation-manual-example@{DOMAIN}>\n"
        "Subject: I am on vacation\n"
        "Delivered-By-The-Graces-Of: The Vacation program\n"
        "Precedence: bulk\n\n"
        "I am on vacation until July 22.  If you have something urgent,\n"
        f"please contact Keith Bostic <bostic@{DOMAIN}>.\n"
        "--eric\n"
    ),
    # A user's own words, read as a dead address by anyone who skims: the address took the
    # message all the same. Sent with -z (envelope sender "<>") and no Precedence.
    "vacation_no_longer_here": (
        f"From: Jo Smith <vacation-no-longer-here@{DOMAIN}>\n"
        "Subject: Undeliverable: $SUBJECT\n\n"
        "I no longer work here and this address is no longer monitored.\n"
        "Your message was not delivered to anyone who will read it and will\n"
        f"not be forwarded. Please write to office@{DOMAIN} instead.\n"
    ),
    "vacation_german": (
        f"From: Kim Weber <vacation-german@{DOMAIN}>\n"
        "Subject: Nicht im Haus: $SUBJECT\n"
        "Precedence: bulk\n\n"
        "Ich bin bis zum 4. Januar nicht im Haus. Ihre Nachricht wird nicht\n"
        f"weitergeleitet. In dringenden Fällen schreiben Sie an office@{DOMAIN}.\n"
    ),
}
VACATION_FLAGS = {"vacation_no_longer_here": "-z"}

# procmailex(5), "vacation": the recipe as the manual gives it (formail -rD keeps a cache of
# the addresses answered; -r replies to the envelope sender); and -rt, answering the header's
# sender, with a text that says "not delivered".
PROCMAILRC = """\
SHELL=/bin/sh
LOGFILE={root}/procmail.log
VERBOSE=yes
LOCAL=$1
MYADDR=$1@{domain}

:0 Whc: {root}/vacation.lock
* LOCAL ?? ^^formail-procmailex^^
* $ ^To:.*$\\MYADDR
* !^FROM_DAEMON
* !^X-Loop: formail-procmailex@{domain}
| formail -rD 8192 {root}/vacation.cache

  :0 ehc
  | (formail -rI"Precedence: junk" \\
       -A"X-Loop: formail-procmailex@{domain}" ; \\
     echo "I received your mail,"; \\
     echo "but I won't be back until Monday."; \\
     echo "-- "; echo "Pat" \\
    ) | $SENDMAIL -oi -t

:0 Whc: {root}/vacation.lock
* LOCAL ?? ^^formail-trusted^^
* $ ^To:.*$\\MYADDR
* !^FROM_DAEMON
* !^X-Loop: formail-trusted@{domain}
| formail -rtD 8192 {root}/vacation-trusted.cache

  :0 ehc
  | (formail -rtI"Precedence: junk" \\
       -A"X-Loop: formail-trusted@{domain}" ; \\
     echo "Your message could not be delivered to me in person: I am on leave"; \\
     echo "until 11 January and it has not been read. Returned mail is not kept." \\
    ) | $SENDMAIL -oi -t

:0
/dev/null
"""

# Exim's autoreply transports: (local part, options). Every one answers from a null
# envelope sender; ``once`` keeps the addresses answered.
EXIM_AUTOREPLIES = {
    "exim-out-of-office": (
        "to = $reply_address",
        f"from = Alex Brown <exim-out-of-office@{DOMAIN}>",
        "subject = Out of office: $h_subject:",
        "text = I am out of the office until Monday 14 December and will answer then.",
        "once = {root}/once-ooo.db",
    ),
    # return_message: the original comes back under the line Exim's bounces use
    "exim-return-message": (
        "to = $sender_address",
        f"from = exim-return-message@{DOMAIN}",
        "subject = Returned mail: $h_subject:",
        'text = "This address is no longer in use and your message has not been read.\\n'
        'It is returned to you below."',
        "return_message",
    ),
    "exim-noreply": (
        "to = $reply_address",
        f"from = No Reply <exim-noreply@{DOMAIN}>",
        "subject = Undeliverable: $h_subject:",
        'text = "This mailbox does not accept messages: your message was not delivered to a\\n'
        'person. Please use the contact form on our web site."',
    ),
    "exim-french": (
        "to = $reply_address",
        f"from = Claire Martin <exim-french@{DOMAIN}>",
        "subject = Absente : $h_subject:",
        "headers = Content-Type: text/plain; charset=utf-8",
        "text = \"Je suis absente jusqu'au 4 janvier. Votre message ne sera pas transmis\\n"
        "et ne sera lu qu'\u00e0 mon retour.\"",
    ),
}


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the auto-reply bed runs as root (Exim in private namespaces)"
    for path, package in ((VACATION, "vacation"), (PROCMAIL, "procmail"), (FORMAIL, "procmail")):
        if not path.exists():
            return f"{path} is not installed (Debian: {package})"
    return exim.missing() or namespace_tools_missing()


def postfix_missing() -> str | None:
    """Why the Postfix writer cannot run here, or None."""
    why = missing()
    if why is not None and why != exim.missing():
        return why
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    return namespace_tools_missing()


@dataclass(frozen=True)
class Scenario:
    """One message to ``recipient``; ``failed``: what its notice must list (none: an
    auto-reply, no bounce)."""

    name: str
    recipient: str
    failed: tuple[Expected, ...] = ()
    responder: str = ""

    @property
    def bounce(self) -> bool:
        return bool(self.failed)


def scenarios(writer: str = "exim") -> tuple[Scenario, ...]:
    """Every message the bed sends behind ``writer`` (Exim: its autoreply transport too;
    Postfix: vacation(1) and formail only), with its labels."""
    unknown = f"nosuchuser@{DOMAIN}"
    own = (
        tuple(
            Scenario(local.replace("-", "_"), f"{local}@{DOMAIN}", responder="exim-autoreply")
            for local in EXIM_AUTOREPLIES
        )
        if writer == "exim"
        else ()
    )
    if writer == "exim":
        # Exim's redirect router ":fail:" (the Exim specification, "Special items in
        # redirection lists"): the text given, Status 5.0.0
        contrast = Scenario(
            "exim_unknown_user",
            unknown,
            (Expected(unknown, True, True, ("user_unknown",), "recipient", "5.0.0"),),
        )
    else:
        # Postfix's error(8) transport with the nexthop "5.1.1 User unknown" (transport(5))
        contrast = Scenario(
            "postfix_unknown_user",
            unknown,
            (Expected(unknown, True, True, ("user_unknown",), "recipient", "5.1.1"),),
        )
    return (
        *own,
        *(
            Scenario(name, f"{name.replace('_', '-')}@{DOMAIN}", responder="vacation")
            for name in VACATION_MESSAGES
        ),
        Scenario("formail_procmailex", f"formail-procmailex@{DOMAIN}", responder="formail"),
        Scenario("formail_trusted", f"formail-trusted@{DOMAIN}", responder="formail"),
        contrast,
    )


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def author_of(scenario: str) -> str:
    return f"news+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    msg = bed_message(
        SENDER_DOMAIN,
        (scenario.recipient,),
        f"Our December news ({scenario.name})",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        "This month's news, which an auto-responder answers.\n",
    )
    msg.replace_header("From", f"News <{author_of(scenario.name)}>")
    return msg


def _exim(port: int, root: Path, capture: int) -> exim.Exim:
    routers = [
        "unknown:",
        "  driver = redirect",
        f"  domains = {DOMAIN}",
        "  local_parts = nosuchuser",
        "  allow_fail",
        "  data = :fail: Unknown user",
    ]
    transports = []
    for local, options in EXIM_AUTOREPLIES.items():
        name = local.replace("-", "_")
        routers += [
            f"{name}:",
            "  driver = accept",
            f"  domains = {DOMAIN}",
            f"  local_parts = {local}",
            f"  transport = {name}",
        ]
        transports += [f"{name}:", "  driver = autoreply", f"  user = {exim.USER}"]
        transports += [f"  {option.format(root=root)}" for option in options]
    for local in (n.replace("_", "-") for n in VACATION_MESSAGES):
        name = local.replace("-", "_")
        routers += [
            f"{name}:",
            "  driver = accept",
            f"  domains = {DOMAIN}",
            f"  local_parts = {local}",
            f"  transport = {name}",
        ]
        # vacation -a <local part>: it answers only mail whose To: or Cc: names the login or
        # an alias; -f and -m: its database and message file
        flags = VACATION_FLAGS.get(name, "")
        vac = root / "vacation" / local
        transports += [
            f"{name}:",
            "  driver = pipe",
            f"  command = {VACATION} {flags} -a {local} -f {vac}.db -m {vac}.msg {exim.USER}",
            f"  user = {exim.USER}",
            "  return_fail_output",
        ]
    routers += [
        "procmail:",
        "  driver = accept",
        f"  domains = {DOMAIN}",
        "  local_parts = formail-procmailex : formail-trusted",
        "  transport = procmail_pipe",
    ]
    transports += [
        "procmail_pipe:",
        "  driver = pipe",
        f"  command = {PROCMAIL} -m {root}/procmailrc $local_part_data",
        f"  user = {exim.USER}",
        "  return_fail_output",
    ]
    return exim.Exim(
        port,
        {SENDER_DOMAIN: capture},
        routers=tuple(routers),
        transports=tuple(transports),
        settings={"trusted_users": exim.USER},
    )


def _postfix(port: int, root: Path, capture: int) -> postfix.Postfix:
    """Postfix 3.7 handing each responder's address to a pipe(8) transport run as user mail
    (vacation with and without -z; procmail -m), and the unknown user to error(8)."""
    vac = root / "vacation"
    routes = [f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}"]
    for name in VACATION_MESSAGES:
        service = "vacationz" if VACATION_FLAGS.get(name) == "-z" else "vacation"
        routes.append(f"{name.replace('_', '-')}@{DOMAIN}={service}:")
    routes += [f"formail-procmailex@{DOMAIN}=procmail:", f"formail-trusted@{DOMAIN}=procmail:"]
    routes.append(f"nosuchuser@{DOMAIN}=error:5.1.1 User unknown")
    vacation = f"-a ${{user}} -f {vac}/${{user}}.db -m {vac}/${{user}}.msg mail"
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + ", ".join(f"{{{r}}}" for r in routes) + " }",
            "relay_domains": DOMAIN,
            # the unknown user is taken, then returned by error(8) in a notice, not refused at
            # RCPT (where our submission would see the refusal and no notice would come)
            "smtpd_reject_unlisted_recipient": "no",
            "vacation_destination_recipient_limit": "1",
            "vacationz_destination_recipient_limit": "1",
            "procmail_destination_recipient_limit": "1",
        },
        services=[
            f"vacation unix - n n - - pipe flags=Fq user=mail argv={VACATION} {vacation}",
            f"vacationz unix - n n - - pipe flags=Fq user=mail argv={VACATION} -z {vacation}",
            f"procmail unix - n n - - pipe flags=Fq user=mail argv={PROCMAIL} -m {root}/procmailrc"
            " ${user}",
        ],
    )


def prepare(root: Path, user: str = exim.USER) -> None:
    """The responders' files under ``root``, the ``user``'s that runs them."""
    root.chmod(0o755)
    vac = root / "vacation"
    vac.mkdir()
    for name, text in VACATION_MESSAGES.items():
        (vac / f"{name.replace('_', '-')}.msg").write_text(text, encoding="utf-8")
    (root / "procmailrc").write_text(PROCMAILRC.format(root=root, domain=DOMAIN))
    for path in [root, vac, *vac.iterdir(), root / "procmailrc"]:
        shutil.chown(path, user, user)
    (root / "procmailrc").chmod(0o644)


def sendmail_is_exim(etc: Path, conf: Path) -> None:
    """Inside the namespaces: /usr/sbin/sendmail runs the unpacked Exim with ``conf``."""
    wrapper = etc / "sendmail"
    env = unpacked.environment(exim.binary())
    wrapper.write_text(
        f"#!/bin/sh\nLD_LIBRARY_PATH={env['LD_LIBRARY_PATH']} exec {exim.binary()}"
        f' -C {conf} "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    subprocess.run(["mount", "--bind", str(wrapper), "/usr/sbin/sendmail"], check=True)


def sendmail_is_postfix(pf: postfix.Postfix, etc: Path) -> None:
    """Inside the namespaces: /etc/postfix is a copy of Debian's whose main.cf is the bed's,
    so Postfix's own /usr/sbin/sendmail and its postdrop (which take a non-default
    configuration directory only where the default main.cf lists it) submit to the bed's
    queue."""
    # pipe(8) hands the command MAIL_CONFIG (export_environment): the default main.cf must
    # list the bed's directory for postdrop to take it
    pf.main["alternate_config_directories"] = str(pf.conf)
    pf.write_config()
    copy = etc / "postfix"
    shutil.copytree("/etc/postfix", copy, symlinks=True)
    (copy / "main.cf").unlink(missing_ok=True)
    (copy / "main.cf").symlink_to(pf.conf / "main.cf")
    subprocess.run(["mount", "--bind", str(copy), "/etc/postfix"], check=True)


def isolate(etc: Path, writer: str = "exim") -> None:
    """namespace_etc, then for Exim its library cache, and its user with a home (vacation
    looks its login up and works in its home)."""
    namespace_etc(etc)
    if writer != "exim":
        return
    cache = unpacked.library_cache(etc, [exim.ROOT])
    subprocess.run(["mount", "--bind", str(cache), "/etc/ld.so.cache"], check=True)
    users, groups = (Path("/etc", n).read_text(encoding="utf-8") for n in ("passwd", "group"))
    home = etc / "home"
    home.mkdir()
    if f"\n{exim.USER}:" not in f"\n{users}":
        users += f"{exim.USER}:x:64999:64999::{home}:/bin/sh\n"
        groups += f"{exim.USER}:x:64999:\n"
    (etc / "passwd").write_text(users, encoding="utf-8")
    (etc / "group").write_text(groups, encoding="utf-8")
    for name in ("passwd", "group"):
        subprocess.run(["mount", "--bind", str(etc / name), f"/etc/{name}"], check=True)
    shutil.chown(home, exim.USER, exim.USER)


@dataclass
class Run:
    capture: ScriptedMx
    writer: str = "exim"
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        wanted = {sender_of(scenario), author_of(scenario)}
        return [
            a.content for a in self.capture.arrivals if wanted & {r.lower() for r in a.rcpt_tos}
        ]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios(self.writer))


async def run(etc: Path, writer: str = "exim") -> Run:
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, writer)
    root = Path(tempfile.mkdtemp(prefix="autoreply-bed-", dir="/var/tmp"))
    ex: exim.Exim | None = None
    pf: postfix.Postfix | None = None
    try:
        port = free_port()
        if writer == "exim":
            prepare(root)
            ex = _exim(port, root, capture.port)
            sendmail_is_exim(etc, ex.config)
            await ex.start()
        else:
            prepare(root, "mail")
            pf = _postfix(port, root, capture.port)
            sendmail_is_postfix(pf, etc)
            await asyncio.to_thread(pf.start)
        for scenario in scenarios(writer):
            await submit(port, message(scenario), sender_of(scenario.name), (scenario.recipient,))
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE)
    except (OSError, RuntimeError, subprocess.SubprocessError, aiosmtplib.SMTPException) as exc:
        result.error = f"the auto-reply bed broke off: {exc}"
    finally:
        lines = []
        if ex is not None:
            lines = ex.log_tail(200).splitlines()
            await ex.stop()
        if pf is not None:
            lines = pf.log_tail(200).splitlines()
            await asyncio.to_thread(pf.stop)
        with contextlib.suppress(OSError):
            lines += (root / "procmail.log").read_text(errors="replace").splitlines()
        result.log = "\n".join(line for line in lines if "lost privilege" not in line)
        shutil.rmtree(root, ignore_errors=True)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str, writer: str = "exim") -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``)."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    engine = "real-autoreply" if writer == "exim" else f"real-autoreply-{writer}"
    entry = bed_entry(engine, name, scenario.name, expected, scenario.bounce)
    return {**entry, "responder": scenario.responder} if scenario.responder else entry


def write(out: Path, result: Run) -> dict[str, Any]:
    return write_notices(
        out,
        scenarios(result.writer),
        result.notices,
        lambda scenario, name: entry(scenario, name, result.writer),
        {"error": result.error},
    )


def generate(out: Path, writer: str = "exim") -> dict[str, Any]:
    """Run the bed once in its own namespaces; the manifest it wrote to ``out``."""
    return generate_logged(__name__, out, [writer], 120.0, "the auto-reply bed")


if __name__ == "__main__":  # inside the namespaces generate() made
    chosen = (sys.argv[2:] or ["exim"])[0]
    main_in_namespaces(
        "autoreply-etc-",
        lambda etc: isolate(etc, chosen),
        lambda etc: run(etc, chosen),
        write,
        readable=True,
    )
