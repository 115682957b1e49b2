"""The relay's tables, as typed SQLAlchemy 2.0 declarative models."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps stored and returned as aware UTC datetimes on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(dt.UTC) if value is not None else None

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
Id = Annotated[int, mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)]
Address = Annotated[str, mapped_column(String(320))]
Timestamp = Annotated[dt.datetime, mapped_column(UTCDateTime())]


def _fk(target: str, *, nullable: bool = False, indexed: bool = True) -> Mapped[int]:
    return mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey(target, ondelete="CASCADE"),
        nullable=nullable,
        index=indexed,
    )


class RecipientStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    NOT_SENT = "not_sent"
    DEFERRED = "deferred"
    BOUNCED = "bounced"
    DELIVERED = "delivered"


class BounceSource(StrEnum):
    SMTP = "smtp"
    DSN = "dsn"
    EXPIRED = "expired"
    FEEDBACK = "feedback"


def _enum(kind: type[StrEnum]) -> SAEnum:
    # Stored as the enum's value in a VARCHAR(16), no database enum type: adding a value
    # later needs no migration of a type.
    return SAEnum(
        kind,
        native_enum=False,
        create_constraint=False,
        length=16,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
        }
    )


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[Id]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[Timestamp]


class Credential(Base):
    __tablename__ = "credentials"
    id: Mapped[Id]
    account_id: Mapped[int] = _fk("accounts.id")
    username: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Timestamp]


class SendingDomain(Base):
    __tablename__ = "sending_domains"
    id: Mapped[Id]
    account_id: Mapped[int] = _fk("accounts.id")
    domain: Mapped[str] = mapped_column(String(255), unique=True)
    dkim_selector: Mapped[str | None] = mapped_column(String(63))
    dkim_private_key: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[Timestamp]


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("account_id", "address"),)
    id: Mapped[Id]
    account_id: Mapped[int] = _fk("accounts.id")
    address: Mapped[Address]
    created_at: Mapped[Timestamp]


class Message(Base):
    __tablename__ = "messages"
    # An account's messages newest first (the dashboard's and the API's listings), and those
    # of one campaign or Message-ID newest first (a report, a search) at any number of them.
    __table_args__ = (
        Index(None, "account_id", "id"),
        Index(None, "account_id", "campaign", "id"),
        Index(None, "account_id", "message_id", "id"),
    )
    id: Mapped[Id]
    account_id: Mapped[int] = _fk("accounts.id")
    message_id: Mapped[str] = mapped_column(String(998), index=True)
    campaign: Mapped[str] = mapped_column(String(998), index=True)
    mail_from: Mapped[str] = mapped_column(String(320))
    received_at: Mapped[Timestamp]
    size: Mapped[int]


class MessageBody(Base):
    """The signed message as it goes upstream, kept while any copy may still be sent."""

    __tablename__ = "message_bodies"
    message_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("messages.id", ondelete="CASCADE"),
        primary_key=True,
    )
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Recipient(Base):
    """One recipient copy of a message, and what became of it."""

    __tablename__ = "recipients"
    __table_args__ = (Index(None, "account_id", "address"),)
    id: Mapped[Id]
    message_id: Mapped[int] = _fk("messages.id")
    account_id: Mapped[int] = _fk("accounts.id")
    address: Mapped[Address]  # the comparison key (storage.addresses)
    # The address as the client gave it, which goes upstream (NULL: deliver to the key).
    delivery_local: Mapped[str | None] = mapped_column(String(320))
    delivery_domain: Mapped[str | None] = mapped_column(String(320))
    status: Mapped[RecipientStatus] = mapped_column(_enum(RecipientStatus))
    detail: Mapped[str | None] = mapped_column(Text)
    reply_code: Mapped[int | None]
    dsn_status: Mapped[str | None] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[Timestamp]


class Bounce(Base):
    __tablename__ = "bounces"
    __table_args__ = (Index(None, "account_id", "address"),)
    id: Mapped[Id]
    account_id: Mapped[int | None] = _fk("accounts.id", nullable=True)
    address: Mapped[Address] = mapped_column(index=True)
    hard: Mapped[bool]
    dsn_status: Mapped[str | None] = mapped_column(String(16))
    reply_code: Mapped[int | None]
    reason: Mapped[str] = mapped_column(String(32))
    diagnostic: Mapped[str | None] = mapped_column(Text)
    reporting_mta: Mapped[str | None] = mapped_column(String(255))
    message_id: Mapped[int | None] = _fk("messages.id", nullable=True)
    recipient_id: Mapped[int | None] = _fk("recipients.id", nullable=True)
    source: Mapped[BounceSource] = mapped_column(_enum(BounceSource))
    verified: Mapped[bool]
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[Timestamp]
    # The returned message's identity for this copy and address: the same report read twice
    # is one bounce. NULL for bounces seen during the SMTP session.
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True)
    # A tied bounce of a copy sent before the address's latest unbounce: kept, never counted.
    superseded: Mapped[bool] = mapped_column(default=False)
    # Whose fault: recipient, sender, transient or undetermined (bounce_parser's Party).
    party: Mapped[str] = mapped_column(String(16), default="undetermined")
    # For unverified evidence: the report it came in (its raw message is kept there, once).
    report_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("unverified_reports.id", ondelete="SET NULL"),
        index=True,
    )


class UnverifiedReport(Base):
    """A returned message tied to no copy we sent: kept once, capped, for a short time."""

    __tablename__ = "unverified_reports"
    __table_args__ = (Index(None, "source_host", "created_at"),)
    id: Mapped[Id]
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the raw message
    source_host: Mapped[str | None] = mapped_column(String(64))  # the sending peer, if any
    size: Mapped[int]
    raw: Mapped[bytes | None] = mapped_column(LargeBinary)  # compressed, at most the cap
    created_at: Mapped[Timestamp] = mapped_column(index=True)


class Suppression(Base):
    """An address not to send to: for one account, or for all (account_id NULL, global)."""

    __tablename__ = "suppressions"
    __table_args__ = (
        Index(None, "address", "account_id", unique=True),
        # pages of one list, newest first (the API and the dashboard)
        Index(None, "account_id", "created_at", "id"),
        # the same filtered by reason, and the suppressions a bounce caused ("hard bounce
        # reason is known"): a page never walks a million rows that cannot match
        Index(None, "account_id", "reason", "created_at", "id"),
        Index(
            "ix_suppressions_bounced",
            "account_id",
            "created_at",
            "id",
            sqlite_where=text("bounce_id IS NOT NULL"),
            postgresql_where=text("bounce_id IS NOT NULL"),
        ),
    )
    id: Mapped[Id]
    account_id: Mapped[int | None] = _fk("accounts.id", nullable=True)
    address: Mapped[Address]
    reason: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    bounce_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("bounces.id", ondelete="SET NULL"),
    )
    created_at: Mapped[Timestamp]


class QueueEntry(Base):
    """A recipient copy still to be delivered. ``due_at`` doubles as the lease of a worker."""

    __tablename__ = "queue"
    id: Mapped[Id]
    recipient_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("recipients.id", ondelete="CASCADE"),
        unique=True,
    )
    due_at: Mapped[Timestamp] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    # True while a process holds the copy for an attempt (until due_at, the lease's end).
    in_flight: Mapped[bool] = mapped_column(default=False)
    # The relay instance holding the lease (relay_instances.id; no foreign key: a holder
    # whose row is gone is dead, and its copies are reclaimed).
    holder: Mapped[str | None] = mapped_column(String(32), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[Timestamp]
    expires_at: Mapped[Timestamp]


class RelayInstance(Base):
    """A running relay process, refreshed by its heartbeat; removed when it stops cleanly."""

    __tablename__ = "relay_instances"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int]
    # What tells a reused pid or a rebooted host apart: the kernel's boot id and the process's
    # start time in clock ticks since boot (/proc/PID/stat), where the system has them.
    boot_id: Mapped[str | None] = mapped_column(String(64))
    process_start: Mapped[int | None] = mapped_column(BigInteger)
    started_at: Mapped[Timestamp]
    heartbeat_at: Mapped[Timestamp]


class Role(StrEnum):
    SUPER_ADMIN = "super_admin"
    MARKETING_EMAIL = "marketing_email"
    VIEWER = "viewer"
    OPERATOR = "operator"  # runs the relay; not tied to an account


class User(Base):
    """A person using the ``relay`` command (not an SMTP credential)."""

    __tablename__ = "users"
    id: Mapped[Id]
    name: Mapped[str] = mapped_column(String(200), unique=True)
    account_id: Mapped[int | None] = _fk("accounts.id", nullable=True)
    role: Mapped[Role] = mapped_column(_enum(Role))
    created_at: Mapped[Timestamp]
    # For the dashboard's sign-in (argon2, like the SMTP credentials); NULL: tokens only.
    password_hash: Mapped[str | None] = mapped_column(String(200))


class AuditEntry(Base):
    """Every change made through the ``relay`` command, and by whom."""

    __tablename__ = "audit_log"
    # The audit page, newest first, by account and filtered by actor, action or subject.
    __table_args__ = (
        Index(None, "account_id", "id"),
        Index(None, "account_id", "actor", "id"),
        Index(None, "account_id", "action", "id"),
        Index(None, "account_id", "subject", "id"),
        Index(None, "actor", "id"),
        Index(None, "action", "id"),
        Index(None, "subject", "id"),
    )
    id: Mapped[Id]
    at: Mapped[Timestamp] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200))
    account_id: Mapped[int | None] = _fk("accounts.id", nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(320))
    detail: Mapped[str | None] = mapped_column(Text)


class Unbounce(Base):
    """An address whose hard bounce was lifted: once per account, ever (account NULL: global)."""

    __tablename__ = "unbounces"
    __table_args__ = (Index(None, "account_id", "at"),)
    id: Mapped[Id]
    account_id: Mapped[int | None] = _fk("accounts.id", nullable=True)
    address: Mapped[Address] = mapped_column(index=True)
    user_id: Mapped[int | None] = _fk("users.id", nullable=True)
    reason: Mapped[str] = mapped_column(String(64))
    bounce_id: Mapped[int | None] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("bounces.id", ondelete="SET NULL"),
    )
    at: Mapped[Timestamp]


class Segment(Base):
    """A saved list of addresses (e.g. the bounced recipients of a campaign)."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("account_id", "name"),)
    id: Mapped[Id]
    account_id: Mapped[int] = _fk("accounts.id")
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[Timestamp]


