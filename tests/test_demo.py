"""``make demo``: the walk-through runs to its end on 127.0.0.1 and prints every step, and it
exits 1 with the step that went wrong when the relay does not behave."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from relay.demo.session import DemoFailed, Session
from relay.demo.walkthrough import walkthrough

ROOT = Path(__file__).resolve().parents[1]
REFUSED = (
    r"RCPT TO:<dead@demo\.example> -> 550 5\.7\.1 <dead@demo\.example>: not sent: "
    r"previously bounced on \d{4}-\d\d-\d\d \(user_unknown 5\.1\.1\)"
)


def test_demo_walks_from_setup_to_unbounce() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "relay.demo"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    numbers = [int(n) for n in re.findall(r"^ ?(\d+)\. ", out, re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1))
    commands = re.findall(r"^ ?\d+\. \$ (relay \S+(?: \S+)?)", out, re.MULTILINE)
    assert commands == [
        "relay db upgrade",
        "relay users add",
        "relay accounts add",
        "relay users add",
        "relay credentials add",
        "relay domains add",
        "relay domains check",
        "relay serve",
        "relay bounces list",
        "relay report spring-sale",
        "relay unbounce dead@demo.example",
    ]
    assert "demo.example: all 4 checks passed" in out
    assert out.count("DATA -> 250 2.0.0 OK <") == 5  # four readers, then dead@ once more
    assert "-> 550 5.1.1 <dead@demo.example>: Recipient address rejected: User unknown" not in out
    assert "the bounce listener said: 250 2.0.0 Bounce received" in out
    refused_at = re.search(REFUSED, out)
    assert refused_at is not None, out
    unbounced = out.index("unbounced dead@demo.example for demo")
    assert refused_at.start() < unbounced
    assert re.search(r"RCPT TO:<dead@demo\.example> -> 250 2\.1\.5", out[unbounced:])
    assert re.search(r"return path b-1-\d+-\w+-\w+@bounces\.demo\.example", out[unbounced:])
    assert out.rstrip().endswith("its directory is removed")


@pytest.mark.slow
async def test_demo_fails_at_the_step_where_a_bounced_address_is_not_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A relay that accepts suppressed recipients (and only reports them) is not what the demo
    # teaches: it must stop there, say why, and still clean up.
    code = await walkthrough('suppressed_mode = "accept-and-report"')
    out, err = capsys.readouterr()
    assert code == 1
    step = re.findall(r"^(\d+)\. SMTP: the next campaign message", out, re.MULTILINE)
    assert step, out
    assert err.strip().splitlines()[-1] == (
        f"demo: FAILED at step {step[0]}: "
        "RCPT dead@demo.example: expected 550 5.7.1 ... previously bounced"
    )


async def test_a_command_that_exits_otherwise_stops_the_demo_with_its_last_line(
    tmp_path: Path,
) -> None:
    demo = Session(tmp_path)
    demo.config.write_text(
        f'data_dir = "{tmp_path}"\n[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/relay.db"\n'
    )
    with pytest.raises(DemoFailed) as failed:
        await demo.relay("credentials", "add", "nosuch", "app@nosuch", "--generate")
    assert str(failed.value) == (
        "`relay credentials add nosuch app@nosuch --generate` exited 1, expected 0: "
        "relay: error: no account named 'nosuch'"
    )
