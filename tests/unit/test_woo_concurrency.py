"""The concurrency controller: decisions from made-up answer times (no real timing)."""

from __future__ import annotations

import heapq
import itertools
import math
import threading
from typing import Any

import httpx
import pytest

from wcconnector_gui.storage.setup_store import learned_concurrency, save_learned_concurrency
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.concurrency import AdaptiveConcurrency, Phase, request_key
from wcconnector_gui.woo.retry import RetryPolicy

BATCH = ("POST", "customers/batch", None, {"create": [{}]})


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def round_of(ctl: AdaptiveConcurrency, clock: Clock, latency: float, status: int = 200) -> int:
    """``limit`` requests sent together, answered ``latency`` s later; returns how many."""
    sent = ctl.limit
    tickets = [ctl.acquire(*BATCH) for _ in range(sent)]
    clock.now += latency
    for ticket in tickets:
        ctl.release(ticket, status=status)
    return sent


def push_through_store(
    ctl: AdaptiveConcurrency,
    clock: Clock,
    workers: int,
    requests: int,
    cost: float = 0.1,
    queue: int | None = None,
) -> int:
    """Keep ``limit`` requests out against a store whose ``workers`` take them in order,
    each for ``cost`` s (with ``queue``: 503 at once when that many already wait); the
    fake clock jumps from answer to answer. Returns how many were refused."""
    free = [clock.now] * workers  # when each worker is next free
    out: list[tuple[float, int, Any, float, int]] = []  # (answer at, order, ticket, start, status)
    sent = refused = 0
    order = itertools.count()
    while sent < requests or out:
        while sent < requests and len(out) < ctl.limit:
            ticket = ctl.acquire(*BATCH)
            waiting = sum(1 for *_, start, status in out if start > clock.now and status == 200)
            if queue is not None and waiting >= queue:
                heapq.heappush(out, (clock.now + cost / 100, next(order), ticket, clock.now, 503))
                refused += 1
            else:
                start = max(clock.now, heapq.heappop(free))
                heapq.heappush(free, start + cost)
                heapq.heappush(out, (start + cost, next(order), ticket, start, 200))
                sent += 1
        answered, _, ticket, _, status = heapq.heappop(out)
        clock.now = answered
        ctl.release(ticket, status=status)
    return refused


@pytest.mark.parametrize("workers", [4, 8, 16])
def test_a_store_refusing_a_long_queue_is_not_overrun(workers: int) -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(64, clock=clock)
    refused = push_through_store(ctl, clock, workers, requests=40 * workers, queue=2)
    # The probe's overshoot meets the full queue once; then the limit is what the store
    # works on, and nothing more is refused.
    assert refused <= workers and ctl.overloads == refused
    assert ctl.limit == ctl.good_limit and workers - 1 <= ctl.limit <= workers + 2
    again = AdaptiveConcurrency(64, remembered=ctl.good_limit, clock=clock)
    refused_again = push_through_store(again, clock, workers, requests=40 * workers, queue=2)
    assert refused_again <= refused and workers - 1 <= again.limit <= workers + 2


@pytest.mark.parametrize("workers", [2, 3, 6, 12, 24])
def test_the_probe_finds_the_store_s_workers_and_the_next_run_again(workers: int) -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(64, clock=clock)
    push_through_store(ctl, clock, workers, requests=40 * workers)
    assert ctl.phase == Phase.STEADY
    assert (ctl.limit, ctl.good_limit) == (workers, workers)
    # Within one round trip the probe overshoots, to about twice the workers.
    assert max(limit for _, limit in ctl.history) <= 2 * workers + 1
    again = AdaptiveConcurrency(64, remembered=ctl.good_limit, clock=clock)
    assert again.phase == Phase.PROBE and again.limit == workers
    push_through_store(again, clock, workers, requests=40 * workers)
    assert (again.limit, again.good_limit) == (workers, workers)


