"""Pull: a full id-ordered scan of the store's customers (the API has no change filter).

A store customer whose ``date_modified_gmt`` and content hash equal the last-seen
copy costs nothing: no write, no log row. New and changed ones are handled per
page (a savepoint each), committed every ``PAGES_PER_COMMIT`` pages. A page that
answers 500 (one broken record poisons it) is read again in smaller pages — 100, 50, 25, 5, 1
(each divides the one before, so page arithmetic stays exact) — and the record
that still fails alone is logged and skipped.

A linked store customer is checked before anything is taken from it: when its id
now holds someone else (a store restored from an older backup), the link becomes
a conflict (:mod:`.identity`). A store-side change changes only the back-office
fields whose store side changed since the last-seen copy (:func:`store_changes`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.mapping import Mapping, MappingStatus
from wcconnector_gui.domain.setup import MappingType, PullMode
from wcconnector_gui.domain.sync_run import SyncAction
from wcconnector_gui.domain.webstore import WebstoreCustomer, role_problem
from wcconnector_gui.rules.customer_import import (
    choose_template,
    default_address,
    imported_fields,
    new_customer,
)
from wcconnector_gui.rules.matching import LocalIndex, bill_to_key
from wcconnector_gui.rules.names import imported_names
from wcconnector_gui.rules.payload import input_hash
from wcconnector_gui.storage.database import CommitEvery
from wcconnector_gui.sync.context import (
    Changes,
    NewCustomer,
    RecordOutcome,
    RunContext,
    snapshot_customer,
    snapshot_store,
)
from wcconnector_gui.sync.errors import SyncError
from wcconnector_gui.sync.identity import replaced_by_someone_else
from wcconnector_gui.woo.errors import WooApiError, WooAuthError, WooError

PAGE = 100
# Pages handled per transaction. A pull only reads from the store, so a crash costs
# at most these pages read again; fewer commits write the random-order indexes
# (e-mail, name, phone) far less often, which keeps a big pull linear.
PAGES_PER_COMMIT = 10
SPLITS = (100, 50, 25, 5, 1)
# One page read: (offset, customer) pairs, the store's total, and the unreadable offsets.
PageRead = tuple[list[tuple[int, dict[str, Any]]], int | None, list[tuple[int, WooError]]]


class StoreScanner:
    """Reads every store customer page by page, isolating records that break a page.

    With a pool, once the first page has told the total, up to the run's limit later
    pages are read ahead while the caller handles the current one; pages are still
    handed out in id order.
    """

    def __init__(
        self,
        ctx: RunContext,
        pool: ThreadPoolExecutor | None = None,
        fields: list[str] | None = None,
    ) -> None:
        self.ctx = ctx
        self.pool = pool
        self.fields = fields  # what to read of each customer (None: everything)
        self.bad: list[RecordOutcome] = []
        self.seen: set[int] = set()  # the ids read so far

    def pages(self, first: PageRead | None = None) -> Iterator[list[dict[str, Any]]]:
        """Yields lists of store customers (dicts), deduplicated by id.

        ``first`` is the first page when the caller read it already (:meth:`read_page`).
        """
        seen = self.seen
        ahead: deque[tuple[int, Future[PageRead]]] = deque()
        offset = 0
        total: int | None = None
        try:
            while total is None or offset < total:
                if first is not None and offset == 0:
                    found, page_total, bad = first
                elif ahead and ahead[0][0] == offset:
                    found, page_total, bad = ahead.popleft()[1].result()
                else:
                    found, page_total, bad = self.read_page(offset)
                if page_total is not None:
                    total = page_total if total is None else max(total, page_total)
                if self.pool is not None and total is not None:
                    start = ahead[-1][0] + PAGE if ahead else offset + PAGE
                    for nxt in range(start, total, PAGE):
                        if len(ahead) >= self.ctx.concurrency.limit:
                            break
                        ahead.append((nxt, self.pool.submit(self.read_page, nxt)))
                if bad:
                    self._name_bad_records(dict(found), bad)
                items = [item for _, item in found]
                fresh = [c for c in items if int(c["id"]) not in seen]
                seen.update(int(c["id"]) for c in fresh)
                yield fresh
                if total is None:
                    break
                offset += PAGE
                if self.ctx.should_stop():
                    return
        finally:
            for _, future in ahead:
                future.cancel()

    def read_page(self, offset: int) -> PageRead:
        """The page of 100 from ``offset`` (id order), its store total and unreadable offsets."""
        bad: list[tuple[int, WooError]] = []
        found, total = self._read(offset, 0, bad)
        return found, total, bad

    def _read(
        self, offset: int, level: int, bad: list[tuple[int, WooError]]
    ) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
        """(offset, customer) pairs of ``SPLITS[level]`` records from ``offset``, and the total.

        Runs on pool threads too: it only talks to the store; unreadable records go to ``bad``.
        """
        size = SPLITS[level]
        try:
            page = self.ctx.client.list_customers(
                page=offset // size + 1, per_page=size, fields=self.fields
            )
        except WooError as exc:
            _raise_unless_broken_record(exc)
            if size == 1:
                bad.append((offset, exc))
                return [], None
            found: list[tuple[int, dict[str, Any]]] = []
            total: int | None = None
            sub = SPLITS[level + 1]
            for start in range(offset, offset + size, sub):
                part, part_total = self._read(start, level + 1, bad)
                found += part
                total = part_total if total is None else max(total, part_total or 0)
                if total is not None and start + sub >= total:
                    break
            return found, total
        return [(offset + n, item) for n, item in enumerate(page.items)], page.total

    def _name_bad_records(
        self, by_offset: dict[int, dict[str, Any]], bad: list[tuple[int, WooError]]
    ) -> None:
        """Log each unreadable record, by id when its neighbours (ordered by id) tell it."""
        for offset, exc in bad:
            before = by_offset.get(offset - 1)
            after = by_offset.get(offset + 1)
            webstore_id: int | None = None
            if before and after and int(after["id"]) - int(before["id"]) == 2:
                webstore_id = int(before["id"]) + 1
            if webstore_id is not None:
                which = f"store customer {webstore_id}"
            elif before or after:
                low = before["id"] if before else "the start"
                high = after["id"] if after else "the end of the page"
                which = f"a store customer between IDs {low} and {high}"
            else:
                which = f"the store customer at position {offset + 1} (by ID)"
            reason = f"the store cannot read {which}; it was skipped: {exc.message}"
            self.bad.append(RecordOutcome("", webstore_id, SyncAction.FAILED, reason))


def _raise_unless_broken_record(exc: WooError) -> None:
    """Stop the run with ``exc`` (SyncError), unless it is a 500 of a store read.

    WordPress fails a whole list request for one broken record (500): the caller
    reads that part again in smaller pieces until the record stands alone.
    """
    if not isinstance(exc, WooApiError):
        raise SyncError(f"Could not read the store's customers: {exc.message}", cause=exc) from None
    if isinstance(exc, WooAuthError) or exc.status != 500:
        raise SyncError(exc.message, cause=exc) from None


def read_by_ids(
    ctx: RunContext, ids: list[int], pool: ThreadPoolExecutor | None = None
) -> tuple[dict[int, dict[str, Any]], dict[int, WooError]]:
    """The store customers with these ids (100 per request), and the ids it cannot read.

    A request answered 500 (one broken record fails it) is split in halves until the
    broken record stands alone. An id the store does not have is simply missing.
    """
    chunks = [ids[i : i + PAGE] for i in range(0, len(ids), PAGE)]
    found: dict[int, dict[str, Any]] = {}
    unreadable: dict[int, WooError] = {}

    def read(chunk: list[int]) -> None:
        try:
            page = ctx.client.list_customers(per_page=PAGE, include=chunk)
        except WooError as exc:
            _raise_unless_broken_record(exc)
            if len(chunk) == 1:
                unreadable[chunk[0]] = exc
                return
            half = (len(chunk) + 1) // 2
            read(chunk[:half])
            read(chunk[half:])
            return
        found.update((int(c["id"]), c) for c in page.items)

    if pool is None or len(chunks) < 2:
        for chunk in chunks:
            read(chunk)
    else:
        for future in [pool.submit(read, chunk) for chunk in chunks]:
            future.result()
    return found, unreadable


def store_changes(
    ctx: RunContext,
    customer: Customer,
    store: WebstoreCustomer,
    last_seen: WebstoreCustomer | None,
) -> dict[str, Any]:
    """The back-office fields a pull changes: those whose store side changed.

    Each field is compared, as the import rules (connectors §2.3) turn it into a
    back-office value, between ``last_seen`` (the store as of the last sync) and
    ``store``: a city changed in the store changes the city, and leaves the phone's
    format and Name 2 as they are. Without a last-seen copy every field counts.
    """
    fields = imported_fields(store, ctx.setup, ctx.county_map)
    if last_seen is not None:
        before = imported_fields(last_seen, ctx.setup, ctx.county_map)
        fields = {k: v for k, v in fields.items() if before.get(k) != v}
    return {k: v for k, v in fields.items() if getattr(customer, k) != v}


class Puller:
    def __init__(self, ctx: RunContext, pool: ThreadPoolExecutor | None = None) -> None:
        self.ctx = ctx
        self.pool = pool
        self.known = ctx.webstore.known_versions()
        self.owners = ctx.mappings.webstore_owners()
        self._owner_by_no = {no: wid for wid, no in self.owners.items()}
        self._index: LocalIndex | None = None
        self._templates: Any = None

    # --- entry -------------------------------------------------------------------------
    def run(self) -> None:
        ctx = self.ctx
        ctx.phase = "pull"
        scanner = StoreScanner(ctx, self.pool)
        unreadable = False
        # What was handled stays, also when a later page fails (its own savepoint
        # is rolled back already).
        with CommitEvery(ctx.db, PAGES_PER_COMMIT) as unit:
            for items in scanner.pages():
                unit.begin()
                ctx.total += len(items)
                self._page(items)
                if scanner.bad:
                    unreadable = True
                    for outcome in scanner.bad:  # named by the customer it belongs to
                        outcome.customer_no = self.owners.get(outcome.webstore_id or 0, "")
                    ctx.commit(Changes(outcomes=scanner.bad))
                    scanner.bad = []
                unit.done()
                if ctx.should_stop():
                    return
        ctx.store_ids = None if unreadable else scanner.seen

    def run_selected(self, webstore_ids: list[int]) -> None:
        """Read only these store customers (by id, a page of 100 each) and apply the pull rules.

        What Synchronize Selected pulls: the same rules as a full scan (unchanged costs
        nothing, Store Can Update, conflicts), for the selected rows' store customers.
        A store customer that is gone is not in the answer; deletions are never propagated.
        """
        ctx = self.ctx
        ctx.phase = "pull"
        found, unreadable = read_by_ids(ctx, webstore_ids, self.pool)
        items = [found[i] for i in webstore_ids if i in found]
        for start in range(0, len(items), PAGE):
            page = items[start : start + PAGE]
            ctx.total += len(page)
            self._page(page)
            if ctx.should_stop():
                return
        if unreadable:
            ctx.commit(Changes(outcomes=[self._unreadable(i, e) for i, e in unreadable.items()]))
        # The selected rows' store customers were all read and checked.
        ctx.store_ids = None if unreadable else set(found)

    def _unreadable(self, webstore_id: int, error: WooError) -> RecordOutcome:
        no = self.owners.get(webstore_id, "")
        reason = (
            f"the store cannot read store customer {webstore_id}; it was skipped: {error.message}"
        )
        return RecordOutcome(no, webstore_id, SyncAction.FAILED, reason)

    # --- one page ------------------------------------------------------------------------
    def _page(self, items: list[dict[str, Any]]) -> None:
        ctx = self.ctx
        changes = Changes()
        unchanged: list[RecordOutcome] = []
        changed = []
        for data in items:
            store = WebstoreCustomer.from_api(data)
            version = (store.date_modified_gmt, store.content_hash())
            if self.known.get(store.id) == version:
                owner = self.owners.get(store.id)
                if owner is not None:
                    unchanged.append(RecordOutcome(owner, store.id, SyncAction.UNCHANGED))
                continue
            self.known[store.id] = version
            changes.add_store(store, version[1])
            changed.append(store)
        owned = {s.id: self.owners[s.id] for s in changed if s.id in self.owners}
        mappings = ctx.mappings.get_many(sorted(set(owned.values()))) if owned else {}
        customers = {c.no: c for c in ctx.customers.iter_all(sorted(mappings))} if mappings else {}
        last_seen = ctx.webstore.get_many(owned) if owned else {}
        with ctx.db.atomic():  # the page's customer updates, mappings and log rows together
            for store in changed:
                no = owned.get(store.id)
                if no is not None:
                    outcome = self._mapped(
                        store, mappings[no], customers.get(no), changes, last_seen.get(store.id)
                    )
                else:
                    outcome = self._unmapped(store, changes)
                if outcome is not None:
                    changes.outcomes.append(outcome)
            ctx.report(unchanged)
            ctx.done += len(changed) - len(changes.outcomes)
            ctx.commit(changes)
        note_new_owners(changes, self.owners)
        for entry in changes.new_customers:
            if entry.mapping.webstore_id is not None:
                self._owner_by_no[entry.customer.no] = entry.mapping.webstore_id

    def _mapped(
        self,
        store: WebstoreCustomer,
        mapping: Mapping,
        customer: Customer | None,
        changes: Changes,
        last_seen: WebstoreCustomer | None,
    ) -> RecordOutcome | None:
        ctx, setup = self.ctx, self.ctx.setup
        if customer is None:
            return None
        why = replaced_by_someone_else(
            customer.no, (customer.email,), last_seen, store, setup.customer_no_meta_key
        )
        if why:
            del self.owners[store.id]
            self._owner_by_no.pop(customer.no, None)
            return ctx.unlink_replaced(customer, mapping, store, why)
        remote_hash = changes.webstore_hashes.get(store.id) or store.content_hash()
        # Nothing taken from the store: still this customer's one pull outcome.
        unchanged = RecordOutcome(customer.no, store.id, SyncAction.UNCHANGED)
        if remote_hash == mapping.remote_hash:
            if mapping.remote_modified_gmt != store.date_modified_gmt:
                mapping.remote_modified_gmt = store.date_modified_gmt
                changes.mappings.append(mapping)
            return unchanged
        if not (setup.pull_customers == PullMode.ALL and setup.store_can_update_customers):
            return unchanged
        local_changed = bool(mapping.local_hash) and customer.synced_hash() != mapping.local_hash
        if local_changed and setup.can_update_webstore_customers:
            return self._conflict(customer, mapping, store)
        # The last-seen copy is the base only while it is the store as of the last sync.
        base = last_seen if last_seen and last_seen.content_hash() == mapping.remote_hash else None
        updated = self._apply_store(customer, store_changes(ctx, customer, store, base))
        if not ctx.dry_run:
            local_hash, pushed_hash = ctx.hashes_of(updated)
            ctx.mark_synced(
                mapping,
                store,
                local_hash=local_hash,
                pushed_hash=pushed_hash,
                remote_hash=remote_hash,
            )
            changes.mappings.append(mapping)
        return RecordOutcome(customer.no, store.id, SyncAction.UPDATED, "updated from the store")

    def _apply_store(self, customer: Customer, changes: dict[str, Any]) -> Customer:
        """Write ``changes`` (from :func:`store_changes`) onto ``customer``."""
        if not changes:
            return customer
        if self.ctx.dry_run:
            return replace(customer, **changes)
        return self.ctx.customers.update(customer.no, changes)

    def _conflict(
        self, customer: Customer, mapping: Mapping, store: WebstoreCustomer
    ) -> RecordOutcome:
        detail = "changed here and in the store since the last sync"
        self.ctx.conflicts_reported.add(customer.no)
        if not self.ctx.dry_run:
            self.ctx.log.open_conflict(
                customer.no,
                store.id,
                "both_changed",
                detail,
                snapshot_customer(customer),
                snapshot_store(store),
            )
            self.ctx.mappings.save_many(
                [replace(mapping, status=MappingStatus.CONFLICT, last_error=detail)]
            )
        return RecordOutcome(customer.no, store.id, SyncAction.CONFLICT, detail)

    # --- new store customers ---------------------------------------------------------------
    def _unmapped(self, store: WebstoreCustomer, changes: Changes) -> RecordOutcome | None:
        setup = self.ctx.setup
        # The scan is role=all (so no e-mail hides from the duplicate check), but only
        # customer accounts are linked or imported; staff and other users are let be.
        if setup.pull_customers == PullMode.OFF or role_problem(
            store.id, store.role, self.ctx.allowed_roles
        ):
            return None
        index = self._local_index()
        meta_no = store.meta_value(setup.customer_no_meta_key)
        candidates: list[str] = []
        how = ""
        if meta_no and meta_no in index.by_no:
            candidates, how = [meta_no], f"its {setup.customer_no_meta_key}"
        elif setup.mapping_type == MappingType.DEFAULT_CUSTOMER:
            return self._default_customer(store, setup.default_customer_no)
        elif setup.mapping_type == MappingType.EMAIL_PHONE:
            candidates, how = index.email(store.email), "the same e-mail"
            if not candidates:
                address = default_address(store)
                phone = store.billing.get("phone") or store.shipping.get("phone") or ""
                candidates, how = index.phone(phone, address.get("country", "")), "the same phone"
        else:
            candidates, how = index.bill_to(self._bill_to_key(store)), "the same bill-to info"
        if candidates:
            no = candidates[0]  # the first in No. order wins, as in the connector
            owner_id = self._owner_of(no)
            if owner_id is not None:
                return self._mapped_elsewhere(store, no, owner_id, how)
            return self._link(store, index.by_no[no], how, changes)
        if setup.auto_create_unknown:
            return self._auto_create(store, changes)
        return None

    def _bill_to_key(self, store: WebstoreCustomer) -> tuple[str, ...]:
        setup = self.ctx.setup
        address = default_address(store)
        names = imported_names(
            address.get("first_name") or store.first_name,
            address.get("last_name") or store.last_name,
            address.get("company", ""),
            setup,
        )
        country = address.get("country", "")
        return bill_to_key(
            names["name"],
            names["name_2"],
            address.get("address_1", ""),
            address.get("address_2", ""),
            address.get("postcode", ""),
            address.get("city", ""),
            self.ctx.county_map.from_state(address.get("state", ""), country),
            country,
        )

    def _owner_of(self, customer_no: str) -> int | None:
        return self._owner_by_no.get(customer_no)

    def _local_index(self) -> LocalIndex:
        if self._index is None:
            self._index = LocalIndex(self.ctx.customers.iter_all())
        return self._index

    def _mapped_elsewhere(
        self, store: WebstoreCustomer, no: str, owner_id: int, how: str
    ) -> RecordOutcome:
        detail = (
            f"store customer {store.id} matches customer {no} by {how}, but {no} is already "
            f"mapped to store customer {owner_id}"
        )
        customer = self._local_index().by_no[no]
        if not self.ctx.dry_run:
            self.ctx.log.open_conflict(
                no,
                store.id,
                "mapped_elsewhere",
                detail,
                snapshot_customer(customer),
                snapshot_store(store),
            )
        return RecordOutcome(no, store.id, SyncAction.CONFLICT, detail)

    def _link(
        self, store: WebstoreCustomer, customer: Customer, how: str, changes: Changes
    ) -> RecordOutcome:
        ctx = self.ctx
        reason = f"linked by {how}"
        if ctx.dry_run:
            return RecordOutcome(
                customer.no, store.id, SyncAction.LINKED, "dry run: would be " + reason
            )
        mapping = ctx.mappings.get(customer.no)
        if ctx.setup.store_can_update_customers:
            customer = self._apply_store(customer, store_changes(ctx, customer, store, None))
            ctx.mark_synced(
                mapping,
                store,
                local_hash=customer.synced_hash(),
                pushed_hash=input_hash(customer, ctx.fingerprint),
            )
        else:
            # Linked, not yet in line: the next push (when allowed) sends ours.
            ctx.mark_synced(mapping, store, local_hash=customer.synced_hash(), pushed_hash="")
        self.owners[store.id] = customer.no
        self._owner_by_no[customer.no] = store.id
        changes.mappings.append(mapping)
        return RecordOutcome(customer.no, store.id, SyncAction.LINKED, reason)

    def _default_customer(self, store: WebstoreCustomer, customer_no: str) -> RecordOutcome:
        if not customer_no:
            return RecordOutcome(
                "",
                store.id,
                SyncAction.SKIPPED,
                "mapping type is default customer, but none is set",
            )
        return RecordOutcome(
            customer_no,
            store.id,
            SyncAction.LINKED,
            f"stands for the default customer {customer_no} (no one-to-one link)",
        )

    def _auto_create(self, store: WebstoreCustomer, changes: Changes) -> RecordOutcome | None:
        ctx = self.ctx
        if not default_address(store):
            return RecordOutcome(
                "", store.id, SyncAction.SKIPPED, "the store customer has no address to create from"
            )
        if self._templates is None:
            self._templates = (
                {t.code: t for t in ctx.templates.list_templates()},
                {t.country_code: t for t in ctx.templates.list_country_templates()},
            )
        choice = choose_template(store, ctx.setup, *self._templates)
        if choice.default_customer_no:
            return self._default_customer(store, choice.default_customer_no)
        if choice.template is None:
            return RecordOutcome("", store.id, SyncAction.SKIPPED, choice.problem)
        return import_store_customer(ctx, store, choice.template, changes)


def import_store_customer(
    ctx: RunContext,
    store: WebstoreCustomer,
    template: Any,
    changes: Changes,
) -> RecordOutcome:
    """Create a back-office customer from ``store`` and map it (action IMPORTED).

    The customer is inserted, and gets its No., when ``changes`` is committed; then
    :func:`note_new_owners` records who owns the store customer.
    """
    if ctx.dry_run:
        return RecordOutcome("", store.id, SyncAction.IMPORTED, "dry run: would be imported")
    customer = new_customer(store, ctx.setup, ctx.county_map, template)
    local_hash, pushed_hash = ctx.hashes_of(customer)
    mapping = ctx.mark_synced(
        Mapping(customer_no=""),
        store,
        local_hash=local_hash,
        pushed_hash=pushed_hash,
        remote_hash=changes.webstore_hashes.get(store.id, ""),
    )
    outcome = RecordOutcome(
        "", store.id, SyncAction.IMPORTED, f"created from template {template.code}"
    )
    changes.new_customers.append(NewCustomer(customer, mapping, outcome))
    return outcome


def note_new_owners(changes: Changes, owners: dict[int, str]) -> None:
    """After the commit: the store customers now owned by the customers it created."""
    for entry in changes.new_customers:
        if entry.mapping.webstore_id is not None and entry.customer.no:
            owners[entry.mapping.webstore_id] = entry.customer.no
