"""What Sympa 6.2.70 (Debian: sympa) sends back to a poster, and what its MTA writes for it:
Sympa behind Debian's Postfix 3.7, in private namespaces. Two Postfix instances: ``tx`` is
the poster's MTA (the relay's, whose bounces come back to us), ``rx`` the list host. rx takes
every address of ``lists.test`` its recipient table lists (``relay_recipient_maps``) and hands
it to Sympa by pipe(8) as Sympa's documentation for Postfix sets it up (transport ``sympa``:
``/usr/lib/sympa/bin/queue ${recipient}``; ``sympabounce`` for ``-owner`` addresses:
``bouncequeue``); Sympa sends through rx's sendmail(1). rx refuses at RCPT the one address
its table lacks (``norcpt@``): tx writes that bounce.

Sympa runs from this bed's own configuration, spool, list directory and SQLite database in
the run's temporary directory, bind-mounted on the paths the package compiled in (``queue``
writes to /var/spool/sympa/msg and reads /etc/sympa/sympa/sympa.conf): sympa_msg.pl and
bulk.pl in the foreground as user sympa, its syslog to a UDP listener of the bed's (the
package's services stay disabled). Lists are made by ``sympa create`` from the bed's own list
template (``send`` scenario, ``max_size``, owner, editor), subscribers by ``sympa add``.

Scenarios (Sympa's sources: Sympa.pm ``send_dsn``, Spindle/*.pm, mail_tt2/*.tt2):
- a post to a list that does not exist: Sympa's DSN (delivery_status_notification.tt2, status
  5.1.1 "List unknown", Final-Recipient the list address): a hard bounce of the address;
- a post the list host's MTA refuses at RCPT: tx's bounce, hard;
- a non-subscriber's post to a closed list (scenario ``send.private``: reject(reason=
  'send_subscriber')): Sympa's DSN 5.7.1 "Authorization denied": the poster's fault, a failed
  delivery to the list address that does not condemn it;
- a post over the list's ``max_size``: Sympa's DSN 5.2.3 "Too large message": the message's
  fault;
- a post whose first line is a command (``subscribe``): Sympa's DSN 5.6.0 "User error";
- a post held for moderation (``send.editorkey``): message_report ``moderating_message``;
- a post that needs its poster's confirmation (``send.publickey``: request_auth): the
  confirmation request;
- a subscription request (``subscribe.auth``): the confirmation request;
- a held post the editor (our customer) distributes: the editor gets the moderation request
  (moderate.tt2) and ``message_distributed``, the poster Sympa's success DSN (2.1.5,
  ``Action: delivered``; Spindle/ProcessModeration.pm);
- a subscriber's post to an open list: the list's copy of it.
Labels by construction: Sympa's DSNs with ``Action: failed`` name the list address as the
recipient not delivered to, with the status Sympa chose; only the unknown list condemns it.
Every other text is a service's answer (RFC 3834) or a success report: no bounce. Root only.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import aiosmtplib

from tests.support import postfix
from tests.support.amavis_bed import SIGNATURE, SIGNATURE_NAME
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
from tests.support.receivers_bed import Phases, namespace_etc, start_together
from tests.support.scripted_mx import ScriptedMx

CLAMSCAN = Path("/usr/bin/clamscan")  # Debian: clamav
BIN = Path("/usr/lib/sympa/bin")  # sympa: queue, bouncequeue, sympa_msg.pl, bulk.pl, sympa
SENDER_DOMAIN = "sender.test"
DOMAIN = "lists.test"
ELSEWHERE = "elsewhere.test"  # owners who are not our customers: discarded
DEADLINE = 40.0
GRACE = 1.5
NONE = "(none)"
# the paths Debian's package compiled in, each bind-mounted on the run's own directory
MOUNTS = {"etc": "/etc/sympa", "spool": "/var/spool/sympa", "lib": "/var/lib/sympa"}
SPOOLS = ("msg", "auth", "bounce", "bulk", "digest", "moderation", "outgoing", "subscribe")
SPOOLS += ("task", "topic", "automatic", "tmp", "arc", "viewmail")
SIZE_LIMIT = 2048  # the small list's max_size (bytes); the too-big post is over 5 kB
EDITOR = "editor"  # the edited list's editor, our customer: author_of(EDITOR)

LIST_TEMPLATE = """\
subject [% subject %]

status open

visibility noconceal

lang [% lang %]

subscribe [% subscribe %]

send [% send %]

[% IF max_size -%]
max_size [% max_size %]