def test_the_probe_stops_at_the_upper_bound() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(16, clock=clock)
    push_through_store(ctl, clock, workers=100, requests=400)
    assert (ctl.phase, ctl.limit, ctl.good_limit) == (Phase.STEADY, 16, 16)


def test_steady_shrinks_after_a_slow_round_and_does_not_grow() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(11, remembered=11, clock=clock)
    assert ctl.phase == Phase.STEADY and ctl.limit == 11  # remembered = upper: no probe
    round_of(ctl, clock, 0.1)  # the first 11 answers of a kind set its fastest time
    for _ in range(3):
        round_of(ctl, clock, 0.12)  # 1.2×: kept
    assert ctl.limit == 11
    round_of(ctl, clock, 0.2)
    round_of(ctl, clock, 0.2)  # a whole round 2× slower: about half, plus 10 %
    assert ctl.limit == math.floor(11 / 2 * 1.1)
    for _ in range(20):
        round_of(ctl, clock, 0.1)
    assert ctl.limit == 6 and ctl.good_limit == 6


def test_a_new_kind_of_request_is_not_judged_on_its_first_answers() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(16, remembered=16, clock=clock)
    round_of(ctl, clock, 0.1)
    other = ("POST", "customers/batch", None, {"create": [{}] * 7})
    tickets = [ctl.acquire(*other) for _ in range(4)]
    for ticket in tickets:
        clock.now += 0.5  # each slower than the one before
        ctl.release(ticket, status=200)
    assert ctl.limit == 16


def test_overload_cuts_at_once_and_the_refused_limit_is_not_reached_again() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(32, start=8, clock=clock)
    assert ctl.phase == Phase.PROBE
    tickets = [ctl.acquire(*BATCH) for _ in range(8)]
    ctl.release(tickets[0], status=503)
    assert ctl.limit == 4 and ctl.phase == Phase.STEADY
    # The others of the same burst answer 503 too: no second cut.
    for ticket in tickets[1:]:
        ctl.release(ticket, status=503)
    assert ctl.limit == 4 and ctl.overloads == 8
    for _ in range(40):
        round_of(ctl, clock, 0.1)
    assert ctl.limit == 4 and ctl.good_limit == 4
    ticket = ctl.acquire(*BATCH)
    ctl.release(ticket, status=429)
    assert ctl.limit == math.floor(4 * 0.7)  # steady: 0.7×


def test_answers_to_requests_sent_before_a_cut_do_not_cut_again() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(10, remembered=10, clock=clock)
    round_of(ctl, clock, 0.1)
    early = [ctl.acquire(*BATCH) for _ in range(10)]
    late = ctl.acquire  # noqa: F841 (keeps the line short below)
    ctl.release(early[0], status=503)
    assert ctl.limit == 7
    clock.now += 2.0
    for ticket in early[1:]:
        ctl.release(ticket, status=200)  # slow: they queued behind the refused burst
    assert ctl.limit == 7


@pytest.mark.parametrize(
    ("status", "timed_out", "cut"),
    [(429, False, True), (502, False, True), (504, False, True), (None, True, True)],
)
def test_what_counts_as_overload(status: int | None, timed_out: bool, cut: bool) -> None:
    ctl = AdaptiveConcurrency(32, start=10, remembered=10, clock=Clock())
    ticket = ctl.acquire(*BATCH)
    ctl.release(ticket, status=status, timed_out=timed_out)
    assert (ctl.limit < 10) is cut


def test_errors_that_are_not_load_neither_cut_nor_count_as_answers() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(32, clock=clock)
    for status in (500, None):
        ticket = ctl.acquire(*BATCH)
        clock.now += 5.0
        ctl.release(ticket, status=status)
    assert ctl.limit == 2 and ctl.overloads == 0 and ctl.good_limit is None


def test_a_remembered_limit_is_where_the_next_run_s_probe_starts() -> None:
    ctl = AdaptiveConcurrency(32, remembered=12, clock=Clock())
    assert (ctl.limit, ctl.phase) == (12, Phase.PROBE)
    assert ctl.chunk_size(1000, 100) == 1


