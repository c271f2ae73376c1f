"""Is the store customer at a linked Webstore ID still the one it was linked to?

A store restored from an older backup hands out ids again: the id a row is
linked to may now be another person's account. Such a record is never updated,
overwritten or pulled onto the row: the link becomes a conflict.
"""

from __future__ import annotations

from wcconnector_gui.domain.webstore import WebstoreCustomer


def replaced_by_someone_else(
    customer_no: str,
    emails: tuple[str, ...],
    last_seen: WebstoreCustomer | None,
    store: WebstoreCustomer,
    meta_key: str,
) -> str:
    """Why ``store`` is not the store customer linked to ``customer_no`` ("" when it is).

    Args:
        customer_no: the back-office No. of the linked row.
        emails: e-mails the linked store customer may rightly have (the row's own).
        last_seen: the last-seen copy of the linked store customer, if any.
        store: what the store holds at that id now.
        meta_key: the setup's Customer No. meta key.
    """
    meta_no = store.meta_value(meta_key)
    if meta_no:
        return "" if meta_no == customer_no else f"it carries Customer No. {meta_no} ({meta_key})"
    if last_seen is not None and last_seen.date_created_gmt and store.date_created_gmt:
        # WordPress never changes a user's registration date: it tells the account.
        if last_seen.date_created_gmt == store.date_created_gmt:
            return ""
        return (
            f"it was registered on {store.date_created_gmt.replace('T', ' ')}, "
            f"not on {last_seen.date_created_gmt.replace('T', ' ')}"
        )
    known = {e.strip().casefold() for e in emails if e}
    if last_seen is not None and last_seen.email:
        known.add(last_seen.email.strip().casefold())
    if store.email.strip().casefold() not in known:
        return f"its e-mail is now {store.email or '(none)'}"
    return ""


def replaced_link_reason(webstore_id: int, why: str) -> str:
    """The plain-words reason logged for a link found pointing at someone else."""
    return (
        f"the store customer {webstore_id} this row was linked to is now someone else: {why}. "
        "Was the store restored from an older backup? Nothing was sent or taken over; the "
        "link was removed — decide in Conflicts (the row is then created or linked again)"
    )
