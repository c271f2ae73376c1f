"""A throw-away self-signed certificate for the HTTPS sandbox (made with the openssl CLI)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class CertificateError(RuntimeError):
    pass


def make_self_signed(cert_dir: Path) -> tuple[Path, Path]:
    """Create ``sandbox-cert.pem`` and ``sandbox-key.pem`` for 127.0.0.1 and localhost."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise CertificateError("the openssl command is needed to make a test certificate")
    cert_dir.mkdir(parents=True, exist_ok=True)
    cert, key = cert_dir / "sandbox-cert.pem", cert_dir / "sandbox-key.pem"
    result = subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        raise CertificateError(f"openssl could not make a certificate: {result.stderr.strip()}")
    key.chmod(0o600)
    return cert, key
