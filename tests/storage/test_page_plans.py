"""The list pages that must stay fast at a million rows read an index in page order: SQLite's
plan of every statement they run has no sort of all matching rows (a temporary B-tree), and
the campaigns list reads no message at all (bench/bench_dashboard.py times them at that size)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from storage import listings, views
from storage.engine import Store, open_store
from storage.schema import ensure_schema
from tests.support.dashboard import Seeded, seed


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = open_store(f"sqlite+aiosqlite:///{tmp_path}/plans.db")
    await ensure_schema(store)
    yield store
    await store.close()


async def plans(store: Store, work: Callable[[Any], Awaitable[object]]) -> list[str]:
    """SQLite's query plan of each SELECT ``work`` runs, one line per step."""
    statements: list[tuple[str, Any]] = []

    def seen(_c: object, _cursor: object, statement: str, parameters: Any, *_: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    reader = store.read.kw["bind"].sync_engine  # the engine store.reading() runs on
    event.listen(reader, "before_cursor_execute", seen)
    try:
        async with store.reading() as session:
            await work(session)
    finally:
        event.remove(reader, "before_cursor_execute", seen)
    assert statements
    found = []
    async with store.engine.connect() as connection:
        for statement, parameters in statements:
            rows = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            found.append("\n".join(str(row[-1]) for row in rows.all()))
    return found


async def test_the_campaigns_list_walks_the_counters_index(store: Store) -> None:
    account = (await seed(store)).account.id
    for plan in await plans(store, lambda s: views.list_campaigns(s, account, before=10**9)):
        assert "TEMP B-TREE" not in plan, plan
        assert "messages" not in plan, plan  # not one message read, at any size
        assert "ix_campaign_counts_account_id_last_key" in plan, plan


@pytest.mark.parametrize(
    ("account", "filters", "constraint"),
    [
        (True, {}, "account_id=?"),
        (True, {"actor": "ops"}, "account_id=? AND actor=?"),
        (True, {"action": "unbounce"}, "account_id=? AND action=?"),
        (True, {"subject": "gone@x.test"}, "account_id=? AND subject=?"),
        (False, {"actor": "ops"}, "actor=?"),
        (False, {"action": "unbounce"}, "action=?"),
        (False, {"subject": "gone@x.test"}, "subject=?"),
    ],
)
async def test_the_audit_page_reads_an_index_of_its_filters_in_page_order(
    store: Store, account: bool, filters: dict[str, str], constraint: str
) -> None:
    seeded: Seeded = await seed(store)
    account_id = seeded.account.id if account else None
    found = await plans(
        store, lambda s: listings.audit_page(s, account_id=account_id, before=10**9, **filters)
    )
    [plan] = found
    assert "TEMP B-TREE" not in plan, plan
    audit = next(line for line in plan.splitlines() if "audit_log" in line)
    assert audit.startswith("SEARCH audit_log USING INDEX ix_audit_log_"), plan
    assert f"({constraint} AND id<?)" in audit.replace("rowid<", "id<"), plan


@pytest.mark.parametrize(
    "page",
    [
        lambda s, a: views.list_messages(s, a, search="spring"),
        lambda s, a: views.list_messages(s, a, search="<one@acme.example>", before=10**9),
        lambda s, a: views.list_messages(s, a, search="gone@x.test"),
        lambda s, a: views.target(s, a, "campaign", "spring"),
        lambda s, a: views.target(s, a, "message", "<one@acme.example>"),
        lambda s, a: views.recipients(s, a, "campaign", "spring", views.Tab.BOUNCED),
    ],
    ids=["search-campaign", "search-message-id", "search-recipient", "campaign", "message", "tab"],
)
async def test_a_search_or_a_report_reads_only_its_messages_by_index(
    store: Store, page: Callable[[Any, int], Awaitable[object]]
) -> None:
    """Not a walk of all the account's messages newest first, checking each (with a
    million messages, a campaign's or a Message-ID's are a few of them)."""
    account = (await seed(store)).account.id
    for plan in await plans(store, lambda s: page(s, account)):
        for line in plan.splitlines():
            if re.search(r"\bmessages\b", line):
                assert line.startswith("SEARCH messages USING "), plan
                assert "ix_messages_account_id_id " not in line, plan


@pytest.mark.parametrize(
    ("kind", "value"), [("campaign", "spring"), ("message", "<one@acme.example>")]
)
async def test_a_report_tab_walks_its_messages_in_order_and_stops_at_the_page(
    store: Store, kind: str, value: str
) -> None:
    """No set of every message key of the campaign built first (half a million for a large
    one), no sort: the messages in index order, each one's copies by the message_id index."""
    account = (await seed(store)).account.id
    [plan, *_] = await plans(
        store, lambda s: views.recipients(s, account, kind, value, views.Tab.BOUNCED, after="1.1")
    )
    assert "TEMP B-TREE" not in plan, plan
    assert "LIST SUBQUERY" not in plan, plan
    assert plan.splitlines()[0].startswith("SEARCH messages USING "), plan
