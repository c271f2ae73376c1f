"""The WooCommerce REST v3 client for customers (Qt-free, thread-safe).

One ``httpx.Client`` with keep-alive is shared by the few threads of the sync
engine. Each call is one *operation*: its attempts (retries included) share an
overall deadline, enforced also while a slow answer trickles in, since httpx's
read timeout is per chunk, not per answer.

A store without pretty permalinks is diagnosed (see :mod:`.diagnose`), never
worked around: WooCommerce authenticates keys only on ``/wp-json/wc/…`` paths.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from wcconnector_gui.runtime.redaction import register_secret
from wcconnector_gui.woo.auth import AUTH_MODES, make_auth
from wcconnector_gui.woo.concurrency import AdaptiveConcurrency
from wcconnector_gui.woo.errors import (
    PERMALINKS_SENTENCE,
    WooApiError,
    WooAuthError,
    WooBadResponse,
    WooConfigError,
    WooConnectionError,
    WooError,
    WooGaveUp,
    WooOutcomeUnknown,
    WooTimeout,
    WooTLSError,
    api_error_from_body,
    outcome_unknown,
)
from wcconnector_gui.woo.retry import RetryPolicy
from wcconnector_gui.woo.store_url import API_PATH, normalize_store_url
from wcconnector_gui.woo.transport_errors import error_from_transport, tls_verify

log = logging.getLogger(__name__)

MAX_PER_PAGE = 100
DEFAULT_BATCH_LIMIT = 100
_LIMIT_IN_MESSAGE = re.compile(r"more than (\d+) items")
# Errors after which the next chunks of a batch would fail the same way.
_STOP_BATCH = (WooAuthError, WooConnectionError, WooTLSError, WooTimeout, WooConfigError)
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
# The store took the connection (or the request) and said nothing in time.
_NO_ANSWER = (httpx.ConnectTimeout, httpx.ReadTimeout, httpx.WriteTimeout)
# This many requests in a row without an answer: the store is taken for dead.
DEAD_AFTER_TIMEOUTS = 3

Customer = dict[str, Any]


@dataclass(frozen=True)
class CustomerPage:
    """One page of ``GET /customers`` with the store's totals (X-WP-Total, X-WP-TotalPages)."""

    items: list[Customer]
    total: int
    total_pages: int
    page: int = 1


@dataclass(frozen=True)
class ItemResult:
    """The outcome of one batch item: ``data`` when ok, else ``error``."""

    ok: bool
    data: Customer | None = None
    error: WooError | None = None