[% END -%]
[% FOREACH o = owner -%]
owner
  email [% o.email %]
  profile privileged

[% END -%]
[% FOREACH e = editor -%]
editor
  email [% e.email %]

[% END -%]
process_archive off

creation
  date_epoch [% creation.date_epoch %]
  date       [% creation.date %]
"""

UNKNOWN = ("user_unknown",)
POLICY = ("policy_violation", "rejected", "blocked", "security_error")
# RFC 3463 section 3.3, X.2.3: "a per-mailbox administrative message length limit has been
# exceeded" (status_codes.toml: exceed_limit); the text's "size .. over the maximum size" too
TOO_BIG = ("exceed_limit", "mesg_too_big")
CONTENT = ("content_error", "rejected", "policy_violation", "not_compliant_rfc")


def sender_of(scenario: str) -> str:
    return f"bounces+{scenario}@{SENDER_DOMAIN}"


def author_of(scenario: str) -> str:
    return f"news+{scenario}@{SENDER_DOMAIN}"


@dataclass(frozen=True)
class Scenario:
    """One text that comes back, with its labels: ``failed``: what it must list (none:
    Sympa's own text, no bounce); ``text``: the template Sympa sends. The text comes for the
    post ``recipient`` got from this scenario's addresses, or (``to``) to another scenario's
    addresses, told apart from the others that come there by its ``subject`` (a regular
    expression); a scenario with ``to`` sends no post of its own."""

    name: str
    recipient: str = ""
    failed: tuple[Expected, ...] = ()
    text: str = ""
    body: str = ""
    big: bool = False
    infected: bool = False  # the post carries the bed's virus signature in an attachment
    to: str = ""
    subject: str = ""

    @property
    def bounce(self) -> bool:
        return bool(self.failed)

    @property
    def addressee(self) -> str:
        return self.to or self.name


@dataclass(frozen=True)
class SympaList:
    name: str
    send: str = "public"
    subscribe: str = "open"
    max_size: int = 0
    owner: str = f"owner@{ELSEWHERE}"
    editor: str = ""
    members: tuple[str, ...] = ()
    lang: str = "en_US"


# Languages whose catalogues Debian's Sympa ships (/usr/share/locale/<code>/LC_MESSAGES/
# sympa.mo), as a list's ``lang``: the list's texts to a poster are written in it
LANGUAGES = ("de", "fr", "es", "it", "ja", "ru", "zh-CN")


def tail_of(language: str) -> str:
    """A language's list names' suffix (list names: lower case letters and digits here)."""
    return language.lower().replace("-", "")


def _translated_lists(language: str) -> tuple[SympaList, ...]:
    tail = tail_of(language)
    return (
        SympaList(f"closed{tail}", send="private", lang=language),
        SympaList(f"small{tail}", max_size=SIZE_LIMIT, lang=language),
        SympaList(f"open{tail}", lang=language),
        SympaList(
            f"moderated{tail}", send="editorkey", editor=f"editor@{ELSEWHERE}", lang=language
        ),
    )


def _translated(language: str) -> tuple[Scenario, ...]:
    """The poster's texts of one language's lists: Sympa's three DSNs, the hold notice."""
    tail, at = tail_of(language), f"@{DOMAIN}"
    return (
        Scenario(
            f"nonsubscriber_rejected_{tail}",
            f"closed{tail}{at}",
            (_failed(f"closed{tail}{at}", POLICY, "sender", "5.7.1"),),
            f"delivery_status_notification (5.7.1) in {language}",
        ),
        Scenario(
            f"too_big_{tail}",
            f"small{tail}{at}",
            (_failed(f"small{tail}{at}", TOO_BIG, "sender", "5.2.3"),),
            f"delivery_status_notification (5.2.3) in {language}",
            big=True,
        ),
        Scenario(
            f"command_in_post_{tail}",
            f"open{tail}{at}",
            (_failed(f"open{tail}{at}", CONTENT, "sender", "5.6.0"),),
            f"delivery_status_notification (5.6.0) in {language}",
            body=f"subscribe open{tail}\n\nThis month's news.\n",
        ),
        Scenario(
            f"held_for_moderation_{tail}",
            f"moderated{tail}{at}",
            text=f"message_report (moderating_message) in {language}",
        ),
    )


def lists() -> tuple[SympaList, ...]:
    return (
        *_english_lists(),
        *(made for language in LANGUAGES for made in _translated_lists(language)),
    )


def _english_lists() -> tuple[SympaList, ...]:
    return (
        SympaList("closed", send="private"),
        SympaList("small", max_size=SIZE_LIMIT),
        SympaList("open", members=(author_of("member_post"),)),
        SympaList("moderated", send="editorkey", editor=f"editor@{ELSEWHERE}"),
        SympaList("confirmed", send="publickey", subscribe="auth"),
        SympaList("edited", send="editorkey", editor=author_of(EDITOR)),
    )


def _failed(address: str, reasons: tuple[str, ...], party: str, status: str) -> Expected:
    hard = party == "recipient"
    return Expected(address, True, hard, reasons, party, status)


def scenarios() -> tuple[Scenario, ...]:
    return (*_english(), *(s for language in LANGUAGES for s in _translated(language)))


def _english() -> tuple[Scenario, ...]:
    at = f"@{DOMAIN}"
    return (
        Scenario(
            "unknown_list",
            f"nosuchlist{at}",
            (_failed(f"nosuchlist{at}", UNKNOWN, "recipient", "5.1.1"),),
            "delivery_status_notification (5.1.1 List unknown)",
        ),
        Scenario(
            "rcpt_refused",
            f"norcpt{at}",
            (Expected(f"norcpt{at}", True, True, UNKNOWN, "recipient", "5.1.1", "550"),),
            "tx Postfix's bounce (rx: User unknown in relay recipient table)",
        ),
        Scenario(
            "nonsubscriber_rejected",
            f"closed{at}",
            (_failed(f"closed{at}", POLICY, "sender", "5.7.1"),),
            "delivery_status_notification (5.7.1 Authorization denied)",
        ),
        Scenario(
            "too_big",
            f"small{at}",
            (_failed(f"small{at}", TOO_BIG, "sender", "5.2.3"),),
            "delivery_status_notification (5.2.3 Too large message)",
            big=True,
        ),
        Scenario(
            "command_in_post",
            f"open{at}",
            (_failed(f"open{at}", CONTENT, "sender", "5.6.0"),),
            "delivery_status_notification (5.6.0 User error)",
            body="subscribe open\n\nThis month's news.\n",
        ),
        # your_infected_msg.tt2, plain text, Auto-Submitted: auto-replied: "Our viruschecker
        # found a virus named .. in a message addressed to <list> ..", "Delivery of this
        # message has been blocked.": the list's service answer (RFC 3834), like mlmmj's
        # deny-post and Mailman's rejection, no report (RFC 3464): no bounce. (With
        # antivirus_notify delivery_status Sympa writes a DSN, 5.7.0, instead.)
        Scenario("virus_in_post", f"open{at}", text="your_infected_msg", infected=True),
        Scenario(
            "held_for_moderation", f"moderated{at}", text="message_report (moderating_message)"
        ),
        Scenario(
            "post_confirmation",
            f"confirmed{at}",
            text="send_auth",
            subject="^Confirm your message",
        ),
        Scenario(
            "post_confirmed",
            text="message_report (message_confirmed)",
            to="post_confirmation",
            subject="^Message distribution",
        ),
        Scenario(
            "subscribe_confirmation",
            f"sympa{at}",
            text="request_auth (subscribe)",
            body="subscribe confirmed News\n",
            subject="subscribing to",
        ),
        Scenario(
            "subscribe_report",
            text="command_report",
            to="subscribe_confirmation",
            subject="^Results of your commands",
        ),
        Scenario(
            "command_for_unknown_list",
            f"sympa{at}",
            text="command_report (no such list)",
            body="subscribe nosuchlist News\n",
        ),
        # a message to the command address with no command in it: DoCommand.pm's DSN 5.6.1
        Scenario(
            "no_command_found",
            f"sympa{at}",
            (_failed(f"sympa{at}", CONTENT, "sender", "5.6.1"),),
            "delivery_status_notification (5.6.1 No command found)",
            body="Hello, please add me to your news.\n",
        ),
        Scenario("member_post", f"open{at}", text="the post as the list sends it"),
        Scenario(
            "distributed_post",
            f"edited{at}",
            text="message_report (moderating_message)",
            subject="^Message distribution",
        ),
        Scenario(
            "distributed_post_delivered",
            text="delivery_status_notification (2.1.5, Action: delivered)",
            to="distributed_post",
            subject="successfully delivered",
        ),
        Scenario("editor_asked", text="moderate", to=EDITOR, subject="to be approved"),
        Scenario(
            "editor_told_distributed",
            text="message_report (message_distributed)",
            to=EDITOR,
            subject="^Message distribution",
        ),
    )


def missing() -> str | None:
    """Why the bed cannot run here, or None."""
    if os.geteuid() != 0:
        return "the Sympa bed runs as root (Postfix and Sympa in private namespaces)"
    if not (BIN / "sympa_msg.pl").exists():
        return f"{BIN}/sympa_msg.pl is not installed (Debian: sympa)"
    if not postfix.available():
        return "Postfix is not installed (Debian: postfix)"
    if not CLAMSCAN.exists():
        return f"{CLAMSCAN} is not installed (Debian: clamav)"
    return namespace_tools_missing()


def message(scenario: Scenario) -> EmailMessage:
    body = scenario.body or f"This month's news, posted to a mailing list ({scenario.name}).\n"
    if scenario.big:
        body += "".join(
            f"Line {n} of the long part of the news, in many words.\n" for n in range(120)
        )
    msg = bed_message(
        SENDER_DOMAIN,
        (scenario.recipient,),
        f"Our December news ({scenario.name})",
        scenario.name,
        "Sun, 06 Dec 2026 12:00:00 +0000",
        body,
    )
    msg.replace_header("From", f"News <{author_of(scenario.name)}>")
    if scenario.infected:
        msg.add_attachment(f"A report.\n{SIGNATURE}\n", filename="report.txt")
    return msg


def config_text(root: Path) -> str:
    """The bed's sympa.conf (Sympa's parameters: sympa_config(5))."""
    return (
        f"domain {DOMAIN}\nlistmaster listmaster@{ELSEWHERE}\n"
        f"db_type SQLite\ndb_name {root}/db/sympa.db\nlang en_US\n"
        "sendmail /usr/sbin/sendmail\nlog_socket_type inet\nlog_level 0\n"
        "wwsympa_url http://lists.test/sympa\n"
        # Sympa's daemons poll their spools every sleep seconds (default 5)
        "sleep 1\n"
        # no alias file: rx's transport and recipient table route the lists' addresses
        "sendmail_aliases none\n"
        # ClamAV's clamscan over each incoming message's parts (Sympa::Message
        # check_virus_infection), with the bed's one-signature database; antivirus_notify
        # stays at its default, "sender": your_infected_msg.tt2 to the poster
        f"antivirus_path {CLAMSCAN}\nantivirus_args --no-summary -r -d {root}/etc/bed.ndb\n"
    )


def _rx(port: int, capture: int) -> postfix.Postfix:
    """The list host: Sympa's addresses by pipe(8) (Sympa's documentation for Postfix)."""
    known = "|".join(f"{s.name}(-request|-owner|-editor|-subscribe|-unsubscribe)?" for s in lists())
    recipients = f"regexp:{{ {{/^({known}|sympa|listmaster|nosuchlist)@lists\\.test$$/ OK}} }}"
    routes = [
        f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}",
        f"{ELSEWHERE}=discard:",
    ]
    transport = (
        "regexp:{ {/-owner@lists\\.test$$/ sympabounce:}, {/@lists\\.test$$/ sympa:} }, "
        "inline:{ " + ", ".join(f"{{{r}}}" for r in routes) + " }"
    )
    return postfix.Postfix(
        port,
        main={
            "transport_maps": transport,
            "relay_domains": DOMAIN,
            "relay_recipient_maps": recipients,
            "sympa_destination_recipient_limit": "1",
            "sympabounce_destination_recipient_limit": "1",
        },
        services=[
            "sympa unix - n n - - pipe",
            f"  flags=hqRu null_sender= user=sympa argv={BIN}/queue ${{recipient}}",
            "sympabounce unix - n n - - pipe",
            f"  flags=hqRu null_sender= user=sympa argv={BIN}/bouncequeue ${{recipient}}",
        ],
    )


