"""The relay's one typed, frozen settings object, grouped by area."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import unquote, urlsplit

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationInfo,
    field_validator,
    model_validator,
)


class Frozen(BaseModel):
    """A settings group: immutable, and unknown keys are a configuration error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Listen(Frozen):
    """A host:port to bind."""

    host: str
    port: Annotated[int, Field(ge=0, le=65535)]

    @classmethod
    def parse(cls, value: str) -> Listen:
        """Read ``host:port``, ``[v6]:port`` or ``:port``."""
        host, sep, port = value.strip().rpartition(":")
        if not sep or not port.isdigit():
            raise ValueError(f"expected host:port, got {value!r}")
        return cls(host=host.strip("[]") or "127.0.0.1", port=int(port))

    def __str__(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


class UpstreamTLS(StrEnum):
    NONE = "none"
    STARTTLS = "starttls"
    IMPLICIT = "implicit"


class Upstream(Frozen):
    """Where copies go: a smarthost, or ``mx`` for direct delivery."""

    mx: bool = False
    host: str = ""
    port: int = 25
    tls: UpstreamTLS = UpstreamTLS.NONE
    username: str | None = None
    password: SecretStr | None = None

    @classmethod
    def parse(cls, value: str) -> Upstream:
        """Read ``mx``, ``smtp://host:port``, ``smtp+starttls://u:p@host:port`` or ``smtps://``."""
        if value.strip().lower() == "mx":
            return cls(mx=True)
        url = urlsplit(value.strip())
        schemes = {
            "smtp": (UpstreamTLS.NONE, 25),
            "smtp+starttls": (UpstreamTLS.STARTTLS, 587),
            "smtps": (UpstreamTLS.IMPLICIT, 465),
        }
        if url.scheme not in schemes or not url.hostname:
            shown = value.replace(url.password, "***") if url.password else value
            raise ValueError(
                "expected 'mx', smtp://host:port, smtp+starttls://user:pass@host:port "
                f"or smtps://host:port, got {shown!r}"
            )
        tls, default_port = schemes[url.scheme]
        return cls(
            host=url.hostname,
            port=url.port or default_port,
            tls=tls,
            username=unquote(url.username) if url.username else None,
            password=SecretStr(unquote(url.password)) if url.password else None,
        )

    def __str__(self) -> str:
        if self.mx:
            return "mx"
        scheme = {"none": "smtp", "starttls": "smtp+starttls", "implicit": "smtps"}[self.tls]
        return f"{scheme}://{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class TrustedNetwork:
    """Clients from ``network`` relay as ``account`` without AUTH (like Postfix's mynetworks)."""

    network: ipaddress.IPv4Network | ipaddress.IPv6Network
    account: str


def parse_trusted_networks(value: str) -> tuple[TrustedNetwork, ...]:
    """Read ``CIDR=ACCOUNT,CIDR=ACCOUNT``."""
    out = []
    for item in filter(None, (part.strip() for part in value.split(","))):
        cidr, sep, account = item.partition("=")
        if not sep or not account.strip():
            raise ValueError(f"expected CIDR=ACCOUNT, got {item!r}")
        out.append(
            TrustedNetwork(ipaddress.ip_network(cidr.strip(), strict=False), account.strip())
        )
    return tuple(out)


class SuppressedMode(StrEnum):
    REJECT = "reject"
    ACCEPT_AND_REPORT = "accept-and-report"


class EventLoop(StrEnum):
    """The asyncio event loop ``relay serve`` runs on."""

    AUTO = "auto"  # uvloop where it is installed, else asyncio's own
    UVLOOP = "uvloop"
    ASYNCIO = "asyncio"


class ServerSettings(Frozen):
    hostname: str = "localhost"
    submission_listen: Listen = Listen(host="127.0.0.1", port=2525)
    bounce_listen: Listen = Listen(host="127.0.0.1", port=2526)
    tls_cert: Path | None = None
    tls_key: Annotated[Path | None, Field(validate_default=True)] = None
    trusted_networks: tuple[TrustedNetwork, ...] = ()
    max_message_size: Annotated[int, Field(ge=1024)] = 25 * 1024 * 1024
    max_recipients: Annotated[int, Field(ge=1)] = 100
    max_connections: Annotated[int, Field(ge=1)] = 1000
    idle_timeout: Annotated[float, Field(gt=0)] = 300.0
    data_block_timeout: Annotated[float, Field(gt=0)] = 180.0
    data_end_timeout: Annotated[float, Field(gt=0)] = 600.0
    status_interval: Annotated[float, Field(gt=0)] = 10.0
    suppressed_mode: SuppressedMode = SuppressedMode.REJECT
    campaign_header: str = "X-Campaign-ID"
    drain_timeout: Annotated[float, Field(ge=0)] = 30.0
    event_loop: EventLoop = EventLoop.AUTO
    auth_failures_before_lockout: Annotated[int, Field(ge=1)] = 10
    auth_lockout: Annotated[float, Field(gt=0)] = 600.0
    auth_failure_delay: Annotated[float, Field(ge=0)] = 1.0
    auth_failure_max_delay: Annotated[float, Field(ge=0)] = 8.0
    # Relay processes sharing the ports; "auto" is one per usable core.
    workers: Literal["auto"] | Annotated[int, Field(ge=1, le=64)] = "auto"

    @property
    def worker_count(self) -> int:
        """How many processes ``relay serve`` runs: ``workers``, or the usable cores."""
        if self.workers != "auto":
            return self.workers
        return max(1, min(64, len(os.sched_getaffinity(0))))

    @field_validator("workers", mode="before")
    @classmethod
    def _workers(cls, value: object) -> object:
        # the environment gives every value as text
        return int(value) if isinstance(value, str) and value.strip().isdigit() else value

    # Whether the Received: header the relay adds names the submitting client's address.
    received_client_address: bool = True

    @field_validator("hostname")
    @classmethod
    def _hostname(cls, value: str) -> str:
        return _domain_name(value)

    @field_validator("tls_key")
    @classmethod
    def _tls_pair(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        if (info.data.get("tls_cert") is None) != (value is None):
            raise ValueError("tls_cert and tls_key go together: give both or neither")
        return value

    @field_validator("submission_listen", "bounce_listen", mode="before")
    @classmethod
    def _listen(cls, value: object) -> object:
        return Listen.parse(value) if isinstance(value, str) else value

    @field_validator("trusted_networks", mode="before")
    @classmethod
    def _trusted(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_trusted_networks(value)
        if isinstance(value, dict):
            return parse_trusted_networks(",".join(f"{k}={v}" for k, v in value.items()))
        return value


class DeliverySettings(Frozen):
    upstream: Upstream = Upstream(mx=True)
    mx_port: Annotated[int, Field(ge=1, le=65535)] = 25
    dns_servers: tuple[str, ...] = ()
    inline_budget: Annotated[float, Field(ge=0)] = 10.0
    # In-line copies (and their bytes) a process may still be delivering after their clients
    # heard 250; past either, the reply to DATA waits for the message's own attempt.
    backlog: Annotated[int, Field(ge=0)] = 1000
    backlog_bytes: Annotated[int, Field(ge=0)] = 256 * 1024 * 1024
    connect_timeout: Annotated[float, Field(gt=0)] = 30.0
    command_timeout: Annotated[float, Field(gt=0)] = 60.0
    concurrency: Annotated[int, Field(ge=1)] = 100
    verify_upstream_tls: bool = True
    # The addresses this relay sends from, for the SPF part of `relay domains check`.
    outbound_addresses: tuple[str, ...] = ()

    @field_validator("dns_servers")
    @classmethod
    def _dns_servers(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for server in value:
            parse_dns_server(server)
        return value

    @field_validator("upstream", mode="before")
    @classmethod
    def _upstream(cls, value: object) -> object:
        return Upstream.parse(value) if isinstance(value, str) else value


def parse_dns_server(server: str) -> tuple[str, int]:
    """(address, port) of ``ip``, ``ip:port``, ``[ipv6]`` or ``[ipv6]:port``."""
    host, port = server, "53"
    if server.startswith("["):
        host, _, rest = server[1:].partition("]")
        port = rest.removeprefix(":") if rest else port
    elif server.count(":") == 1:  # v4:port; a bare v6 address has several colons
        host, _, port = server.partition(":")
    try:
        ipaddress.ip_address(host)  # a name here would make every look-up time out, silently
    except ValueError:
        host = ""
    if not (host and port.isdigit() and 0 < int(port) < 65536):
        raise ValueError(f"DNS server {server!r}: expected ip, ip:port or [ipv6]:port")
    return host, int(port)


class QueueSettings(Frozen):
    retry_schedule: tuple[Annotated[float, Field(gt=0)], ...] = (
        300,
        600,
        1200,
        1800,
        3600,
        7200,
        14400,
    )
    lifetime: Annotated[float, Field(gt=0)] = 5 * 86400.0
    poll_interval: Annotated[float, Field(gt=0)] = 1.0
    lease: Annotated[float, Field(gt=0)] = 300.0
    batch: Annotated[int, Field(ge=1)] = 100
    # A relay instance on another machine whose heartbeat is older than this is dead, and its
    # copies are delivered by the others (on this machine a gone process is noticed sooner).
    instance_timeout: Annotated[float, Field(ge=2)] = 10.0

    @field_validator("retry_schedule")
    @classmethod
    def _not_empty(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if not value:
            raise ValueError("needs at least one interval")
        return value


class VerpSettings(Frozen):
    return_path_domain: str = "bounces.localhost"
    key: SecretStr | None = None
    lifetime_days: Annotated[int, Field(ge=1, le=3650)] = 30

    @field_validator("return_path_domain")
    @classmethod
    def _domain(cls, value: str) -> str:
        return _domain_name(value)

    @field_validator("key")
    @classmethod
    def _strong(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and len(value.get_secret_value()) < 16:
            raise ValueError("must be at least 16 characters (it signs every return path)")
        return value


def _domain_name(value: str) -> str:
    name = value.strip().rstrip(".")
    labels = name.split(".")
    if (
        not name
        or len(name) > 253
        or not all(
            label and len(label) <= 63 and label.replace("-", "").isalnum() for label in labels
        )
    ):
        raise ValueError(f"not a valid domain name: {value!r}")
    return name.lower()


class BounceSettings(Frozen):
    """How bounces turn into suppressions."""

    soft_threshold: Annotated[int, Field(ge=0)] = 5  # 0 turns soft escalation off
    soft_min_days: Annotated[float, Field(ge=0)] = 3.0
    global_accounts: Annotated[int, Field(ge=0)] = 3  # 0 turns the global tier off
    global_window_days: Annotated[int, Field(ge=1)] = 60
    raw_retention_days: Annotated[int, Field(ge=0)] = 90  # 0 keeps no raw bounce
    max_message_size: Annotated[int, Field(ge=1024)] = 10 * 1024 * 1024
    # Reports tied to no copy we sent: bytes of each kept, reports taken from one sending
    # host per hour (0: no limit), and days their raw message is kept.
    unverified_max_bytes: Annotated[int, Field(ge=0)] = 64 * 1024
    unverified_per_host_per_hour: Annotated[int, Field(ge=0)] = 100
    unverified_retention_days: Annotated[int, Field(ge=0)] = 7


class MailboxKind(StrEnum):
    NONE = "none"
    MAILDIR = "maildir"
    IMAP = "imap"


class MailboxSettings(Frozen):
    """A mailbox the relay reads bounces from, besides its own bounce listener."""

    kind: MailboxKind = MailboxKind.NONE
    path: Path | None = None  # maildir
    host: str = ""
    port: Annotated[int, Field(ge=0, le=65535)] = 993
    tls: UpstreamTLS = UpstreamTLS.IMPLICIT
    ca_file: Path | None = None
    verify_tls: bool = True
    username: str = ""
    password: SecretStr | None = None
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    poll_interval: Annotated[float, Field(gt=0)] = 60.0
    batch: Annotated[int, Field(ge=1)] = 200

    @model_validator(mode="after")
    def _complete(self) -> MailboxSettings:
        if self.kind is MailboxKind.MAILDIR and self.path is None:
            raise ValueError("kind = maildir needs path")
        if self.kind is MailboxKind.IMAP and not (self.host and self.username and self.password):
            raise ValueError("kind = imap needs host, username and password")
        return self


class LogSettings(Frozen):
    """What the relay's log lines look like."""

    # "text": key=value lines (grep, fail2ban); "json": one JSON object a line.
    format: Literal["text", "json"] = "text"


class AdminSettings(Frozen):
    """Rules of the ``relay`` command."""

    # A sending domain counts as authenticated (for unbounce) when its latest
    # `relay domains check` passed and is at most this many days old.
    domain_check_max_age_days: Annotated[float, Field(gt=0)] = 7.0


class HttpTls(StrEnum):
    """Whether the HTTP listener speaks TLS."""

    AUTO = "auto"  # on unless it listens on a loopback address
    ON = "on"
    OFF = "off"


class HttpSettings(Frozen):
    """The HTTP listener (API, health check): in every worker, on the SMTP servers' loop."""

    # None (an empty string in TOML or RELAY_HTTP_LISTEN) turns it off.
    listen: Listen | None = Listen(host="127.0.0.1", port=8025)
    # TLS with server.tls_cert / tls_key (the STARTTLS pair).
    tls: HttpTls = HttpTls.AUTO

    @field_validator("listen", mode="before")
    @classmethod
    def _listen(cls, value: object) -> object:
        if isinstance(value, str):
            return Listen.parse(value) if value.strip() else None
        return value

    @property
    def uses_tls(self) -> bool:
        """Whether the listener wraps its connections in TLS."""
        if self.tls is not HttpTls.AUTO or self.listen is None:
            return self.tls is HttpTls.ON
        return not _is_loopback(self.listen.host)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class DatabaseSettings(Frozen):
    url: str = "sqlite+aiosqlite:///var/relay.db"

    @field_validator("url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        return async_database_url(value)


def async_database_url(url: str) -> str:
    """Map plain ``sqlite://`` and ``postgresql://`` URLs onto their asyncio drivers."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise ValueError(f"not a database URL: {url!r}")
    mapped = {
        "sqlite": "sqlite+aiosqlite",
        "postgresql": "postgresql+asyncpg",
        "postgres": "postgresql+asyncpg",
        "postgresql+psycopg2": "postgresql+asyncpg",
    }.get(scheme, scheme)
    if mapped not in {"sqlite+aiosqlite", "postgresql+asyncpg"}:
        raise ValueError(f"unsupported database {scheme!r}: use sqlite:/// or postgresql://")
    return f"{mapped}://{rest}"


class WebhookSettings(Frozen):
    """How events reach the endpoints tenants register (``relay webhooks``)."""

    # Seconds between attempts at one event; the last interval repeats (hourly).
    retry_schedule: tuple[Annotated[float, Field(gt=0)], ...] = (5, 30, 120, 600, 1800, 3600)
    # An event still failing this many seconds after it was recorded disables its endpoint.
    retry_window: Annotated[float, Field(gt=0)] = 86400.0
    timeout: Annotated[float, Field(gt=0)] = 10.0
    poll_interval: Annotated[float, Field(gt=0)] = 1.0
    batch: Annotated[int, Field(ge=1)] = 50
    # Added to the niceness of the dispatcher's own process (relay serve --workers N > 1):
    # mail wins the CPU, the outbox waits (0: the workers' priority).
    nice: Annotated[int, Field(ge=0, le=19)] = 10
    # Linux: that process's event loop (its HTTP work) and read threads run only on a CPU
    # nothing else wants (SCHED_IDLE); the threads that write keep the workers' priority.
    idle: bool = True
    # Endpoints on loopback, link-local or private addresses (tests; a trusted network only).
    allow_private: bool = False

    @field_validator("retry_schedule")
    @classmethod
    def _not_empty(cls, value: tuple[float, ...]) -> tuple[float, ...]:
        if not value:
            raise ValueError("needs at least one interval")
        return value


class GuardSettings(Frozen):
    """The bounce-rate guard: warn, then pause, an account whose copies bounce too often."""

    enabled: bool = True
    window: Annotated[int, Field(ge=10)] = 1000  # the account's last N sent copies
    warn_bounce_rate: Annotated[float, Field(gt=0, le=1)] = 0.05
    warn_complaint_rate: Annotated[float, Field(gt=0, le=1)] = 0.001
    pause_bounce_rate: Annotated[float, Field(gt=0, le=1)] = 0.10
    pause_complaint_rate: Annotated[float, Field(gt=0, le=1)] = 0.005
    # Seconds between each process's looks at which accounts are paused (RCPT reads a cache).
    refresh_interval: Annotated[float, Field(gt=0)] = 2.0


class MetricsSettings(Frozen):
    """``GET /metrics``: open from loopback, otherwise with this bearer token."""

    token: SecretStr | None = None


class Settings(Frozen):
    """Everything the relay is told, loaded once and passed down."""

    data_dir: Path = Path("var")
    server: ServerSettings = ServerSettings()
    database: DatabaseSettings = DatabaseSettings()
    delivery: DeliverySettings = DeliverySettings()
    queue: QueueSettings = QueueSettings()
    verp: VerpSettings = VerpSettings()
    bounces: BounceSettings = BounceSettings()
    mailbox: MailboxSettings = MailboxSettings()
    admin: AdminSettings = AdminSettings()
    log: LogSettings = LogSettings()
    webhooks: WebhookSettings = WebhookSettings()
    guard: GuardSettings = GuardSettings()
    metrics: MetricsSettings = MetricsSettings()
    http: HttpSettings = HttpSettings()
