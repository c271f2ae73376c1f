"""The backoff policy as a pure object: schedule, Retry-After, what may be retried."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from wcconnector_gui.woo.retry import RetryPolicy


def test_full_jitter_schedule_with_a_seeded_rng() -> None:
    policy = RetryPolicy(base=0.5, cap=4.0, rng=random.Random(42).random)
    delays = [policy.backoff(attempt) for attempt in range(5)]
    reference = random.Random(42)
    ceilings = [0.5, 1.0, 2.0, 4.0, 4.0]  # base * 2**attempt, capped at 4
    assert delays == pytest.approx([reference.random() * c for c in ceilings])
    assert all(0 <= d <= c for d, c in zip(delays, ceilings, strict=True))


def test_backoff_upper_bound_when_rng_returns_its_maximum() -> None:
    policy = RetryPolicy(base=1.0, cap=30.0, rng=lambda: 1.0)
    assert [policy.backoff(a) for a in range(7)] == [1, 2, 4, 8, 16, 30, 30]


def test_retry_after_seconds_replaces_backoff_and_is_capped() -> None:
    policy = RetryPolicy(rng=lambda: 0.5, retry_after_cap=60.0)
    assert policy.delay(0, "7") == 7.0
    assert policy.delay(3, "2.5") == 2.5
    assert policy.delay(0, "3600") == 60.0
    assert policy.delay(0, "-5") == 0.0
    assert policy.delay(1, None) == 0.5  # no header: backoff 0.5 * min(30, 0.5*2)
    assert policy.delay(1, "soon") == 0.5  # unreadable header: backoff


def test_retry_after_http_date() -> None:
    now = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    policy = RetryPolicy(wall_clock=now.timestamp, retry_after_cap=120.0)
    later = datetime(2026, 1, 2, 3, 4, 17, tzinfo=UTC)
    assert policy.delay(0, format_datetime(later, usegmt=True)) == 12.0
    past = datetime(2026, 1, 2, 3, 0, 0, tzinfo=UTC)
    assert policy.delay(0, format_datetime(past, usegmt=True)) == 0.0


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_idempotent_requests_retry_the_transient_statuses(status: int) -> None:
    assert RetryPolicy().can_retry_status(status, creates=False)


@pytest.mark.parametrize("status", [400, 401, 404, 413, 500, 501])
def test_other_statuses_are_not_retried(status: int) -> None:
    assert not RetryPolicy().can_retry_status(status, creates=False)


def test_creates_are_retried_only_on_429_or_when_never_sent() -> None:
    policy = RetryPolicy()
    assert policy.can_retry_status(429, creates=True)
    for status in (502, 503, 504):
        assert not policy.can_retry_status(status, creates=True)
    assert policy.can_retry_transport(never_sent=True, creates=True)
    assert not policy.can_retry_transport(never_sent=False, creates=True)
    assert policy.can_retry_transport(never_sent=False, creates=False)


def test_invalid_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
