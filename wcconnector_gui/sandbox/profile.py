"""Cost profiles: how long the sandbox spends on a request, to model a real shop's speed.

``real`` follows the figures of reference/real-woocommerce-measured.md (WooCommerce 11,
php-fpm, 2 cores): ~40 ms per request, 99/9/20 ms per created/updated/deleted batch item,
153 ms for a single create, ~0.3 s for a list page of 100, ~45 ms for a GET of one customer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CostProfile:
    name: str
    base: float
    create: float  # single POST, on top of base
    update: float
    delete: float
    get_one: float
    list_per_item: float
    batch_create_item: float
    batch_update_item: float
    batch_delete_item: float
    default_workers: int


PROFILES = {
    "real": CostProfile(
        name="real",
        base=0.040,
        create=0.113,
        update=0.015,
        delete=0.020,
        get_one=0.005,
        list_per_item=0.0026,
        batch_create_item=0.099,
        batch_update_item=0.009,
        batch_delete_item=0.020,
        default_workers=2,
    ),
}


@dataclass(frozen=True)
class Work:
    """What a request did, for the cost model."""

    kind: str = "other"  # list, get, create, update, delete, batch, other
    items: int = 0
    creates: int = 0
    updates: int = 0
    deletes: int = 0


def cost_seconds(profile: CostProfile, work: Work) -> float:
    extra = {
        "create": profile.create,
        "update": profile.update,
        "delete": profile.delete,
        "get": profile.get_one,
        "list": profile.list_per_item * work.items,
        "batch": (
            profile.batch_create_item * work.creates
            + profile.batch_update_item * work.updates
            + profile.batch_delete_item * work.deletes
        ),
    }.get(work.kind, 0.0)
    return profile.base + extra


def get_profile(name: str | None) -> CostProfile | None:
    if name is None:
        return None
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r}; known: {', '.join(PROFILES)}") from None
