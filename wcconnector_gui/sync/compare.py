"""A conflict's two sides, field by field in back-office terms, for the user to choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.domain.customer import FIELD_LABELS, SYNCED_FIELDS
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.rules.customer_import import imported_fields
from wcconnector_gui.rules.names import CountyMap
from wcconnector_gui.rules.phone import match_key
from wcconnector_gui.storage.setup_store import load_setup
from wcconnector_gui.storage.templates import TemplateRepository


@dataclass(frozen=True, slots=True)
class FieldSides:
    label: str
    back_office: str
    store: str
    differs: bool


def compare_sides(
    db: Database,
    local_snapshot: dict[str, Any],
    remote_snapshot: dict[str, Any],
    store_id: int | None = None,
) -> list[FieldSides]:
    """Each synced field as we had it and as the store had it when the conflict was found.

    The store copy is put in back-office terms with the current name, county and
    phone rules, so a phone written differently on each side is no difference.
    Empty when the conflict saved no store copy (nothing to compare with).
    ``store_id``: the conflict's store, whose setup says how its fields translate.
    """
    if remote_snapshot.get("id") is None:
        return []
    setup = load_setup(db, store_id)
    counties = CountyMap(TemplateRepository(db).list_counties(), setup.county_source)
    store = imported_fields(WebstoreCustomer.from_api(remote_snapshot), setup, counties)
    country = str(local_snapshot.get("country_code") or store.get("country_code") or "")
    sides = []
    for name in SYNCED_FIELDS:
        ours = str(local_snapshot.get(name) or "")
        theirs = store.get(name, "")
        if name == "phone":
            differs = match_key(ours, country) != match_key(theirs, country)
        elif name == "email":
            differs = ours.strip().casefold() != theirs.strip().casefold()
        else:
            differs = ours.strip() != theirs.strip()
        sides.append(FieldSides(FIELD_LABELS[name], ours, theirs, differs))
    return sides
