"""The read model of the API and the dashboard, on a store filled by the relay's own writers."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from config import async_database_url
from storage import history, views
from storage.engine import Store, open_store
from storage.schema import ensure_schema
from storage.views import Tab
from tests.support.dashboard import HOSTILE, NOW, RAW_BOUNCE, Seeded, seed


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


@pytest.fixture
async def seeded(store: Store) -> Seeded:
    return await seed(store)


async def test_messages_come_newest_first_with_their_counts(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        rows = await views.list_messages(session, seeded.account.id)
    assert [m.message_id for m in rows] == [
        "<three@acme.example>",
        "<two@acme.example>",
        "<one@acme.example>",
    ]
    one = rows[2].counts
    assert (one.sent, one.bounced, one.not_sent, one.deferred) == (2, 2, 0, 1)
    assert one.bounce_rate == pytest.approx(0.5)
    assert rows[1].counts.not_sent == 1


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("one@acme.example", ["<one@acme.example>"]),  # a Message-ID without its brackets
        ("<two@acme.example>", ["<two@acme.example>"]),
        ("spring", ["<two@acme.example>", "<one@acme.example>"]),
        ("A@Y.test", ["<three@acme.example>"]),  # a recipient, compared case-insensitively
        ("GONE@x.test", ["<two@acme.example>", "<one@acme.example>"]),
        ("nobody@nowhere.test", []),
        ("@@", []),
    ],
)
async def test_search_by_message_id_campaign_or_recipient(
    store: Store, seeded: Seeded, term: str, found: list[str]
) -> None:
    async with store.reading() as session:
        rows = await views.list_messages(session, seeded.account.id, search=term)
    assert [m.message_id for m in rows] == found


async def test_pages_follow_the_cursor_without_gaps(store: Store, seeded: Seeded) -> None:
    seen: list[str] = []
    before = None
    async with store.reading() as session:
        while True:
            page = await views.list_messages(session, seeded.account.id, before=before, limit=1)
            if not page:
                break
            seen.append(page[0].message_id)
            before = page[-1].id
    assert seen == ["<three@acme.example>", "<two@acme.example>", "<one@acme.example>"]


async def test_a_campaign_report_splits_the_recipients_into_tabs(
    store: Store, seeded: Seeded
) -> None:
    async with store.reading() as session:
        found = await views.target(session, seeded.account.id, "campaign", "spring")
        assert found is not None
        tabs = {
            tab: await views.recipients(session, seeded.account.id, "campaign", "spring", tab)
            for tab in Tab
        }
    assert (found.counts.sent, found.counts.bounced, found.counts.not_sent) == (2, 2, 1)
    assert found.counts.deferred == 2  # later@ deferred, new@ still queued
    assert found.message_count == 2  # the other account's "spring" is not acme's
    assert [m.message_id for m in found.messages] == ["<two@acme.example>", "<one@acme.example>"]
    assert sorted(r.address for r in tabs[Tab.SENT]) == ["ok@x.test", "spam@x.test"]
    bounced = {r.address: r for r in tabs[Tab.BOUNCED]}
    assert set(bounced) == {"gone@x.test", "evil@x.test"}
    gone = bounced["gone@x.test"].bounce
    assert gone is not None
    assert (gone.hard, gone.reason, gone.status, gone.reply_code) == (
        True, "user_unknown", "5.1.1", 550,
    )  # fmt: skip
    assert gone.has_raw
    assert gone.id == seeded.bounce_id
    evil = bounced["evil@x.test"].bounce
    assert evil is not None
    assert evil.diagnostic == HOSTILE
    (not_sent,) = tabs[Tab.NOT_SENT]
    assert (not_sent.address, not_sent.why) == ("gone@x.test", "previously bounced")
    deferred = {r.address: r for r in tabs[Tab.DEFERRED]}
    assert deferred["later@x.test"].next_attempt == NOW + dt.timedelta(minutes=30)


async def test_a_message_is_found_with_or_without_brackets(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        bare = await views.target(session, seeded.account.id, "message", "one@acme.example")
        other = await views.target(session, seeded.other.id, "message", "<one@acme.example>")
        missing = await views.target(session, seeded.account.id, "message", "<nope@x>")
    assert bare is not None
    assert bare.value == "<one@acme.example>"
    assert bare.counts.total == 5
    assert other is not None
    assert other.counts.total == 1
    assert missing is None


async def test_recipient_pages_follow_the_cursor(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        first = await views.recipients(
            session, seeded.account.id, "campaign", "spring", Tab.BOUNCED, limit=1
        )
        second = await views.recipients(
            session, seeded.account.id, "campaign", "spring", Tab.BOUNCED, after=first[0].cursor
        )
    assert [r.address for r in first + second] == ["gone@x.test", "evil@x.test"]


async def test_recipient_pages_run_message_by_message(store: Store, seeded: Seeded) -> None:
    seen: list[str] = []
    after = None
    async with store.reading() as session:
        for _ in range(5):
            page = await views.recipients(
                session, seeded.account.id, "campaign", "spring", Tab.DEFERRED, after=after,
                limit=1,
            )  # fmt: skip
            if not page:
                break
            seen += [r.address for r in page]
            after = page[-1].cursor
        with pytest.raises(ValueError, match="not a cursor"):
            await views.recipients(
                session, seeded.account.id, "campaign", "spring", Tab.SENT, after="12"
            )
    assert seen == ["later@x.test", "new@x.test"]


async def test_campaigns_come_newest_first(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        rows = await views.list_campaigns(session, seeded.account.id)
        rest = await views.list_campaigns(session, seeded.account.id, before=rows[0].last_key)
    assert [(c.campaign, c.messages) for c in rows] == [("autumn", 1), ("spring", 2)]
    assert [c.campaign for c in rest] == ["spring"]


async def test_an_address_record_is_in_time_order_with_its_state(
    store: Store, seeded: Seeded
) -> None:
    async with store.reading() as session:
        events = await history.address_events(session, seeded.account.id, "gone@x.test")
        state = await history.address_state(session, seeded.account.id, "acme", "gone@x.test")
        clean = await history.address_state(session, seeded.account.id, "acme", "ok@x.test")
    assert [e.kind for e in events] == ["send", "bounce", "suppression", "send"]
    # the suppression and its bounce are written in one transaction: the same instant
    assert events[1].at == events[2].at
    assert events[1].bounce is not None
    assert events[1].bounce.id == seeded.bounce_id
    assert "previously bounced" in events[3].summary
    assert state.line() == "Suppressed for acme since 2026-11-23: user_unknown 5.1.1"
    assert not clean.suppressed
    assert clean.line().startswith("Not suppressed")


async def test_a_complaint_is_its_own_kind_of_event(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        events = await history.address_events(session, seeded.account.id, "spam@x.test")
    assert [e.kind for e in events] == ["send", "complaint", "suppression"]


async def test_a_bounce_and_its_raw_message(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        found = await history.bounce_by_id(session, seeded.bounce_id)
        raw = await history.bounce_raw(session, seeded.bounce_id)
        none = await history.bounce_raw(session, seeded.hostile_bounce_id)
    assert found is not None
    assert found.account_id == seeded.account.id
    assert (found.address, found.campaign) == ("gone@x.test", "spring")
    assert raw == RAW_BOUNCE
    assert none is None


@pytest.mark.parametrize("interval", ["hour", "day", "month"])
async def test_stats_per_interval(store: Store, seeded: Seeded, interval: str) -> None:
    async with store.reading() as session:
        rows = await history.stats(
            session,
            seeded.account.id,
            start=NOW - dt.timedelta(days=1),
            end=NOW + dt.timedelta(days=1),
            interval=interval,
        )
    total = {
        key: sum(getattr(r, key) for r in rows)
        for key in ("sent", "delivered", "bounced_hard", "bounced_soft", "complaints", "not_sent")
    }
    assert total == {
        "sent": 4, "delivered": 0, "bounced_hard": 2, "bounced_soft": 0, "complaints": 1,
        "not_sent": 1,
    }  # fmt: skip
    if interval == "day":
        assert [r.start for r in rows] == ["2026-11-23"]
        assert rows[0].bounce_rate == pytest.approx(0.5)
        assert rows[0].complaint_rate == pytest.approx(0.25)
    if interval == "hour":
        assert rows[0].start == "2026-11-23T12:00Z"


async def test_top_reasons_and_domains(store: Store, seeded: Seeded) -> None:
    async with store.reading() as session:
        reasons = await history.top_reasons(session, seeded.account.id, since=NOW)
        domains = await history.top_domains(session, seeded.account.id, since=NOW)
    assert reasons == [("user_unknown", 2), ("feedback", 1)]
    assert domains == [("x.test", 3)]
