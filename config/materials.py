"""Secrets and certificates the relay keeps under its data directory when none are configured."""

from __future__ import annotations

import datetime as dt
import logging
import os
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from config.settings import Settings

log = logging.getLogger(__name__)


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def ensure_verp_key(settings: Settings) -> bytes:
    """RELAY_VERP_KEY, or a random key generated once and kept in ``data_dir/verp.key``."""
    if settings.verp.key is not None:
        return settings.verp.key.get_secret_value().encode("utf-8")
    path = settings.data_dir / "verp.key"
    if not path.exists():
        _write_private(path, secrets.token_hex(32).encode("ascii"))
        log.info("generated a VERP signing key in %s", path)
    return path.read_bytes().strip()


def ensure_tls_pair(settings: Settings) -> tuple[Path, Path]:
    """The configured certificate and key, or a self-signed pair made once under ``data_dir``."""
    server = settings.server
    if server.tls_cert and server.tls_key:
        return server.tls_cert, server.tls_key
    cert_path, key_path = settings.data_dir / "tls-cert.pem", settings.data_dir / "tls-key.pem"
    if not (cert_path.exists() and key_path.exists()):
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, server.hostname)])
        now = dt.datetime.now(dt.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=825))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(server.hostname)]), False)
            .sign(key, hashes.SHA256())
        )
        key_path.unlink(missing_ok=True)
        _write_private(
            key_path,
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ),
        )
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        log.warning(
            "no RELAY_TLS_CERT/RELAY_TLS_KEY: using a self-signed certificate in %s", cert_path
        )
    return cert_path, key_path
