"""Events reach a registered endpoint, signed so that the ``standardwebhooks`` package
verifies them, in order per address, retried while the endpoint is down, and an endpoint
that answers 410 or fails for the whole retry window is disabled."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from storage.webhooks import EventType
from tests.conftest import MakeRelay
from tests.relay.http.test_metrics import samples, scrape
from tests.support.harness import Relay, message
from tests.support.upstream import Upstream
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import (
    SENDER,
    attempts,
    endpoint_state,
    eventually,
    outcomes_and_outbox,
    register,
    wait_until,
)

FAST = {"allow_private": True, "retry_schedule": [0.2], "poll_interval": 0.1, "timeout": 5.0}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.start()
    yield made
    made.stop()


async def _disabled(relay: Relay, endpoint_id: int) -> bool:
    return (await endpoint_state(relay.settings, endpoint_id)).disabled_at is not None


async def send(relay: Relay, to: list[str]) -> None:
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, to, message(SENDER, ", ".join(to)))


async def test_bounce_delivery_and_suppression_arrive_signed_and_in_order(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks=FAST)
    await register(relay.settings, receiver)
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    await send(relay, ["ok@example.net", "gone@example.net"])
    await wait_until(lambda: len(receiver.arrivals) >= 3)
    # The suppression is known now: a second message to it reports the address not sent.
    await send(relay, ["ok2@example.net", "gone@example.net"])
    await wait_until(lambda: len(receiver.of_type("message.not_sent")) == 1)
    await wait_until(lambda: len(receiver.of_type("message.delivered")) == 2)

    assert receiver.unverified == []
    bounced = receiver.of_type("message.bounced")
    assert [b.data["address"] for b in bounced] == ["gone@example.net"]
    assert bounced[0].data["hard"] is True
    assert bounced[0].data["reply_code"] == 550
    assert bounced[0].data["status"] == "5.1.1"
    assert bounced[0].data["message_id"].startswith("<")
    delivered = {a.data["address"] for a in receiver.of_type("message.delivered")}
    assert delivered == {"ok@example.net", "ok2@example.net"}
    created = receiver.of_type("suppression.created")
    assert [c.data["address"] for c in created] == ["gone@example.net"]
    assert created[0].data["bounce_id"] == bounced[0].data["bounce_id"]
    not_sent = receiver.of_type("message.not_sent")[0]
    assert not_sent.data["address"] == "gone@example.net"
    assert not_sent.data["reason"] == "user_unknown"
    # In order per address: the bounce, then the suppression it caused, then the refusal.
    story = [a.type for a in receiver.arrivals if a.data.get("address") == "gone@example.net"]
    assert story == ["message.bounced", "suppression.created", "message.not_sent"]
    assert len({a.webhook_id for a in receiver.arrivals}) == len(receiver.arrivals)
    assert all(a.body["timestamp"].endswith("Z") for a in receiver.arrivals)


async def test_only_subscribed_events_are_written(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks=FAST)
    await register(relay.settings, receiver, events=[EventType.MESSAGE_BOUNCED])
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    await send(relay, ["ok@example.net", "gone@example.net"])
    await wait_until(lambda: len(receiver.arrivals) >= 1)
    await send(relay, ["ok@example.net"])
    assert len(upstream.received) == 2
    # Every attempt is logged: one per event, all of them the bounce.
    logged = await attempts(relay.settings, None)
    assert [a.event for a in logged] == ["message.bounced"]
    assert [a.type for a in receiver.arrivals] == ["message.bounced"]


async def test_a_receiver_down_for_a_while_gets_every_event_once_it_is_back(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks=FAST)
    done = await register(relay.settings, receiver, events=[EventType.MESSAGE_DELIVERED])
    port = receiver.port
    receiver.stop()
    for n in range(5):
        await send(relay, [f"r{n}@example.net"])
    # Attempts fail (connection refused), are logged with no status, and are retried.

    async def failed_often() -> bool:
        logged = await attempts(relay.settings, done.endpoint_id)
        return sum(a.status_code is None and a.error is not None for a in logged) >= 10

    await eventually(failed_often)
    # How far behind the webhooks are shows in /metrics: the oldest waiting event's age.
    await asyncio.sleep(0.2)
    found = samples((await scrape(relay)).text)
    assert found[("relay_webhook_events_waiting", ())] == 5
    assert found[("relay_webhook_oldest_event_seconds", ())] >= 0.2
    receiver.port = port
    receiver.start()
    await wait_until(lambda: len(receiver.arrivals) == 5)
    assert {a.data["address"] for a in receiver.arrivals} == {f"r{n}@example.net" for n in range(5)}
    state = await endpoint_state(relay.settings, done.endpoint_id)
    assert state.disabled_at is None
    assert state.pending == 0

    async def caught_up() -> bool:  # once the last settle has committed
        found = samples((await scrape(relay)).text)
        return found[("relay_webhook_oldest_event_seconds", ())] == 0

    await eventually(caught_up)


async def test_410_disables_the_endpoint(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks=FAST)
    done = await register(relay.settings, receiver, events=[EventType.MESSAGE_DELIVERED])
    receiver.status = 410
    await send(relay, ["one@example.net"])
    await wait_until(lambda: receiver.requests >= 1)
    await eventually(lambda: _disabled(relay, done.endpoint_id))
    state = await endpoint_state(relay.settings, done.endpoint_id)
    assert "410" in (state.disabled_reason or "")
    receiver.status = 204
    await send(relay, ["two@example.net"])
    assert receiver.requests == 1  # a disabled endpoint hears nothing more
    assert state.pending == 0


async def test_an_endpoint_failing_for_the_whole_window_is_disabled(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    # The window counts from the event's row: 3 s leaves room for the first try and a retry
    # (0.2 s apart) when the suite's load delays the dispatcher's first round (1 s did not).
    relay = await make_relay(webhooks={**FAST, "retry_window": 3.0})
    done = await register(relay.settings, receiver, events=[EventType.MESSAGE_DELIVERED])
    receiver.status = 503
    await send(relay, ["one@example.net"])
    await eventually(lambda: _disabled(relay, done.endpoint_id))
    state = await endpoint_state(relay.settings, done.endpoint_id)
    assert "failing for" in (state.disabled_reason or "")
    assert receiver.requests >= 2  # retried within the window first
    assert receiver.arrivals == []


async def test_no_event_is_written_until_an_endpoint_listens_then_every_one_is(
    make_relay: MakeRelay, upstream: Upstream, receiver: Receiver
) -> None:
    """With no endpoint the send path writes no outbox row (it builds no event); an endpoint
    registered while the relay runs hears the very next message's delivery, deferral and
    refusal (nothing cached in the relay keeps it deaf)."""
    relay = await make_relay(webhooks=FAST)
    upstream.rcpt_replies["later@example.net"] = "451 4.7.1 Try again later"
    upstream.rcpt_replies["gone@example.net"] = "550 5.1.1 User unknown"
    await send(relay, ["ok@example.net", "later@example.net", "gone@example.net"])
    await send(relay, ["ok2@example.net", "gone@example.net"])  # gone is suppressed now

    async def settled(count: int) -> bool:
        statuses, _ = await outcomes_and_outbox(relay.settings)
        return len(statuses) == count and all(s != "queued" for _, s in statuses)

    await eventually(lambda: settled(5))
    statuses, events = await outcomes_and_outbox(relay.settings)
    assert statuses == [
        ("gone@example.net", "bounced"), ("gone@example.net", "not_sent"),
        ("later@example.net", "deferred"), ("ok2@example.net", "sent"), ("ok@example.net", "sent"),
    ]  # fmt: skip
    assert events == 0

    await register(relay.settings, receiver)
    upstream.rcpt_replies["later2@example.net"] = "451 4.7.1 Try again later"
    await send(relay, ["ok3@example.net", "later2@example.net", "gone@example.net"])
    await wait_until(lambda: len(receiver.of_type("message.not_sent")) == 1)
    await wait_until(lambda: len(receiver.of_type("message.delivered")) >= 1)
    await wait_until(lambda: "later2@example.net" in _addresses(receiver, "message.deferred"))
    assert receiver.unverified == []
    assert _addresses(receiver, "message.not_sent") == ["gone@example.net"]
    assert "ok3@example.net" in _addresses(receiver, "message.delivered")


def _addresses(receiver: Receiver, kind: str) -> list[str]:
    return [str(e.data["address"]) for e in receiver.of_type(kind)]
