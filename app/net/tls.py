"""TLS for the site link: the master's self-signed certificate and pinning it on terminals.

The certificate is made with ``cryptography``; its private key is written beside the
store only as an encrypted PEM (password derived from the site file key), never in
the clear.  Terminals do not trust any CA: they check the SHA-256 fingerprint of the
certificate the master presents against the one pinned at enrollment, before any
request is sent.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import http.client
import ipaddress
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

CERT_FILE = "link-cert.pem"
KEY_FILE = "link-key.pem"  # encrypted PEM


class PinMismatch(ssl.SSLError):
    pass


def fingerprint_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def key_password(file_key: bytes) -> bytes:
    return hmac.new(file_key, b"examsite-link-tls-key", hashlib.sha256).hexdigest().encode()


def ensure_certificate(folder: Path, file_key: bytes, site_id: str) -> tuple[Path, Path, str]:
    """The master's certificate (made once, kept beside the store).  Returns (cert, key, fingerprint)."""
    folder = Path(folder)
    cert_path, key_path = folder / CERT_FILE, folder / KEY_FILE
    if not cert_path.exists() or not key_path.exists():
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"examsite-master-{site_id[:8]}")])
        now = _dt.datetime.now(_dt.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - _dt.timedelta(days=1)).not_valid_after(now + _dt.timedelta(days=3650))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName("examsite-master"),
                                                            x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                               critical=False)
                .sign(key, hashes.SHA256()))
        from app.store.keys import atomic_write

        atomic_write(key_path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                 serialization.BestAvailableEncryption(key_password(file_key))))
        atomic_write(cert_path, cert.public_bytes(serialization.Encoding.PEM))
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return cert_path, key_path, fingerprint_der(cert.public_bytes(serialization.Encoding.DER))


def server_context(cert_path: Path, key_path: Path, file_key: bytes) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(str(cert_path), str(key_path), password=key_password(file_key))
    return ctx


def _client_context() -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # trust comes from the pinned fingerprint, checked below
    return ctx


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """An HTTPS connection that refuses to talk unless the server's certificate has the pinned
    fingerprint (``pin=None`` only during enrollment, which is then confirmed by people)."""

    def __init__(self, host: str, port: int, pin: str | None, timeout: float = 5.0):
        super().__init__(host, port, timeout=timeout, context=_client_context())
        self.pin = pin
        self.seen_fingerprint = ""

    def connect(self) -> None:
        super().connect()
        der = self.sock.getpeercert(binary_form=True)
        self.seen_fingerprint = fingerprint_der(der)
        if self.pin is not None and not hmac.compare_digest(self.seen_fingerprint, self.pin):
            self.sock.close()
            self.sock = None
            raise PinMismatch(f"主机证书指纹不符：{self.seen_fingerprint[:16]}…（应为 {self.pin[:16]}…）")
