"""WooClient over httpx.MockTransport: mapping, errors, retries, deadline, batches, redaction."""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest

from wcconnector_gui.runtime.logsetup import init_logging
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.errors import (
    PERMALINKS_SENTENCE,
    WooApiError,
    WooAuthError,
    WooBadResponse,
    WooConnectionError,
    WooGaveUp,
    WooNotFound,
    WooOutcomeUnknown,
    WooRateLimited,
    WooTimeout,
    WooTLSError,
)
from wcconnector_gui.woo.retry import RetryPolicy

KEY = "key-unit-7f3a9"
SECRET = "secret-unit-b81c2"
URL = "https://shop.example"

Handler = Callable[[httpx.Request], httpx.Response]


class FakeClock:
    """Monotonic time that only moves when someone sleeps or advances it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_client(
    handler: Handler,
    *,
    auth: str = "basic",
    url: str = URL,
    clock: FakeClock | None = None,
    rng: Callable[[], float] = lambda: 0.5,
    deadline: float = 120.0,
    max_attempts: int = 5,
) -> tuple[WooClient, FakeClock]:
    clock = clock or FakeClock()
    policy = RetryPolicy(max_attempts=max_attempts, rng=rng, sleep=clock.sleep, clock=clock)
    client = WooClient(
        url,
        KEY,
        SECRET,
        auth=auth,
        transport=httpx.MockTransport(handler),
        retry=policy,
        deadline=deadline,
    )
    return client, clock


def woo_error(status: int, code: str, message: str) -> httpx.Response:
    return httpx.Response(
        status, json={"code": code, "message": message, "data": {"status": status}}
    )


def customers(n: int, start: int = 1) -> list[dict[str, Any]]:
    return [{"id": i, "email": f"c{i}@example.com"} for i in range(start, start + n)]


# -- listing ------------------------------------------------------------------------------


def test_list_customers_sends_a_stable_scan_query_and_reads_totals() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            json=customers(2),
            headers={"X-WP-Total": "202", "X-WP-TotalPages": "3"},
        )

    client, _ = make_client(handler)
    page = client.list_customers(page=2, fields=["id", "email"])
    assert page.items == customers(2)
    assert (page.total, page.total_pages, page.page) == (202, 3, 2)
    request = seen[0]
    assert request.url.path == "/wp-json/wc/v3/customers"
    assert dict(parse_qsl(request.url.query.decode())) == {
        "page": "2",
        "per_page": "100",
        "orderby": "id",
        "order": "asc",
        "role": "all",
        "_fields": "id,email",
    }


@pytest.mark.parametrize("per_page", [0, 101, -1])
def test_per_page_is_checked_before_sending(per_page: int) -> None:
    client, _ = make_client(lambda r: httpx.Response(200, json=[]))
    with pytest.raises(ValueError, match="per_page"):
        client.list_customers(per_page=per_page)
    assert client.request_count == 0


def test_iter_customers_walks_every_page_in_id_order() -> None:
    everyone = customers(250)

    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(parse_qsl(request.url.query.decode()))
        page, per_page = int(params["page"]), int(params["per_page"])
        assert params["orderby"] == "id" and params["order"] == "asc"
        chunk = everyone[(page - 1) * per_page : page * per_page]
        return httpx.Response(
            200, json=chunk, headers={"X-WP-Total": "250", "X-WP-TotalPages": "3"}
        )

    client, _ = make_client(handler)
    pages = list(client.iter_customers())
    assert [p.page for p in pages] == [1, 2, 3]
    assert [c["id"] for p in pages for c in p.items] == list(range(1, 251))
    assert client.request_count == 3
    assert client.requests_by_method == {"GET": 3}


def test_find_by_email_keeps_only_exact_case_insensitive_matches() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        params = dict(parse_qsl(request.url.query.decode()))
        assert params["email"] == "Anna@Example.com" and params["role"] == "all"
        return httpx.Response(
            200,
            json=[
                {"id": 1, "email": "anna@example.com"},
                {"id": 2, "email": "anna@example.com.evil"},
            ],
        )

    client, _ = make_client(handler)
    assert [c["id"] for c in client.find_customers_by_email("Anna@Example.com")] == [1]


# -- error mapping --------------------------------------------------------------------------


def test_html_page_is_a_bad_response_that_names_permalinks() -> None:
    client, _ = make_client(
        lambda r: httpx.Response(
            200, text="<!DOCTYPE html><html>Home</html>", headers={"Content-Type": "text/html"}
        )
    )
    with pytest.raises(WooBadResponse) as caught:
        client.get_customer(1)
    assert caught.value.message == PERMALINKS_SENTENCE
    assert caught.value.status == 200


def test_truncated_json_is_a_bad_response() -> None:
    client, _ = make_client(
        lambda r: httpx.Response(
            200, content=b'[{"id": 1, "ema', headers={"Content-Type": "application/json"}
        )
    )
    with pytest.raises(WooBadResponse, match="not valid JSON"):
        client.list_customers()


def test_woocommerce_error_body_keeps_its_code() -> None:
    client, _ = make_client(
        lambda r: woo_error(
            400,
            "registration-error-email-exists",
            "An account is already registered with a@b.c. Please log in.",
        )
    )
    with pytest.raises(WooApiError) as caught:
        client.create_customer({"email": "a@b.c"})
    error = caught.value
    assert (error.status, error.code) == (400, "registration-error-email-exists")
    assert error.data == {"status": 400}
    assert "already registered" in error.message


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (401, "woocommerce_rest_cannot_view", WooAuthError),
        (403, "woocommerce_rest_cannot_view", WooAuthError),
        (404, "wc_user_invalid_id", WooNotFound),
        (501, "woocommerce_rest_trash_not_supported", WooApiError),
    ],
)
def test_status_maps_to_error_class(status: int, code: str, cls: type[WooApiError]) -> None:
    client, _ = make_client(lambda r: woo_error(status, code, "nope"))
    with pytest.raises(cls) as caught:
        client.delete_customer(7, force=False)
    assert caught.value.code == code
    assert client.request_count == 1


def test_tls_failure_says_which_and_is_not_retried() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(
            "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
            "self-signed certificate (_ssl.c:1000)"
        )

    client, clock = make_client(handler)
    with pytest.raises(WooTLSError, match="self-signed"):
        client.get_customer(1)
    assert clock.sleeps == []


# -- redaction ------------------------------------------------------------------------------


def test_no_secret_in_errors_or_logs(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    init_logging(console=False, directory=tmp_path)  # the app's one logging setup
    caplog.set_level(logging.DEBUG)

    def handler(request: httpx.Request) -> httpx.Response:
        # A store (or proxy) that echoes the full request URL in its error text.
        return woo_error(400, "rest_invalid_param", f"Bad request {request.url}")

    client, _ = make_client(handler, auth="query")
    with pytest.raises(WooApiError) as caught:
        client.list_customers(email="x@y.z")
    texts = [str(caught.value), repr(caught.value), caught.value.message]
    texts += [record.getMessage() for record in caplog.records]
    assert any("Bad request" in t for t in texts)
    for text in texts:
        assert SECRET not in text
        assert KEY not in text


def test_no_oauth_signature_in_errors_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    signatures: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        signatures.append(dict(parse_qsl(request.url.query.decode()))["oauth_signature"])
        raise httpx.ReadError(f"connection reset while reading {request.url}")

    client, _ = make_client(handler, auth="oauth1", url="http://127.0.0.1:8080")
    with pytest.raises(WooConnectionError) as caught:
        client.get_customer(3)
    texts = [str(caught.value), repr(caught.value)]
    texts += [record.getMessage() for record in caplog.records]
    assert len(signatures) == 5
    for text in texts:
        for signature in signatures:
            assert signature not in text
        assert SECRET not in text
    assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING


# -- retries ---------------------------------------------------------------------------------


def test_create_is_not_retried_after_a_read_timeout() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    client, clock = make_client(handler)
    with pytest.raises(WooOutcomeUnknown, match="look it up"):
        client.create_customer({"email": "new@example.com"})
    assert len(calls) == 1
    assert clock.sleeps == []


def test_create_is_retried_after_a_connect_error() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return httpx.Response(201, json={"id": 9, "email": "new@example.com"})

    client, clock = make_client(handler, rng=lambda: 1.0)
    assert client.create_customer({"email": "new@example.com"})["id"] == 9
    assert len(calls) == 2
    assert clock.sleeps == [0.5]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_create_answered_5xx_has_an_unknown_outcome(status: int) -> None:
    client, clock = make_client(lambda r: woo_error(status, "oops", "server error"))
    with pytest.raises(WooOutcomeUnknown) as caught:
        client.create_customer({"email": "new@example.com"})
    assert caught.value.status == status
    assert client.request_count == 1


def test_create_answered_429_is_retried_after_retry_after() -> None:
    answers = iter(
        [
            httpx.Response(429, json={"code": "too_many"}, headers={"Retry-After": "3"}),
            httpx.Response(201, json={"id": 4}),
        ]
    )
    client, clock = make_client(lambda r: next(answers))
    assert client.create_customer({"email": "a@b.c"}) == {"id": 4}
    assert clock.sleeps == [3.0]


def test_503_burst_then_success_follows_the_backoff_schedule() -> None:
    answers = iter([woo_error(503, "x", "busy")] * 3 + [httpx.Response(200, json={"id": 1})])
    rng = random.Random(7)
    expected_rng = random.Random(7)
    client, clock = make_client(lambda r: next(answers), rng=rng.random)
    assert client.get_customer(1) == {"id": 1}
    assert clock.sleeps == pytest.approx([expected_rng.random() * c for c in (0.5, 1.0, 2.0)])


def test_429_every_time_ends_as_rate_limited_after_max_attempts() -> None:
    client, clock = make_client(
        lambda r: httpx.Response(429, json={"code": "rl", "message": "slow down"}),
        max_attempts=3,
    )
    with pytest.raises(WooRateLimited):
        client.update_customer(1, {"first_name": "A"})
    assert client.request_count == 3
    assert len(clock.sleeps) == 2


def test_connection_refused_is_retried_then_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    client, clock = make_client(handler, max_attempts=4)
    with pytest.raises(WooConnectionError, match="refused"):
        client.get_customer(1)
    assert len(clock.sleeps) == 3


# -- deadline ----------------------------------------------------------------------------------


def test_overall_deadline_stops_the_retries() -> None:
    clock = FakeClock()
    read_timeouts: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        read_timeouts.append(request.extensions["timeout"]["read"])
        clock.now += 10.0  # every attempt takes 10 s
        return woo_error(503, "busy", "busy")

    client, _ = make_client(handler, clock=clock, deadline=25.0, rng=lambda: 1.0, max_attempts=10)
    with pytest.raises(WooTimeout, match="overall"):
        client.get_customer(1)
    # Attempts at t=0, 10.5, 21.5; each may only wait for what is left of the 25 s.
    assert clock.sleeps == [0.5, 1.0]
    assert read_timeouts == pytest.approx([25.0, 14.5, 3.5])
    assert client.request_count == 3


def _dripping(clock: FakeClock, pieces: int) -> Iterator[bytes]:
    yield b"["
    for _ in range(pieces):
        clock.now += 1.0
        yield b" "
    yield b"]"


def test_deadline_is_enforced_while_a_slow_answer_trickles_in() -> None:
    clock = FakeClock()
    client, _ = make_client(
        lambda r: httpx.Response(200, content=_dripping(clock, 100)), clock=clock, deadline=5.0
    )
    with pytest.raises(WooTimeout):
        client.list_customers()
    assert clock.now < 10


def test_create_whose_answer_trickles_past_the_deadline_is_unknown() -> None:
    clock = FakeClock()
    client, _ = make_client(
        lambda r: httpx.Response(201, content=_dripping(clock, 100)), clock=clock, deadline=5.0
    )
    with pytest.raises(WooOutcomeUnknown):
        client.create_customer({"email": "a@b.c"})


# -- batches -------------------------------------------------------------------------------------


def batch_echo(
    limit: int = 100, fail_emails: frozenset[str] = frozenset()
) -> tuple[Handler, list[dict[str, Any]]]:
    """A batch endpoint that enforces ``limit`` and fails items whose e-mail is listed."""
    bodies: list[dict[str, Any]] = []
    next_id = iter(range(1000, 100000))

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        bodies.append(body)
        size = sum(len(body.get(k, [])) for k in ("create", "update", "delete"))
        if size > limit:
            return woo_error(
                413,
                "woocommerce_rest_request_entity_too_large",
                f"Unable to accept more than {limit} items for this request.",
            )
        answer: dict[str, list[Any]] = {}
        if body.get("create"):
            answer["create"] = [
                {
                    "id": 0,
                    "error": {
                        "code": "registration-error-email-exists",
                        "message": "exists",
                        "data": {"status": 400},
                    },
                }
                if item["email"] in fail_emails
                else {"id": next(next_id), **item}
                for item in body["create"]
            ]
        if body.get("update"):
            answer["update"] = [dict(item) for item in body["update"]]
        if body.get("delete"):
            answer["delete"] = [{"id": i} for i in body["delete"]]
        return httpx.Response(200, json=answer)

    return handler, bodies


def test_batch_of_250_creates_is_split_into_requests_of_at_most_100() -> None:
    handler, bodies = batch_echo(fail_emails=frozenset({"p7@example.com"}))
    client, _ = make_client(handler)
    result = client.batch_customers(create=[{"email": f"p{i}@example.com"} for i in range(250)])
    assert [len(b["create"]) for b in bodies] == [100, 100, 50]
    assert len(result.create) == 250
    assert not result.ok
    failed = [i for i, item in enumerate(result.create) if not item.ok]
    assert failed == [7]
    error = result.create[7].error
    assert isinstance(error, WooApiError) and error.code == "registration-error-email-exists"
    assert result.create[8].data is not None
    assert result.create[8].data["email"] == "p8@example.com"


def test_creates_travel_apart_from_updates_and_deletes() -> None:
    handler, bodies = batch_echo()
    client, _ = make_client(handler)
    result = client.batch_customers(
        create=[{"email": "n@example.com"}], update=[{"id": 5, "first_name": "X"}], delete=[6]
    )
    assert result.ok
    assert bodies[0] == {"create": [{"email": "n@example.com"}], "update": [], "delete": []}
    assert bodies[1] == {"create": [], "update": [{"id": 5, "first_name": "X"}], "delete": [6]}
    assert result.delete[0].data == {"id": 6}


def test_413_lowers_the_limit_to_what_the_store_names() -> None:
    handler, bodies = batch_echo(limit=40)
    client, _ = make_client(handler)
    result = client.batch_customers(update=[{"id": i} for i in range(1, 101)])
    assert result.ok
    assert [len(b["update"]) for b in bodies] == [100, 40, 40, 20]
    assert client.batch_limit == 40
    bodies.clear()
    client.batch_customers(update=[{"id": i} for i in range(1, 51)])
    assert [len(b["update"]) for b in bodies] == [40, 10]


def test_413_without_a_number_halves() -> None:
    bodies: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        size = len(json.loads(request.content)["update"])
        bodies.append(size)
        if size > 30:
            return woo_error(413, "woocommerce_rest_request_entity_too_large", "Too large.")
        return httpx.Response(200, json={"update": [{"id": 1}] * size})

    client, _ = make_client(handler)
    assert client.batch_customers(update=[{"id": 1}] * 100).ok
    assert bodies == [100, 50, 25, 25, 25, 25]


def test_lost_answer_of_a_create_chunk_marks_only_those_creates_unknown() -> None:
    calls = 0
    inner, bodies = batch_echo()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            inner(request)  # the store did the work...
            raise httpx.ReadError("connection reset by peer", request=request)  # ...answer lost
        return inner(request)

    client, _ = make_client(handler)
    result = client.batch_customers(
        create=[{"email": f"p{i}@example.com"} for i in range(150)],
        update=[{"id": 3, "last_name": "Y"}],
    )
    assert all(isinstance(item.error, WooOutcomeUnknown) for item in result.create[:100])
    assert all(item.ok for item in result.create[100:])
    assert result.update[0].ok
    assert calls == 3


def test_update_chunk_is_retried_when_its_answer_is_lost() -> None:
    calls = 0
    inner, _ = batch_echo()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ReadTimeout("timed out", request=request)
        return inner(request)

    client, clock = make_client(handler)
    assert client.batch_customers(update=[{"id": 1}], delete=[2]).ok
    assert calls == 2 and len(clock.sleeps) == 1


def test_auth_failure_ends_the_batch_and_marks_every_item() -> None:
    client, _ = make_client(
        lambda r: woo_error(401, "woocommerce_rest_cannot_batch", "Sorry, you are not allowed.")
    )
    result = client.batch_customers(
        create=[{"email": "a@b.c"}] * 150, update=[{"id": 1}], delete=[2]
    )
    assert client.request_count == 1
    assert all(isinstance(i.error, WooAuthError) for i in (*result.create, *result.update))
    assert isinstance(result.delete[0].error, WooAuthError)


def test_empty_batch_sends_nothing() -> None:
    client, _ = make_client(lambda r: httpx.Response(500))
    assert client.batch_customers().ok
    assert client.request_count == 0


# -- threads ----------------------------------------------------------------------------------


def test_request_counters_are_exact_under_threads() -> None:
    client, _ = make_client(lambda r: httpx.Response(200, json={"id": 1}))

    def work() -> None:
        for _ in range(25):
            client.get_customer(1)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert client.request_count == 200
    assert client.requests_by_method == {"GET": 200}
    client.close()


def test_undecodable_answer_is_a_bad_response() -> None:
    client, _ = make_client(
        lambda r: httpx.Response(
            200, content=b"not gzip at all", headers={"Content-Encoding": "gzip"}
        )
    )
    with pytest.raises(WooBadResponse, match="decoded"):
        client.get_customer(1)
    with pytest.raises(WooOutcomeUnknown):
        client.create_customer({"email": "z@example.com"})


# -- trust at the edges (issue 10) -------------------------------------------------------------

CRITICAL = (
    "<p>There has been a critical error on this website.</p><p><a href="
    '"https://wordpress.org/documentation/">Learn more about troubleshooting WordPress.</a></p>'
)


def test_a_list_page_answered_500_once_is_read_again_after_a_backoff() -> None:
    answers = iter(
        [woo_error(500, "internal_server_error", CRITICAL), httpx.Response(200, json=customers(3))]
    )
    client, clock = make_client(lambda r: next(answers), rng=lambda: 1.0)
    assert [c["id"] for c in client.list_customers().items] == [1, 2, 3]
    assert clock.sleeps == [0.5]


def test_a_read_answered_500_every_time_is_tried_a_bounded_number_of_times() -> None:
    client, clock = make_client(lambda r: woo_error(500, "internal_server_error", CRITICAL))
    with pytest.raises(WooApiError) as caught:
        client.list_customers()
    assert client.request_count == 2  # RetryPolicy.server_error_attempts
    assert caught.value.status == 500
    # The store's HTML is turned into plain words.
    assert "<" not in caught.value.message
    assert "There has been a critical error on this website." in caught.value.message


def test_a_write_answered_500_is_not_sent_again() -> None:
    client, _ = make_client(lambda r: woo_error(500, "internal_server_error", "broken"))
    with pytest.raises(WooApiError):
        client.update_customer(1, {"first_name": "A"})
    assert client.request_count == 1


def test_without_retry_after_the_store_is_not_said_to_ask_for_a_wait() -> None:
    clock = FakeClock()

    def handler(request: httpx.Request) -> httpx.Response:
        clock.now += 1.0
        return woo_error(503, "busy", "busy")

    client, _ = make_client(handler, clock=clock, deadline=3.0, rng=lambda: 1.0, max_attempts=10)
    with pytest.raises(WooTimeout) as caught:
        client.get_customer(1)
    assert "asks to wait" not in caught.value.message
    assert "gave up after 2 attempts (HTTP 503)" in caught.value.message


def test_retry_after_beyond_the_deadline_says_the_store_asked_for_it() -> None:
    answer = httpx.Response(503, json={"code": "busy"}, headers={"Retry-After": "30"})
    client, _ = make_client(lambda r: answer, deadline=10.0)
    with pytest.raises(WooTimeout, match=r"the store asks to wait 30\.0 s"):
        client.get_customer(1)


def test_a_store_that_never_answers_is_given_up_after_a_few_timeouts() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("timed out", request=request)

    client, _ = make_client(handler, max_attempts=5)
    with pytest.raises(WooGaveUp, match="stopped answering: 3 requests in a row"):
        client.get_customer(1)
    assert len(calls) == 3
    for call in (lambda: client.list_customers(), lambda: client.get_customer(2)):
        with pytest.raises(WooGaveUp):
            call()
    assert len(calls) == 3  # nothing more was sent
    client.reset_health()  # a new run tries again
    with pytest.raises(WooTimeout):
        client.get_customer(3)
    assert len(calls) > 3


def test_a_store_that_stops_taking_connections_mid_run_is_given_up_after_a_few_refusals() -> None:
    # A shop that went down mid-run (connection refused) cost every remaining lookup its
    # full retries, minutes in all; now it counts like a store that stopped answering.
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            return httpx.Response(200, json={"id": 1})
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    client, _ = make_client(handler, max_attempts=5)
    assert client.get_customer(1) == {"id": 1}
    with pytest.raises(WooGaveUp, match="stopped taking connections: 3 requests in a row"):
        client.get_customer(2)
    assert len(calls) == 4
    with pytest.raises(WooGaveUp):
        client.list_customers()
    assert len(calls) == 4  # nothing more was sent


def test_a_store_refusing_from_the_start_keeps_its_diagnosis() -> None:
    # Never answered in this run: the error is Test connection's "could not be reached".
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    client, _ = make_client(handler, max_attempts=5)
    with pytest.raises(WooConnectionError):
        client.get_customer(1)
    with pytest.raises(WooConnectionError):
        client.get_customer(1)


def test_an_answer_in_between_resets_the_count_of_timeouts() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) % 3 == 0:
            return httpx.Response(200, json={"id": 1})
        raise httpx.ReadTimeout("timed out", request=request)

    client, _ = make_client(handler)
    for _ in range(4):
        assert client.get_customer(1) == {"id": 1}


def test_a_run_limit_stops_every_request_once_reached() -> None:
    clock = FakeClock()

    def handler(request: httpx.Request) -> httpx.Response:
        clock.now += 2.0
        return httpx.Response(200, json={"id": 1})

    client, _ = make_client(handler, clock=clock)
    client.limit_time("run", 5.0, "the run's time limit of 5 s")
    client.limit_time("phase", 100.0, "the push's time limit")
    assert client.get_customer(1) == {"id": 1}
    assert client.get_customer(1) == {"id": 1}
    # The third request may only wait for the 1 s left of the run.
    with pytest.raises(WooGaveUp, match="still coming in when the run's time limit"):
        client.get_customer(1)
    with pytest.raises(WooGaveUp, match="the run's time limit of 5 s was reached"):
        client.get_customer(1)
    assert client.request_count == 3
    client.limit_time("run", None)
    client.limit_time("phase", None)
    assert client.get_customer(1) == {"id": 1}


def test_a_create_cut_off_by_the_run_limit_has_an_unknown_outcome() -> None:
    clock = FakeClock()
    client, _ = make_client(
        lambda r: httpx.Response(201, content=_dripping(clock, 100)), clock=clock
    )
    client.limit_time("run", 5.0, "the run's time limit")
    with pytest.raises(WooOutcomeUnknown, match="may or may not have been created"):
        client.create_customer({"email": "a@b.c"})


def test_an_update_chunk_answered_500_is_split_so_the_broken_record_fails_alone() -> None:
    bodies: list[list[int]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        ids = [item["id"] for item in json.loads(request.content)["update"]]
        bodies.append(ids)
        if 37 in ids:
            return woo_error(500, "internal_server_error", CRITICAL)
        return httpx.Response(200, json={"update": [{"id": i} for i in ids]})

    client, _ = make_client(handler)
    result = client.batch_customers(update=[{"id": i} for i in range(1, 101)])
    failed = [i + 1 for i, item in enumerate(result.update) if not item.ok]
    assert failed == [37]
    error = result.update[36].error
    assert isinstance(error, WooApiError) and error.status == 500 and "<" not in error.message
    assert len(bodies) <= 2 * 7 + 1  # about 2·log2(100) requests


def test_a_store_answering_500_to_every_update_is_not_asked_once_per_item() -> None:
    client, _ = make_client(lambda r: woo_error(500, "internal_server_error", "broken"))
    result = client.batch_customers(update=[{"id": i} for i in range(1, 101)])
    assert not any(item.ok for item in result.update)
    assert client.request_count <= 40


def test_a_create_chunk_answered_500_is_not_split() -> None:
    client, _ = make_client(lambda r: woo_error(500, "internal_server_error", "broken"))
    result = client.batch_customers(create=[{"email": f"p{i}@x.example"} for i in range(10)])
    assert all(isinstance(item.error, WooOutcomeUnknown) for item in result.create)
    assert client.request_count == 1
