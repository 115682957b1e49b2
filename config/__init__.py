"""Settings: the only package that reads configuration files and environment variables."""

from config.loader import ENVIRONMENT, ConfigError, default_config_text, load_settings
from config.materials import ensure_tls_pair, ensure_verp_key
from config.redact import redact, redact_logs
from config.settings import (
    BounceSettings,
    EventLoop,
    HttpSettings,
    HttpTls,
    Listen,
    MailboxKind,
    MailboxSettings,
    Settings,
    SuppressedMode,
    TrustedNetwork,
    Upstream,
    UpstreamTLS,
    async_database_url,
)

__all__ = [
    "ENVIRONMENT",
    "BounceSettings",
    "ConfigError",
    "EventLoop",
    "HttpSettings",
    "HttpTls",
    "Listen",
    "MailboxKind",
    "MailboxSettings",
    "Settings",
    "SuppressedMode",
    "TrustedNetwork",
    "Upstream",
    "UpstreamTLS",
    "async_database_url",
    "default_config_text",
    "ensure_tls_pair",
    "ensure_verp_key",
    "load_settings",
    "redact",
    "redact_logs",
]
