"""What the real-server beds share (tests/support/real_mta.py, receivers_bed.py,
smtputf8_bed.py, real_success.py, dovecot_bed.py): running a bed's module in private
namespaces, waiting for its notices with a deadline, and writing its manifest."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.policy import EmailPolicy
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosmtplib

from tests.support.scripted_mx import ScriptedMx

REPO = Path(__file__).resolve().parents[2]


def run_in_namespaces(
    module: str, out: Path, args: list[str], timeout: float, what: str
) -> tuple[dict[str, Any], str]:
    """Run ``python -m module out *args`` under ``unshare --net --mount`` (root only); the
    manifest it wrote to ``out`` and what it printed. ``what`` names the bed in the error."""
    done = subprocess.run(
        ["unshare", "--net", "--mount", sys.executable, "-m", module, str(out), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}): {done.stderr[-3000:]}")
    manifest: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return manifest, done.stdout


def generate_logged(
    module: str, out: Path, args: list[str], timeout: float, what: str
) -> dict[str, Any]:
    """A bed's ``generate``: run_in_namespaces, the manifest with what the run printed as its
    ``log``."""
    manifest, printed = run_in_namespaces(module, out, args, timeout, what)
    manifest["log"] = printed
    return manifest


def main_in_namespaces(
    prefix: str,
    isolate: Callable[[Path], None],
    run: Callable[[Path], Coroutine[Any, Any, Any]],
    write: Callable[[Path, Any], dict[str, Any]],
    shown: tuple[str, ...] = ("notices", "error"),
    readable: bool = False,
) -> None:
    """A bed's ``__main__`` inside the namespaces run_in_namespaces made (the out directory
    its first argument): a private directory (``prefix``; others may read it if
    ``readable``) that ``isolate`` sets the namespace up with, ``run`` given it, and its
    outcome written to the out directory by ``write``; then the manifest's ``shown`` fields
    and the run's log on stdout."""
    target = Path(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix=prefix) as private:
        etc = Path(private)
        if readable:
            etc.chmod(0o755)
        isolate(etc)
        outcome = asyncio.run(run(etc))
        found = write(target, outcome)
    print(json.dumps({k: found[k] for k in shown}, indent=1))
    print(outcome.log)


async def wait_for_notices(
    capture: ScriptedMx,
    pending: Callable[[], bool],
    seconds: float,
    grace: float,
    nudge: Callable[[], None] | None = None,
    nudge_every: float = 0.0,
) -> None:
    """Until no notice is ``pending`` or ``seconds`` have passed, then ``grace`` more for late
    extras; ``nudge`` (a queue flush, in a thread) every ``nudge_every`` seconds meanwhile, as
    a loaded machine's queue runs fall behind."""
    deadline = time.monotonic() + seconds
    next_nudge = time.monotonic() + nudge_every
    while pending() and time.monotonic() < deadline:
        await capture.wait(min(deadline, time.monotonic() + 0.5))
        if nudge is not None and time.monotonic() > next_nudge:
            await asyncio.to_thread(nudge)
            next_nudge = time.monotonic() + nudge_every
    await asyncio.sleep(grace)


def notice_name(scenario: str, n: int) -> str:
    """The file of a scenario's ``n``-th notice (from 0): ``name.eml``, ``name-2.eml``, .."""
    return f"{scenario}{'' if n == 0 else f'-{n + 1}'}.eml"


def write_manifest(
    out: Path,
    entries: list[dict[str, Any]],
    fields: dict[str, Any],
    *,
    newline: bool = True,
    ascii_only: bool = True,
) -> dict[str, Any]:
    """``out/manifest.json`` in the shared corpus's format: the entries, then ``fields``."""
    manifest = {"corpus_dir": ".", "format": 1, "entries": entries, **fields}
    text = json.dumps(manifest, indent=1, ensure_ascii=ascii_only) + ("\n" if newline else "")
    (out / "manifest.json").write_text(text, encoding="utf-8")
    return manifest


class Named(Protocol):
    """A bed's scenario, as far as writing its notices goes."""

    @property
    def name(self) -> str: ...


S = TypeVar("S", bound=Named)


def write_notices(
    out: Path,
    scenarios: Iterable[S],
    notices: Callable[[str], list[bytes]],
    entry: Callable[[S, str], dict[str, Any]],
    fields: dict[str, Any],
    labelled: Callable[[S], bool] = lambda scenario: True,
) -> dict[str, Any]:
    """Each scenario's notices as ``out/<scenario>.eml`` (``-2``, .. for more), an entry for
    each scenario with exactly one notice (and ``labelled``), and the manifest: the
    entries, then ``notices`` (the count per scenario) and ``fields``."""
    out.mkdir(parents=True, exist_ok=True)
    entries, counts = [], {}
    for scenario in scenarios:
        found = notices(scenario.name)
        counts[scenario.name] = len(found)
        for n, raw in enumerate(found):
            (out / notice_name(scenario.name, n)).write_bytes(raw)
        if len(found) == 1 and labelled(scenario):
            entries.append(entry(scenario, f"{scenario.name}.eml"))
    return write_manifest(out, entries, {"notices": counts, **fields})


