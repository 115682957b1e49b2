"""What the most deployed mailing-list manager sends back to a poster and to a list's owner:
GNU Mailman 3.3.8 core (Debian: mailman3; no web UI, no REST server) behind Debian's Postfix
3.7, in private namespaces. Postfix hands every address of the list domain to Mailman's LMTP
runner (transport ``lmtp:[127.0.0.1]:<port>``, as Mailman's ``mailman.mta.postfix.LMTP``
maps do); Mailman sends its texts back out through the same Postfix (``[mta] smtp_host``,
``smtp_port``). Mailman runs from this bed's own configuration: its var_dir (queues, SQLite
database, logs) in the run's temporary directory, its master with the runners the bed needs
in the foreground, started and stopped by the bed (the package's own service stays disabled).

Lists are made and set by Mailman's Python API in a subprocess of Debian's Python
(tests/support/mailman_lists.py): ``default_nonmember_action`` hold, reject and discard;
a member whose ``moderation_action`` is hold; ``max_message_size`` 1 KB; a post a moderator
rejects (``handle_message`` with ``Action.reject``); a ``join`` request (the confirmation
request); a post accepted and sent to its poster, a member; two lists whose only member's
address is dead (Postfix's error(8) 5.1.1), whose owner is our customer: Mailman's bounce
processing tells the owner the member's delivery was disabled (threshold 1) or its bounce
score went up (``bounce_notify_owner_on_bounce_increment``); a list whose owner (our
customer) is asked to approve a held post. The same lists in German, French, Spanish, Italian
and Korean (``preferred_language``; the templates Debian ships under mailman/templates/<lang>
and the catalogues under mailman/messages). As the contrast, two real failures: a post to a
list that does not exist, refused by Mailman's LMTP runner (``550 Requested action not
taken: mailbox unavailable``, lmtp.py ERR_550) and bounced by Postfix, and an address of the
list domain Postfix itself bounces (error(8), "5.1.1 User unknown").

Each scenario's post comes from ``bounces+<scenario>@sender.test`` with the From
``news+<scenario>@sender.test``; a capture server on 127.0.0.1 takes what comes back to either.
Labels by construction: the list address took each post (Postfix delivered it to Mailman over
LMTP: ``status=sent``), so what Mailman answers is a service's response (RFC 3834 section 1),
never a delivery status notification of our recipient (RFC 3464 section 2): ``"bounce":
false`` with no failed recipient; the owner's notices name a member's dead address, but about
no message of ours. The two contrasts are hard bounces of the address we sent to. Root only.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
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
    stop_group,
    submit,
    wait_for_notices,
    write_notices,
)
from tests.support.process import free_port
from tests.support.scripted_mx import ScriptedMx

PYTHON = Path("/usr/bin/python3")  # Debian's: mailman3 installs its modules for it
MASTER = Path("/usr/lib/mailman3/bin/master")  # mailman3: the runners' watcher
PACKAGE = Path("/usr/lib/python3/dist-packages/mailman")  # mailman3 (python3-mailman)
LISTS_SCRIPT = Path(__file__).with_name("mailman_lists.py")
SENDER_DOMAIN = "sender.test"
DOMAIN = "lists.test"
ELSEWHERE = "elsewhere.test"  # owners and moderators who are not our customers: discarded
GONE = "gone.test"  # the dead members' domain: Postfix's error(8)
DEADLINE = 40.0
GRACE = 1.5
NONE = "(none)"  # a scenario Mailman answers with nothing
# Languages whose templates Debian's Mailman 3.3.8 ships in full for the texts the bed
# provokes (mailman/templates/<code>: hold, rejected, subscribe, disable), besides English;
# ja ships one template only; zh_Hans ships templates but is no language of the
# configuration (schema.cfg [language.*]: zh_CN, zh_TW). Subjects and reasons come from the
# message catalogues, which Debian ships as mailman/messages/<code>/LC_MESSAGES/mailman.po
# only (no .mo): English.
LANGUAGES = ("de", "fr", "es", "it", "ko")
REJECT_COMMENT = "Off topic for this list."
# The runners a list needs (mailman/config/mailman.cfg's [runner.*]); archive, digest, nntp,
# rest, retry and task are not started
RUNNERS = ("in", "out", "lmtp", "pipeline", "virgin", "bounces", "command")
OFF = ("archive", "digest", "nntp", "rest", "retry", "task")


def suffix(language: str) -> str:
    """A language's list names' suffix (list names are lower case: listname_chars)."""
    return "" if language == "en" else language.lower().replace("_", "")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def author_of(scenario: str) -> str:
    return f"news+{scenario}@{SENDER_DOMAIN}"


@dataclass(frozen=True)
class Scenario:
    """One post to ``recipient``; ``failed``: what its notice must list (none: Mailman's own
    text, no bounce); ``text``: the template or text Mailman sends."""

    name: str
    recipient: str
    failed: tuple[Expected, ...] = ()
    text: str = ""
    body_size: int = 0
    command: str = ""  # the post's body is this email command (to a -join address)

    @property
    def bounce(self) -> bool:
        return bool(self.failed)


def _lists(language: str) -> dict[str, dict[str, Any]]:
    """The lists of one language, by address, in mailman_lists.py's spec."""
    tail = suffix(language)
    owner = [f"owner@{ELSEWHERE}"]

    def nonmember(action: str, **more: Any) -> dict[str, Any]:
        return {"default_nonmember_action": action, **more}

    return {
        f"hold{tail}@{DOMAIN}": {"attributes": nonmember("hold"), "owners": owner},
        f"reject{tail}@{DOMAIN}": {"attributes": nonmember("reject"), "owners": owner},
        f"modreject{tail}@{DOMAIN}": {
            "attributes": nonmember("hold", respond_to_post_requests=False),
            "owners": owner,
        },
        f"small{tail}@{DOMAIN}": {
            "attributes": {"max_message_size": 1},
            "owners": owner,
            "members": [author_of(f"too_big{_tail(language)}")],
        },
        f"open{tail}@{DOMAIN}": {"attributes": {}, "owners": owner},
        f"lively{tail}@{DOMAIN}": {
            "attributes": nonmember(
                "accept", bounce_score_threshold=1, bounce_notify_owner_on_bounce_increment=False
            ),
            "owners": [author_of(f"dead_member_disabled{_tail(language)}")],
            "members": [f"dead{tail}@{GONE}"],
        },
    }