@dataclass
class BatchResult:
    """Per-item results aligned 1:1 with the create/update/delete inputs."""

    create: list[ItemResult] = field(default_factory=list)
    update: list[ItemResult] = field(default_factory=list)
    delete: list[ItemResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(item.ok for item in (*self.create, *self.update, *self.delete))


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: httpx.Headers
    data: Any


class _DeadlineExceeded(Exception):
    pass


class WooClient:
    """Customers endpoints of one WooCommerce store.

    Args:
        store_url: the shop's address, e.g. ``https://shop.example`` (a pasted
            ``…/wp-json/…`` URL is cut back).
        consumer_key, consumer_secret: a REST API key of the shop.
        auth: "basic" (HTTPS), "query" (HTTPS, for hosts that strip the
            Authorization header) or "oauth1" (plain HTTP).
        ca_bundle: a PEM file trusted in addition to the system's CAs.
        timeout: per network wait (connect, each read...), seconds.
        deadline: overall limit for one operation, retries included, seconds.
        max_connections: size of the keep-alive pool.
        retry: the backoff policy.
        dead_after_timeouts: after this many requests in a row got no answer in
            time, the store is taken for dead and nothing more is sent.
        transport: an httpx transport to use instead of the network (tests).
    """

    def __init__(
        self,
        store_url: str,
        consumer_key: str,
        consumer_secret: str,
        *,
        auth: str = "basic",
        ca_bundle: str | None = None,
        timeout: float = 30.0,
        deadline: float = 120.0,
        max_connections: int = 4,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
        dead_after_timeouts: int = DEAD_AFTER_TIMEOUTS,
    ) -> None:
        if auth not in AUTH_MODES:
            raise WooConfigError(
                f"Unknown authentication mode {auth!r} (use basic, query or oauth1)."
            )
        self.store_url = normalize_store_url(store_url)
        if auth in ("basic", "query") and not self.store_url.startswith("https://"):
            how = "Basic authentication" if auth == "basic" else "Query-string authentication"
            raise WooConfigError(
                f"{how} is only used over HTTPS: over plain HTTP the secret would travel "
                "readable and WooCommerce ignores it anyway. Use an https:// store URL, or "
                "OAuth 1.0a for a plain-HTTP test shop."
            )
        register_secret(consumer_key)
        register_secret(consumer_secret)
        self.auth_mode = auth
        self.api_url = self.store_url + API_PATH
        self._timeout = float(timeout)
        self._deadline = float(deadline)
        self._retry = retry if retry is not None else RetryPolicy()
        self._lock = threading.Lock()
        self._request_count = 0
        self._by_method: Counter[str] = Counter()
        self._learned_batch_limit: int | None = None
        self._dead_after = max(1, dead_after_timeouts)
        self._timeouts_in_a_row = 0
        self._answered = False  # the store answered since the last reset_health()
        self._dead = ""  # why the store is taken for dead ("" while it answers)
        self._limits: dict[str, tuple[float, str]] = {}  # name → (clock at end, description)
        # When set, every attempt waits for a place on the wire and reports its answer.
        self.gate: AdaptiveConcurrency | None = None
        limits = httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        )
        self._http = httpx.Client(
            auth=make_auth(auth, consumer_key, consumer_secret, self.store_url),
            verify=tls_verify(ca_bundle),
            timeout=self._timeout,
            limits=limits,
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": "wcconnector-gui"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        return f"WooClient({self.store_url!r}, auth={self.auth_mode!r})"

    # -- lifecycle and counters ------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> WooClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def request_count(self) -> int:
        """HTTP requests handed to the network so far, retries included."""
        with self._lock:
            return self._request_count

    @property
    def requests_by_method(self) -> dict[str, int]:
        with self._lock:
            return dict(self._by_method)

    @property
    def batch_limit(self) -> int:
        """Items per batch request: 100, or lower once the store answered 413."""
        with self._lock:
            learned = self._learned_batch_limit
        return DEFAULT_BATCH_LIMIT if learned is None else learned

    # -- time limits and the store's health ----------------------------------------------

    def limit_time(self, name: str, seconds: float | None, description: str = "") -> None:
        """From now on, send nothing once ``seconds`` have passed (``None`` lifts the limit).

        Named limits (a run's and a phase's) hold together; the nearest counts. Once
        it is reached every request raises :class:`WooGaveUp` with ``description``
        in its message, e.g. "the push's time limit of 60 min".
        """
        with self._lock:
            if seconds is None:
                self._limits.pop(name, None)
            else:
                self._limits[name] = (self._retry.clock() + seconds, description or name)

    def reset_health(self) -> None:
        """Forget that the store was taken for dead (a new run tries it again)."""
        with self._lock:
            self._timeouts_in_a_row = 0
            self._answered = False
            self._dead = ""

    def _end_of(self, operation_end: float) -> tuple[float, str]:
        """When the next attempt must be over, and the named limit that decides it ("" if none).

        Raises WooGaveUp when the store is taken for dead.
        """
        with self._lock:
            if self._dead:
                raise WooGaveUp(self._dead)
            nearest = min(self._limits.values(), default=None)
        if nearest is not None and nearest[0] < operation_end:
            return nearest
        return operation_end, ""

    def _note_timeout(self) -> None:
        with self._lock:
            self._timeouts_in_a_row += 1
            if self._timeouts_in_a_row >= self._dead_after and not self._dead:
                self._dead = (
                    f"The store stopped answering: {self._timeouts_in_a_row} requests in a row "
                    f"got no answer within {self._timeout:g} s. It takes connections but does "
                    "not reply (overloaded or hung). Nothing more was sent; try again later."
                )
                log.warning("%s", self._dead)

    def _note_refused(self, problem: str) -> None:
        """A store that answered this run and now cannot be reached counts as not answering.

        Without it, a shop going down mid-run cost each remaining request its full
        retries. A store unreachable from the start keeps Test connection's diagnosis.
        """
        with self._lock:
            if not self._answered:
                return
            self._timeouts_in_a_row += 1
            if self._timeouts_in_a_row >= self._dead_after and not self._dead:
                self._dead = (
                    f"The store stopped taking connections: {self._timeouts_in_a_row} requests "
                    f"in a row could not reach it ({problem}). Nothing more was sent; what was "
                    "done stays done. Try again when the shop is online."
                )
                log.warning("%s", self._dead)

    def _note_answer(self) -> None:
        with self._lock:
            self._answered = True
            self._timeouts_in_a_row = 0

    # -- customers ------------------------------------------------------------------------

    def list_customers(
        self,
        *,
        page: int = 1,
        per_page: int = 100,
        orderby: str = "id",
        order: str = "asc",
        role: str = "all",
        email: str | None = None,
        search: str | None = None,
        include: Sequence[int] | None = None,
        fields: Sequence[str] | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> CustomerPage:
        """One page of customers. ``role="all"`` so administrators and other roles show too.

        ``include``: only the customers with these ids (at most ``per_page`` of them).
        """
        if not 1 <= per_page <= MAX_PER_PAGE:
            raise ValueError(f"per_page must be between 1 and {MAX_PER_PAGE}, not {per_page}")
        if page < 1:
            raise ValueError(f"page must be 1 or more, not {page}")
        params: dict[str, str] = {
            "page": str(page),
            "per_page": str(per_page),
            "orderby": orderby,
            "order": order,
            "role": role,
        }
        if email is not None:
            params["email"] = email
        if search is not None:
            params["search"] = search
        if include is not None:
            params["include"] = ",".join(str(int(i)) for i in include)
        if fields:
            params["_fields"] = ",".join(fields)
        if extra:
            params.update(extra)
        answer = self._request("GET", "customers", params=params)
        items = _expect_list(answer.data)
        total = _int_header(answer.headers, "X-WP-Total")
        total_pages = _int_header(answer.headers, "X-WP-TotalPages")
        if total is None:
            total = (page - 1) * per_page + len(items)
        if total_pages is None:
            total_pages = page + 1 if len(items) == per_page else page
        return CustomerPage(items=items, total=total, total_pages=total_pages, page=page)

    def iter_customers(
        self, *, per_page: int = 100, role: str = "all", fields: Sequence[str] | None = None
    ) -> Iterator[CustomerPage]:
        """Every page of a full scan ordered by id (stable while the scan runs)."""
        page = 1
        while True:
            result = self.list_customers(
                page=page, per_page=per_page, orderby="id", order="asc", role=role, fields=fields
            )
            if not result.items:
                return
            yield result
            if page >= result.total_pages:
                return
            page += 1

    def find_customers_by_email(self, email: str) -> list[Customer]:
        """Store customers of any role whose e-mail equals ``email`` (case-insensitive)."""
        wanted = email.strip().casefold()
        found = self.list_customers(email=email.strip(), role="all", per_page=100).items
        return [c for c in found if str(c.get("email", "")).strip().casefold() == wanted]

    def find_customers_by_username(self, username: str) -> list[Customer]:
        """Store customers of any role whose username equals ``username`` (case-insensitive).

        WooCommerce has no username filter: ``search`` matches it (among other fields),
        and only exact usernames are kept.
        """
        wanted = username.strip().casefold()
        found = self.list_customers(search=username.strip(), role="all", per_page=100).items
        return [c for c in found if str(c.get("username", "")).strip().casefold() == wanted]

    def get_customer(self, customer_id: int) -> Customer:
        return _expect_dict(self._request("GET", f"customers/{int(customer_id)}").data)

    def create_customer(self, data: Mapping[str, Any]) -> Customer:
        """POST a new customer. A lost answer raises WooOutcomeUnknown: look it up first."""
        answer = self._request("POST", "customers", json=dict(data), creates=True)
        return _expect_dict(answer.data, creates=True)

    def update_customer(self, customer_id: int, data: Mapping[str, Any]) -> Customer:
        answer = self._request("PUT", f"customers/{int(customer_id)}", json=dict(data))
        return _expect_dict(answer.data)

    def delete_customer(self, customer_id: int, force: bool = True) -> Customer:
        """Delete a customer; WooCommerce refuses (501) without ``force`` since it has no trash."""
        params = {"force": "true" if force else "false"}
        answer = self._request("DELETE", f"customers/{int(customer_id)}", params=params)
        return _expect_dict(answer.data)

    def verify_write_access(self) -> None:
        """Raise WooAuthError when the key may not write; changes nothing in the store.

        Sends an empty batch: WooCommerce checks the key's write permission for
        every POST before looking at the body.
        """
        self._request("POST", "customers/batch", json={"create": [], "update": [], "delete": []})

    def batch_customers(
        self,
        create: Iterable[Mapping[str, Any]] = (),
        update: Iterable[Mapping[str, Any]] = (),
        delete: Iterable[int] = (),
        *,
        limit: int | None = None,
    ) -> BatchResult:
        """Create/update/delete through ``/customers/batch``; every item's own result is read.

        Creates travel in their own requests, apart from updates and deletes, so a
        lost answer makes only creates uncertain (``WooOutcomeUnknown`` on those
        items) while update/delete requests are simply retried. No request holds
        more than ``limit`` (default 100) items, nor more than the store accepted
        after a 413: the failed chunk is split (to the limit the store names, else
        in halves) and sent again. An update/delete chunk answered 500 (one broken
        record makes WordPress fail the whole request) is split in halves, within a
        bounded number of extra requests, so the broken record fails alone. Errors
        that would fail every further request (authentication, connection, TLS,
        deadline) end the batch: the remaining items carry that error.
        """
        creates = [dict(item) for item in create]
        updates = [dict(item) for item in update]
        deletes = [int(i) for i in delete]
        if limit is not None and limit < 1:
            raise ValueError("limit must be at least 1")
        result = BatchResult(
            create=[ItemResult(ok=False)] * len(creates),
            update=[ItemResult(ok=False)] * len(updates),
            delete=[ItemResult(ok=False)] * len(deletes),
        )
        first_limit = self._effective_limit(limit)
        refs_create = [("create", i) for i in range(len(creates))]
        refs_change = [("update", i) for i in range(len(updates))]
        refs_change += [("delete", i) for i in range(len(deletes))]
        queue: deque[list[tuple[str, int]]] = deque()
        for refs in (refs_create, refs_change):
            queue.extend(_chunks(refs, first_limit))
        sources: dict[str, list[Any]] = {"create": creates, "update": updates, "delete": deletes}
        splits = _Splitter(len(updates) + len(deletes))
        while queue:
            chunk = queue.popleft()
            size = self._effective_limit(limit)
            if len(chunk) > size:
                queue.extendleft(reversed(_chunks(chunk, size)))
                continue
            body: dict[str, list[Any]] = {"create": [], "update": [], "delete": []}
            for section, index in chunk:
                body[section].append(sources[section][index])
            has_creates = bool(body["create"])
            try:
                answer = self._request("POST", "customers/batch", json=body, creates=has_creates)
            except WooApiError as exc:
                if exc.status == 413 and len(chunk) > 1:
                    new_size = self._learn_batch_limit(exc, len(chunk))
                    log.debug("batch of %d refused (413); now at most %d", len(chunk), new_size)
                    queue.extendleft(reversed(_chunks(chunk, new_size)))
                    continue
                if not has_creates and splits.split(chunk, exc, queue):
                    continue
                _fail(result, chunk, exc)
                if isinstance(exc, _STOP_BATCH):
                    _fail_rest(result, queue, exc)
                    break
                continue
            except WooOutcomeUnknown as exc:
                _fail(result, chunk, exc)
                continue
            except _STOP_BATCH as exc:
                _fail(result, chunk, exc)
                _fail_rest(result, queue, exc)
                break
            except WooError as exc:
                if not has_creates and splits.split(chunk, exc, queue):
                    continue
                _fail(result, chunk, exc)
                continue
            _read_batch_answer(result, chunk, answer.data, has_creates)
        return result

    # -- plumbing -------------------------------------------------------------------------

    def _effective_limit(self, limit: int | None) -> int:
        size = limit if limit is not None else DEFAULT_BATCH_LIMIT
        with self._lock:
            learned = self._learned_batch_limit
        return min(size, learned) if learned is not None else size

    def _learn_batch_limit(self, exc: WooApiError, chunk_size: int) -> int:
        match = _LIMIT_IN_MESSAGE.search(exc.api_message)
        named = int(match.group(1)) if match else 0
        new_size = named if 0 < named < chunk_size else max(1, chunk_size // 2)
        with self._lock:
            if self._learned_batch_limit is None or new_size < self._learned_batch_limit:
                self._learned_batch_limit = new_size
            return self._learned_batch_limit

    def _count(self, method: str) -> None:
        with self._lock:
            self._request_count += 1
            self._by_method[method] += 1

    def _uncount(self, method: str) -> None:
        with self._lock:
            self._request_count -= 1
            self._by_method[method] -= 1

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        json: Any = None,
        creates: bool = False,
    ) -> _Answer:
        """One operation: attempts with backoff until an answer, an error or the deadline.

        The operation's own deadline and the run's limits (:meth:`limit_time`) both
        hold; a store found dead (:meth:`_note_timeout`) gets no more requests.
        """
        policy = self._retry
        url = f"{self.api_url}/{path}"
        started = policy.clock()
        attempt = 0
        what = f"{method} /{path}"
        read = method == "GET"
        last_problem = ""
        while True:
            end, limit = self._end_of(started + self._deadline)
            remaining = end - policy.clock()
            if remaining <= 0:
                raise self._out_of_time(what, limit, attempt, last_problem)
            wait_at_most = min(self._timeout, remaining)
            timeout = httpx.Timeout(wait_at_most)
            request = self._http.build_request(
                method, url, params=params, json=json, timeout=timeout
            )
            self._count(method)
            retry_after: str | None = None
            try:
                status, headers, body = self._send_gated(request, end, path, params, json)
            except httpx.TransportError as exc:
                never_sent = isinstance(exc, _NEVER_SENT)
                if never_sent:
                    self._uncount(method)
                if isinstance(exc, _NO_ANSWER) and wait_at_most >= self._timeout:
                    self._note_timeout()  # a wait cut short by a deadline says less
                error = error_from_transport(exc)
                if isinstance(exc, httpx.ConnectError):
                    self._note_refused(str(exc) or "connection refused")
                log.debug("%s: attempt %d failed: %s", what, attempt + 1, error.message)
                if isinstance(error, WooTLSError):
                    raise error from None
                if creates and not never_sent:
                    raise outcome_unknown(
                        f"{what}: the request was sent but no answer came back ({error.message})",
                        error.message,
                    ) from None
                if not policy.can_retry_transport(never_sent=never_sent, creates=creates) or (
                    attempt + 1 >= policy.max_attempts
                ):
                    raise error from None
                last_problem = error.message
            except _DeadlineExceeded:
                if limit:
                    message = f"{what}: the answer was still coming in when {limit} was reached"
                else:
                    message = (
                        f"{what}: the answer did not arrive within the overall limit of "
                        f"{self._deadline:g} s"
                    )
                if creates:
                    raise outcome_unknown(message, "deadline") from None
                raise (WooGaveUp if limit else WooTimeout)(message + ".") from None
            except httpx.DecodingError:
                message = f"{what}: the store's answer could not be decoded (bad compression)"
                if creates:
                    raise outcome_unknown(message, "undecodable answer") from None
                raise WooBadResponse(message + ".") from None
            else:
                self._note_answer()
                log.debug("%s -> %d (attempt %d)", what, status, attempt + 1)
                if not (
                    policy.can_retry_status(status, creates=creates, read=read, attempt=attempt)
                    and attempt + 1 < policy.max_attempts
                ):
                    return _interpret(what, status, headers, body, creates)
                retry_after = headers.get("Retry-After")
                last_problem = f"HTTP {status}"
            wait = policy.delay(attempt, retry_after)
            end, limit = self._end_of(started + self._deadline)
            if wait >= end - policy.clock():
                asked = policy.parse_retry_after(retry_after) is not None
                raise self._out_of_time(
                    what, limit, attempt + 1, last_problem, wait if asked else None
                )
            log.debug("%s: retrying in %.2f s", what, wait)
            policy.sleep(wait)
            attempt += 1

    def _out_of_time(
        self,
        what: str,
        limit: str,
        attempts: int,
        last_problem: str,
        asked_wait: float | None = None,
    ) -> WooTimeout:
        """The error when no time is left for a (further) attempt, in plain words.

        ``asked_wait`` is the store's own Retry-After, when it sent one.
        """
        if limit:
            return WooGaveUp(f"Stopped: {limit} was reached; nothing more is sent to the store.")
        after = f" ({last_problem})" if last_problem else ""
        if asked_wait is not None:
            return WooTimeout(
                f"{what}: the store asks to wait {asked_wait:.1f} s before trying again{after}, "
                f"beyond the overall limit of {self._deadline:g} s."
            )
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        return WooTimeout(
            f"{what}: gave up after {tries}{after} within the overall limit of "
            f"{self._deadline:g} s."
        )

    def _send_gated(
        self,
        request: httpx.Request,
        end: float,
        path: str,
        params: Mapping[str, str] | None,
        body: Any,
    ) -> tuple[int, httpx.Headers, bytes]:
        """:meth:`_send` within the gate's limit, its answer reported to the gate."""
        gate = self.gate
        if gate is None:
            return self._send(request, end)
        ticket = gate.acquire(request.method, path, params, body)
        status: int | None = None
        timed_out = False
        try:
            try:
                self._end_of(end)
            except WooGaveUp:  # found dead while this one waited: it is not sent
                self._uncount(request.method)
                raise
            answer = self._send(request, end)
            status = answer[0]
            return answer
        except (httpx.TimeoutException, _DeadlineExceeded):
            timed_out = True
            raise
        finally:
            gate.release(ticket, status=status, timed_out=timed_out)

    def _send(self, request: httpx.Request, end: float) -> tuple[int, httpx.Headers, bytes]:
        clock = self._retry.clock
        response = self._http.send(request, stream=True)
        try:
            chunks: list[bytes] = []
            for chunk in response.iter_bytes():
                chunks.append(chunk)
                if clock() > end:
                    raise _DeadlineExceeded
            if clock() > end:
                raise _DeadlineExceeded
            return response.status_code, response.headers, b"".join(chunks)
        finally:
            response.close()


def _interpret(
    what: str, status: int, headers: httpx.Headers, body: bytes, creates: bool
) -> _Answer:
    """Turn a final HTTP answer into data, or the right error."""
    content_type = headers.get("Content-Type", "").lower()
    stripped = body.lstrip()
    looks_html = "html" in content_type or stripped[:1] == b"<"
    data: Any = None
    parsed = False
    if stripped and not looks_html:
        try:
            data = json.loads(body)
            parsed = True
        except ValueError:
            parsed = False
    if status == 429:
        raise api_error_from_body(429, data if parsed else None)
    if creates and status >= 500:
        raise outcome_unknown(
            f"{what}: the store answered HTTP {status}", f"HTTP {status}", status=status
        )
    if not parsed:
        if looks_html and status >= 500:
            error: WooError = WooBadResponse(
                f"{what}: the store answered HTTP {status} with an error page instead of the "
                "REST API (a server or proxy problem).",
                status=status,
            )
        elif looks_html:
            error = WooBadResponse(PERMALINKS_SENTENCE, status=status)
        elif not stripped:
            error = WooBadResponse(
                f"{what}: the store's answer was empty (HTTP {status}).", status=status
            )
        else:
            error = WooBadResponse(
                f"{what}: the store's answer was not valid JSON — cut off or malformed "
                f"(HTTP {status}).",
                status=status,
            )
        if creates and 200 <= status < 300:
            raise outcome_unknown(error.message.rstrip("."), "unreadable answer", status=status)
        raise error
    if status >= 400:
        raise api_error_from_body(status, data)
    if status >= 300:
        raise WooBadResponse(
            f"{what}: the store redirected (HTTP {status}); check the store URL "
            "(https, www, trailing path).",
            status=status,
        )
    return _Answer(status=status, headers=headers, data=data)


def _int_header(headers: httpx.Headers, name: str) -> int | None:
    value = headers.get(name)
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _expect_list(data: Any) -> list[Customer]:
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise WooBadResponse("The store answered with something else than a list of customers.")
    return data


def _expect_dict(data: Any, *, creates: bool = False) -> Customer:
    if not isinstance(data, dict):
        if creates:
            raise outcome_unknown(
                "The store's answer to a create was not a customer", "unexpected answer"
            )
        raise WooBadResponse("The store answered with something else than a customer.")
    return data


class _Splitter:
    """Halves update/delete chunks answered 500, within a budget of extra requests.

    Finding one broken record among n costs about 2·log2(n) requests; the budget
    allows a few such records, so a store that answers 500 to everything is not
    asked 2n times.
    """

    def __init__(self, items: int) -> None:
        self.budget = 4 * max(1, math.ceil(math.log2(items + 1))) + 4

    def split(
        self, chunk: list[tuple[str, int]], error: WooError, queue: deque[list[tuple[str, int]]]
    ) -> bool:
        """Queue the halves of ``chunk`` first; False when it cannot or may not be split."""
        if error.status != 500 or len(chunk) < 2 or self.budget < 2:
            return False
        self.budget -= 2
        half = (len(chunk) + 1) // 2
        queue.extendleft([chunk[half:], chunk[:half]])
        log.debug("batch of %d answered 500; split in halves", len(chunk))
        return True


def _chunks(refs: list[tuple[str, int]], size: int) -> list[list[tuple[str, int]]]:
    return [refs[i : i + size] for i in range(0, len(refs), size)]


def _fail(result: BatchResult, chunk: list[tuple[str, int]], error: WooError) -> None:
    for section, index in chunk:
        getattr(result, section)[index] = ItemResult(ok=False, error=error)


def _fail_rest(result: BatchResult, queue: deque[list[tuple[str, int]]], error: WooError) -> None:
    while queue:
        _fail(result, queue.popleft(), error)


def _read_batch_answer(
    result: BatchResult, chunk: list[tuple[str, int]], data: Any, has_creates: bool
) -> None:
    """Read each item's own result; the batch as a whole is 200 even when items failed."""
    if not isinstance(data, dict):
        data = {}
    for section in ("create", "update", "delete"):
        mine = [index for s, index in chunk if s == section]
        if not mine:
            continue
        answers = data.get(section)
        if not isinstance(answers, list):
            answers = []
        for position, index in enumerate(mine):
            item = answers[position] if position < len(answers) else None
            getattr(result, section)[index] = _item_result(section, item)


def _item_result(section: str, item: Any) -> ItemResult:
    if not isinstance(item, dict):
        if section == "create":
            return ItemResult(
                ok=False,
                error=outcome_unknown(
                    "The store's batch answer did not report this create", "missing batch item"
                ),
            )
        return ItemResult(
            ok=False, error=WooBadResponse("The store's batch answer did not report this item.")
        )
    error = item.get("error")
    if isinstance(error, dict):
        data = error.get("data")
        status = data.get("status") if isinstance(data, dict) else None
        return ItemResult(
            ok=False, error=api_error_from_body(status if isinstance(status, int) else 400, error)
        )
    return ItemResult(ok=True, data=item)
