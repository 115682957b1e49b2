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
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix
from tests.support.autoreply_bed import isolate
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
from tests.support.scripted_mx import ScriptedMx

RECEIVE = Path("/usr/bin/mlmmj-receive")  # mlmmj
SUB = Path("/usr/bin/mlmmj-sub")  # mlmmj
MAKE_ML = Path("/usr/bin/mlmmj-make-ml")  # mlmmj
MAINTD = Path("/usr/bin/mlmmj-maintd")  # mlmmj
SENDER_DOMAIN = "sender.test"
DOMAIN = "lists.test"
ELSEWHERE = "elsewhere.test"  # the owners and moderators: discarded
DEADLINE = 30.0
GRACE = 1.0
USER = "mail"
NONE = "(none)"  # a scenario mlmmj answers with nothing

TEXTS = Path("/usr/share/mlmmj/text.skel")  # mlmmj: its listtexts, one directory a language
# The languages of Debian's mlmmj 1.3.0 besides English: each has the lists whose texts are
# sent to a poster (deny-post, wait-post, confirm), named <list><language> ("zh-cn": "zhcn")
LANGUAGES = ("ast", "cs", "de", "fi", "fr", "gr", "it", "pt", "sk", "zh-cn")

# Each list: its control/ files (name: first line, "" for a boolean), as TUNABLES documents
BASE_LISTS: dict[str, dict[str, str]] = {
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
    # a list whose owner is our customer, told when a dead subscriber is taken off (notify,
    # reason bouncing); bouncelife: seconds an address may bounce before it is unsubscribed
    "lively": {"notifysub": "", "bouncelife": "1", "owner": "news+dead_subscriber@sender.test"},
}
DEAD = "gone@gone.test"  # lively's dead subscriber: Postfix's error(8), "5.1.1 User unknown"
TRANSLATED = ("subonly", "moderated", "rules", "small", "open")


def suffix(language: str) -> str:
    return "" if language == "en" else language.replace("-", "")