class SegmentMember(Base):
    __tablename__ = "segment_members"
    __table_args__ = (UniqueConstraint("segment_id", "address"),)
    id: Mapped[Id]
    segment_id: Mapped[int] = _fk("segments.id")
    address: Mapped[Address]
    reason: Mapped[str | None] = mapped_column(String(64))


class DomainCheck(Base):
    """The result of one ``relay domains check``: MX, SPF, DKIM and DMARC."""

    __tablename__ = "domain_checks"
    id: Mapped[Id]
    domain_id: Mapped[int] = _fk("sending_domains.id")
    checked_at: Mapped[Timestamp]
    passed: Mapped[bool]
    detail: Mapped[str] = mapped_column(Text)  # JSON: one entry per check


class WebhookEndpoint(Base):
    """A URL a tenant registered to hear of its account's events (``relay webhooks add``)."""

    __tablename__ = "webhook_endpoints"
    id: Mapped[Id]
    account_id: Mapped[int] = _fk("accounts.id")
    url: Mapped[str] = mapped_column(String(2000))
    # The signing secret, encrypted (relay.webhooks.secrets): never stored in plain text.
    secret: Mapped[str] = mapped_column(Text)
    events: Mapped[str] = mapped_column(Text)  # comma-separated, as registered
    created_at: Mapped[Timestamp]
    disabled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    disabled_reason: Mapped[str | None] = mapped_column(Text)


