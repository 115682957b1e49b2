"""``relay users password``: a dashboard password, set by the user or a manager of the user,
stored as an argon2 hash, audited; too short a password is one line and a non-zero exit."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from storage.models import AuditEntry, User
from tests.support import db
from tests.support.cli import relay_cmd
from tests.support.harness import Relay


async def test_a_manager_or_the_user_sets_a_password(relay: Relay, tmp_path: Path) -> None:
    for args in (
        ["users", "add", "root", "--role", "operator"],
        ["users", "add", "ann", "--role", "super_admin", "--account", "acme", "--as", "root"],
        ["users", "add", "vic", "--role", "viewer", "--account", "acme", "--as", "root"],
    ):
        assert (await relay_cmd(tmp_path, *args)).returncode == 0
    by_admin = await relay_cmd(
        tmp_path, "users", "password", "vic", "--as", "ann", stdin="a long passphrase\n"
    )
    by_self = await relay_cmd(
        tmp_path, "users", "password", "vic", "--as", "vic", stdin="another passphrase\n"
    )
    refused = await relay_cmd(
        tmp_path, "users", "password", "ann", "--as", "vic", stdin="a long passphrase\n"
    )
    short = await relay_cmd(tmp_path, "users", "password", "vic", "--as", "vic", stdin="short\n")
    assert by_admin.returncode == 0, by_admin.stderr
    assert by_admin.stdout.strip() == "dashboard password of vic set"
    assert by_self.returncode == 0, by_self.stderr
    assert refused.returncode != 0
    assert "only an operator or a super_admin may do this" in refused.stderr
    assert short.returncode != 0
    assert "at least 12 characters" in short.stderr
    assert "Traceback" not in refused.stderr + short.stderr
    async with db.store_of(relay).reading() as session:
        stored = await session.scalar(select(User.password_hash).where(User.name == "vic"))
        audited = list(
            await session.scalars(
                select(AuditEntry.actor).where(AuditEntry.action == "user_password")
            )
        )
    assert stored is not None
    assert stored.startswith("$argon2id$")
    assert audited == ["ann", "vic"]
