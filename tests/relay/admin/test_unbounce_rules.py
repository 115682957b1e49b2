"""Every unbounce rule of SPEC §5 against a real SQLite store, with the clock given."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from config import async_database_url, load_settings
from relay.admin import unbounce_rules, users
from relay.admin.rules import Refused
from storage import admin
from storage.accounts import AccountInfo, add_account
from storage.engine import Store, open_store
from storage.messages import add_contacts
from storage.models import Role
from storage.schema import ensure_schema
from storage.suppression_lists import ImportedAddress, import_suppressions
from storage.suppressions import suppress, suppressions_for
from tests.support.records import hard_bounced

NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
SETTINGS = load_settings(environ={})


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[Store]:
    store = open_store(async_database_url(database_url))
    await ensure_schema(store)
    yield store
    await store.close()


async def setup_account(
    store: Store, name: str = "acme", *, authenticated: bool = True, contacts: int = 0
) -> AccountInfo:
    async with store.transaction() as session:
        account = await add_account(session, name, [f"{name}.example"])
        if authenticated:
            await admin.store_domain_check(
                session, f"{name}.example", passed=True, detail=[], now=NOW - dt.timedelta(days=1)
            )
        if contacts:
            await add_contacts(
                session, account.id, [f"c{n}@contacts.test" for n in range(contacts)], now=NOW
            )
    return account


async def user(store: Store, name: str, role: Role, account: str | None) -> admin.UserInfo:
    async with store.transaction() as session:
        return await admin.add_user(session, name, role, account, now=NOW)


async def hard_bounce(
    store: Store, account: AccountInfo, address: str, *, reason: str = "user_unknown"
) -> None:
    """A real hard bounce of a copy sent by ``account`` (so the suppression has evidence)."""
    async with store.transaction() as session:
        await hard_bounced(session, account.id, address, reason=reason, now=NOW)


async def unbounce(
    store: Store, who: admin.UserInfo, account: AccountInfo, address: str, now: dt.datetime = NOW
) -> unbounce_rules.Quota:
    async with store.transaction() as session:
        return await unbounce_rules.unbounce(session, SETTINGS, who, account, address, now)


async def suppressed(store: Store, account: AccountInfo, address: str) -> bool:
    async with store.reading() as session:
        return address in await suppressions_for(session, account.id, [address])


@pytest.mark.parametrize(
    ("contacts", "quota"),
    [(0, 10), (10, 10), (499, 10), (500, 10), (549, 10), (550, 11), (50_000, 1000), (60_000, 1000)],
)
def test_monthly_quota(contacts: int, quota: int) -> None:
    assert unbounce_rules.monthly_quota(contacts) == quota


@pytest.mark.parametrize("role", [Role.SUPER_ADMIN, Role.MARKETING_EMAIL])
async def test_allowed_roles_unbounce_and_the_address_is_sendable_again(
    store: Store, role: Role
) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", role, "acme")
    await hard_bounce(store, acme, "dead@x.test")
    assert await suppressed(store, acme, "dead@x.test")
    quota = await unbounce(store, who, acme, "dead@x.test")
    assert (quota.used, quota.allowed) == (1, 10)
    assert not await suppressed(store, acme, "dead@x.test")


@pytest.mark.parametrize("role", [Role.VIEWER, Role.OPERATOR])
async def test_other_roles_are_refused(store: Store, role: Role) -> None:
    acme = await setup_account(store)
    who = await user(store, "vic", role, None if role is Role.OPERATOR else "acme")
    await hard_bounce(store, acme, "dead@x.test")
    with pytest.raises(Refused, match="only a marketing_email or a super_admin may"):
        await unbounce(store, who, acme, "dead@x.test")
    assert await suppressed(store, acme, "dead@x.test")


async def test_a_user_of_another_account_is_refused(store: Store) -> None:
    acme = await setup_account(store)
    await setup_account(store, "other")
    who = await user(store, "olga", Role.SUPER_ADMIN, "other")
    await hard_bounce(store, acme, "dead@x.test")
    with pytest.raises(Refused, match="does not belong to account acme"):
        await unbounce(store, who, acme, "dead@x.test")


async def test_an_account_without_an_authenticated_domain_is_refused(store: Store) -> None:
    acme = await setup_account(store, authenticated=False)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    await hard_bounce(store, acme, "dead@x.test")
    with pytest.raises(Refused, match="no authenticated sending domain"):
        await unbounce(store, who, acme, "dead@x.test")


async def test_a_stale_or_failed_domain_check_does_not_count(store: Store) -> None:
    acme = await setup_account(store, authenticated=False)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    await hard_bounce(store, acme, "dead@x.test")
    async with store.transaction() as session:
        await admin.store_domain_check(
            session, "acme.example", passed=True, detail=[], now=NOW - dt.timedelta(days=8)
        )
    with pytest.raises(Refused, match="no authenticated sending domain"):
        await unbounce(store, who, acme, "dead@x.test")
    async with store.transaction() as session:  # the latest check failing wins too
        await admin.store_domain_check(session, "acme.example", passed=True, detail=[], now=NOW)
        await admin.store_domain_check(
            session, "acme.example", passed=False, detail=[], now=NOW + dt.timedelta(seconds=1)
        )
    with pytest.raises(Refused, match="no authenticated sending domain"):
        await unbounce(store, who, acme, "dead@x.test", NOW + dt.timedelta(seconds=2))


async def test_an_address_is_unbounced_only_once_and_a_rebounce_suppresses_again(
    store: Store,
) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    await hard_bounce(store, acme, "dead@x.test")
    await unbounce(store, who, acme, "dead@x.test")
    await hard_bounce(store, acme, "dead@x.test")
    assert await suppressed(store, acme, "dead@x.test")
    with pytest.raises(Refused, match="already unbounced once"):
        await unbounce(store, who, acme, "dead@x.test", NOW + dt.timedelta(days=3))


async def test_a_global_suppression_is_refused_to_the_account(store: Store) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    async with store.transaction() as session:
        await suppress(
            session,
            account_id=None,
            address="g@x.test",
            reason="host_unknown",
            detail=None,
            bounce_id=None,
            now=NOW,
        )
    with pytest.raises(Refused, match="only the relay's operator can lift a global bounce"):
        await unbounce(store, who, acme, "g@x.test")


async def test_an_address_that_is_not_suppressed_is_refused(store: Store) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    with pytest.raises(Refused, match="not suppressed"):
        await unbounce(store, who, acme, "fine@x.test")


async def test_a_complaint_cannot_be_unbounced(store: Store) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    async with store.transaction() as session:
        await suppress(
            session,
            account_id=acme.id,
            address="angry@x.test",
            reason="complaint",
            detail=None,
            bounce_id=None,
            now=NOW,
        )
    with pytest.raises(Refused, match="complaint"):
        await unbounce(store, who, acme, "angry@x.test")


@pytest.mark.parametrize(("contacts", "quota"), [(10, 10), (499, 10), (500, 10), (600, 12)])
async def test_the_quota_is_enforced_at_its_edge(store: Store, contacts: int, quota: int) -> None:
    acme = await setup_account(store, contacts=contacts)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    for n in range(quota + 1):
        await hard_bounce(store, acme, f"d{n}@x.test")
    for n in range(quota):
        left = await unbounce(store, who, acme, f"d{n}@x.test")
    assert (left.used, left.remaining) == (quota, 0)
    with pytest.raises(Refused, match=f"{quota} of {quota} used this month, 0 remaining"):
        await unbounce(store, who, acme, f"d{quota}@x.test")


async def _fill_quota(store: Store, account: AccountInfo, count: int, at: dt.datetime) -> None:
    async with store.transaction() as session:
        for n in range(count):
            await admin.record_unbounce(
                session,
                account_id=account.id,
                address=f"old{n}@x.test",
                user_id=None,
                reason="user_unknown",
                bounce_id=None,
                now=at,
            )


@pytest.mark.parametrize(("contacts", "quota"), [(50_000, 1000), (60_000, 1000)])
async def test_large_accounts_are_capped_at_1000(store: Store, contacts: int, quota: int) -> None:
    acme = await setup_account(store, contacts=contacts)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    await _fill_quota(store, acme, quota - 1, NOW - dt.timedelta(hours=1))
    await hard_bounce(store, acme, "a@x.test")
    await hard_bounce(store, acme, "b@x.test")
    left = await unbounce(store, who, acme, "a@x.test")
    assert (left.used, left.allowed, left.remaining) == (1000, 1000, 0)
    with pytest.raises(Refused, match="1000 of 1000 used"):
        await unbounce(store, who, acme, "b@x.test")


async def test_the_quota_starts_again_on_the_first_of_the_month_utc(store: Store) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", Role.SUPER_ADMIN, "acme")
    last_second = dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=dt.UTC)
    async with store.transaction() as session:  # a fresh domain check for that day
        await admin.store_domain_check(
            session, "acme.example", passed=True, detail=[], now=last_second - dt.timedelta(hours=1)
        )
    await _fill_quota(store, acme, 10, last_second)
    await hard_bounce(store, acme, "a@x.test")
    with pytest.raises(Refused, match="10 of 10 used"):
        await unbounce(store, who, acme, "a@x.test", last_second)
    # 23:59:59 UTC on Nov 30 is already December 1st in Tokyo, but the month is UTC's
    tokyo = dt.timezone(dt.timedelta(hours=9))
    with pytest.raises(Refused, match="10 of 10 used"):
        await unbounce(store, who, acme, "a@x.test", last_second.astimezone(tokyo))
    async with store.transaction() as session:  # the domain check must still be fresh
        await admin.store_domain_check(
            session, "acme.example", passed=True, detail=[], now=last_second
        )
    left = await unbounce(store, who, acme, "a@x.test", last_second + dt.timedelta(seconds=1))
    assert (left.used, left.remaining) == (1, 9)


async def test_the_operator_lifts_a_global_suppression_but_not_an_abandoned_mailbox(
    store: Store,
) -> None:
    op = await user(store, "root", Role.OPERATOR, None)
    async with store.transaction() as session:
        for address, reason in [
            ("h@x.test", "host_unknown"),
            ("u@x.test", "user_unknown"),
            ("f@x.test", "mailbox_full"),
        ]:
            await suppress(
                session,
                account_id=None,
                address=address,
                reason=reason,
                detail=None,
                bounce_id=None,
                now=NOW,
            )
    async with store.transaction() as session:
        await unbounce_rules.global_unbounce(session, op, "h@x.test", NOW)
    for address in ("u@x.test", "f@x.test"):
        async with store.transaction() as session:
            with pytest.raises(Refused, match="probably abandoned"):
                await unbounce_rules.global_unbounce(session, op, address, NOW)
    acme = await setup_account(store)
    async with store.reading() as session:
        found = await suppressions_for(session, acme.id, ["h@x.test", "u@x.test", "f@x.test"])
    assert set(found) == {"u@x.test", "f@x.test"}


async def test_only_an_operator_lifts_a_global_suppression(store: Store) -> None:
    await setup_account(store)
    boss = await user(store, "boss", Role.SUPER_ADMIN, "acme")
    async with store.transaction() as session:
        await suppress(
            session,
            account_id=None,
            address="h@x.test",
            reason="host_unknown",
            detail=None,
            bounce_id=None,
            now=NOW,
        )
    async with store.transaction() as session:
        with pytest.raises(Refused, match="only an operator"):
            await unbounce_rules.global_unbounce(session, boss, "h@x.test", NOW)


async def test_every_unbounce_is_audited(store: Store) -> None:
    acme = await setup_account(store)
    who = await user(store, "ann", Role.MARKETING_EMAIL, "acme")
    await hard_bounce(store, acme, "dead@x.test")
    await unbounce(store, who, acme, "dead@x.test")
    async with store.reading() as session:
        (entry,) = await admin.audit_log(session, account_id=acme.id, since=None)
    assert (entry.actor, entry.action, entry.subject) == ("ann", "unbounce", "dead@x.test")
    assert "user_unknown" in (entry.detail or "")


async def test_an_imported_suppression_list_does_not_raise_the_quota(store: Store) -> None:
    acme = await setup_account(store, contacts=100)
    rows = [ImportedAddress(f"i{n}@imported.test", "imported", None, NOW) for n in range(5_000)]
    async with store.transaction() as session:
        counts = await import_suppressions(session, acme.id, [rows])
        assert counts.imported == 5_000
        quota = await unbounce_rules.quota_of(session, acme.id, NOW)
    assert quota.allowed == 10  # 2% of the 100 real contacts, at least 10; not 2% of 5,100


async def test_removing_a_user_keeps_its_unbounces_counted(store: Store) -> None:
    acme = await setup_account(store)
    root = await user(store, "root", Role.OPERATOR, None)
    meg = await user(store, "meg", Role.MARKETING_EMAIL, "acme")
    await hard_bounce(store, acme, "dead@x.test")
    assert (await unbounce(store, meg, acme, "dead@x.test")).used == 1
    async with store.transaction() as session:
        await users.remove_user(session, root.name, "meg", NOW)
    async with store.reading() as session:
        assert (await unbounce_rules.quota_of(session, acme.id, NOW)).used == 1
        assert await admin.unbounced_before(session, acme.id, "dead@x.test")


async def test_the_first_user_is_an_operator_and_the_last_operator_stays(store: Store) -> None:
    await setup_account(store)
    async with store.transaction() as session:
        with pytest.raises(Refused, match="the first user must be an operator"):
            await users.add_user(session, None, "ann", Role.SUPER_ADMIN, "acme", NOW)
        await users.add_user(session, None, "root", Role.OPERATOR, None, NOW)
        await users.add_user(session, "root", "ann", Role.SUPER_ADMIN, "acme", NOW)
    async with store.transaction() as session:
        with pytest.raises(Refused, match="last operator"):
            await users.set_role(session, "root", "root", Role.VIEWER, "acme", NOW)
        with pytest.raises(Refused, match="last operator"):
            await users.remove_user(session, "root", "root", NOW)
        with pytest.raises(Refused, match="only an operator may change an operator"):
            await users.remove_user(session, "ann", "root", NOW)
    async with store.reading() as session:
        assert [(u.name, u.role) for u in await admin.list_users(session)] == [
            ("ann", Role.SUPER_ADMIN),
            ("root", Role.OPERATOR),
        ]