class WebhookSubscription(Base):
    """One (account, event) an enabled endpoint hears: what the outbox insert looks up."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = (Index(None, "account_id", "event"),)
    id: Mapped[Id]
    endpoint_id: Mapped[int] = _fk("webhook_endpoints.id")
    account_id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    event: Mapped[str] = mapped_column(String(32))


class WebhookOutbox(Base):
    """An event still to be delivered to one endpoint; ``due_at`` doubles as the lease."""

    __tablename__ = "webhook_outbox"
    # The claim's two indexes: due_at (what is due, in order) and this one (the head of each
    # endpoint's address; also an endpoint's rows, so endpoint_id needs no index of its own).
    # The held rows, for the look for orphans: partial, so writing an event costs nothing.
    __table_args__ = (
        Index(None, "endpoint_id", "address", "id"),
        Index(
            "ix_webhook_outbox_held",
            "holder",
            sqlite_where=text("holder IS NOT NULL"),
            postgresql_where=text("holder IS NOT NULL"),
        ),
    )
    id: Mapped[Id]
    endpoint_id: Mapped[int] = _fk("webhook_endpoints.id", indexed=False)
    event_id: Mapped[str] = mapped_column(String(40))  # webhook-id: the same on every attempt
    event: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(320))  # events of one address go in order
    message_pk: Mapped[int | None] = mapped_column(BigInteger)  # filled in at delivery
    data: Mapped[str] = mapped_column(Text)  # JSON
    created_at: Mapped[Timestamp]
    due_at: Mapped[Timestamp] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    holder: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)


class WebhookDispatchLease(Base):
    """SQLite: which relay process delivers the outbox (one row, id 1), and until when. Its
    holder reads the due events and sends them without a per-event lease (a pass writes once,
    to settle); a holder that died is replaced when its lease runs out or its instance row is
    gone. PostgreSQL claims each event instead (several processes deliver together)."""

    __tablename__ = "webhook_dispatch_lease"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    holder: Mapped[str] = mapped_column(String(40))
    until: Mapped[Timestamp]


class WebhookAttempt(Base):
    """One delivery attempt, for ``relay webhooks log``."""

    __tablename__ = "webhook_attempts"
    id: Mapped[Id]
    endpoint_id: Mapped[int] = _fk("webhook_endpoints.id")
    event_id: Mapped[str] = mapped_column(String(40))
    event: Mapped[str] = mapped_column(String(32))
    # No index: the log is written in id order, so the prune finds its cut by id (perf10:
    # an index on ``at`` was one more b-tree page in every settling commit of the dispatcher).
    at: Mapped[Timestamp]
    attempt: Mapped[int]
    status_code: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[int]


class AccountGuard(Base):
    """The bounce-rate guard's state of one account (no row: never warned)."""

    __tablename__ = "account_guard"
    account_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("accounts.id", ondelete="CASCADE"),
        primary_key=True,
    )
    state: Mapped[str] = mapped_column(String(16))  # ok, warned, paused
    bounce_rate: Mapped[float] = mapped_column(Float)
    complaint_rate: Mapped[float] = mapped_column(Float)
    copies: Mapped[int]
    # Copies with a larger recipient id count: a resume starts a fresh window.
    window_from: Mapped[int] = mapped_column(BigInteger, default=0)
    changed_at: Mapped[Timestamp]


