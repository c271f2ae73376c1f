"""Suggest mapping: proposals for unmapped rows against unmapped store customers.

Order of evidence: the Customer No. meta key, the exact e-mail (case-insensitive),
the normalized phone, the name with the city or post code. Each proposal says
why; one that is not unique (several store customers for a row, or one store
customer for several rows) is marked ambiguous and never applied automatically.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.rules.customer_import import default_address
from wcconnector_gui.rules.matching import LocalIndex


@dataclass
class Suggestion:
    customer_no: str
    webstore_id: int
    reason: str
    ambiguous: bool
    score: int
    # Who is who, for the user deciding: both sides' names, the store's e-mail, and the
    # store username the row takes when the link is applied (it cannot change later).
    customer_name: str = ""
    store_name: str = ""
    store_email: str = ""
    store_username: str = ""
    current_username: str = ""  # what the row has now (set by the engine)


def suggest(
    customers: Iterable[Customer],
    store_customers: Iterable[WebstoreCustomer],
    meta_key: str,
) -> list[Suggestion]:
    """``customers`` and ``store_customers`` are the unmapped ones of each side."""
    index = LocalIndex(customers)
    best: dict[tuple[str, int], Suggestion] = {}
    for store in store_customers:
        address = default_address(store)
        phone = store.billing.get("phone") or store.shipping.get("phone") or ""
        name = " ".join(
            p
            for p in (
                address.get("first_name") or store.first_name,
                address.get("last_name") or store.last_name,
            )
            if p
        )
        company = address.get("company", "")
        meta_no = store.meta_value(meta_key)
        evidence: list[tuple[int, list[str], str]] = [
            (
                100,
                [meta_no] if meta_no and meta_no in index.by_no else [],
                f"its {meta_key} is {meta_no}",
            ),
            (90, index.email(store.email), f"same e-mail {store.email}"),
            (70, index.phone(phone, address.get("country", "")), f"same phone {phone}"),
        ]
        for who in {name, company} - {""}:
            found = index.name_and_place(who, address.get("city", ""), address.get("postcode", ""))
            evidence.append((50, found, f"same name '{who}' and city or post code"))
        for score, nos, reason in evidence:
            if not nos:
                continue
            for no in nos:
                key = (no, store.id)
                if key not in best or best[key].score < score:
                    best[key] = Suggestion(
                        no,
                        store.id,
                        reason,
                        len(nos) > 1,
                        score,
                        customer_name=index.by_no[no].name,
                        store_name=" ".join(p for p in (store.first_name, store.last_name) if p)
                        or name
                        or company,
                        store_email=store.email,
                        store_username=store.username,
                    )
            break  # the strongest evidence decides for this store customer
    return _mark_ambiguous(list(best.values()))


def _mark_ambiguous(found: list[Suggestion]) -> list[Suggestion]:
    by_customer: dict[str, list[Suggestion]] = {}
    by_store: dict[int, list[Suggestion]] = {}
    for s in found:
        by_customer.setdefault(s.customer_no, []).append(s)
        by_store.setdefault(s.webstore_id, []).append(s)
    for group in (*by_customer.values(), *by_store.values()):
        if len(group) > 1:
            for s in group:
                s.ambiguous = True
    return sorted(found, key=lambda s: (s.customer_no, -s.score, s.webstore_id))
