"""Accounts, their SMTP credentials and their sending domains."""

from __future__ import annotations

import functools
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.addresses import normalize_domain
from storage.engine import utcnow
from storage.models import Account, Credential, SendingDomain

_hasher = PasswordHasher()


class NotFound(LookupError):
    """A named account, user or domain does not exist."""


class AlreadyExists(ValueError):
    """The name is taken."""


@dataclass(frozen=True, slots=True)
class AccountInfo:
    id: int
    name: str
    domains: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DomainInfo:
    account: str
    domain: str
    dkim_selector: str | None
    dkim_private_key: str | None


async def add_account(session: AsyncSession, name: str, domains: list[str]) -> AccountInfo:
    """Create an account with its sending domains (without DKIM keys)."""
    if await session.scalar(select(Account.id).where(Account.name == name)) is not None:
        raise AlreadyExists(f"account {name!r} already exists")
    account = Account(name=name, created_at=utcnow())
    session.add(account)
    await session.flush()
    for domain in domains:
        await add_domain(session, name, domain, selector=None, private_key=None)
    return AccountInfo(account.id, name, tuple(normalize_domain(d) for d in domains))


async def account_by_name(session: AsyncSession, name: str) -> AccountInfo:
    """The account called ``name``."""
    account = await session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise NotFound(f"no account named {name!r}")
    return await _info(session, account)


async def list_accounts(session: AsyncSession) -> list[AccountInfo]:
    """Every account, by name."""
    accounts = (await session.scalars(select(Account).order_by(Account.name))).all()
    return [await _info(session, a) for a in accounts]


async def _info(session: AsyncSession, account: Account) -> AccountInfo:
    domains = await session.scalars(
        select(SendingDomain.domain)
        .where(SendingDomain.account_id == account.id)
        .order_by(SendingDomain.domain)
    )
    return AccountInfo(account.id, account.name, tuple(domains))


def hash_password(password: str) -> str:
    """An argon2id hash; passwords are never stored as given."""
    return _hasher.hash(password)


@functools.cache
def _dummy_password_hash() -> str:
    # Made like the real hashes, from a password nobody knows.
    return _hasher.hash(secrets.token_urlsafe(32))


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``password_hash`` was made from (CPU-heavy: ~50 ms).

    For an unknown user (None) the password is checked against a dummy hash all the same and
    never matches: the time of the answer tells nobody whether the user exists.
    """
    try:
        return _hasher.verify(password_hash or _dummy_password_hash(), password) and bool(
            password_hash
        )
    except (VerificationError, InvalidHashError):
        return False


async def add_credential(session: AsyncSession, account: str, username: str, password: str) -> None:
    """Let ``username`` submit mail for ``account``."""
    info = await account_by_name(session, account)
    exists = await session.scalar(select(Credential.id).where(Credential.username == username))
    if exists is not None:
        raise AlreadyExists(f"user name {username!r} is taken")
    session.add(
        Credential(
            account_id=info.id,
            username=username,
            password_hash=hash_password(password),
            created_at=utcnow(),
        )
    )


async def credential(session: AsyncSession, username: str) -> tuple[int, str] | None:
    """(account id, password hash) for a submission user name, or None."""
    row = (
        await session.execute(
            select(Credential.account_id, Credential.password_hash).where(
                Credential.username == username
            )
        )
    ).first()
    return (row[0], row[1]) if row else None


async def add_domain(
    session: AsyncSession,
    account: str,
    domain: str,
    *,
    selector: str | None,
    private_key: str | None,
) -> DomainInfo:
    """Add a sending domain to ``account``, or set the DKIM key of one it already has."""
    info = await account_by_name(session, account)
    name = normalize_domain(domain)
    row = await session.scalar(select(SendingDomain).where(SendingDomain.domain == name))
    if row is not None and row.account_id != info.id:
        raise AlreadyExists(f"domain {name} belongs to another account")
    if row is None:
        row = SendingDomain(account_id=info.id, domain=name, created_at=utcnow())
        session.add(row)
    if private_key is not None:
        row.dkim_selector, row.dkim_private_key = selector, private_key
    await session.flush()
    return DomainInfo(account, name, row.dkim_selector, row.dkim_private_key)


async def list_domains(session: AsyncSession) -> list[DomainInfo]:
    """Every sending domain with its account."""
    rows = await session.execute(
        select(Account.name, SendingDomain)
        .join(SendingDomain, SendingDomain.account_id == Account.id)
        .order_by(Account.name, SendingDomain.domain)
    )
    return [
        DomainInfo(name, d.domain, d.dkim_selector, d.dkim_private_key) for name, d in rows.all()
    ]
