"""When to try a request again, and how long to wait first.

A pure policy object: no I/O of its own, with injectable ``rng``, ``sleep`` and
``clock`` so the schedule can be asserted exactly in tests.

Backoff is exponential with full jitter: ``random(0, min(cap, base * 2**attempt))``
(attempt 0 is the wait after the first failure). A ``Retry-After`` header
(seconds or an HTTP date) replaces the computed wait, capped at
``retry_after_cap``.

What is retried:
- 429, 502, 503, 504 and connection errors, for idempotent requests
  (GET, PUT, DELETE, and a batch without creates);
- 500 for reads (GET) only, and at most ``server_error_attempts`` times: a read
  changes nothing, and a one-off 500 must not fail a whole scan. A 500 that
  repeats is most likely one broken record: the caller isolates it.
- a request that creates (a POST create, or a batch with creates) only when it
  certainly never reached the store (connect error, connect timeout) or when the
  answer was 429, which is refused before any processing. Any other failure of a
  create has an unknown outcome and is not retried here.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

RETRY_STATUSES: frozenset[int] = frozenset({429, 502, 503, 504})
# Retried for reads only (see the module docstring).
READ_RETRY_STATUSES: frozenset[int] = frozenset({500})


@dataclass
class RetryPolicy:
    """Backoff schedule and limits for one logical request (attempts + overall deadline)."""

    max_attempts: int = 5
    base: float = 0.5
    cap: float = 30.0
    retry_after_cap: float = 120.0
    retry_statuses: frozenset[int] = RETRY_STATUSES
    read_retry_statuses: frozenset[int] = READ_RETRY_STATUSES
    server_error_attempts: int = 2
    rng: Callable[[], float] = field(default=random.random, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    wall_clock: Callable[[], float] = field(default=time.time, repr=False)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base < 0 or self.cap < 0:
            raise ValueError("base and cap must not be negative")

    def backoff(self, attempt: int) -> float:
        """Full-jitter wait after failed attempt number ``attempt`` (0-based)."""
        ceiling = min(self.cap, self.base * float(2**attempt))
        return float(self.rng()) * ceiling

    def parse_retry_after(self, value: str | None) -> float | None:
        """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP date), capped."""
        if value is None:
            return None
        value = value.strip()
        if not value:
            return None
        seconds: float | None
        try:
            seconds = float(value)
        except ValueError:
            seconds = None
        if seconds is None:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            now = datetime.fromtimestamp(self.wall_clock(), tz=UTC)
            seconds = (when - now).total_seconds()
        if seconds != seconds:  # NaN
            return None
        return max(0.0, min(seconds, self.retry_after_cap))

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """The wait before the next attempt: Retry-After when given, else the backoff."""
        from_header = self.parse_retry_after(retry_after)
        if from_header is not None:
            return from_header
        return self.backoff(attempt)

    def can_retry_status(
        self, status: int, *, creates: bool, read: bool = False, attempt: int = 0
    ) -> bool:
        """Whether an answer with ``status`` to attempt ``attempt`` (0-based) may be retried.

        429 always; 502/503/504 only if idempotent; 500 only for a read, and only
        ``server_error_attempts`` times in all.
        """
        if read and status in self.read_retry_statuses:
            return attempt + 1 < min(self.server_error_attempts, self.max_attempts)
        if status not in self.retry_statuses:
            return False
        return status == 429 or not creates

    @staticmethod
    def can_retry_transport(*, never_sent: bool, creates: bool) -> bool:
        """Connection trouble: always retryable when idempotent, for a create only if never sent."""
        return never_sent or not creates


NO_RETRY = RetryPolicy(max_attempts=1)
