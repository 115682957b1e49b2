"""The outcome counters (storage.outcome_counts) next to what they count: the copies' rows."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import func, select

from storage.engine import Store
from storage.models import CampaignCounts, Message, MessageCounts, Recipient
from storage.outcome_counts import TABS, counts_by_tab

Counted = dict[Any, tuple[int, ...]]


def _nonzero(table: Counted) -> Counted:
    return {key: numbers for key, numbers in table.items() if any(numbers)}


async def counters(store: Store) -> tuple[Counted, Counted]:
    """(per message key, per (account, campaign)): the counters as kept, zero rows left out."""
    async with store.reading() as session:
        messages = await session.execute(
            select(MessageCounts.message_id, *(getattr(MessageCounts, t) for t in TABS))
        )
        campaigns = await session.execute(
            select(
                CampaignCounts.account_id,
                CampaignCounts.campaign,
                *(getattr(CampaignCounts, t) for t in TABS),
            )
        )
        return (
            _nonzero({key: tuple(n) for key, *n in messages.all()}),
            _nonzero({(a, c): tuple(n) for a, c, *n in campaigns.all()}),
        )


async def counted(store: Store) -> tuple[Counted, Counted]:
    """The same by COUNT(*) over the copies."""
    async with store.reading() as session:
        rows = await session.execute(
            select(
                Recipient.message_id, Message.account_id, Message.campaign, Recipient.status
            ).join(Message, Message.id == Recipient.message_id)
        )
        by_message: dict[Any, list[Any]] = defaultdict(list)
        by_campaign: dict[Any, list[Any]] = defaultdict(list)
        for key, account_id, campaign, status in rows.all():
            by_message[key].append((status, 1))
            by_campaign[(account_id, campaign)].append((status, 1))

    def table(groups: dict[Any, list[Any]]) -> Counted:
        return _nonzero(
            {key: tuple(counts_by_tab(pairs).values()) for key, pairs in groups.items()}
        )

    return table(by_message), table(by_campaign)


async def campaign_lists(store: Store) -> tuple[Counted, Counted]:
    """Each campaign's (messages, newest message's key, its time): as kept, and by GROUP BY
    over the messages."""
    async with store.reading() as session:
        kept = await session.execute(
            select(
                CampaignCounts.account_id,
                CampaignCounts.campaign,
                CampaignCounts.messages,
                CampaignCounts.last_key,
                CampaignCounts.last_at,
            ).where(CampaignCounts.messages > 0)
        )
        newest = func.max(Message.id)
        groups = (
            await session.execute(
                select(Message.account_id, Message.campaign, func.count(), newest).group_by(
                    Message.account_id, Message.campaign
                )
            )
        ).all()
        when = dict((await session.execute(select(Message.id, Message.received_at))).all())
        return (
            {(a, c): (n, key, at) for a, c, n, key, at in kept.all()},
            {(a, c): (n, key, when[key]) for a, c, n, key in groups},
        )


async def assert_counters_match(store: Store) -> tuple[Counted, Counted]:
    """The counters equal COUNT(*) over the copies, and each campaign's number of messages and
    newest message those of the messages; returns the counters."""
    kept, truth = await counters(store), await counted(store)
    assert kept == truth
    listed, grouped = await campaign_lists(store)
    assert listed == grouped
    return kept
