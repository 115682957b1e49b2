"""README's First steps, run in the order written on a fresh copy of the tree, as a newcomer
would: `make install` first, then the `relay` commands, then `make serve`, then a message
submitted with the credentials the steps printed."""

from __future__ import annotations

import os
import re
import shutil
import signal
import smtplib
import ssl
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def first_steps() -> list[str]:
    """The command lines of the README's First steps block, comments dropped."""
    text = (ROOT / "README.md").read_text()
    section = text.split("## First steps", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, "README's First steps have no ```sh block"
    lines = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def fresh_copy(into: Path) -> Path:
    """The tracked and untracked-but-not-ignored files of this tree, as a clone would have them
    (the working tree's versions, so an uncommitted README is what is tested)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    for name in filter(None, (entry.decode() for entry in listed)):
        source = ROOT / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return into


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_first_steps_are_in_an_order_that_works() -> None:
    steps = first_steps()
    assert steps[0].startswith("make "), f"the first step must create .venv, got {steps[0]!r}"
    assert steps[-1] == "make serve"
    uses_venv = [i for i, step in enumerate(steps) if step.startswith(".venv/")]
    assert uses_venv
    assert min(uses_venv) > 0


@pytest.mark.skipif(
    shutil.which("git") is None, reason="git is not installed (apt-get install git)"
)
def test_first_steps_run_in_order_on_a_fresh_copy(tmp_path: Path) -> None:
    tree = fresh_copy(tmp_path / "bounce-relay")
    submission, bounce = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
    env |= {
        "RELAY_SUBMISSION_LISTEN": f"127.0.0.1:{submission}",
        "RELAY_BOUNCE_LISTEN": f"127.0.0.1:{bounce}",
        "RELAY_HTTP_LISTEN": f"127.0.0.1:{free_port()}",
        "RELAY_UPSTREAM": f"smtp://127.0.0.1:{free_port()}",  # nothing there: copies defer
    }
    env.pop("VIRTUAL_ENV", None)
    steps = first_steps()
    password = ""
    for step in steps[:-1]:
        done = subprocess.run(
            ["bash", "-c", step], cwd=tree, env=env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, f"{step!r} exited {done.returncode}: {done.stderr}"
        if found := re.search(r"^password: (\S+)$", done.stdout, re.MULTILINE):
            password = found.group(1)
    assert password, "no step printed the generated password"

    serve = subprocess.Popen(
        ["bash", "-c", steps[-1]],
        cwd=tree,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # make serve's own self-signed pair
        while True:
            assert serve.poll() is None, serve.stderr.read() if serve.stderr else b""
            try:
                with smtplib.SMTP("127.0.0.1", submission, timeout=30) as client:
                    client.starttls(context=context)
                    client.login("app@acme", password)
                    message = (
                        b"From: news@acme.example\r\nTo: reader@example.org\r\n"
                        b"Subject: first steps\r\n\r\nhello\r\n"
                    )
                    client.mail("news@acme.example")
                    client.rcpt("reader@example.org")
                    code, reply = client.data(message)
                break
            except OSError:
                assert time.monotonic() < deadline, "make serve did not listen within 60 s"
                time.sleep(0.2)
        assert code == 250, reply
        assert reply.startswith(b"2.0.0 OK")
    finally:
        os.killpg(serve.pid, signal.SIGTERM)
        try:
            serve.wait(timeout=60)
        finally:
            if serve.poll() is None:
                os.killpg(serve.pid, signal.SIGKILL)
                serve.wait()
            if serve.stderr is not None:
                serve.stderr.close()


def test_every_screenshot_is_linked_from_the_readme_and_every_link_has_one() -> None:
    linked = set(re.findall(r"docs/screenshots/([\w.-]+\.png)", (ROOT / "README.md").read_text()))
    kept = {path.name for path in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert linked == kept