def _tail(language: str) -> str:
    """A language's scenario names' suffix."""
    return "" if language == "en" else f"_{suffix(language)}"


def _english_only_lists() -> dict[str, dict[str, Any]]:
    owner = [f"owner@{ELSEWHERE}"]
    return {
        f"discard@{DOMAIN}": {"attributes": {"default_nonmember_action": "discard"}},
        f"moderated@{DOMAIN}": {"owners": owner, "held_members": [author_of("member_held")]},
        f"members@{DOMAIN}": {"owners": owner, "members": [author_of("post_accepted")]},
        f"counting@{DOMAIN}": {
            "attributes": {
                "default_nonmember_action": "accept",
                "bounce_score_threshold": 5,
                "bounce_notify_owner_on_bounce_increment": True,
            },
            "owners": [author_of("dead_member_counted")],
            "members": [f"counted@{GONE}"],
        },
        f"owned@{DOMAIN}": {
            "attributes": {"default_nonmember_action": "hold", "respond_to_post_requests": False},
            "owners": [author_of("owner_asked_to_approve")],
        },
    }


def list_spec(translated: bool) -> dict[str, dict[str, Any]]:
    spec = {**_lists("en"), **_english_only_lists()}
    if translated:
        for language in LANGUAGES:
            lists = _lists(language)
            for settings in lists.values():
                settings["language"] = language
            spec.update(lists)
    return spec


def _translated(language: str) -> tuple[Scenario, ...]:
    tail, end = suffix(language), _tail(language)
    return (
        Scenario(f"nonmember_held{end}", f"hold{tail}@{DOMAIN}", text="list:user:notice:hold"),
        Scenario(
            f"nonmember_rejected{end}", f"reject{tail}@{DOMAIN}", text="list:user:notice:rejected"
        ),
        Scenario(
            f"moderator_rejected{end}",
            f"modreject{tail}@{DOMAIN}",
            text="list:user:notice:rejected (moderator)",
        ),
        Scenario(
            f"too_big{end}", f"small{tail}@{DOMAIN}", text="list:user:notice:hold", body_size=3000
        ),
        Scenario(
            f"confirm_subscribe{end}",
            f"open{tail}-join@{DOMAIN}",
            text="list:user:action:subscribe",
            command="join",
        ),
        Scenario(
            f"dead_member_disabled{end}",
            f"lively{tail}@{DOMAIN}",
            text="list:admin:notice:disable",
        ),
    )


