"""``make demo``: the relay's whole round trip on one laptop, without DNS or internet.

A DNS zone for demo.example and an upstream that stands in for the internet run on 127.0.0.1;
``relay serve`` runs as a real process with its own store and configuration in a temporary
directory. The walk-through sets up an account, sends a campaign, sees a synchronous bounce (the
upstream refuses an address at RCPT) and an asynchronous one (a DSN to the signed VERP return
path), sees the next send refused, reports on the campaign, unbounces the address, and sends to
it again. Every step prints the command it ran and what came back; any surprise exits 1.
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from relay.demo.session import DemoFailed, Sent, Session, free_port, message, submit, takes_as
from relay.demo.session import toml_string as q
from relay.demo.upstream import CaptureUpstream, user_unknown
from relay.demo.zone import DemoZone

DOMAIN = "demo.example"
RETURN_PATH_DOMAIN = f"bounces.{DOMAIN}"
ACCOUNT = "demo"
OPERATOR, MARKETER = "operator", "marketer"
SMTP_USER = "app@demo"
SENDER = f"news@{DOMAIN}"
READERS = (f"alice@{DOMAIN}", f"bob@{DOMAIN}")
DEAD = f"dead@{DOMAIN}"  # refused by the upstream at RCPT: a synchronous hard bounce
GONE = f"gone@{DOMAIN}"  # accepted, then returned in a DSN: an asynchronous hard bounce
CAMPAIGN = "spring-sale"
DEADLINE = 120.0  # seconds for the whole walk-through; it takes about 20 on a laptop
WAIT = 20.0  # seconds to wait for one thing to happen (a bounce recorded, a copy delivered)


def settings(
    work: Path, submission: int, bounce: int, http: int, upstream: str, server: str = ""
) -> str:
    """The demo relay's TOML: everything on 127.0.0.1 (the HTTP listener on a free port, not the
    default 8025 that a relay already running here may hold), its store in ``work``;
    ``server``: more lines for the [server] table."""
    return f"""data_dir = {q(str(work / "var"))}
