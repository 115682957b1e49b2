"""``relay webhooks add|list|remove|log`` and the SSRF guard, at registration and delivery."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from relay.webhooks.secrets import PREFIX, seal, unseal
from relay.webhooks.targets import TargetRefused, is_internal, parse_target, resolve
from storage.models import WebhookEndpoint
from storage.webhooks import EventType
from tests.conftest import MakeRelay
from tests.support import db
from tests.support.cli import relay_cmd
from tests.support.harness import Relay, message
from tests.support.webhook_receiver import Receiver
from tests.support.webhooks import SENDER, attempts, eventually, register

FAST = {"retry_schedule": [0.2], "poll_interval": 0.1, "timeout": 5.0}


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    made.start()
    yield made
    made.stop()


async def test_add_prints_the_secret_once_and_stores_it_sealed(
    make_relay: MakeRelay, tmp_path: Path, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks={**FAST, "allow_private": True})
    assert (await relay_cmd(tmp_path, "users", "add", "root", "--role", "operator")).returncode == 0
    done = await relay_cmd(
        tmp_path, "webhooks", "add", receiver.url, "--account", "acme",
        "--events", "message.delivered,suppression.created", "--as", "root",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    secret = done.stdout.strip().splitlines()[-1]
    assert secret.startswith(PREFIX)
    assert len(secret) > 40
    async with db.store_of(relay).reading() as session:
        stored = (await session.scalars(select(WebhookEndpoint))).one()
    assert secret not in stored.secret
    assert secret[len(PREFIX) :] not in stored.secret
    assert unseal(stored.secret, relay.key) == secret
    listed = await relay_cmd(tmp_path, "webhooks", "list", "--json")
    assert '"state": "enabled"' in listed.stdout
    assert receiver.url in listed.stdout
    assert secret not in listed.stdout

    # The printed secret is what the receiver verifies with.
    receiver.secret = secret
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["a@example.net"], message(SENDER, "a@example.net"))
    await eventually(lambda: _arrived(receiver))
    log = await relay_cmd(tmp_path, "webhooks", "log", str(stored.id), "--json")
    assert '"event": "message.delivered"' in log.stdout
    assert '"status": 204' in log.stdout

    removed = await relay_cmd(tmp_path, "webhooks", "remove", str(stored.id), "--as", "root")
    assert removed.returncode == 0, removed.stderr
    assert receiver.url not in (await relay_cmd(tmp_path, "webhooks", "list")).stdout
    audit = await relay_cmd(tmp_path, "audit", "--json")
    assert "webhook_add" in audit.stdout
    assert "webhook_remove" in audit.stdout


async def _arrived(receiver: Receiver) -> bool:
    return len(receiver.arrivals) == 1


async def test_only_an_admin_of_the_account_may_add(
    make_relay: MakeRelay, tmp_path: Path, receiver: Receiver
) -> None:
    await make_relay(webhooks={**FAST, "allow_private": True})
    assert (await relay_cmd(tmp_path, "users", "add", "root", "--role", "operator")).returncode == 0
    made = await relay_cmd(
        tmp_path, "users", "add", "vic", "--account", "acme", "--role", "viewer", "--as", "root"
    )
    assert made.returncode == 0, made.stderr
    done = await relay_cmd(
        tmp_path, "webhooks", "add", receiver.url, "--account", "acme",
        "--events", "all", "--as", "vic",
    )  # fmt: skip
    assert done.returncode == 3
    assert done.stderr.startswith("relay: refused: user vic is a viewer")
    assert "whsec_" not in done.stdout


async def test_bad_events_and_internal_targets_are_refused(
    make_relay: MakeRelay, tmp_path: Path
) -> None:
    await make_relay(webhooks=FAST)  # allow_private off, as in production
    bad_event = await relay_cmd(
        tmp_path, "webhooks", "add", "https://hooks.example.com/x", "--account", "acme",
        "--events", "message.bounced,message.exploded",
    )  # fmt: skip
    assert bad_event.returncode == 2
    assert "unknown event message.exploded" in bad_event.stderr
    for url in (
        "http://127.0.0.1:9/hooks",
        "http://localhost/hooks",
        "http://[::1]/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/x",
        "http://192.168.0.1/x",
        "http://[::ffff:127.0.0.1]/x",
        "ftp://example.com/x",
        "http://user:pw@example.com/x",
    ):
        done = await relay_cmd(
            tmp_path, "webhooks", "add", url, "--account", "acme", "--events", "all"
        )
        assert done.returncode == 1, (url, done.stdout)
        assert done.stderr.startswith("relay: error: "), done.stderr
        assert "Traceback" not in done.stderr
    assert "http" not in (await relay_cmd(tmp_path, "webhooks", "list")).stdout


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
     "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1", "224.0.0.1"],  # noqa: S104
)  # fmt: skip
def test_internal_addresses(address: str) -> None:
    assert is_internal(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses(address: str) -> None:
    assert not is_internal(ipaddress.ip_address(address))


async def test_resolve_refuses_a_name_of_loopback_unless_allowed() -> None:
    target = parse_target("http://localhost:8080/hooks?x=1")
    assert target.path == "/hooks?x=1"
    assert target.host_header == "localhost:8080"
    with pytest.raises(TargetRefused, match="internal address"):
        await resolve(target, allow_private=False)
    assert is_internal(await resolve(target, allow_private=True))


def test_a_secret_sealed_under_another_key_does_not_open() -> None:
    sealed = seal("whsec_c2VjcmV0", b"one-key-0123456789")
    assert unseal(sealed, b"one-key-0123456789") == "whsec_c2VjcmV0"
    with pytest.raises(Exception, match="another VERP key"):
        unseal(sealed, b"another-key-0123456789")


async def test_delivery_checks_the_target_again(make_relay: MakeRelay, receiver: Receiver) -> None:
    # Registered while private targets were allowed; the relay now refuses them: nothing is
    # sent, and the attempt says why.
    relay: Relay = await make_relay(webhooks=FAST)
    done = await register(relay.settings, receiver, events=[EventType.MESSAGE_DELIVERED])
    async with relay.client() as smtp:
        await smtp.sendmail(SENDER, ["a@example.net"], message(SENDER, "a@example.net"))

    async def refused() -> bool:
        return any(
            (a.error or "").startswith("refused: 127.0.0.1 resolves to an internal address")
            for a in await attempts(relay.settings, done.endpoint_id)
        )

    await eventually(refused)
    assert receiver.requests == 0


async def test_test_sends_one_signed_event_to_that_endpoint(
    make_relay: MakeRelay, tmp_path: Path, receiver: Receiver
) -> None:
    relay = await make_relay(webhooks={**FAST, "allow_private": True})
    done = await register(relay.settings, receiver, events=[EventType.MESSAGE_BOUNCED])
    assert (await relay_cmd(tmp_path, "users", "add", "root", "--role", "operator")).returncode == 0
    assert (await relay_cmd(tmp_path, "users", "add", "vic", "--role", "viewer",
                            "--account", "acme", "--as", "root")).returncode == 0  # fmt: skip
    viewer = await relay_cmd(tmp_path, "webhooks", "test", str(done.endpoint_id), "--as", "vic")
    missing = await relay_cmd(tmp_path, "webhooks", "test", "999", "--as", "root")
    sent = await relay_cmd(tmp_path, "webhooks", "test", str(done.endpoint_id), "--as", "root")
    assert viewer.returncode != 0
    assert "Traceback" not in viewer.stderr + missing.stderr
    assert missing.returncode != 0
    assert "no webhook 999" in missing.stderr
    assert sent.returncode == 0, sent.stderr
    await eventually(lambda: _arrived(receiver))
    [arrival] = receiver.arrivals
    assert arrival.type == "webhook.test"
    assert arrival.webhook_id in sent.stdout
    log = await relay_cmd(tmp_path, "webhooks", "log", str(done.endpoint_id), "--json")
    assert '"event": "webhook.test"' in log.stdout