def scenarios(translated: bool = True) -> tuple[Scenario, ...]:
    """Every post the bed sends, with its labels; ``translated``: the other languages' lists'
    too (English only: the quick run)."""
    unknown, refused = f"nosuchlist@{DOMAIN}", f"nolist@{DOMAIN}"
    english = (
        *_translated("en"),
        Scenario("nonmember_discarded", f"discard@{DOMAIN}", text=NONE),
        Scenario("member_held", f"moderated@{DOMAIN}", text="list:user:notice:hold"),
        Scenario("post_accepted", f"members@{DOMAIN}", text="the post itself"),
        Scenario("dead_member_counted", f"counting@{DOMAIN}", text="list:admin:notice:increment"),
        Scenario("owner_asked_to_approve", f"owned@{DOMAIN}", text="list:admin:action:post"),
        # Mailman's LMTP runner refuses an address that is no list's (lmtp.py: ERR_550)
        Scenario(
            "unknown_list",
            unknown,
            (Expected(unknown, True, True, ("user_unknown",), "recipient", "5.0.0", "550"),),
        ),
        # Postfix's error(8) transport with the nexthop "5.1.1 User unknown" (transport(5))
        Scenario(
            "postfix_unknown_list",
            refused,
            (Expected(refused, True, True, ("user_unknown",), "recipient", "5.1.1"),),
        ),
    )
    if not translated:
        return english
    return english + tuple(s for lang in LANGUAGES for s in _translated(lang))


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the Mailman bed runs as root (Postfix in private namespaces)"
    if not MASTER.exists() or not PACKAGE.exists():
        return f"{MASTER} is not installed (Debian: mailman3)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    return namespace_tools_missing()


def message(scenario: Scenario) -> EmailMessage:
    body = f"This month's news, posted to a mailing list ({scenario.name}).\n"
    if scenario.body_size:
        body += "".join(f"Line {n} of the long part of the news.\n" for n in range(80))
    if scenario.command:
        body = f"{scenario.command}\n"
    msg = bed_message(
        SENDER_DOMAIN,
        (scenario.recipient,),
        scenario.command or f"Our December news ({scenario.name})",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )
    msg.replace_header("From", f"News <{author_of(scenario.name)}>")
    return msg


def config_text(root: Path, smtp_port: int, lmtp_port: int) -> str:
    """The bed's mailman.cfg (schema: mailman/config/schema.cfg)."""
    runners = "".join(f"[runner.{name}]\nstart: no\n\n" for name in OFF)
    return (
        "[mailman]\nsite_owner: postmaster@elsewhere.test\nlayout: bed\n\n"
        f"[paths.bed]\nvar_dir: {root}/var\nbin_dir: {MASTER.parent}\n\n"
        "[database]\nclass: mailman.database.sqlite.SQLiteDatabase\n"
        "url: sqlite:///$DATA_DIR/mailman.db\n\n"
        "[mta]\nincoming: mailman.mta.null.NullMTA\noutgoing: mailman.mta.deliver.deliver\n"
        f"smtp_host: 127.0.0.1\nsmtp_port: {smtp_port}\n"
        f"lmtp_host: 127.0.0.1\nlmtp_port: {lmtp_port}\n\n"
        # the bounce runner scores the events it registered once a second (default 2 min)
        "[runner.bounces]\nsleep_time: 1s\n\n"
        "[runner.in]\nsleep_time: 0.2s\n\n[runner.out]\nsleep_time: 0.2s\n\n"
        "[runner.pipeline]\nsleep_time: 0.2s\n\n[runner.virgin]\nsleep_time: 0.2s\n\n"
        "[runner.command]\nsleep_time: 0.2s\n\n"
        "[archiver.mhonarc]\nenable: no\n\n[archiver.mail_archive]\nenable: no\n\n"
        "[archiver.prototype]\nenable: no\n\n" + runners
    )


def mailman(config: Path, *args: str, timeout: float = 60.0) -> str:
    """mailman_lists.py under Debian's Python with the bed's configuration; what it printed."""
    done = subprocess.run(
        [str(PYTHON), str(LISTS_SCRIPT), str(config), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"mailman_lists.py {args[0]} failed: {done.stderr[-2000:]}")
    return done.stdout


def _postfix(port: int, lmtp: int, capture: int) -> postfix.Postfix:
    routes = [
        f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}",
        f"{ELSEWHERE}=discard:",
        f"nolist@{DOMAIN}=error:5.1.1 User unknown",
        f"{GONE}=error:5.1.1 User unknown",
        f"{DOMAIN}=lmtp:[127.0.0.1]:{lmtp}",
    ]
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + ", ".join(f"{{{r}}}" for r in routes) + " }",
            "relay_domains": DOMAIN,
            "smtpd_reject_unlisted_recipient": "no",
        },
    )


