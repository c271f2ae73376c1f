"""How many requests go to the store at once, found while syncing (adaptive concurrency).

A shop works on as many requests at once as it has PHP workers: 2 on a small host,
16 or more on a big one. More requests only wait in its queue, or a host that guards
itself refuses them (429, 503). The app is not told the number; it measures it from
how long answers take, compared with the fastest answer to a request of the same kind
and size:

- **probe** (from 2, or from the limit remembered for this store): while much is left,
  batches of one item, so answers come quickly. Each answer as fast as the fastest of
  its kind (≤ 1.25×) to a request sent with at least 3/4 of the limit out lets one more
  request out: the limit doubles per round trip (as TCP's slow start) and cannot run
  far past what the answers show (4/3 of it). When the median of the last three answers
  is slower than 1.25×, more are out than the store works on: the limit becomes the most
  answers that came within one fastest answer time (each of W workers ends at most one
  such request in that time: W, plus what travels meanwhile), and the probe ends.
- **steady**: full batches; when fewer than ``limit`` full ones are left, what is left
  is shared out evenly, so the last round ends together. Judged by rounds of ``limit``
  answers: a mean slowdown over 1.25× brings the limit down to ``limit ÷ slowdown ×
  1.1``, and not that high again in this run. Only kinds of request with a limit's
  worth of answers since the last change count, and only requests sent after the
  requests of before the change were answered (the others queued behind those). It
  does not grow: answers of changing batch sizes cannot show it is safe; the next
  run's probe does.
- **overload** (429, 502, 503, 504, a timeout): at once down to the most answers of that
  kind seen within one fastest answer time (what the store works on at once, which left
  room for its queue), else to half the limit (a timeout, or in the probe) or 0.7×; never
  again the refused limit in this run.

The limit that held is kept per store (storage/setup_store.py): the next run's probe
starts there instead of at 2.

The gate (:meth:`acquire` / :meth:`release`, called by the client around each attempt)
keeps at most ``limit`` requests on the wire, whatever the callers submit. Decisions use
only the answers handed in, so tests drive them with made-up latencies.
"""

from __future__ import annotations

import logging
import math
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

log = logging.getLogger(__name__)

DEFAULT_START = 2  # a small shared host's worker count: safe before anything is known
OVERLOAD_STATUSES = frozenset({429, 502, 503, 504})
CLEAN = 1.25  # answers no slower than this × the fastest: the store keeps up
QUEUE_AIM = 1.1  # after slow answers: aim for answers 10 % slower than the fastest
RECENT = 3  # slowness is judged on the median of this many last answers
FULL = 0.75  # an answer counts for growth when this share of the limit was out with it
PROBE_CUT = 0.5
STEADY_CUT = 0.7
PROBE_ITEMS = 1  # items per batch while probing: short requests, quick answers
PROBE_WORTH = 2  # probe only while more than this many full rounds at the start are left
MIN_ITEMS = 10  # steady: no batch smaller than this (but the last)


class Phase(StrEnum):
    PROBE = "probe"
    STEADY = "steady"
    FIXED = "fixed"


@dataclass(frozen=True)
class Ticket:
    """One request on the wire: what kind (to compare like with like), when it left."""

    key: str
    generation: int
    started: float
    out: int  # requests on the wire when it left, itself included
    seq: int  # order of sending
    judged: bool  # left after every request of before the last cut was answered


def request_key(method: str, path: str, params: Mapping[str, str] | None, body: Any) -> str:
    """Requests with the same key cost the store about the same (method, path, items)."""
    size = 1
    if isinstance(body, Mapping):
        size = sum(len(v) for v in body.values() if isinstance(v, list))
    elif params:
        if "email" in params:
            return f"{method} {path} email"
        size = int(params.get("per_page", "1") or 1)
    return f"{method} {path} {size}"


