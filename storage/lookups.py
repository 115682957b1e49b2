"""Hot-path look-ups: the suppression check at every RCPT and the sending domain at DATA.

They are point reads on an index, a few microseconds of SQLite work, but through the ORM, an
async session and aiosqlite's worker thread each costs most of a millisecond and a GIL
hand-off or five. Here they are constant Core statements (compiled once, cached by
SQLAlchemy); on SQLite they run on a synchronous engine on the event loop itself (WAL readers
do not wait for writers; ``busy_timeout`` bounds the rare case that does), on PostgreSQL on
an autocommit async engine (one round trip, no BEGIN or ROLLBACK). Failures surface as
StoreUnavailable, so callers fail closed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Executable, bindparam, select
from sqlalchemy.exc import SQLAlchemyError

from storage.accounts import DomainInfo
from storage.engine import Store, StoreUnavailable
from storage.models import Account, SendingDomain
from storage.suppressions import COVERING_SUPPRESSIONS, SuppressionInfo

_SENDING_DOMAIN = (
    select(
        Account.name,
        SendingDomain.domain,
        SendingDomain.dkim_selector,
        SendingDomain.dkim_private_key,
    )
    .join(SendingDomain, SendingDomain.account_id == Account.id)
    .where(
        SendingDomain.account_id == bindparam("account_id"),
        SendingDomain.domain == bindparam("domain"),
    )
)


async def _rows(
    store: Store, statement: Executable, params: dict[str, Any]
) -> list[tuple[Any, ...]]:
    try:
        if store.lookups is not None:
            with store.lookups.connect() as conn:
                return [tuple(row) for row in conn.execute(statement, params)]
        engine = store.lookups_async or store.read.kw["bind"]
        async with engine.connect() as aconn:
            return [tuple(row) for row in await aconn.execute(statement, params)]
    except SQLAlchemyError as exc:
        raise StoreUnavailable(str(exc).splitlines()[0]) from exc
    except OSError as exc:
        raise StoreUnavailable(str(exc)) from exc


async def suppression_of(store: Store, account_id: int, address: str) -> SuppressionInfo | None:
    """The suppression covering the normalized ``address``: the account's own, else global."""
    params = {"addresses": [address], "account_id": account_id}
    rows = await _rows(store, COVERING_SUPPRESSIONS, params)
    found: SuppressionInfo | None = None
    for row in rows:
        address_, account_id_, reason, detail, since, status = row
        info = SuppressionInfo(address_, account_id_, reason, detail, since, status)
        if found is None or found.is_global:
            found = info
    return found


async def sending_domain_of(store: Store, account_id: int, domain: str) -> DomainInfo | None:
    """The account's sending domain ``domain`` (with its DKIM key), or None if not its own."""
    rows = await _rows(store, _SENDING_DOMAIN, {"account_id": account_id, "domain": domain})
    if not rows:
        return None
    account, name, selector, key = rows[0]
    return DomainInfo(account, name, selector, key)