[server]
submission_listen = "127.0.0.1:{submission}"
bounce_listen = "127.0.0.1:{bounce}"
workers = 1
drain_timeout = 5.0
{server}
[http]
listen = "127.0.0.1:{http}"
[database]
url = {q("sqlite+aiosqlite:///" + str(work / "var" / "relay.db"))}
[delivery]
upstream = "smtp://{upstream}"
outbound_addresses = ["127.0.0.1"]
[queue]
poll_interval = 0.5
[verp]
return_path_domain = "{RETURN_PATH_DOMAIN}"
"""


def changing(group: str, command: str, *args: str) -> tuple[str, ...]:
    """``relay GROUP COMMAND ARGS`` made by the operator: with ``--as`` where the command
    takes it (the first user may be added without; later versions want it on more commands)."""
    who = ("--as", OPERATOR) if takes_as(group, command) else ()
    return (group, command, *args, *who)


async def run_steps(
    demo: Session, zone: DemoZone, upstream: CaptureUpstream, server_options: str
) -> None:
    ports = (free_port(), free_port(), free_port())
    demo.submission_port = ports[0]
    upstream.bounce_listener = ("127.0.0.1", ports[1])
    demo.step(f"a DNS zone for {DOMAIN} on {zone.address} (UDP), an upstream on {upstream.address}")
    demo.say(f"the upstream refuses {DEAD} at RCPT with: {user_unknown(DEAD)}")
    demo.say(f"and accepts {GONE}, then returns a DSN for it to the relay's bounce listener")
    demo.config.write_text(settings(demo.work, *ports, upstream.address, server_options))
    demo.say(f"every command below runs with RELAY_CONFIG={demo.config}")

    await demo.relay("db", "upgrade")
    await demo.relay("users", "add", OPERATOR, "--role", "operator")
    await demo.relay(*changing("accounts", "add", ACCOUNT, "--domain", DOMAIN))
    await demo.relay(
        *changing("users", "add", MARKETER, "--account", ACCOUNT, "--role", "marketing_email")
    )
    out = await demo.relay(*changing("credentials", "add", ACCOUNT, SMTP_USER, "--generate"))
    login = (SMTP_USER, expect(r"^password: (\S+)$", out, "the generated password"))
    out = await demo.relay(*changing("domains", "add", DOMAIN, "--account", ACCOUNT))
    publish(demo, zone, out)
    await demo.relay(*changing("domains", "check", DOMAIN, "--dns-server", zone.address))

    demo.step("$ relay serve")
    pid = await demo.start_relay(ports[0])
    demo.say(f"in the background, pid {pid}: mail clients on 127.0.0.1:{ports[0]},")
    demo.say(f"the bounce listener (the MX of {RETURN_PATH_DOMAIN}) on 127.0.0.1:{ports[1]},")
    demo.say(f"the HTTP API and dashboard on http://127.0.0.1:{ports[2]}/")
    await campaign(demo, login)
    await bounces_recorded(demo, upstream)
    await refused(demo, login)
    out = await demo.relay("report", CAMPAIGN, "--account", ACCOUNT)
    for address in (DEAD, GONE, *READERS):
        if address not in out:
            raise DemoFailed(f"the report of {CAMPAIGN} does not list {address}")
    await demo.relay("unbounce", DEAD, "--account", ACCOUNT, "--as", MARKETER, "--confirm")
    await sent_again(demo, login, upstream)

    demo.step("SIGTERM to relay serve")
    code = await demo.stop_relay(grace=15.0)
    if code != 0:
        raise DemoFailed(f"relay serve exited {code} on SIGTERM, expected 0: {demo.log_tail()}")
    demo.say("exited 0")


def expect(pattern: str, text: str, what: str) -> str:
    found = re.search(pattern, text, re.MULTILINE)
    if found is None:
        raise DemoFailed(f"no {what} in: {text.strip()}")
    return found.group(1)


def publish(demo: Session, zone: DemoZone, out: str) -> None:
    """Publish the TXT record `domains add` printed, with MX, SPF and DMARC, in the demo zone."""
    found = re.search(r'^(\S+) IN TXT "(.*)"$', out, re.MULTILINE)
    if found is None:
        raise DemoFailed(f"no TXT record to publish in: {out.strip()}")
    owner, value = found.groups()
    records = [
        (DOMAIN, "MX", f"10 mx.{DOMAIN}."),
        (f"mx.{DOMAIN}", "A", "127.0.0.1"),
        (DOMAIN, "TXT", "v=spf1 ip4:127.0.0.1 -all"),
        (owner, "TXT", value),
        (f"_dmarc.{DOMAIN}", "TXT", f"v=DMARC1; p=none; rua=mailto:dmarc@{DOMAIN}"),
        (RETURN_PATH_DOMAIN, "MX", f"10 mx.{DOMAIN}."),
    ]
    demo.step(f"publish the {DOMAIN} records in the demo zone (on a real domain: at its DNS host)")
    for name, rdtype, text in records:
        zone.publish(name, rdtype, text)
        demo.say(f"{name.rstrip('.')} {rdtype} {text if len(text) < 60 else text[:56] + '...'}")


async def campaign(demo: Session, login: tuple[str, str]) -> None:
    readers = (*READERS, DEAD, GONE)
    demo.step(f"SMTP as {login[0]} (STARTTLS, AUTH): campaign {CAMPAIGN}, one message per reader")
    mails = [(r, message(SENDER, r, "Spring sale", CAMPAIGN)) for r in readers]
    results = await submit(demo.submission_port, login, SENDER, mails)
    show(demo, results)
    if any(s.data is None or s.data.code != 250 for s in results):
        raise DemoFailed("the relay did not accept every message of the campaign")


async def bounces_recorded(demo: Session, upstream: CaptureUpstream) -> None:
    await until(lambda: any(a.lower() == DEAD for a, _ in upstream.refused), f"RCPT of {DEAD}")
    await until(lambda: any(r.recipient == GONE for r in upstream.returned), f"the DSN of {GONE}")
    address, reply = next((a, r) for a, r in upstream.refused if a.lower() == DEAD)
    demo.step(f"the upstream refused RCPT TO:<{address}> (a synchronous bounce)")
    demo.say(f"it said: {reply}")
    for returned in upstream.returned:
        demo.step(f"the upstream returned a DSN for {returned.recipient} (an asynchronous bounce)")
        demo.say(f"to the signed return path {returned.return_path}")
        demo.say(f"the bounce listener said: {returned.reply}")
        if not returned.reply.startswith("250"):
            raise DemoFailed(f"the bounce listener refused the DSN: {returned.reply}")
    deadline = time.monotonic() + WAIT
    while True:  # the relay records a refusal at RCPT right after the attempt, not before 250
        out = await demo.relay("bounces", "list", "--account", ACCOUNT, "--hard", show=False)
        if (DEAD in out and GONE in out) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)
    demo.step(f"$ relay bounces list --account {ACCOUNT} --hard")
    demo.say(out)
    if DEAD not in out or GONE not in out:
        raise DemoFailed(f"{DEAD} and {GONE} are not both recorded as hard bounces")


async def refused(demo: Session, login: tuple[str, str]) -> None:
    demo.step(f"SMTP: the next campaign message to {DEAD} and to {GONE}")
    mails = [(r, message(SENDER, r, "Spring sale, last days", CAMPAIGN)) for r in (DEAD, GONE)]
    results = await submit(demo.submission_port, login, SENDER, mails)
    show(demo, results)
    for sent in results:
        if sent.rcpt.code != 550 or not re.match(r"5\.7\.1 .*previously bounced", sent.rcpt.text):
            raise DemoFailed(f"RCPT {sent.recipient}: expected 550 5.7.1 ... previously bounced")


async def sent_again(demo: Session, login: tuple[str, str], upstream: CaptureUpstream) -> None:
    del upstream.refuse[DEAD]
    before = len(upstream.copies_to(DEAD))
    demo.step(f"SMTP: send to {DEAD} again (its mailbox exists again: the upstream takes it)")
    mail = message(SENDER, DEAD, "Spring sale, welcome back", CAMPAIGN)
    results = await submit(demo.submission_port, login, SENDER, [(DEAD, mail)])
    show(demo, results)
    if results[0].data is None or results[0].data.code != 250:
        raise DemoFailed(f"the relay did not accept the message to {DEAD} after the unbounce")
    await until(lambda: len(upstream.copies_to(DEAD)) > before, f"the copy for {DEAD}")
    copy = upstream.copies_to(DEAD)[-1]
    demo.say(f"the upstream received it, with the signed VERP return path {copy.mail_from}")


def show(demo: Session, results: list[Sent]) -> None:
    for sent in results:
        data = f"; DATA -> {sent.data}" if sent.data is not None else ""
        demo.say(f"RCPT TO:<{sent.recipient}> -> {sent.rcpt}{data}")


async def until(done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not done():
        if time.monotonic() > deadline:
            raise DemoFailed(f"{what} did not happen within {WAIT:.0f} s")
        await asyncio.sleep(0.1)


async def walkthrough(server_options: str = "") -> int:
    """Run every step in a temporary directory, removed at the end; the exit code.
    ``server_options``: TOML lines for the relay's [server] table (the tests' way to break it)."""
    started = time.monotonic()
    zone, upstream = DemoZone(DOMAIN), CaptureUpstream(refuse={DEAD: user_unknown(DEAD)})
    upstream.bounce_later.add(GONE)
    failure = ""
    with tempfile.TemporaryDirectory(prefix="relay-demo-") as work:
        demo = Session(Path(work))
        try:
            await zone.start()
            await upstream.start()
            async with asyncio.timeout(DEADLINE):
                await run_steps(demo, zone, upstream, server_options)
        except DemoFailed as exc:
            failure = f"demo: FAILED at step {demo.number}: {exc}"
        except TimeoutError:
            failure = f"demo: FAILED at step {demo.number}: not done within {DEADLINE:.0f} s"
        finally:
            await demo.stop_relay(grace=15.0)
            await upstream.stop()
            zone.close()
        if failure:
            if demo.log.exists():
                print(f"the relay's log ends with:\n{demo.log_tail()}", file=sys.stderr)
            print(failure, file=sys.stderr)
            return 1
    print(f"demo: done in {time.monotonic() - started:.0f} s; its directory is removed")
    return 0


def main() -> None:
    """Entry point of ``python -m relay.demo``."""
    try:
        sys.exit(asyncio.run(walkthrough()))
    except KeyboardInterrupt:  # the relay and the servers were stopped on the way out
        print("demo: interrupted", file=sys.stderr)
        sys.exit(130)
