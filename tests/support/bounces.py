"""Send through a relay, then return mail to its bounce listener: the set-up of the bounce-flow
tests (a sent copy, a DSN back at its VERP address, what the store and RCPT say after)."""

from __future__ import annotations

import aiosmtplib
from sqlalchemy import select

from storage.models import Bounce
from tests.support import db
from tests.support.harness import Relay, message

SENDER = "news@acme.example"


async def send(relay: Relay, to: str, *, user: str = "app@acme", sender: str = SENDER) -> None:
    async with relay.client(username=user) as smtp:
        await smtp.sendmail(sender, [to], message(sender, to, extra=f"Message-ID: <m-{to}>\r\n"))


async def bounce(relay: Relay, raw: bytes, to: str) -> tuple[int, str]:
    """Deliver ``raw`` to the bounce listener for envelope recipient ``to``."""
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=relay.service.bounce_port, timeout=20)
    await smtp.connect()
    try:
        await smtp.sendmail("", [to], raw)
        return 250, "ok"
    except aiosmtplib.SMTPRecipientsRefused as exc:
        return exc.recipients[0].code, exc.recipients[0].message
    except aiosmtplib.SMTPResponseException as exc:
        return exc.code, exc.message
    finally:
        smtp.close()


async def rcpt_code(relay: Relay, to: str, *, user: str = "app@acme") -> int:
    async with relay.client(username=user) as smtp:
        await smtp.mail(SENDER if user == "app@acme" else f"news@{user.split('@')[1]}.example")
        code, _ = await smtp.execute_command(b"RCPT", f"TO:<{to}>".encode())
    return code


async def bounces_of(relay: Relay, address: str) -> list[Bounce]:
    async with db.store_of(relay).reading() as session:
        return list(await session.scalars(select(Bounce).where(Bounce.address == address)))
