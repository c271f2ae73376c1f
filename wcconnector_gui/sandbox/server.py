"""The sandbox store's HTTP server: stdlib ThreadingHTTPServer, keep-alive, optional TLS.

Per request: network-like latency (no worker held) → fault check → a worker slot
(like a PHP-FPM worker; beyond the workers requests wait in a queue, and with
``max_queue`` a full queue is answered 503 at once, as a host that guards itself)
→ the REST layer → the profile's cost, slept while holding the worker → the answer,
possibly damaged by a fault.
"""

from __future__ import annotations

import contextlib
import logging
import math
import secrets
import shutil
import socket
import ssl
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from wcconnector_gui.runtime.redaction import redact, register_secret
from wcconnector_gui.sandbox import auth
from wcconnector_gui.sandbox.api import Request, Response, SandboxApi
from wcconnector_gui.sandbox.certs import make_self_signed
from wcconnector_gui.sandbox.errors import critical_error
from wcconnector_gui.sandbox.faults import PRE_PROCESSING, Fault
from wcconnector_gui.sandbox.profile import CostProfile, cost_seconds, get_profile
from wcconnector_gui.sandbox.seeding import seed_customers
from wcconnector_gui.sandbox.store import (
    SandboxStore,
    load_state_file,
    save_state_file,
)

log = logging.getLogger(__name__)

