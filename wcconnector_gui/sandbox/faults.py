"""Fault injection switches of the sandbox store.

A fault fires with a probability (``rate``, drawn from an RNG seeded with the
sandbox's own fault seed, not its number of customers, so a run can be repeated)
or for exactly the next ``count`` matching requests.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# name → what the server does (see server.py)
FAULT_NAMES = {
    "lost_response": "process and commit, then close the connection without answering",
    "error_500": "answer 500 (WordPress critical-error JSON) without processing",
    "error_502": "answer 502 with an nginx HTML page without processing",
    "error_503": "answer 503 with an HTML maintenance page without processing",
    "rate_limit": "answer 429 with Retry-After (opts: retry_after, default 1) without processing",
    "html": "answer 200 text/html (a login / caching-plugin page) without processing",
    "malformed_json": "process, then answer 200 with the JSON body cut in half",
    "slow_drip": "process, then send the body a few bytes at a time (opts: seconds, default 3)",
    "timeout": "hold the request without answering (opts: seconds, default 10), then close",
}
# Faults that answer before the request is processed.
PRE_PROCESSING = {"error_500", "error_502", "error_503", "rate_limit", "html", "timeout"}


@dataclass
class Fault:
    name: str
    rate: float = 1.0
    count: int | None = None
    methods: frozenset[str] | None = None
    path_contains: str | None = None
    opts: dict[str, Any] = field(default_factory=dict)
    fired: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.methods is not None and method not in self.methods:
            return False
        return self.path_contains is None or self.path_contains in path


class FaultBook:
    """The active faults, checked in the order they were set; thread-safe."""

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self._rng = random.Random(seed)

    def add(
        self,
        name: str,
        rate: float = 1.0,
        *,
        count: int | None = None,
        methods: Iterable[str] | None = None,
        path_contains: str | None = None,
        opts: dict[str, Any] | None = None,
    ) -> Fault:
        if name == "poison":
            raise ValueError("poison takes a customer id: use store.poison(customer_id)")
        if name not in FAULT_NAMES:
            raise ValueError(f"unknown fault {name!r}; known: {', '.join(sorted(FAULT_NAMES))}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError("a fault rate is a probability between 0 and 1")
        fault = Fault(
            name=name,
            rate=rate,
            count=count,
            methods=frozenset(m.upper() for m in methods) if methods else None,
            path_contains=path_contains,
            opts=dict(opts or {}),
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def active(self) -> list[Fault]:
        with self._lock:
            return list(self._faults)

    def pick(self, method: str, path: str) -> Fault | None:
        """The fault that hits this request, if any (consumes one of a ``count``)."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, path):
                    continue
                if fault.count is not None:
                    if fault.count <= 0:
                        continue
                    fault.count -= 1
                elif self._rng.random() >= fault.rate:
                    continue
                fault.fired += 1
                return fault
            self._faults = [f for f in self._faults if f.count is None or f.count > 0]
            return None