class AdaptiveConcurrency:
    """The limit on requests in flight to one store, and the gate that enforces it.

    Args:
        upper: the most requests at once (the setup's Concurrency).
        start: the limit before anything is known.
        remembered: the limit that held in this store's last run: the run starts there.
        adaptive: False keeps ``upper`` all the time (the user's fixed setting).
        clock: seconds, monotonic (tests pass their own).
    """

    def __init__(
        self,
        upper: int,
        *,
        start: int = DEFAULT_START,
        remembered: int | None = None,
        adaptive: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.upper = max(1, upper)
        self._clock = clock
        self._cond = threading.Condition()
        self._in_flight = 0
        self._seq = 0  # tickets issued
        self._cut_seq = 0  # the last ticket issued before the last cut
        self._draining = 0  # requests of before the last cut still out
        self._generation = 0  # bumped at each cut: answers to older requests cut no more
        self._recent: deque[float] = deque(maxlen=RECENT)  # slowdowns of the last answers
        self._answered: dict[str, deque[float]] = {}  # key → times of recent answers
        self._peak: dict[str, int] = {}  # key → most answers within one fastest time
        self._seen: dict[str, int] = {}  # key → answers counted since the last cut
        self._round: list[float] = []  # steady: slowdowns of this round's answers
        self._fastest: dict[str, float] = {}
        self._ceiling = self.upper
        self._good: int | None = None
        self.overloads = 0
        if not adaptive:
            self._phase, self._limit = Phase.FIXED, self.upper
        else:
            first = remembered if remembered is not None and remembered > 0 else start
            self._limit = max(1, min(first, self.upper))
            self._phase = Phase.PROBE if self._limit < self.upper else Phase.STEADY
        self.history: list[tuple[float, int]] = [(clock(), self._limit)]

    # --- what callers read ---------------------------------------------------------------
    @property
    def limit(self) -> int:
        with self._cond:
            return self._limit

    @property
    def phase(self) -> Phase:
        with self._cond:
            return self._phase

    @property
    def good_limit(self) -> int | None:
        """The limit to start the next run with (None: this run learnt nothing)."""
        with self._cond:
            if self._phase == Phase.FIXED or self._good is None:
                return None
            return min(self._good, self._ceiling)

    def chunk_size(self, remaining: int, most: int) -> int:
        """Items for the next batch request when ``remaining`` are left (at most ``most``)."""
        if remaining <= 0:
            return 0
        with self._cond:
            phase, limit = self._phase, self._limit
        if phase == Phase.PROBE and remaining > PROBE_WORTH * DEFAULT_START * most:
            return min(remaining, PROBE_ITEMS, most)
        share = math.ceil(remaining / limit)
        return max(1, min(remaining, most, max(MIN_ITEMS, share)))

    # --- the gate ------------------------------------------------------------------------
    def acquire(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None = None,
        body: Any = None,
    ) -> Ticket:
        """Wait for a free place on the wire; the returned ticket goes to :meth:`release`."""
        key = request_key(method, path, params, body)
        with self._cond:
            while self._in_flight >= self._limit:
                self._cond.wait()
            self._in_flight += 1
            self._seq += 1
            judged = self._draining == 0
            return Ticket(key, self._generation, self._clock(), self._in_flight, self._seq, judged)

    def release(self, ticket: Ticket, *, status: int | None, timed_out: bool = False) -> None:
        """The request's answer: an HTTP status, or None when none came (``timed_out``)."""
        now = self._clock()
        with self._cond:
            self._in_flight -= 1
            if ticket.seq <= self._cut_seq:
                self._draining = max(0, self._draining - 1)
            if timed_out or status in OVERLOAD_STATUSES:
                self._overload(ticket, timed_out=timed_out)
            elif status is not None and status < 500:
                self._answer(ticket, now)
            self._cond.notify_all()

    # --- decisions (under the lock) ------------------------------------------------------
    def _count_answer(self, key: str, now: float, fastest: float) -> int:
        """The most answers of this kind seen within one fastest answer time: how many
        the store works on at once (each of its W workers ends one such request per
        that time, at most), plus the requests that travel meanwhile."""
        times = self._answered.setdefault(key, deque())
        times.append(now)
        while times and times[0] <= now - fastest:
            times.popleft()
        peak = max(self._peak.get(key, 0), len(times))
        self._peak[key] = peak
        return peak

    def _answer(self, ticket: Ticket, now: float) -> None:
        latency = max(now - ticket.started, 1e-6)
        fastest = self._fastest.get(ticket.key)
        if fastest is None or latency < fastest:
            self._fastest[ticket.key] = fastest = latency
        taken = self._count_answer(ticket.key, now, fastest)
        if self._phase == Phase.FIXED or ticket.generation != self._generation:
            return  # sent before the last cut: it waited behind what the cut removed
        if not ticket.judged:
            return  # sent while requests of before the cut were still out: it queued behind
        self._seen[ticket.key] = seen = self._seen.get(ticket.key, 0) + 1
        ratio = latency / fastest
        if self._phase == Phase.PROBE:
            self._recent.append(ratio)
            if len(self._recent) == RECENT and statistics.median(self._recent) > CLEAN:
                self._good = self._cut_to(min(taken, self._limit))
            elif ratio <= CLEAN and ticket.out >= FULL * self._limit:
                self._good = self._limit
                grown = self._limit + 1
                self._set(grown, Phase.PROBE if grown < self.upper else Phase.STEADY)
            return
        if seen < self._limit:
            return  # too few of this kind yet to know its fastest answer
        self._round.append(ratio)
        if len(self._round) < self._limit:
            return
        # A round: as many answers as the limit. Its mean slowdown is (requests out) ÷
        # (requests worked on) when requests queue, 1 when they do not.
        slowdown = statistics.fmean(self._round)
        self._round = []
        if slowdown > CLEAN:
            self._ceiling = max(1, min(self._ceiling, self._limit - 1))
            self._good = self._cut_to(math.floor(self._limit / slowdown * QUEUE_AIM))
            return
        self._good = max(self._good or 0, self._limit)

    def _overload(self, ticket: Ticket, *, timed_out: bool) -> None:
        self.overloads += 1
        if self._phase == Phase.FIXED or ticket.generation != self._generation:
            return  # sent before the last cut: that cut answers it already
        refused = self._limit
        self._ceiling = max(1, min(self._ceiling, refused - 1))
        taken = self._peak.get(ticket.key, 0)
        if 0 < taken < refused and not timed_out:
            # Refused for a full queue (or a rate): back to what the store was seen to work
            # on at once, which left room for its queue.
            self._good = self._cut_to(taken)
            return
        cut = PROBE_CUT if self._phase == Phase.PROBE or timed_out else STEADY_CUT
        self._good = self._cut_to(math.floor(refused * cut))

    def _cut_to(self, limit: int) -> int:
        """Down to ``limit`` (at least 1), steady from now on; older answers count no more."""
        self._set(limit, Phase.STEADY)
        self._generation += 1
        self._cut_seq, self._draining = self._seq, self._in_flight
        self._recent.clear()
        self._seen.clear()
        self._round = []
        return self._limit

    def _set(self, limit: int, phase: Phase) -> None:
        limit = max(1, min(limit, self._ceiling, self.upper))
        if limit != self._limit:
            self.history.append((self._clock(), limit))
            log.debug("concurrency %d → %d (%s)", self._limit, limit, phase)
        self._limit, self._phase = limit, phase
        self._round = []
