"""Helpers for the contract tests: WooClient against the sandbox store over loopback HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.retry import RetryPolicy


class FakeSleep:
    """Records the waits the retry policy asks for, and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


class RecordingTransport(httpx.BaseTransport):
    """A real HTTP transport that also remembers each request's method, path and JSON body."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.sent: list[tuple[str, str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.sent.append((request.method, request.url.path, body))
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


ClientFactory = Callable[..., WooClient]


@pytest.fixture
def fake_sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
def make_client(fake_sleep: FakeSleep) -> Iterator[ClientFactory]:
    """``make_client(running_sandbox, auth="oauth1", read_only=False, **options)``."""
    made: list[WooClient] = []

    def factory(
        running: Any,
        *,
        auth: str = "oauth1",
        read_only: bool = False,
        key: str | None = None,
        secret: str | None = None,
        rng: Callable[[], float] = lambda: 0.5,
        max_attempts: int = 5,
        **options: Any,
    ) -> WooClient:
        if key is None:
            key = running.read_only_key if read_only else running.consumer_key
        if secret is None:
            secret = running.read_only_secret if read_only else running.consumer_secret
        if getattr(running, "ca_bundle", None) and "ca_bundle" not in options:
            options["ca_bundle"] = running.ca_bundle
        options.setdefault(
            "retry", RetryPolicy(max_attempts=max_attempts, rng=rng, sleep=fake_sleep)
        )
        options.setdefault("timeout", 10.0)
        options.setdefault("deadline", 30.0)
        client = WooClient(running.url, key, secret, auth=auth, **options)
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


@pytest.fixture
def recording_transport() -> Iterator[RecordingTransport]:
    """Plain-HTTP transport that records what the client put on the wire."""
    transport = RecordingTransport(httpx.HTTPTransport())
    yield transport
    transport.close()


class MisconfiguredHost(httpx.BaseTransport):
    """A real HTTP transport with a web server's bad habits in front of the sandbox.

    ``strip_authorization``: the server drops the Authorization header (PHP-FPM/CGI
    without the rewrite rule). ``no_pretty_permalinks``: ``/wp-json/…`` is not routed
    to WordPress, so the host answers its HTML 404 page there.
    """

    def __init__(
        self,
        inner: httpx.BaseTransport,
        *,
        strip_authorization: bool = False,
        no_pretty_permalinks: bool = False,
    ) -> None:
        self.inner = inner
        self.strip_authorization = strip_authorization
        self.no_pretty_permalinks = no_pretty_permalinks

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.strip_authorization:
            request.headers.pop("Authorization", None)
        if self.no_pretty_permalinks and request.url.path.startswith("/wp-json"):
            request.url = request.url.copy_with(path="/not-routed" + request.url.path)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def misconfigured_host() -> type[MisconfiguredHost]:
    return MisconfiguredHost
