"""A sync run and the outcome of each record in it."""

from __future__ import annotations

from enum import StrEnum


class SyncAction(StrEnum):
    CREATED = "created"  # a new store customer was created from a back-office customer
    UPDATED = "updated"  # one side was updated from the other
    ADOPTED = "adopted"  # an existing, unmapped store customer was linked instead of creating one
    LINKED = "linked"  # a mapping was made (suggestion applied, Webstore ID typed, pull matched)
    IMPORTED = "imported"  # a back-office customer was created from a store customer
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"  # not valid for sync; the reason says why
    FAILED = "failed"  # the store or the network refused it; the reason says why
    CONFLICT = "conflict"  # changed on both sides, or the match belongs to another row


class Direction(StrEnum):
    PUSH = "push"
    PULL = "pull"
    BOTH = "both"


class RunStatus(StrEnum):
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"