def bed_entry(
    engine_id: str, path: str, scenario: str, expected: list[dict[str, Any]], bounce: bool = True
) -> dict[str, Any]:
    """One manifest entry in score_bounces.py's format, as the beds label a notice."""
    return {
        "engine_id": engine_id,
        "path": path,
        "expected": expected,
        "messages": 1,
        "split": "holdout",
        "scenario": scenario,
        "bounce": bounce,
    }


class Labelled(Protocol):
    """A failed recipient as a bed's scenario expects it (each bed's ``Expected``)."""

    @property
    def address(self) -> str: ...
    @property
    def permanent(self) -> bool: ...
    @property
    def suppress(self) -> bool: ...
    @property
    def reasons(self) -> tuple[str, ...]: ...
    @property
    def reply_code(self) -> str: ...


@dataclass(frozen=True)
class Expected:
    """A recipient a bed's notice must report as failed, labelled by construction: the
    product's permanent bit (a full mailbox is temporary whatever the reply's class), whether
    it condemns the address, the right reasons (the first is the label), the whose-fault
    verdict, and the status and reply code the notice states ("" where it states none)."""

    address: str
    permanent: bool
    suppress: bool
    reasons: tuple[str, ...]
    party: str
    status: str = ""
    reply_code: str = ""


def label(expected: Labelled, status: str, parties: dict[str, Any] | None = None) -> dict[str, Any]:
    """One failed recipient's labels in score_bounces.py's format, with the ``status`` the
    notice states; ``parties``: the whose-fault labels of the beds that set them (``party``,
    ``party_accept``), placed after ``permanent``."""
    return {
        "address": expected.address,
        "kind": "bounce",
        "hardbounce": expected.suppress,
        "permanent": expected.permanent,
        **(parties or {}),
        "reason": expected.reasons[0].replace("_", ""),
        "reason_snake": expected.reasons[0],
        "reason_accept": list(expected.reasons),
        "status": status,
        "reply_code": expected.reply_code,
        "feedback_type": "",
        "message": 1,
    }


async def submit(
    port: int,
    message: EmailMessage,
    sender: str,
    recipients: tuple[str, ...],
    rcpt_options: list[str] | None = None,
    mail_options: list[str] | None = None,
) -> None:
    """One scenario's message to the MTA under test on 127.0.0.1:``port``, in plain SMTP;
    each recipient with ``rcpt_options`` (NOTIFY=FAILURE unless told)."""
    await aiosmtplib.send(
        message,
        sender=sender,
        recipients=list(recipients),
        hostname="127.0.0.1",
        port=port,
        start_tls=False,
        mail_options=mail_options,
        rcpt_options=["NOTIFY=FAILURE"] if rcpt_options is None else rcpt_options,
        timeout=30,
    )


def namespace_tools_missing() -> str | None:
    """Why a bed cannot make its private namespaces here (a tool is missing), or None."""
    for tool in ("unshare", "ip", "mount"):
        if shutil.which(tool) is None:
            return f"{tool} is missing (Debian: util-linux, iproute2)"
    return None


def bed_message(
    domain: str,
    recipients: Iterable[str],
    subject: str,
    local_id: str,
    date: str,
    body: str,
    mail_policy: EmailPolicy = policy.default,
) -> EmailMessage:
    """A bed's message from News <news@``domain``> to ``recipients``, its Message-ID
    ``<local_id@domain>``, with a fixed ``date`` and a plain ``body``."""
    msg = EmailMessage(policy=mail_policy)
    msg["From"] = f"News <news@{domain}>"
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{local_id}@{domain}>"
    msg["Date"] = date
    msg.set_content(body)
    return msg


def stop_group(process: subprocess.Popen[bytes] | None, root: Path) -> None:
    """A server started in a session of its own: SIGTERM to its group, SIGKILL after 5 s;
    then its directory ``root`` removed."""
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
    shutil.rmtree(root, ignore_errors=True)


def stderr_tail(root: Path, server: str, lines: int) -> str:
    """The last ``lines`` of ``root/stderr.log``, or a line saying ``server`` has no log."""
    path = root / "stderr.log"
    text = path.read_text(errors="replace") if path.exists() else f"(no {server} log)"
    return "\n".join(text.splitlines()[-lines:])
