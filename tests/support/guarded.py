"""An account the bounce-rate guard paused for real: copies sent, some of them hard-bounced,
recorded through storage.bounces with the guard on (as the bounce recorder does)."""

from __future__ import annotations

from sqlalchemy import update

from config import Settings
from relay.bounce.policy import policy_of
from relay.bounce.recording import record_bounce
from storage.accounts import AccountInfo
from storage.bounces import BounceEvidence
from storage.engine import Store, utcnow
from storage.messages import NewMessage, record_message
from storage.models import BounceSource, Recipient, RecipientStatus
from storage.outcome_counts import count_outcomes


async def send_and_bounce(
    store: Store, settings: Settings, account: AccountInfo, *, sent: int, bounced: int
) -> None:
    """``sent`` copies of one message delivered, then ``bounced`` of them hard-bounce."""
    addresses = [f"r{i}@dest.example" for i in range(sent)]
    async with store.transaction() as session:
        _, claims = await record_message(
            session,
            NewMessage(account.id, f"<g-{account.name}>", "", "n@x", b"b", addresses, []),
            now=utcnow(),
            lease=0,
            lifetime=60,
        )
        ids = [c.recipient_id for c in claims]
        await session.run_sync(count_outcomes, ids, RecipientStatus.SENT)
        await session.execute(
            update(Recipient).where(Recipient.id.in_(ids)).values(status=RecipientStatus.SENT)
        )
    for address, recipient_id in list(zip(addresses, ids, strict=True))[:bounced]:
        async with store.transaction() as session:
            evidence = BounceEvidence(
                address, True, "user_unknown", "5.1.1", 550, "550 5.1.1 no such user",
                BounceSource.DSN, recipient_id=recipient_id,
            )  # fmt: skip
            await record_bounce(session, evidence, now=utcnow(), policy=policy_of(settings))