def test_remembered_above_the_upper_bound_is_capped() -> None:
    assert AdaptiveConcurrency(4, remembered=12, clock=Clock()).limit == 4


def test_a_fixed_setting_never_moves() -> None:
    clock = Clock()
    ctl = AdaptiveConcurrency(3, adaptive=False, clock=clock)
    round_of(ctl, clock, 0.1)
    round_of(ctl, clock, 5.0)
    ticket = ctl.acquire(*BATCH)
    ctl.release(ticket, status=503)
    assert ctl.limit == 3 and ctl.phase == Phase.FIXED and ctl.good_limit is None
    assert ctl.chunk_size(1000, 100) == 100


def test_chunk_sizes() -> None:
    ctl = AdaptiveConcurrency(16, clock=Clock())
    assert ctl.phase == Phase.PROBE
    assert ctl.chunk_size(1000, 100) == 1  # probing: one item per batch
    assert ctl.chunk_size(300, 100) == 100  # little work: no probe, full batches
    assert ctl.chunk_size(0, 100) == 0
    steady = AdaptiveConcurrency(16, start=16, clock=Clock())
    assert steady.phase == Phase.STEADY
    assert steady.chunk_size(5000, 100) == 100
    assert steady.chunk_size(900, 100) == 57  # 900 shared out over 16 slots
    assert steady.chunk_size(50, 100) == 10  # no batch below 10 items...
    assert steady.chunk_size(7, 100) == 7  # ...but the last


def test_the_gate_holds_requests_beyond_the_limit() -> None:
    ctl = AdaptiveConcurrency(1, clock=Clock())
    first = ctl.acquire(*BATCH)
    entered = threading.Event()

    def second() -> None:
        ctl.release(ctl.acquire(*BATCH), status=200)
        entered.set()

    thread = threading.Thread(target=second, daemon=True)
    thread.start()
    assert not entered.wait(0.2)
    ctl.release(first, status=200)
    assert entered.wait(10)
    thread.join(10)


def test_request_keys_compare_like_with_like() -> None:
    assert request_key("POST", "customers/batch", None, {"create": [1, 2], "update": [3]}) == (
        "POST customers/batch 3"
    )
    assert request_key("GET", "customers", {"per_page": "100"}, None) == "GET customers 100"
    lookup = request_key("GET", "customers", {"email": "a@b.c", "per_page": "100"}, None)
    assert lookup == "GET customers email"
    assert request_key("GET", "customers/5", None, None) == "GET customers/5 1"


def test_the_client_reports_each_attempt_to_its_gate() -> None:
    answers = iter([503, 503, 200])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(next(answers), json=[])

    client = WooClient(
        "https://shop.example",
        "ck_x",
        "cs_x",
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(sleep=lambda s: None, rng=lambda: 0.0),
    )
    client.gate = AdaptiveConcurrency(8, remembered=8, clock=Clock())
    assert client.list_customers().items == []
    assert client.gate.overloads == 2 and client.gate.limit == 3  # 8 × 0.7, then × 0.7


def test_a_timeout_is_reported_as_overload() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client = WooClient(
        "https://shop.example",
        "ck_x",
        "cs_x",
        transport=httpx.MockTransport(handler),
        retry=RetryPolicy(max_attempts=1),
    )
    client.gate = AdaptiveConcurrency(8, remembered=8, clock=Clock())
    with pytest.raises(Exception, match="(?i)time"):
        client.get_customer(1)
    assert client.gate.overloads == 1 and client.gate.limit == 4  # a timeout: half


def test_the_learned_limit_is_kept_per_store_url(db: Any) -> None:
    assert learned_concurrency(db, "https://a.example") is None
    save_learned_concurrency(db, "https://a.example", 7)
    assert learned_concurrency(db, "https://a.example") == 7
    assert learned_concurrency(db, "https://b.example") is None
