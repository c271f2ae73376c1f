"""``wcconnector sandbox`` as a user starts it: a subprocess that prints its URL and keys."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from wcconnector_gui.cli.main import CliError
from wcconnector_gui.cli.sandbox_cmd import parse_fault
from wcconnector_gui.sandbox.oauth import sign_url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def cli_sandbox(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wcconnector_gui.cli.main",
            "sandbox",
            "--port",
            str(port),
            "--seed",
            "250",
            "--state",
            str(tmp_path / "state.json"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stdout is not None
    lines: dict[str, str] = {}
    try:
        while "Customers" not in lines:
            line = process.stdout.readline()
            if not line:
                raise AssertionError(f"sandbox ended early: {process.stderr.read()}")  # type: ignore[union-attr]
            name, _, value = line.strip().partition(": ")
            lines[name] = value
        yield process, lines
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()  # type: ignore[union-attr]


def test_cli_serves_the_seeded_store(
    cli_sandbox: tuple[subprocess.Popen[str], dict[str, str]], tmp_path: Path
) -> None:
    process, lines = cli_sandbox
    url, key, secret = lines["URL"], lines["Consumer key"], lines["Consumer secret"]
    assert url.startswith("http://127.0.0.1:")
    assert key.startswith("ck_") and len(key) == 43 and secret.startswith("cs_")
    assert lines["Read-only consumer key"].startswith("ck_")
    api = url + "/wp-json/wc/v3/customers"
    signed, headers = sign_url("GET", api, key, secret, params={"per_page": "100", "page": "3"})
    response = httpx.get(signed, headers=headers, timeout=5)
    assert response.status_code == 200
    assert len(response.json()) == 50
    assert response.headers["x-wp-total"] == "250"
    assert response.headers["x-wp-totalpages"] == "3"
    basic = httpx.get(api, auth=(key, secret), timeout=5)
    assert (basic.status_code, basic.json()["code"]) == (401, "woocommerce_rest_cannot_view")
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 0
    assert (tmp_path / "state.json").exists()  # saved on a clean stop


def test_parse_fault() -> None:
    assert parse_fault("error_503=0.1") == ("error_503", 0.1, {})
    assert parse_fault("rate_limit=0.5,retry_after=2") == ("rate_limit", 0.5, {"retry_after": 2.0})
    assert parse_fault("poison=17") == ("poison", 17.0, {})
    with pytest.raises(CliError):
        parse_fault("error_503")
    with pytest.raises(CliError):
        parse_fault("error_503=often")
    # A rate out of 0..1 was "an unexpected problem" once the sandbox had started.
    for text in ("error_503=2", "error_503=-0.1", "error_503=nan"):
        with pytest.raises(CliError, match="between 0 and 1"):
            parse_fault(text)


def test_fault_seed_option_is_its_own() -> None:
    from wcconnector_gui.cli.main import build_parser

    parser = build_parser()
    args = parser.parse_args(["sandbox", "--seed", "0", "--fault-seed", "99"])
    assert (args.seed, args.fault_seed) == (0, 99)
    assert parser.parse_args(["sandbox"]).fault_seed is None  # random, printed at start
