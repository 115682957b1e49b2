"""python -m bounce_parser: one JSON line per file, in the shape score_bounces.py reads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.bounce_parser.bounce_samples import POSTFIX, dsn, failed, plain


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bounce_parser", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_json_lines(tmp_path: Path) -> None:
    first, second = tmp_path / "a.eml", tmp_path / "b.eml"
    first.write_bytes(plain(POSTFIX))
    second.write_bytes(dsn(failed("alice@receiver.example", "4.2.2", "452 4.2.2 full", "delayed")))
    done = run("--json", str(first), str(second))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["file"] for r in rows] == [str(first), str(second)]
    assert [r["kind"] for r in rows] == ["failed", "delayed"]
    bob = rows[0]["recipients"][0]
    assert bob["address"] == "bob@receiver.example"
    assert (bob["status"], bob["reply_code"], bob["reason"]) == ("5.1.1", "550", "user_unknown")
    assert bob["permanent"] is True
    assert (bob["party"], bob["failure"], bob["rule"]) == ("recipient", "permanent", "status:1.1")
    assert "User unknown" in bob["diagnostic"]
    alice = rows[1]["recipients"][0]
    assert alice["permanent"] is False
    assert (alice["party"], alice["failure"]) == ("recipient", "temporary")


def test_human_readable_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.eml"
    path.write_bytes(plain(POSTFIX))
    done = run(str(path))
    assert done.returncode == 0
    want = f"{path}: failed bob@receiver.example 5.1.1 user_unknown recipient hard"
    assert done.stdout.strip() == want


def test_a_missing_file_is_reported_and_the_others_still_parsed(tmp_path: Path) -> None:
    path = tmp_path / "a.eml"
    path.write_bytes(plain(POSTFIX))
    done = run("--json", str(tmp_path / "missing.eml"), str(path))
    assert done.returncode == 1
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows[0]["error"]
    assert rows[0]["recipients"] == []
    assert rows[1]["kind"] == "failed"