def _tx(port: int, rx: int, capture: int) -> postfix.Postfix:
    routes = [f"{SENDER_DOMAIN}=smtp:[127.0.0.1]:{capture}", f"{DOMAIN}=smtp:[127.0.0.1]:{rx}"]
    return postfix.Postfix(
        port,
        main={
            "transport_maps": "inline:{ " + ", ".join(f"{{{r}}}" for r in routes) + " }",
            "relay_domains": DOMAIN,
            "myhostname": "tx.postfix.test",
        },
    )


class Syslog(asyncio.DatagramProtocol):
    """Sympa's syslog (``log_socket_type inet``: UDP to 127.0.0.1:514), kept for the log."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.lines.append(data.decode(errors="replace").rstrip())


def _as_sympa(args: list[str], stdin: str = "", timeout: float = 60.0) -> str:
    done = subprocess.run(
        args,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        user="sympa",
        group="sympa",
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[:2]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _prepare(root: Path) -> None:
    """The run's Sympa directories on the package's paths, its configuration, database and
    lists."""
    for sub in ("etc/sympa", "etc/create_list_templates/bed", "spool", "lib/list_data", "db"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "etc/sympa/sympa.conf").write_text(config_text(root), encoding="utf-8")
    # ClamAV's .ndb format: name, any file type, any offset, the bytes in hex (amavis_bed's)
    (root / "etc/bed.ndb").write_text(f"{SIGNATURE_NAME}:0:*:{SIGNATURE.encode().hex()}\n")
    (root / "etc/create_list_templates/bed/config.tt2").write_text(LIST_TEMPLATE, encoding="utf-8")
    # Sympa's spools (sympa_config(5): queue, queueauth, queuebounce, ..): queue(8) writes to
    # msg before the daemons have made them
    for spool in SPOOLS:
        (root / "spool" / spool).mkdir()
    for sub in ("etc", "spool", "lib", "db"):
        subprocess.run(["chown", "-R", "sympa:sympa", str(root / sub)], check=True)
    for sub, target in MOUNTS.items():
        subprocess.run(["mount", "--bind", str(root / sub), target], check=True)
    # the daemons' compiled-in pid directory, on a /run of the namespace's own
    subprocess.run(["mount", "-t", "tmpfs", "tmpfs", "/run"], check=True)
    Path("/run/sympa").mkdir()
    shutil.chown("/run/sympa", "sympa", "sympa")
    _as_sympa([str(BIN / "sympa.pl"), "--health_check"])
    # two at a time: each ``sympa create`` is a Perl start-up of 1 to 3 s
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda made: _create(root, made), lists()))


def _create(root: Path, made: SympaList) -> None:
    spec = root / f"{made.name}.xml"
    spec.write_text(_list_xml(made), encoding="utf-8")
    spec.chmod(0o644)
    _as_sympa([str(BIN / "sympa"), "create", f"--input_file={spec}", DOMAIN])
    if made.members:
        _as_sympa(
            [str(BIN / "sympa"), "add", "--quiet", f"{made.name}@{DOMAIN}"],
            "".join(f"{m}\n" for m in made.members),
        )


def _list_xml(made: SympaList) -> str:
    fields = {
        "listname": made.name,
        "type": "bed",
        "subject": f"The {made.name} list",
        "description": f"The bed's {made.name} list",
        "status": "open",
        "topic": "other",
        "lang": made.lang,
        "send": made.send,
        "subscribe": made.subscribe,
        "max_size": str(made.max_size or ""),
        "owner": made.owner,
        "editor": made.editor,
    }
    people = {"owner": made.owner, "editor": made.editor}
    body = "".join(f"  <{k}>{v}</{k}>\n" for k, v in fields.items() if v and k not in people)
    body += "".join(
        f'  <{k} multiple="1"><email>{v}</email></{k}>\n' for k, v in people.items() if v
    )
    return f'<?xml version="1.0" ?>\n<list>\n{body}</list>\n'


def _start(root: Path, script: str) -> subprocess.Popen[bytes]:
    with (root / f"{script}.out").open("wb") as out:
        return subprocess.Popen(
            [str(BIN / script), "--foreground"],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            user="sympa",
            group="sympa",
        )


@dataclass
class Run:
    capture: ScriptedMx
    log: str = ""
    error: str | None = None
    answered: list[str] = field(default_factory=list)

    def notices(self, scenario: str) -> list[bytes]:
        found = next(s for s in scenarios() if s.name == scenario)
        wanted = {sender_of(found.addressee), author_of(found.addressee)}
        return [
            a.content
            for a in self.capture.arrivals
            if wanted & {r.lower() for r in a.rcpt_tos}
            and re.search(found.subject, _subject(a.content))
        ]

    def pending(self) -> bool:
        return any(not self.notices(s.name) for s in scenarios())


def _subject(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=policy.default)["Subject"] or "")


ANSWERS = (
    # the editor distributes the held post: moderate.tt2's DISTRIBUTE command
    (EDITOR, rb"DISTRIBUTE(?:\s|%20)+edited(?:\s|%20)+([0-9a-f]{8,})", "DISTRIBUTE edited"),
    # the poster confirms the post: send_auth.tt2's CONFIRM command
    ("post_confirmation", rb"CONFIRM(?:\s|%20)+([0-9a-f]{8,})", "CONFIRM"),
)


async def _answer(result: Run, port: int) -> None:
    """The editor's and the poster's answers, each once its request came (the key Sympa
    wrote in it), sent to sympa@ from the address the request came to."""
    pending = list(ANSWERS)
    deadline = time.monotonic() + DEADLINE
    while pending and time.monotonic() < deadline:
        for answer in list(pending):
            who, pattern, command_text = answer
            raws = [a.content for a in result.capture.to(author_of(who))]
            found = next((m for raw in raws if (m := re.search(pattern, raw))), None)
            if found is None:
                continue
            text = f"{command_text} {found.group(1).decode()}"
            command = EmailMessage()
            command["From"] = author_of(who)
            command["To"] = f"sympa@{DOMAIN}"
            command["Subject"] = text
            command.set_content(f"{text}\n")
            await submit(port, command, author_of(who), (f"sympa@{DOMAIN}",))
            result.answered.append(text)
            pending.remove(answer)
        await result.capture.wait(min(deadline, time.monotonic() + 0.5))
    if pending:
        raise RuntimeError(f"no request came for {[a[0] for a in pending]}")


async def run() -> Run:
    capture = ScriptedMx(hostname=SENDER_DOMAIN)
    await capture.start()
    result = Run(capture)
    phases = Phases()
    root = Path(tempfile.mkdtemp(prefix="sympa-bed-", dir="/var/tmp"))
    root.chmod(0o755)
    loop = asyncio.get_running_loop()
    syslog = Syslog()
    transport, _ = await loop.create_datagram_endpoint(
        lambda: syslog, local_addr=("127.0.0.1", 514)
    )
    rx: postfix.Postfix | None = None
    tx: postfix.Postfix | None = None
    daemons: list[subprocess.Popen[bytes]] = []
    try:
        rx_port, tx_port = free_port(), free_port()
        rx, tx = _rx(rx_port, capture.port), _tx(tx_port, rx_port, capture.port)
        await start_together(
            asyncio.to_thread(rx.start),
            asyncio.to_thread(tx.start),
            asyncio.to_thread(_prepare, root),
        )
        # Sympa's sendmail(1) is rx's: Postfix's sendmail and postdrop read /etc/postfix
        mount = ["mount", "--bind", str(rx.conf), "/etc/postfix"]
        await asyncio.to_thread(subprocess.run, mount, check=True)
        phases("started")
        daemons = [_start(root, "sympa_msg.pl"), _start(root, "bulk.pl")]
        for scenario in (s for s in scenarios() if s.recipient):
            await submit(
                tx_port, message(scenario), sender_of(scenario.name), (scenario.recipient,)
            )
        phases("submitted")
        await _answer(result, tx_port)
        await wait_for_notices(capture, result.pending, DEADLINE, GRACE)
        phases("done")
    except (OSError, RuntimeError, subprocess.SubprocessError, aiosmtplib.SMTPException) as exc:
        result.error = f"the Sympa bed broke off: {exc}"
    finally:
        for daemon in daemons:
            await asyncio.to_thread(stop_group, daemon, root / "none")
        for mta, name in ((rx, "rx"), (tx, "tx")):
            if mta is not None:
                result.log += f"\n--- {name} maillog\n" + mta.log_tail(80)
                await asyncio.to_thread(mta.stop)
        result.log += "\n--- sympa syslog\n" + "\n".join(syslog.lines[-120:])
        for out in sorted(root.glob("*.out")):
            result.log += f"\n--- {out.name}\n" + out.read_text(errors="replace")[-3000:]
        result.log += f"\n{phases}"
        transport.close()
        shutil.rmtree(root, ignore_errors=True)
        await capture.stop()
    return result


def entry(scenario: Scenario, name: str) -> dict[str, Any]:
    expected = [label(e, e.status, {"party": e.party}) for e in scenario.failed]
    found = bed_entry("real-sympa-postfix", name, scenario.name, expected, scenario.bounce)
    return {**found, "listtext": scenario.text}


def write(out: Path, result: Run) -> dict[str, Any]:
    return write_notices(out, scenarios(), result.notices, entry, {"error": result.error})


def generate(out: Path) -> dict[str, Any]:
    """Run the bed once in its own namespaces; the manifest it wrote to ``out``."""
    return generate_logged(__name__, out, [], 400.0, "the Sympa bed")


if __name__ == "__main__":  # inside the namespaces generate() made
    main_in_namespaces("sympa-etc-", namespace_etc, lambda _etc: run(), write, readable=True)