PAGE_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    "</body>\r\n</html>\r\n"
)
PAGE_503 = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Maintenance</title></head>'
    "<body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1>"
    "</body></html>"
)
PAGE_LOGIN = (
    '<!DOCTYPE html><html lang="en-US"><head><meta charset="UTF-8">'
    "<title>Log In &lsaquo; Sandbox store &#8212; WordPress</title></head>"
    '<body class="login"><form name="loginform" id="loginform" action="/wp-login.php" '
    'method="post"><label for="user_login">Username or Email Address</label>'
    '<input type="text" name="log" id="user_login"></form></body></html>'
)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # keep-alive connections would make server_close() wait forever

    def __init__(
        self, address: tuple[str, int], sandbox: RunningSandbox, tls: ssl.SSLContext | None
    ) -> None:
        self.sandbox = sandbox
        self.tls = tls
        self.open_connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The TLS handshake runs here, in the connection's own thread.
        wrapped = None
        if self.tls is not None:
            try:
                request.settimeout(10)
                wrapped = request = self.tls.wrap_socket(request, server_side=True)
            except (OSError, ssl.SSLError):
                return
        with self.connections_lock:
            self.open_connections.add(request)
        try:
            super().finish_request(request, client_address)
        finally:
            with self.connections_lock:
                self.open_connections.discard(request)
            if wrapped is not None:  # socketserver only closes the raw socket it accepted
                with contextlib.suppress(OSError):
                    wrapped.shutdown(socket.SHUT_RDWR)
                wrapped.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("sandbox connection from %s ended with an error", client_address, exc_info=True)

    def close_all_connections(self) -> None:
        with self.connections_lock:
            connections = list(self.open_connections)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    timeout = 120  # idle keep-alive connections end after this
    server: _Server

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = do_GET  # noqa: N815

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes: without this, Nagle + delayed ACK
        # would add ~40 ms to every answer.
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # requests are logged in _serve, redacted

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _serve(self) -> None:
        sandbox = self.server.sandbox
        started = time.monotonic()
        sandbox.count_arrival()
        body = self._read_body()
        target = self.path
        if "://" in target:  # absolute-form request target
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        raw_path, _, query = target.partition("?")
        method = self.command
        if sandbox.latency_ms:  # cut short when the sandbox stops
            sandbox.stopping.wait(sandbox.latency_ms / 1000)
        fault = sandbox.store.faults.pick(method, raw_path)
        status = 0
        self._pending_log: tuple[str, str, str] | None = (method, raw_path, query)
        try:
            if fault is not None and fault.name in PRE_PROCESSING:
                status = self._answer_fault(fault)
                return
            request = Request(
                method=method,
                raw_path=raw_path,
                query=query,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=body,
                https=sandbox.https,
            )
            with sandbox.worker() as admitted:
                if admitted:
                    try:
                        response = sandbox.api.handle(request)
                    except Exception:
                        log.exception("sandbox store failed on %s %s", method, raw_path)
                        error = critical_error()
                        response = Response(error.status, error.body())
                    if sandbox.profile is not None:
                        time.sleep(cost_seconds(sandbox.profile, response.work))
            if not admitted:
                status = self._answer_fault(Fault("error_503"))
                return
            status = self._send(response, fault)
        finally:
            self._record(status)
            if log.isEnabledFor(logging.DEBUG):
                shown = redact(target)
                log.debug(
                    "%s %s -> %s in %.1f ms%s",
                    method,
                    shown,
                    status or "no answer",
                    (time.monotonic() - started) * 1000,
                    f" (fault {fault.name})" if fault else "",
                )

    def _record(self, status: int) -> None:
        """Log the request in the store before answering, so a client never sees the
        answer before the log entry exists."""
        if self._pending_log is not None:
            self.server.sandbox.store.log_request(*self._pending_log, status)
            self._pending_log = None

    def _write_head(
        self, status: int, content_type: str, length: int, headers: dict[str, str]
    ) -> None:
        self._record(status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        if content_type.startswith("application/json"):
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def _send(self, response: Response, fault: Fault | None) -> int:
        body = response.body_bytes()
        headers = dict(response.headers)
        if response.html is not None and response.status == 200:
            headers["Link"] = f'<{self.server.sandbox.url}/wp-json/>; rel="https://api.w.org/"'
        if fault is not None and fault.name == "lost_response":
            self._record(0)
            self.close_connection = True
            return 0
        if fault is not None and fault.name == "malformed_json":
            body = body[: max(len(body) // 2, 1)]
        length = len(body)
        self._write_head(response.status, response.content_type, length, headers)
        if self.command == "HEAD":
            return response.status
        if fault is not None and fault.name == "slow_drip":
            seconds = float(fault.opts.get("seconds", 3))
            pieces = max(min(length, 20), 1)
            size = math.ceil(length / pieces)
            delay = seconds * 1.1 / pieces
            for start in range(0, length, size):
                if self.server.sandbox.stopping.wait(delay):
                    break
                self.wfile.write(body[start : start + size])
                self.wfile.flush()
        else:
            self.wfile.write(body)
        return response.status

    def _answer_fault(self, fault: Fault) -> int:
        name = fault.name
        if name == "timeout":
            self._record(0)
            self.server.sandbox.stopping.wait(float(fault.opts.get("seconds", 10)))
            self.close_connection = True
            return 0
        headers: dict[str, str] = {}
        if name == "error_500":
            return self._send(Response(500, critical_error().body()), None)
        if name == "error_502":
            status, content_type, text = 502, "text/html", PAGE_502
        elif name == "error_503":
            status, content_type, text = 503, "text/html; charset=UTF-8", PAGE_503
            if "retry_after" in fault.opts:
                headers["Retry-After"] = str(fault.opts["retry_after"])
        elif name == "rate_limit":
            headers["Retry-After"] = str(fault.opts.get("retry_after", 1))
            body = {
                "code": "too_many_requests",
                "message": "Too many requests. Slow down.",
                "data": {"status": 429},
            }
            return self._send(Response(429, body, headers=headers), None)
        else:  # html
            status, content_type, text = 200, "text/html; charset=UTF-8", PAGE_LOGIN
        data = text.encode()
        self._write_head(status, content_type, len(data), headers)
        if self.command != "HEAD":
            self.wfile.write(data)
        return status


class RunningSandbox:
    """A sandbox store serving on a loopback port; ``stop()`` ends it (and saves its state)."""

    def __init__(
        self,
        *,
        store: SandboxStore,
        fault_seed: int,
        keys: auth.KeyRing,
        https: bool,
        latency_ms: int,
        profile: CostProfile | None,
        workers: int | None,
        max_queue: int | None = None,
        state_file: Path | None,
        batch_limit: int,
        require_password: bool,
    ) -> None:
        self.store = store
        self.fault_seed = fault_seed
        self.keys = keys
        self.https = https
        self.latency_ms = latency_ms
        self.profile = profile
        self.state_file = state_file
        self.batch_limit = batch_limit
        self.require_password = require_password
        self.stopping = threading.Event()
        self.requests_received = 0  # on arrival, before latency (the store's log: when answered)
        self._arrivals_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(workers) if workers else None
        self.max_queue = max_queue
        self._queue_lock = threading.Lock()
        self._waiting = 0
        self.refused = 0  # requests answered 503 because the queue was full
        rw = next(k for k in keys.all_keys() if k.permissions == "read_write")
        ro = next(k for k in keys.all_keys() if k.permissions == "read")
        self.consumer_key, self.consumer_secret = rw.consumer_key, rw.consumer_secret
        self.read_only_key, self.read_only_secret = ro.consumer_key, ro.consumer_secret
        self.ca_bundle: str | None = None
        self.url = ""
        self.port = 0
        self.api: SandboxApi
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._temp_dir: str | None = None

    @contextlib.contextmanager
    def worker(self) -> Iterator[bool]:
        """Hold a worker while the request is handled; False: the queue is full (503)."""
        if self._slots is None:
            yield True
            return
        if not self._admit():
            yield False
            return
        try:
            yield True
        finally:
            self._slots.release()

    def _admit(self) -> bool:
        assert self._slots is not None
        if self._slots.acquire(blocking=False):
            return True
        with self._queue_lock:
            if self.max_queue is not None and self._waiting >= self.max_queue:
                self.refused += 1
                return False
            self._waiting += 1
        try:
            self._slots.acquire()
        finally:
            with self._queue_lock:
                self._waiting -= 1
        return True

    def _serve(self, host: str, port: int, tls: ssl.SSLContext | None) -> None:
        server = _Server((host, port), self, tls)
        self._server = server
        self.port = server.server_address[1]
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://{host}:{self.port}"
        self.api = SandboxApi(
            self.store,
            self.keys,
            url=self.url,
            https=tls is not None,
            batch_limit=self.batch_limit,
            require_password=self.require_password,
        )
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name=f"sandbox-store-{self.port}",
            daemon=True,
        )
        self._thread.start()
        log.info("sandbox store listening on %s", self.url)

    def count_arrival(self) -> None:
        with self._arrivals_lock:
            self.requests_received += 1

    def stop(self) -> None:
        """Stop serving, drop open connections, save the state file if there is one."""
        if self._server is None:
            return
        self.stopping.set()
        self._server.shutdown()
        self._server.close_all_connections()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        if self.state_file is not None:
            save_state_file(
                self.store, self.state_file, [k.as_state() for k in self.keys.all_keys()]
            )
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
        log.info("sandbox store on %s stopped", self.url)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_sandbox(
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    seed: int = 0,
    fault_seed: int | None = None,
    https: bool = False,
    cert: str | Path | None = None,
    key: str | Path | None = None,
    cert_dir: str | Path | None = None,
    latency_ms: int = 0,
    faults: dict[str, float] | list[tuple[str, float]] | None = None,
    state_file: str | Path | None = None,
    profile: str | None = None,
    workers: int | None = None,
    max_queue: int | None = None,
    batch_limit: int = 100,
    require_password: bool = False,
) -> RunningSandbox:
    """Start a sandbox store in a background thread and return it once it is listening.

    ``seed`` is the number of customers to start with. ``faults`` maps fault names to
    rates (``{"error_503": 0.1}``); the name ``poison`` takes a customer id instead of a
    rate. The dice of those rates have their own ``fault_seed`` (None: a random one, kept
    as ``RunningSandbox.fault_seed`` so a run can be repeated).
    """
    cost_profile = get_profile(profile)
    if workers is None and cost_profile is not None:
        workers = cost_profile.default_workers
    if fault_seed is None:
        fault_seed = secrets.randbits(32)
    store = SandboxStore(fault_seed=fault_seed)
    state_path = Path(state_file) if state_file is not None else None
    if state_path is not None and state_path.exists():
        state = load_state_file(state_path)
        store.load_state(state)
        api_keys = [
            auth.ApiKey(k["consumer_key"], k["consumer_secret"], k["permissions"])
            for k in state.get("keys", [])
        ]
    else:
        store.ensure_administrator()
        seed_customers(store, seed)
        api_keys = []
    if not any(k.permissions == "read_write" for k in api_keys):
        api_keys.append(auth.new_key("read_write"))
    if not any(k.permissions == "read" for k in api_keys):
        api_keys.append(auth.new_key("read"))
    for api_key in api_keys:
        register_secret(api_key.consumer_key)
        register_secret(api_key.consumer_secret)
    for name, rate in faults.items() if isinstance(faults, dict) else faults or []:
        if name == "poison":
            store.poison(int(rate))
        else:
            store.set_fault(name, float(rate))

    running = RunningSandbox(
        store=store,
        fault_seed=fault_seed,
        keys=auth.KeyRing(api_keys),
        https=https,
        latency_ms=latency_ms,
        profile=cost_profile,
        workers=workers,
        max_queue=max_queue,
        state_file=state_path,
        batch_limit=batch_limit,
        require_password=require_password,
    )
    tls = None
    if https:
        if cert is None or key is None:
            if cert_dir is None:
                running._temp_dir = tempfile.mkdtemp(prefix="wcconnector-sandbox-")
                cert_dir = running._temp_dir
            cert, key = make_self_signed(Path(cert_dir))
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(str(cert), str(key))
        running.ca_bundle = str(cert)
    running._serve(host, port, tls)
    return running
