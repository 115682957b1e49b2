"""What a real mailing-list manager sends back to a poster: mlmmj 1.3.0 (Debian: mlmmj; no
daemon, no database) behind Debian's Postfix 3.7, whose pipe(8) transport runs
``mlmmj-receive`` as user mail for each list address (README.postfix: ``flags=ORhu``,
``mlmmj_destination_recipient_limit = 1``, ``recipient_delimiter = +``). Each list is made by
``mlmmj-make-ml`` (its prompts answered on standard input) and set up by its control/ files
(TUNABLES): subonlypost, moderated and modnonsubposts with notifymod, an access rule
``deny``, maxmailsize, closedlist and closedlistsub for subscription requests; a subscription
request on an open list (mlmmj's ``confirm`` text), and a post by a subscriber, whose copy
the list sends back. As the contrast, Postfix's error(8) bounce for an address of the list
domain that is no list.

mlmmj sends its texts through SMTP to its relayhost (control/relayhost, default 127.0.0.1;
control/smtpport: here the bed's Postfix), from ``<list>+bounces-help@<domain>``, with the
header From ``<list>+owner@<domain>``; the ``deny`` and ``confirm`` texts go to the address
of the header From (the poster, the subscriber), the ``wait-post`` notice "to the poster
(based on the envelope from)" (TUNABLES, notifymod). Each scenario's message comes from
``bounces+<scenario>@sender.test`` with the From ``news+<scenario>@sender.test``; a capture
server on 127.0.0.1 takes whatever comes back to either. Labels by construction: every text
the list manager sends a poster is no bounce and names no dead address (the list address took
the message: Postfix delivered it to mlmmj; what mlmmj answers is a service's response, RFC
3834 section 1, not a delivery status notification, RFC 3464 section 2); the unknown address
is a hard bounce. Root only (Postfix in private namespaces, as tests/support/autoreply_bed.py
runs it).
"""

from __future__ import annotations

import asyncio
import json
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