class ApiToken(Base):
    """A bearer token of the HTTP API, acting as one user; only its SHA-256 is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[Id]
    user_id: Mapped[int] = _fk("users.id")
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[Timestamp]
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class WebSession(Base):
    """A signed-in dashboard session: the cookie's SHA-256, its CSRF token, when it ends."""

    __tablename__ = "web_sessions"
    id: Mapped[Id]
    session_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = _fk("users.id")
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[Timestamp]
    expires_at: Mapped[Timestamp] = mapped_column(index=True)


_Count = Annotated[int, mapped_column(BigInteger, default=0)]


class MessageCounts(Base):
    """A message's recipient copies per report tab, kept by storage.outcome_counts in the
    transaction of every outcome write, so a report reads one row, not every copy."""

    __tablename__ = "message_counts"
    message_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("messages.id", ondelete="CASCADE"),
        primary_key=True,
    )
    account_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("accounts.id", ondelete="CASCADE"),
    )
    sent: Mapped[_Count]
    bounced: Mapped[_Count]
    not_sent: Mapped[_Count]
    deferred: Mapped[_Count]


class CampaignCounts(Base):
    """The same per (account, campaign): a million-copy campaign's report reads one row; with
    its number of messages and its newest message, so the campaigns list is a walk of the
    (account, newest) index, not a GROUP BY over every message."""

    __tablename__ = "campaign_counts"
    __table_args__ = (Index(None, "account_id", "last_key"),)
    account_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"),
        ForeignKey("accounts.id", ondelete="CASCADE"),
        primary_key=True,
    )
    campaign: Mapped[str] = mapped_column(String(998), primary_key=True)
    sent: Mapped[_Count]
    bounced: Mapped[_Count]
    not_sent: Mapped[_Count]
    deferred: Mapped[_Count]
    messages: Mapped[_Count]
    last_key: Mapped[_Count]  # the key of the campaign's newest message
    last_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())  # when it was received
