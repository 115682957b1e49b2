"""Forwarding at the destination (judge40, issue #14): our copy reaches a real FORWARDER, which
accepts it for our address and sends it on to the address's target(s); the target fails, and
the forwarder's MTA writes the notice, back to our envelope sender
(``bounces+<scenario>@sender.test``) at a capture server on 127.0.0.1. The bed submits each
copy to the forwarder itself, as the relay does (plain SMTP, no DSN parameters: our relay
asks for none). Labels come from how the forwarder is set up, never from the notices.

Two writers, each its own run (``writer``):
  ``postfix``: Debian's Postfix 3.7, ``fw.test``, with
    virtual_alias_maps for ``alias.test`` (virtual(5), "Postfix virtual alias domain"):
      ``one-dead@`` to one remote target the next hop refuses (550 5.1.1),
      ``nx@`` to one target in a domain that does not exist (the bed's DNS knows no
      ``nowhere.test``: NXDOMAIN),
      ``mixed@`` to two targets, one refused (550 5.1.1), one taken,
      ``both-dead@`` to two targets, both refused,
      ``slow@`` to one target answered "452 4.2.2 Mailbox full" until the queue lifetime ends;
    a user ``fwduser`` of ``fw.test`` whose ~/.forward (local(8), "forward_path") names one
    refused target;
    and postsrsd 1.10 (Debian: postsrsd; its two tcp_table lookups, README) rewriting every
    envelope sender to SRS (``SRS0=...=sender.test=bounces+...@fw.test``,
    sender_canonical_maps) and back (recipient_canonical_maps), so that the notice travels to
    the SRS address and through the reverse lookup to our return path.
  ``exim``: Debian's Exim 4.96 (unpacked), ``exim-fw.test``: the same table for ``alias.test``
    by a redirect router (spec chapter "The redirect router", ``data`` from an lsearch file),
    and ``fwduser`` by a redirect router with ``check_local_user`` and ``file =
    $home/.forward``, as Debian's exim4-config userforward router does.
The next hop for ``dest.test`` is a scripted server on 127.0.0.1 answering in Postfix's own
words for an unknown user (smtpd_check.c: "Recipient address rejected: User unknown in
virtual mailbox table") and "Mailbox full" (RFC 3463 4.2.2).

The labels here are the FAILED RECIPIENTS OF THE NOTICE: the forward targets, each with its
own fate (RFC 3464 section 2.3.2: the per-recipient fields are about the Final-Recipient).
What that means for OUR address (the alias) is labelled apart, in ``OURS``: see
docs/bounces.md, judge40.

``generate(out)`` runs it all in a private network and mount namespace (``unshare --net
--mount``, root only), as receivers_bed.py does.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import exim, postfix, receivers_bed
from tests.support.bed import (
    Expected,
    namespace_tools_missing,
    submit,
    wait_for_notices,
)
from tests.support.dns_server import DnsServer
from tests.support.process import free_port
from tests.support.receivers_bed import EXPIRED, SENDER_DOMAIN, UNKNOWN, Scenario, sender_of
from tests.support.scripted_mx import Script, ScriptedMx

WRITERS = ("postfix", "exim")
POSTSRSD = Path("/usr/sbin/postsrsd")
DEADLINE = 60.0
NUDGE = 10.0
GRACE = 1.0

ALIAS_DOMAIN = "alias.test"
DEST = "dest.test"  # the targets' domain: the scripted next hop
NOWHERE = "nowhere.test"  # not in the bed's DNS
FORWARD_USER = "fwduser"
USER_UNKNOWN = "550 5.1.1 <{}>: Recipient address rejected: User unknown in virtual mailbox table"
MAILBOX_FULL = "452 4.2.2 <{}>: Mailbox full"
ALIASES = {
    "one-dead": (f"gone1@{DEST}",),
    "nx": (f"someone@{NOWHERE}",),
    "mixed": (f"gone2@{DEST}", f"alive@{DEST}"),
    "both-dead": (f"gone3@{DEST}", f"gone4@{DEST}"),
    "slow": (f"full@{DEST}",),
}
FORWARD_TARGET = f"gone5@{DEST}"
DEAD_TARGETS = (*(f"gone{n}@{DEST}" for n in range(1, 6)),)
FULL_TARGET = f"full@{DEST}"
SLOW = ("fw_alias_full",)  # waits for the writer's queue lifetime (8 s): not in a quick run


def _unknown(address: str) -> Expected:
    return Expected(address, True, True, UNKNOWN, "recipient", "5.1.1", "550")


@dataclass(frozen=True)
class Ours:
    """What the notice means for OUR address (the copy's recipient, the alias), by
    construction: ``alive`` whether some target of it takes mail (a later copy is
    delivered), ``dead`` whether every later copy fails the same way."""

    address: str
    alive: bool
    dead: bool


def scenarios() -> tuple[Scenario, ...]:
    """Every message the bed sends, with the notice's failed recipients labelled."""
    forward_user = f"{FORWARD_USER}@fw.test"
    return (
        Scenario("fw_alias_dead", (f"one-dead@{ALIAS_DOMAIN}",), (_unknown(f"gone1@{DEST}"),)),
        Scenario(
            "fw_alias_nxdomain",
            (f"nx@{ALIAS_DOMAIN}",),
            (
                Expected(
                    f"someone@{NOWHERE}", True, True, ("host_unknown",), "recipient", "5.4.4", ""
                ),
            ),
        ),
        Scenario("fw_alias_mixed", (f"mixed@{ALIAS_DOMAIN}",), (_unknown(f"gone2@{DEST}"),)),
        Scenario(
            "fw_alias_both_dead",
            (f"both-dead@{ALIAS_DOMAIN}",),
            (_unknown(f"gone3@{DEST}"), _unknown(f"gone4@{DEST}")),
        ),
        Scenario(
            "fw_alias_full",
            (f"slow@{ALIAS_DOMAIN}",),
            (
                Expected(
                    FULL_TARGET,
                    False,
                    False,
                    ("mailbox_full", EXPIRED),
                    "recipient",
                    "4.2.2",
                    "452",
                ),
            ),
        ),
        Scenario("fw_dot_forward", (forward_user,), (_unknown(FORWARD_TARGET),)),
    )


# OUR address (the copy's recipient, the alias) by construction, and what the relay must do
# with it (docs/bounces.md, judge40): a forwarding target's failure is recorded on our copy,
# and never suppresses our address, dead alias or not (the notice cannot tell an alias with one
# target from one with several, one alive).
OURS = {
    "fw_alias_dead": Ours(f"one-dead@{ALIAS_DOMAIN}", alive=False, dead=True),
    "fw_alias_nxdomain": Ours(f"nx@{ALIAS_DOMAIN}", alive=False, dead=True),
    "fw_alias_mixed": Ours(f"mixed@{ALIAS_DOMAIN}", alive=True, dead=False),
    "fw_alias_both_dead": Ours(f"both-dead@{ALIAS_DOMAIN}", alive=False, dead=True),
    "fw_alias_full": Ours(f"slow@{ALIAS_DOMAIN}", alive=True, dead=False),
    "fw_dot_forward": Ours(f"{FORWARD_USER}@fw.test", alive=False, dead=True),
}


def sent(quick: bool = False) -> tuple[Scenario, ...]:
    """The scenarios a run sends: all, or without SLOW ones for a ``quick`` run."""
    return tuple(s for s in scenarios() if not (quick and s.name in SLOW))


def missing(writer: str = "postfix") -> str | None:
    """Why the bed cannot run here with ``writer`` as the forwarder, or None."""
    if os.geteuid() != 0:
        return "the forwarding bed runs as root (a network namespace, a user of its own)"
    if writer == "exim":
        why = exim.missing()
        if why is not None:
            return why
    elif not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    elif not POSTSRSD.exists():
        return f"{POSTSRSD} is not installed (Debian: postsrsd)"
    return namespace_tools_missing()


Run = receivers_bed.QuickRun


def _home() -> Path:
    return Path(pwd.getpwnam(FORWARD_USER).pw_dir)


def _write_forward(target: str) -> None:
    """The forward user's ~/.forward, owned by it (local(8) and Exim both check)."""
    entry = pwd.getpwnam(FORWARD_USER)
    home = Path(entry.pw_dir)
    home.mkdir(parents=True, exist_ok=True)
    forward = home / ".forward"
    forward.write_text(f"{target}\n", encoding="utf-8")
    for path in (home, forward):
        os.chown(path, entry.pw_uid, entry.pw_gid)
    home.chmod(0o755)
    forward.chmod(0o644)


class PostSrsd:
    """postsrsd 1.10 on two loopback ports, SRS domain ``fw.test``, a secret of its own."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="postsrsd-", dir="/var/tmp"))
        self.forward, self.reverse = free_port(), free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        secret = self.root / "secret"
        secret.write_text("the forwarding bed's SRS secret\n", encoding="utf-8")
        secret.chmod(0o600)
        self.process = subprocess.Popen(
            [
                str(POSTSRSD),
                f"-s{secret}",
                "-dfw.test",
                "-l127.0.0.1",
                "-4",
                f"-f{self.forward}",
                f"-r{self.reverse}",
                "-unobody",
            ],
            stdout=subprocess.DEVNULL,
            stderr=(self.root / "stderr.log").open("wb"),
            start_new_session=True,
        )
        receivers_bed._wait_listening(self.reverse, self.process, self.log_tail)

    def stop(self) -> None:
        from tests.support.bed import stop_group

        stop_group(self.process, self.root)

    def log_tail(self, lines: int = 10) -> str:
        from tests.support.bed import stderr_tail

        return stderr_tail(self.root, "postsrsd", lines)


def _postfix_fw(port: int, routes: dict[str, int], srs: PostSrsd) -> postfix.Postfix:
    aliases = ", ".join(
        "{ " + f"{name}@{ALIAS_DOMAIN} = {', '.join(targets)}" + " }"
        for name, targets in ALIASES.items()
    )
    return receivers_bed.postfix_writer(
        port,
        routes,
        main={
            "myhostname": "fw.test",
            "mydomain": "fw.test",
            "myorigin": "fw.test",
            "mydestination": "fw.test",
            "virtual_alias_domains": ALIAS_DOMAIN,
            "virtual_alias_maps": "inline:{ " + aliases + " }",
            "local_transport": "local",
            "forward_path": "$home/.forward",
            "sender_canonical_maps": f"tcp:127.0.0.1:{srs.forward}",
            "sender_canonical_classes": "envelope_sender",
            "recipient_canonical_maps": f"tcp:127.0.0.1:{srs.reverse}",
            "recipient_canonical_classes": "envelope_recipient, header_recipient",
            "smtp_dns_support_level": "enabled",
        },
    )


def _exim_fw(port: int, routes: dict[str, int], root: Path) -> receivers_bed.EximSender:
    aliases = root / "aliases"
    aliases.write_text(
        "".join(f"{name}: {', '.join(targets)}\n" for name, targets in ALIASES.items()),
        encoding="utf-8",
    )
    aliases.chmod(0o644)
    tx = receivers_bed.exim_writer(
        port,
        routes,
        settings={"primary_hostname": "exim-fw.test", "qualify_domain": "exim-fw.test"},
    )
    tx.routers = (
        "aliases:",
        "  driver = redirect",
        f"  domains = {ALIAS_DOMAIN}",
        f"  data = ${{lookup{{$local_part}}lsearch{{{aliases}}}}}",
        "userforward:",
        "  driver = redirect",
        "  domains = fw.test",
        "  check_local_user",
        "  file = $home/.forward",
        # read as Exim's own user: the daemon run with -C has given up root (no setuid)
        f"  user = {exim.USER}",
        "  no_verify",
        "  check_ancestor",
        "  allow_filter",
        "  forbid_smtp_code = true",
    )
    return tx


async def run(writer: str = "postfix") -> Run:
    """The DNS server, the next hop, the forwarder and the capture; every scenario sent."""
    writer, quick = receivers_bed.quick_writer(writer)
    dns = DnsServer()
    await dns.start(port=53)
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    scripts = {a: Script(rcpt=USER_UNKNOWN.format(a)) for a in DEAD_TARGETS}
    scripts[FULL_TARGET] = Script(rcpt=MAILBOX_FULL.format(FULL_TARGET))
    hop = ScriptedMx(scripts, hostname=DEST)
    await hop.start()
    result = Run(capture, sender_of, sent, quick=quick)
    srs: PostSrsd | None = None
    fw: Any = None
    root = Path(tempfile.mkdtemp(prefix="fwd-", dir="/var/tmp"))
    root.chmod(0o755)
    try:
        await asyncio.to_thread(_write_forward, FORWARD_TARGET)
        routes = {SENDER_DOMAIN: capture.port, DEST: hop.port}
        port = free_port()
        if writer == "exim":
            fw = _exim_fw(port, routes, root)
            await fw.start()
        else:
            srs = PostSrsd()
            await asyncio.to_thread(srs.start)
            fw = _postfix_fw(port, routes, srs)
            await asyncio.to_thread(fw.start)
        for scenario in sent(quick):
            message = receivers_bed.message(scenario)
            await submit(port, message, sender_of(scenario.name), scenario.recipients, [])
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE, fw.flush, NUDGE)
        if hop.to(f"alive@{DEST}") == [] and not quick:
            result.error = "the mixed alias's live target got nothing"
    except (OSError, RuntimeError, KeyError, aiosmtplib.SMTPException) as exc:
        result.error = f"the forwarding bed broke off: {exc}"
    finally:
        logs = [fw.log_tail(60) if fw is not None else ""]
        if srs is not None:
            logs.append(f"postsrsd: {srs.log_tail()}")
            await asyncio.to_thread(srs.stop)
        result.log = "\n".join(logs)
        await receivers_bed.stop_writer(fw)
        await hop.stop()
        await capture.stop()
        await dns.stop()
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(_home().parent, ignore_errors=True)
    return result


def stated_status(writer: str, expected: Expected) -> str:
    """The status the forwarder's notice gives ``expected``: the next hop's enhanced code, or
    the writer's own for a domain that does not exist (Postfix 5.4.4, smtp(8); Exim 5.0.0, its
    class of an address it gave up on with no reply)."""
    if writer == "exim" and expected.status == "5.4.4":
        return "5.0.0"
    return expected.status


def as_written(writer: str, expected: Expected) -> Expected:
    """Exim's words for a domain that does not exist: "Unrouteable address" (verify.c), which
    it writes for an unknown local user alike (receivers_bed.UNROUTEABLE)."""
    if writer == "exim" and expected.status == "5.4.4":
        return dataclasses.replace(expected, reasons=("host_unknown", "user_unknown"))
    return expected


def entry(scenario: Scenario, name: str, writer: str = "postfix") -> dict[str, Any]:
    """The manifest entry of one notice (receivers_bed.writer_entry)."""
    written = [as_written(writer, e) for e in scenario.failed]
    return receivers_bed.writer_entry(
        "real-forward", writer, name, scenario.name, written, stated_status
    )


def _isolate(etc: Path, writer: str) -> None:
    receivers_bed.writer_namespace(etc, writer)
    # the forward user, with a home of its own (the namespace's /etc/passwd, as _add_users)
    home = Path(tempfile.mkdtemp(prefix="fwd-home-", dir="/var/tmp"))
    home.chmod(0o755)
    users = Path("/etc/passwd").read_text(encoding="utf-8")
    groups = Path("/etc/group").read_text(encoding="utf-8")
    uid = 64999 if ":64999:" not in users else 64998
    users += f"{FORWARD_USER}:x:{uid}:{uid}::{home / FORWARD_USER}:/bin/sh\n"
    groups += f"{FORWARD_USER}:x:{uid}:\n"
    # files of their own names: the writer's set-up may have bound etc/passwd already
    (etc / "passwd-forward").write_text(users, encoding="utf-8")
    (etc / "group-forward").write_text(groups, encoding="utf-8")
    for name in ("passwd", "group"):
        # a bind stacked on another file's bind would make that file a mount point in etc
        subprocess.run(["umount", f"/etc/{name}"], capture_output=True, check=False)
        ours = str(etc / f"{name}-forward")
        subprocess.run(["mount", "--bind", ours, f"/etc/{name}"], check=True)


ADAPTER = receivers_bed.BedAdapter(
    __name__, "the forwarding bed", scenarios, entry, 90.0, sent=sent, own_isolate=_isolate
)
write, generate = ADAPTER.write, ADAPTER.generate


if __name__ == "__main__":  # inside the namespaces made by generate()
    ADAPTER.main(run)