from tests.support import postfix
from tests.support.autoreply_bed import Expected, isolate
from tests.support.bed import (
    bed_entry,
    bed_message,
    label,
    namespace_tools_missing,
    run_in_namespaces,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.process import free_port
from tests.support.scripted_mx import ScriptedMx

RECEIVE = Path("/usr/bin/mlmmj-receive")  # mlmmj
SUB = Path("/usr/bin/mlmmj-sub")  # mlmmj
MAKE_ML = Path("/usr/bin/mlmmj-make-ml")  # mlmmj
SENDER_DOMAIN = "sender.test"
DOMAIN = "lists.test"
ELSEWHERE = "elsewhere.test"  # the owners and moderators: discarded
DEADLINE = 30.0
GRACE = 1.0
USER = "mail"
NONE = "(none)"  # a scenario mlmmj answers with nothing

# Each list: its control/ files (name: first line, "" for a boolean), as TUNABLES documents
LISTS: dict[str, dict[str, str]] = {
    "subonly": {"subonlypost": ""},
    "moderated": {"moderated": "", "notifymod": "", "moderators": f"mod@{ELSEWHERE}"},
    "modnonsub": {
        "subonlypost": "",
        "modnonsubposts": "",
        "notifymod": "",
        "moderators": f"mod@{ELSEWHERE}",
    },
    # README.access: the first rule to match wins; "deny" sends a rejection to the sender
    "rules": {"access": "deny ^From:.*@sender\\.test\nallow"},
    "small": {"maxmailsize": "2000"},
    "closed": {"closedlist": ""},
    "closedsub": {"closedlistsub": ""},
    "open": {},
}


@dataclass(frozen=True)
class Scenario:
    """One message to ``recipient``; ``failed``: what its notice must list (none: the list
    manager's own text, no bounce); ``text``: the listtext mlmmj sends (text.skel/en)."""

    name: str
    recipient: str
    failed: tuple[Expected, ...] = ()
    text: str = ""
    body_size: int = 0

    @property
    def bounce(self) -> bool:
        return bool(self.failed)


def scenarios() -> tuple[Scenario, ...]:
    unknown = f"nosuchlist@{DOMAIN}"
    return (
        Scenario("not_subscribed", f"subonly@{DOMAIN}", text="deny-post (subonlypost)"),
        Scenario("moderated", f"moderated@{DOMAIN}", text="wait-post (moderated)"),
        Scenario("moderated_nonsubscriber", f"modnonsub@{DOMAIN}", text="wait-post"),
        Scenario("access_denied", f"rules@{DOMAIN}", text="deny-post (access)"),
        Scenario("too_big", f"small@{DOMAIN}", text="deny-post (maxmailsize)", body_size=6000),
        # closedlist and closedlistsub: mlmmj 1.3.0 answers a subscription request by mail
        # with nothing (the run shows it; the ``deny`` text's "closed" reason is not sent)
        Scenario("closed_list_subscribe", f"closed+subscribe@{DOMAIN}", text=NONE),
        Scenario("closed_sub_subscribe", f"closedsub+subscribe@{DOMAIN}", text=NONE),
        Scenario("confirm_subscribe", f"open+subscribe@{DOMAIN}", text="confirm (sub)"),
        Scenario("post_accepted", f"open@{DOMAIN}", text="the post itself"),
        # Postfix's error(8) transport with the nexthop "5.1.1 User unknown" (transport(5))
        Scenario(
            "postfix_unknown_list",
            unknown,
            (Expected(unknown, True, True, ("user_unknown",), "recipient", "5.1.1"),),
        ),
    )


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the list bed runs as root (Postfix in private namespaces)"
    if not RECEIVE.exists():
        return f"{RECEIVE} is not installed (Debian: mlmmj)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    return namespace_tools_missing()


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def author_of(scenario: str) -> str:
    return f"news+{scenario}@{SENDER_DOMAIN}"


def message(scenario: Scenario) -> EmailMessage:
    body = "This month's news, posted to a mailing list.\n"
    if scenario.body_size:
        body += "".join(f"Line {n} of the long part of the news.\n" for n in range(200))
    msg = bed_message(
        SENDER_DOMAIN,
        (scenario.recipient,),
        f"Our December news ({scenario.name})",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )
    msg.replace_header("From", f"News <{author_of(scenario.name)}>")
    return msg


def make_lists(spool: Path, port: int) -> None:
    """Each list of LISTS by mlmmj-make-ml (domain, owner, texts "en", chown: its prompts),
    then its control/ files; the poster of ``post_accepted`` subscribed (mlmmj-sub)."""
    spool.mkdir()
    for name, control in LISTS.items():
        answers = f"{DOMAIN}\nowner@{ELSEWHERE}\nen\ny\n"
        subprocess.run(
            ["sh", str(MAKE_ML), "-L", name, "-s", str(spool), "-c", USER],
            input=answers,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        )
        listdir = spool / name
        files = {**control, "smtpport": str(port), "relayhost": "127.0.0.1"}
        for file, value in files.items():
            (listdir / "control" / file).write_text(f"{value}\n" if value else "")
        if name == "open":
            subprocess.run(
                [str(SUB), "-L", str(listdir), "-a", author_of("post_accepted"), "-q", "-s"],
                capture_output=True,
                check=True,
                timeout=30,
            )
        subprocess.run(["chown", "-R", f"{USER}:{USER}", str(listdir)], check=True)
    spool.chmod(0o755)


def _postfix(port: int, spool: Path, capture: int) -> postfix.Postfix:
    routes = [
        f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}",
        f"{ELSEWHERE}=discard:",
        f"nosuchlist@{DOMAIN}=error:5.1.1 User unknown",
    ]
    routes += [f"{name}@{DOMAIN}=mlmmj:{name}" for name in LISTS]
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + ", ".join(f"{{{r}}}" for r in routes) + " }",
            "relay_domains": DOMAIN,
            "recipient_delimiter": "+",
            "smtpd_reject_unlisted_recipient": "no",
            "mlmmj_destination_recipient_limit": "1",
        },
        services=[
            # README.postfix's transport, the list directory from the nexthop
            f"mlmmj unix - n n - - pipe flags=ORhu user={USER} argv={RECEIVE} -F"
            f" -L {spool}/${{nexthop}}",
        ],
    )


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        wanted = {sender_of(scenario), author_of(scenario)}
        return [
            a.content for a in self.capture.arrivals if wanted & {r.lower() for r in a.rcpt_tos}
        ]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios() if s.text != NONE)


async def run() -> Run:
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    root = Path(tempfile.mkdtemp(prefix="list-bed-", dir="/var/tmp"))
    root.chmod(0o755)
    pf: postfix.Postfix | None = None
    try:
        port = free_port()
        make_lists(root / "spool", port)
        pf = _postfix(port, root / "spool", capture.port)
        await asyncio.to_thread(pf.start)
        for scenario in scenarios():
            await submit(port, message(scenario), sender_of(scenario.name), (scenario.recipient,))
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE)
    except (OSError, RuntimeError, subprocess.SubprocessError, aiosmtplib.SMTPException) as exc:
        result.error = f"the list bed broke off: {exc}"
    finally:
        if pf is not None:
            result.log = pf.log_tail(200)
            await asyncio.to_thread(pf.stop)
        shutil.rmtree(root, ignore_errors=True)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``), with
    the listtext it is."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    found = bed_entry("real-mlmmj-postfix", name, scenario.name, expected, scenario.bounce)
    return {**found, "listtext": scenario.text} if not scenario.bounce else found


def write(out: Path, result: Run) -> dict[str, Any]:
    return write_notices(out, scenarios(), result.notices, entry, {"error": result.error})


def generate(out: Path) -> dict[str, Any]:
    """Run the bed once in its own namespaces; the manifest it wrote to ``out``."""
    manifest, printed = run_in_namespaces(__name__, out, [], 90.0, "the list bed")
    manifest["log"] = printed
    return manifest


if __name__ == "__main__":  # inside the namespaces generate() made
    target = Path(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="list-etc-") as private:
        Path(private).chmod(0o755)
        isolate(Path(private), "postfix")
        outcome = asyncio.run(run())
        found = write(target, outcome)
    print(json.dumps({k: found[k] for k in ("notices", "error")}, indent=1))
    print(outcome.log)
