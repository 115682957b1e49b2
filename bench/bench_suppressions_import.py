"""Time ``relay suppressions import`` on a large ESP export, on a fresh SQLite file.

    python bench/bench_suppressions_import.py [--rows N] [--keep DIR]

Writes a CSV of N rows (default 1,000,000; columns email, reason, created, as an ESP's export
has them; about 1% bad rows) into a temporary folder, creates an account and an operator
there, then runs the import twice as operators do, ``python -m relay`` in a subprocess: once
into the empty store, once more (everything already suppressed). Prints wall-clock seconds and
rows per second for each run; the target is well under a minute for a million rows.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from storage import accounts, admin
from storage.engine import open_store, utcnow
from storage.models import Role
from storage.schema import ensure_schema

TARGET_SECONDS = 60.0
AS_OPERATOR = ("--account", "bench", "--as", "bench-op")
REASONS = ("hard_bounce", "user_unknown", "", "spam_report", "invalid")


def write_export(path: Path, rows: int, seed: int = 1) -> int:
    """An ESP-style export; returns how many of its rows are bad (skipped by the import)."""
    pick = random.Random(seed)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC).timestamp()
    bad = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("email,reason,created\n")
        for n in range(rows):
            user = f"{pick.getrandbits(40):010x}.{n}"
            when = dt.datetime.fromtimestamp(start + pick.randrange(150_000_000), dt.UTC)
            if n % 100 == 99:
                bad += 1
                out.write(f"{user} at example.com,hard_bounce,{when:%Y-%m-%d %H:%M:%S}\n")
                continue
            domain = f"mail{pick.randrange(5000)}.example"
            reason = REASONS[n % len(REASONS)]
            out.write(f"{user}@{domain},{reason},{when:%Y-%m-%d %H:%M:%S}\n")
    return bad


async def prepare(url: str) -> None:
    store = open_store(url, pool_size=1)
    try:
        await ensure_schema(store)
        async with store.transaction() as session:
            await accounts.add_account(session, "bench", [])
            await admin.add_user(session, "bench-op", Role.OPERATOR, None, now=utcnow())
    finally:
        await store.close()


def timed_import(csv_path: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "relay", "suppressions", "import", str(csv_path), *AS_OPERATOR],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"import failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Work in DIR and keep the files.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        csv_path, db = folder / "export.csv", folder / "bench.db"
        started = time.perf_counter()
        bad = write_export(csv_path, args.rows)
        size = csv_path.stat().st_size / 1e6
        print(
            f"wrote {args.rows:,} rows ({size:.1f} MB, {bad:,} bad) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        url = f"sqlite:///{db}"
        asyncio.run(prepare(url.replace("sqlite://", "sqlite+aiosqlite://")))
        env = {k: v for k, v in os.environ.items() if not k.startswith("RELAY_")}
        env |= {"RELAY_DATABASE_URL": url, "RELAY_DATA_DIR": str(folder / "var")}
        for label in ("empty store", "re-import"):
            elapsed, summary = timed_import(csv_path, env)
            verdict = "ok" if elapsed < TARGET_SECONDS else "TOO SLOW"
            print(
                f"{label:12} {elapsed:6.1f} s  {args.rows / elapsed:>10,.0f} rows/s  "
                f"[{verdict}]  {summary}"
            )


if __name__ == "__main__":
    main()