def _wait_for_port(port: int, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Mailman's LMTP runner did not listen on {port}") from None
            time.sleep(0.1)


def _start_master(root: Path, config: Path) -> subprocess.Popen[bytes]:
    """Mailman's master in the foreground, in a session of its own (stop_group ends it and
    the runners it started), its output in ``root/master.out``."""
    with (root / "master.out").open("wb") as out:
        return subprocess.Popen(
            [str(PYTHON), str(MASTER), "-C", str(config), "--force"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@dataclass
class Run:
    capture: ScriptedMx
    translated: bool = True
    log: str = ""
    error: str | None = None
    seconds: dict[str, float] | None = None

    def notices(self, scenario: str) -> list[bytes]:
        wanted = {sender_of(scenario), author_of(scenario)}
        return [
            a.content for a in self.capture.arrivals if wanted & {r.lower() for r in a.rcpt_tos}
        ]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios(self.translated) if s.text != NONE)


async def _reject_when_held(config: Path, translated: bool) -> None:
    """A moderator rejects each modreject list's held post, once it is held (one subprocess a
    round for every list still waiting)."""
    languages = ("en", *LANGUAGES) if translated else ("en",)
    pending = [f"modreject{suffix(lang)}@{DOMAIN}" for lang in languages]
    deadline = time.monotonic() + DEADLINE
    while pending and time.monotonic() < deadline:
        await asyncio.sleep(1.0)
        waiting = await asyncio.to_thread(mailman, config, "reject", REJECT_COMMENT, *pending)
        pending = waiting.split()
    if pending:
        raise RuntimeError(f"no held post to reject on {pending}")


async def run(translated: bool = True) -> Run:
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture, translated, seconds={})
    root = Path(tempfile.mkdtemp(prefix="mailman-bed-", dir="/var/tmp"))
    root.chmod(0o755)
    pf: postfix.Postfix | None = None
    master: subprocess.Popen[bytes] | None = None
    started = time.monotonic()
    try:
        port, lmtp = free_port(), free_port()
        config = root / "mailman.cfg"
        config.write_text(config_text(root, port, lmtp), encoding="utf-8")
        spec = root / "lists.json"
        spec.write_text(json.dumps(list_spec(translated)), encoding="utf-8")
        pf = _postfix(port, lmtp, capture.port)
        await asyncio.gather(
            asyncio.to_thread(pf.start), asyncio.to_thread(mailman, config, "setup", str(spec))
        )
        result.seconds["lists"] = time.monotonic() - started
        master = await asyncio.to_thread(_start_master, root, config)
        await asyncio.to_thread(_wait_for_port, lmtp, 60.0)
        result.seconds["started"] = time.monotonic() - started
        for scenario in scenarios(translated):
            await submit(port, message(scenario), sender_of(scenario.name), (scenario.recipient,))
        await _reject_when_held(config, translated)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE)
        result.seconds["done"] = time.monotonic() - started
    except (OSError, RuntimeError, subprocess.SubprocessError, aiosmtplib.SMTPException) as exc:
        result.error = f"the Mailman bed broke off: {exc}"
    finally:
        logs = root / "var" / "logs"
        if pf is not None:
            result.log = pf.log_tail(200)
            await asyncio.to_thread(pf.stop)
        for name in ("mailman.log", "bounce.log", "smtp.log", "error.log"):
            if (logs / name).exists():
                result.log += f"\n--- {name}\n" + (logs / name).read_text(errors="replace")[-4000:]
        if (root / "master.out").exists():
            result.log += "\n--- master\n" + (root / "master.out").read_text(errors="replace")
        await asyncio.to_thread(stop_group, master, root)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str) -> dict[str, Any]:
    """The manifest entry of one notice, in score_bounces.py's format (and ``party``), with
    the text Mailman sends."""
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    found = bed_entry("real-mailman3-postfix", name, scenario.name, expected, scenario.bounce)
    return {**found, "listtext": scenario.text} if not scenario.bounce else found


def write(out: Path, result: Run) -> dict[str, Any]:
    found = scenarios(result.translated)
    fields = {"error": result.error, "seconds": result.seconds}
    return write_notices(out, found, result.notices, entry, fields)


def generate(out: Path, translated: bool = True) -> dict[str, Any]:
    """Run the bed once in its own namespaces; the manifest it wrote to ``out``."""
    args = [] if translated else ["english"]
    return generate_logged(__name__, out, args, 150.0, "the Mailman bed")


if __name__ == "__main__":  # inside the namespaces generate() made
    in_english = sys.argv[2:] == ["english"]
    main_in_namespaces(
        "mailman-etc-",
        lambda etc: isolate(etc, "postfix"),
        lambda _etc: run(not in_english),
        write,
        ("notices", "error", "seconds"),
        readable=True,
    )
