"""A bulk CSV import, by ``relay suppressions import`` and by the API, reports each suppression
it adds to the subscribed endpoints (one verified ``suppression.created`` per new address) and
nothing for the rows it skips: already suppressed, given twice, or bad."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from storage import webhooks
from storage.webhooks import EventType
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.cli import relay_cmd
from tests.support.harness import Relay
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import eventually, register, wait_until

FAST = {"allow_private": True, "retry_schedule": [0.2], "poll_interval": 0.1, "timeout": 5.0}

CLI_FILE = (
    "email,reason,created\n"
    "new1@import.test,hard_bounce,2026-11-01\n"
    "old@import.test,hard_bounce,2026-11-01\n"  # suppressed before the import
    "new2@import.test,,2026-11-02\n"
    "not an address,x,2026-11-03\n"
    "NEW1@import.test,dup,2026-11-04\n"  # the same address again: the first row counts
)
API_FILE = (
    "email,reason\n"
    "new2@import.test,again\n"  # imported by the CLI just before
    "new3@import.test,spam_report\n"
)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.start()
    yield made
    made.stop()


async def _outbox_empty(relay: Relay) -> bool:
    async with db.store_of(relay).reading() as session:
        return await webhooks.outbox_depth(session) == 0


def _created(receiver: Receiver) -> list[tuple[str, str]]:
    return [(a.data["address"], a.data["reason"]) for a in receiver.of_type("suppression.created")]


async def test_imports_by_cli_and_api_send_one_event_per_added_address(
    make_relay: MakeRelay, tmp_path: Path, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks=FAST)
    await db.suppress(
        relay, "acme", "old@import.test", "user_unknown"
    )  # before the endpoint: no event
    await register(relay.settings, receiver, events=[EventType.SUPPRESSION_CREATED])
    assert (await relay_cmd(tmp_path, "users", "add", "root", "--role", "operator")).returncode == 0
    export = tmp_path / "esp.csv"
    export.write_text(CLI_FILE, encoding="utf-8")

    done = await relay_cmd(tmp_path, "suppressions", "import", str(export), "--account", "acme",
                           "--as", "root")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 imported, 2 already suppressed, 1 skipped" in done.stdout
    await wait_until(lambda: len(receiver.arrivals) >= 2)

    made = await relay_cmd(tmp_path, "tokens", "add", "root", "--as", "root")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    assert relay.service.http is not None
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{relay.service.http.port}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    ) as http:
        answer = await http.post(
            "/api/v1/suppressions/import",
            params={"account": "acme"},
            content=API_FILE.encode(),
            headers={"content-type": "text/csv"},
        )
    assert answer.status_code == 200, answer.text
    assert (answer.json()["imported"], answer.json()["already_suppressed"]) == (1, 1)
    await wait_until(lambda: len(receiver.arrivals) >= 3)

    assert receiver.unverified == []
    assert sorted(_created(receiver)) == [
        ("new1@import.test", "hard_bounce"),
        ("new2@import.test", "imported"),
        ("new3@import.test", "spam_report"),
    ]
    assert len({a.webhook_id for a in receiver.arrivals}) == 3
    first = receiver.of_type("suppression.created")[0]
    assert first.data["scope"] == "account"
    assert first.data["bounce_id"] is None
    # Nothing more is on its way: the outbox is empty and no other event arrives.
    await eventually(lambda: _outbox_empty(relay))
    assert len(receiver.arrivals) == 3