# list name -> (control files, language)
LISTS: dict[str, tuple[dict[str, str], str]] = {
    **{name: (control, "en") for name, control in BASE_LISTS.items()},
    **{
        f"{name}{suffix(lang)}": (BASE_LISTS[name], lang)
        for lang in LANGUAGES
        for name in TRANSLATED
    },
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
    parcel: bool = False  # the post is a shop's parcel notice (PARCEL), not the news

    @property
    def bounce(self) -> bool:
        return bool(self.failed)


def _translated(language: str) -> tuple[Scenario, ...]:
    """The scenarios of one language's lists (the texts mlmmj sends a poster)."""
    tail = suffix(language)
    return (
        Scenario(f"not_subscribed_{tail}", f"subonly{tail}@{DOMAIN}", text="deny-post"),
        Scenario(f"moderated_{tail}", f"moderated{tail}@{DOMAIN}", text="wait-post"),
        Scenario(f"access_denied_{tail}", f"rules{tail}@{DOMAIN}", text="deny-post"),
        Scenario(f"too_big_{tail}", f"small{tail}@{DOMAIN}", text="deny-post", body_size=6000),
        Scenario(f"confirm_subscribe_{tail}", f"open{tail}+subscribe@{DOMAIN}", text="confirm"),
    )


def scenarios(translated: bool = True) -> tuple[Scenario, ...]:
    """Every message the bed sends, with its labels; ``translated``: the other languages'
    lists' too (English only: the default suite's live run)."""
    unknown = f"nosuchlist@{DOMAIN}"
    english = (
        Scenario("not_subscribed", f"subonly@{DOMAIN}", text="deny-post (subonlypost)"),
        Scenario("moderated", f"moderated@{DOMAIN}", text="wait-post (moderated)"),
        Scenario("moderated_nonsubscriber", f"modnonsub@{DOMAIN}", text="wait-post"),
        Scenario("access_denied", f"rules@{DOMAIN}", text="deny-post (access)"),
        Scenario("too_big", f"small@{DOMAIN}", text="deny-post (maxmailsize)", body_size=6000),
        # the post itself a customer's transactional mail whose own words are about a
        # delivery (of a parcel): the list's text quotes it whole, as it quotes any post
        Scenario("held_parcel_notice", f"moderated@{DOMAIN}", text="wait-post", parcel=True),
        Scenario("denied_parcel_notice", f"subonly@{DOMAIN}", text="deny-post", parcel=True),
        # closedlist and closedlistsub: mlmmj 1.3.0 answers a subscription request by mail
        # with nothing (the run shows it; the ``deny`` text's "closed" reason is not sent)
        Scenario("closed_list_subscribe", f"closed+subscribe@{DOMAIN}", text=NONE),
        Scenario("closed_sub_subscribe", f"closedsub+subscribe@{DOMAIN}", text=NONE),
        Scenario("confirm_subscribe", f"open+subscribe@{DOMAIN}", text="confirm (sub)"),
        Scenario("post_accepted", f"open@{DOMAIN}", text="the post itself"),
        # the post reaches a dead subscriber; mlmmj-bounce records its bounces (the post's,
        # then the probe's that mlmmj-maintd sends), and mlmmj-maintd unsubscribes it past
        # bouncelife and tells the owner (notifysub): the list's word on a subscriber's dead
        # address, about no message of ours (mlmmj-maintd(1), TUNABLES)
        Scenario("dead_subscriber", f"lively@{DOMAIN}", text="notify (unsub, bouncing)"),
        # Postfix's error(8) transport with the nexthop "5.1.1 User unknown" (transport(5))
        Scenario(
            "postfix_unknown_list",
            unknown,
            (Expected(unknown, True, True, ("user_unknown",), "recipient", "5.1.1"),),
        ),
    )
    if not translated:
        return english
    return english + tuple(s for lang in LANGUAGES for s in _translated(lang))


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


# A shop's parcel notice, as transactional mail a relay's account sends
PARCEL = (
    "Delivery status of your order 4711",
    "Hello,\n\nyour parcel could not be delivered today: nobody was at home. We will try\n"
    "again tomorrow between 9:00 and 13:00, or you can collect it at the post office.\n",
)


def message(scenario: Scenario) -> EmailMessage:
    body = PARCEL[1] if scenario.parcel else "This month's news, posted to a mailing list.\n"
    if scenario.body_size:
        body += "".join(f"Line {n} of the long part of the news.\n" for n in range(200))
    msg = bed_message(
        SENDER_DOMAIN,
        (scenario.recipient,),
        PARCEL[0] if scenario.parcel else f"Our December news ({scenario.name})",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )
    msg.replace_header("From", f"News <{author_of(scenario.name)}>")
    return msg


def make_lists(spool: Path, port: int, translated: bool) -> None:
    """Each list of LISTS by mlmmj-make-ml (domain, owner, texts "en", chown: its prompts),
    then its control/ files; the poster of ``post_accepted`` subscribed (mlmmj-sub)."""
    spool.mkdir()
    for name, (control, language) in LISTS.items():
        if language != "en" and not translated:
            continue
        answers = f"{DOMAIN}\nowner@{ELSEWHERE}\n{language}\ny\n"
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
        subscriber = {"open": author_of("post_accepted"), "lively": DEAD}.get(name)
        if subscriber is not None:
            subprocess.run(
                [str(SUB), "-L", str(listdir), "-a", subscriber, "-q", "-s"],
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
        f"{DEAD.split('@')[1]}=error:5.1.1 User unknown",
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


async def maintain(listdir: Path) -> None:
    """One maintenance run (mlmmj-maintd -F, as cron runs it; it becomes the list's owner)."""
    await asyncio.to_thread(
        subprocess.run,
        [str(MAINTD), "-F", "-L", str(listdir)],
        capture_output=True,
        check=True,
        timeout=30,
    )


async def unsubscribe_the_dead(listdir: Path, told: Callable[[], bool]) -> None:
    """After the post bounced, until the owner is ``told``: mlmmj-maintd unsubscribes an
    address whose first bounce is older than bouncelife plus WAITPROBE (a compiled-in 12
    hours, unsub_bouncers in mlmmj-maintd.c) and that has no probe out; the first bounce is
    dated two days back in its bounce file (mlmmj-bounce(1): "number:time # date" lines),
    then maintenance runs, as cron runs it, each after the probe the previous one sent has
    bounced (mlmmj-bounce removes the -probe file then)."""
    record = listdir / "bounce" / DEAD.replace("@", "=")
    deadline = asyncio.get_running_loop().time() + 10.0
    while not record.exists():
        if asyncio.get_running_loop().time() > deadline:
            raise RuntimeError(f"mlmmj recorded no bounce of {DEAD}")
        await asyncio.sleep(0.1)
    first, *rest = record.read_text().splitlines()
    number, _, comment = first.partition(":")
    aged = int(time.time()) - 2 * 86400
    record.write_text("\n".join([f"{number}:{aged} # {comment.partition('#')[2].strip()}", *rest]))
    probe = record.with_name(record.name + "-probe")
    for _ in range(3):
        await maintain(listdir)
        for _ in range(30):
            if told() or not probe.exists():
                break
            await asyncio.sleep(0.1)
        if told():
            return


@dataclass
class Run:
    capture: ScriptedMx
    translated: bool = True
    log: str = ""
    error: str | None = None

    def notices(self, scenario: str) -> list[bytes]:
        wanted = {sender_of(scenario), author_of(scenario)}
        return [
            a.content for a in self.capture.arrivals if wanted & {r.lower() for r in a.rcpt_tos}
        ]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios(self.translated) if s.text != NONE)


async def run(translated: bool = True) -> Run:
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, translated)
    root = Path(tempfile.mkdtemp(prefix="list-bed-", dir="/var/tmp"))
    root.chmod(0o755)
    pf: postfix.Postfix | None = None
    try:
        port = free_port()
        make_lists(root / "spool", port, translated)
        pf = _postfix(port, root / "spool", capture.port)
        await asyncio.to_thread(pf.start)
        for scenario in scenarios(translated):
            await submit(port, message(scenario), sender_of(scenario.name), (scenario.recipient,))
        await unsubscribe_the_dead(
            root / "spool" / "lively", lambda: bool(result.notices("dead_subscriber"))
        )
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
    found = scenarios(result.translated)
    return write_notices(out, found, result.notices, entry, {"error": result.error})


def generate(out: Path, translated: bool = True) -> dict[str, Any]:
    """Run the bed once in its own namespaces; the manifest it wrote to ``out``."""
    args = [] if translated else ["english"]
    return generate_logged(__name__, out, args, 90.0, "the list bed")


if __name__ == "__main__":  # inside the namespaces generate() made
    in_english = sys.argv[2:] == ["english"]
    main_in_namespaces(
        "list-etc-",
        lambda etc: isolate(etc, "postfix"),
        lambda _etc: run(not in_english),
        write,
        readable=True,
    )
