"""The HTTPS sandbox's throw-away certificate needs no ``openssl`` command (stock Windows)."""

from __future__ import annotations

import ipaddress
import ssl
import stat
import sys
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from wcconnector_gui.sandbox import start_sandbox
from wcconnector_gui.sandbox.certs import make_self_signed


def test_certificate_is_made_without_the_openssl_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no openssl to be found
    cert, key = make_self_signed(tmp_path / "certs")
    parsed = x509.load_pem_x509_certificate(cert.read_bytes())
    names = parsed.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    if sys.platform != "win32":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_https_sandbox_is_trusted_through_its_own_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with start_sandbox(seed=1, https=True) as running:
        assert running.ca_bundle is not None
        verify = ssl.create_default_context(cafile=running.ca_bundle)
        for host in ("127.0.0.1", "localhost"):
            url = running.url.replace("127.0.0.1", host) + "/wp-json/wc/v3/customers"
            with httpx.Client(verify=verify, timeout=5) as client:
                answer = client.get(url, auth=(running.consumer_key, running.consumer_secret))
            assert answer.status_code == 200, host
