"""Push: back-office customers → store customers, without ever creating a duplicate.

Phases of one push:

1. **Plan** (local only): validate each store-bound record, sort it into
   *pending* (a create was journaled by an earlier run and never acknowledged),
   *create*, *update*, *unchanged*, *skipped* or *conflict*.
2. **Look up** (reads only): every pending create is looked up by e-mail (one
   GET each, always — the create may have landed). Planned creates are looked
   up too, to adopt existing store customers: one GET per e-mail, or — when
   that would cost more requests than listing the whole store — one id-ordered
   scan with ``_fields=id,email,meta_data`` (:data:`SCAN_THRESHOLD`).
3. **Write**: batches of ≤ ``setup.batch_size`` items, as many in flight and as
   large as the run's concurrency controller says (woo/concurrency.py). Before a
   batch with creates is sent, its e-mails are written to
   ``mappings.pending_create_email`` and committed (the journal). Each batch
   answer is committed in one transaction (mappings, store copies, log rows).
4. **Unknown outcomes** (a lost answer): looked up by e-mail before the create
   is sent again; found → adopted, not found → sent once more.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from wcconnector_gui.credentials.customer_passwords import PASSWORD_GONE
from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.mapping import Mapping, MappingStatus
from wcconnector_gui.domain.sync_run import SyncAction
from wcconnector_gui.domain.webstore import WebstoreCustomer, role_problem
from wcconnector_gui.rules.payload import build_payload, input_hash, meta_id_of
from wcconnector_gui.rules.phone import to_e164
from wcconnector_gui.rules.validation import duplicate_problems, record_problem
from wcconnector_gui.sync.context import (
    Changes,
    RecordOutcome,
    RunContext,
)
from wcconnector_gui.sync.errors import SyncError
from wcconnector_gui.sync.identity import replaced_by_someone_else
from wcconnector_gui.sync.pull import PAGE, PageRead, StoreScanner, read_by_ids
from wcconnector_gui.woo.client import BatchResult, ItemResult
from wcconnector_gui.woo.errors import (
    WooApiError,
    WooAuthError,
    WooBadResponse,
    WooConnectionError,
    WooError,
    WooGaveUp,
    WooNotFound,
    WooTimeout,
    WooTLSError,
)

# Above this many planned creates, compare the cost of a full store scan with
# one GET per e-mail and take the cheaper (the scan costs total/100 + 1 GETs).
SCAN_THRESHOLD = 50
# What the scan for existing store customers reads of each.
SCAN_FIELDS = ["id", "email", "username", "role", "meta_data"]
# A create whose outcome stayed unknown is sent again at most this often per run.
MAX_CREATE_ROUNDS = 3
_FATAL = (WooAuthError, WooTLSError, WooGaveUp)
_UNREACHABLE = (WooConnectionError, WooTimeout, WooBadResponse)
# What the store answers for an id it does not have (WooCommerce 11).
_GONE = WooNotFound(404, "wc_user_invalid_id", "Invalid user ID.")


@dataclass
class Item:
    """One record on its way to the store."""

    customer: Customer
    mapping: Mapping
    store: WebstoreCustomer | None = None  # the last-seen store copy (updates, adoptions)
    adopted: bool = False
    password: str = ""
    phone: str | None = None  # E.164, computed once during validation
    refusal: WooError | None = None  # a create refused for its username, until looked up


# A chunk ready to send: kind ("create"/"update"), its items, their request bodies, and
# for creates each mapping's (pending_create_email, _username, status) from before the journal.
_Staged = tuple[str, list[Item], list[dict[str, Any]], list[tuple[str, str, MappingStatus]]]


@dataclass
class PushPlan:
    pending: list[Item] = field(default_factory=list)
    creates: list[Item] = field(default_factory=list)
    updates: list[Item] = field(default_factory=list)
    early: list[RecordOutcome] = field(default_factory=list)  # skipped / unchanged / conflict
    conflicts: list[tuple[Item, str, str]] = field(default_factory=list)  # item, kind, detail

    @property
    def size(self) -> int:
        return len(self.pending) + len(self.creates) + len(self.updates) + len(self.early)


# Records that need something are loaded this many at a time (customers, mappings).
PLAN_CHUNK = 1_000


def plan_push(ctx: RunContext, customer_nos: list[str] | None) -> PushPlan:
    """Sort the store-bound records into what they need; local only, no network."""
    setup = ctx.setup
    plan = PushPlan()
    wanted = set(customer_nos) if customer_nos is not None else None
    in_conflict = ctx.log.open_conflict_details()
    # Pass 1 reads only the mapping's state and the synced fields: what is unchanged
    # is counted and let go; the rest is loaded in full below, 1,000 at a time.
    todo_nos: list[str] = []
    bound = 0
    for state in ctx.mappings.iter_push_states():
        bound += 1
        no = state.customer_no
        if wanted is not None and no not in wanted:
            continue
        if state.webstore_id is None:
            if not (setup.push_customers and state.webstore_customer):
                continue
        elif not setup.can_update_webstore_customers:
            continue
        if no in ctx.conflicts_reported:
            continue
        if no in in_conflict:
            plan.early.append(
                RecordOutcome(
                    no,
                    state.webstore_id,
                    SyncAction.CONFLICT,
                    f"waiting for your decision in Conflicts: {in_conflict[no]}",
                )
            )
            continue
        if (
            state.webstore_id is not None
            and state.status == MappingStatus.SYNCED
            and not state.password_pending
            and state.pushed_hash == input_hash(state.synced_customer(), ctx.fingerprint)
        ):
            plan.early.append(RecordOutcome(no, state.webstore_id, SyncAction.UNCHANGED))
            continue
        todo_nos.append(no)
    todo: list[Item] = []
    for start in range(0, len(todo_nos), PLAN_CHUNK):
        chunk = todo_nos[start : start + PLAN_CHUNK]
        mappings = ctx.mappings.get_many(chunk)
        todo += [Item(c, mappings[c.no]) for c in ctx.customers.iter_all(chunk)]
    if not todo:
        return plan
    # Pass 2: the records that need something, with their store copies.
    # Uniqueness is checked against every store-bound customer, planned or not.
    duplicates = duplicate_problems(
        [i.customer for i in todo],
        ctx.mappings.store_bound_contacts() if len(todo) < bound else [],
    )
    copies = ctx.webstore.get_many(i.mapping.webstore_id for i in todo if i.mapping.webstore_id)
    for item in todo:
        customer, mapping, no = item.customer, item.mapping, item.customer.no
        copy = copies.get(mapping.webstore_id) if mapping.webstore_id else None
        item.store = copy
        store_username = None if mapping.webstore_id is None else (copy.username if copy else None)
        problem = duplicates.get(no) or record_problem(
            customer, setup, username=mapping.username, store_username=store_username
        )
        if problem:
            plan.early.append(RecordOutcome(no, mapping.webstore_id, SyncAction.SKIPPED, problem))
            continue
        item.phone = to_e164(customer.phone, customer.country_code)  # cached: validated above
        if mapping.webstore_id is None:
            (plan.pending if mapping.pending_create_email else plan.creates).append(item)
            continue
        if _changed_on_both_sides(ctx, item):
            plan.conflicts.append((item, "both_changed", "changed here and in the store"))
            continue
        plan.updates.append(item)
    return plan


def _changed_on_both_sides(ctx: RunContext, item: Item) -> bool:
    """Both can-update flags on, the record changed here and (as last seen) in the store."""
    setup, mapping, copy = ctx.setup, item.mapping, item.store
    if not (setup.store_can_update_customers and setup.can_update_webstore_customers):
        return False
    if copy is None or not mapping.remote_hash or not mapping.local_hash:
        return False
    local_changed = item.customer.synced_hash() != mapping.local_hash
    return local_changed and copy.content_hash() != mapping.remote_hash


@dataclass
class _Found:
    """Store customers found by the lookups, by e-mail and by username (both casefolded)."""

    by_email: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_username: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, customers: list[dict[str, Any]]) -> None:
        for found in customers:
            email = str(found.get("email", "")).strip().casefold()
            self.by_email.setdefault(email, []).append(found)
            username = str(found.get("username", "")).strip().casefold()
            if username:
                self.by_username.setdefault(username, []).append(found)


def sent_identity(item: Item) -> tuple[str, str]:
    """The e-mail and username a create of ``item`` was (or will be) sent with.

    A journaled create is looked up by what it carried, not by the customer's
    e-mail now: it may have been changed since (issue 10).
    """
    mapping = item.mapping
    if mapping.pending_create_email:
        username = mapping.pending_create_username or mapping.username
        return mapping.pending_create_email.strip(), username.strip()
    return item.customer.email.strip(), mapping.username.strip()


def _verdicts(
    results: list[ItemResult], answered: bool
) -> Iterator[tuple[WooError | None, bool, bool]]:
    """The rule for one batch answer, item by item: (error, stops the run, store answered).

    ``error`` is None for an accepted item. Refused credentials or TLS, a run out of
    time or a dead store stop the run; so does an unreachable store that has not
    answered once in this run. An accepted item or an API error shows it answers.
    """
    for res in results:
        if res.ok and res.data is not None:
            answered = True
            yield None, False, answered
            continue
        error = res.error or WooBadResponse("The store gave no answer for this item.")
        stops = isinstance(error, _FATAL) or (isinstance(error, _UNREACHABLE) and not answered)
        if isinstance(error, WooApiError) and not isinstance(error, WooAuthError):
            answered = True
        yield error, stops, answered


class Pusher:
    def __init__(self, ctx: RunContext, pool: ThreadPoolExecutor) -> None:
        self.ctx = ctx
        self.pool = pool
        self.owners = ctx.mappings.webstore_owners()
        self.any_answer = False
        # "e-mail" or "user:username" (casefolded) → why it could not be checked
        self.lookup_failed: dict[str, str] = {}
        self._scanner = StoreScanner(ctx, pool, fields=SCAN_FIELDS)
        self._first_page: Future[PageRead] | None = None

    # --- entry -------------------------------------------------------------------------
    def run(self, plan: PushPlan) -> None:
        ctx = self.ctx
        ctx.phase = "push"
        ctx.total += plan.size
        ctx.report([o for o in plan.early if o.action == SyncAction.UNCHANGED])
        if plan.early:
            early = [o for o in plan.early if o.action != SyncAction.UNCHANGED]
            self._commit_outcomes(early, plan)
        for item, kind, detail in plan.conflicts:
            self._conflict(item, item.store, kind, detail)
        # A journaled create from an earlier run: always looked up first, by the
        # e-mail and username it was sent with.
        found = self._lookup_each(plan.pending, usernames=True)
        creates = self._adopt_found(plan.pending, found)
        creates += self._adopt_found(plan.creates, self._lookup_creates(plan.creates))
        adopted = [i for i in creates if i.adopted]
        creates = [i for i in creates if not i.adopted]
        updates = self._check_links(plan.updates)
        if ctx.setup.can_update_webstore_customers:
            updates += adopted
        else:
            self._link_only(adopted)
        creates = self._with_passwords(creates)
        updates = self._with_passwords(updates)
        if ctx.dry_run:
            self._report_dry_run(creates, updates)
            return
        self._write(creates, updates)

    def _with_passwords(self, items: list[Item]) -> list[Item]:
        """The items ready to send, their pending passwords opened (one keyring call a run).

        A pending password that cannot be opened any more (the keyring was reset) is
        never replaced by another one: its record is skipped with a plain reason.
        """
        ready: list[Item] = []
        gone: list[RecordOutcome] = []
        for item in items:
            if item.mapping.password_pending:
                item.password = self.ctx.passwords.get(item.customer.no) or ""
                if not item.password:
                    webstore_id = None if item.adopted else item.mapping.webstore_id
                    gone.append(
                        RecordOutcome(
                            item.customer.no, webstore_id, SyncAction.SKIPPED, PASSWORD_GONE
                        )
                    )
                    continue
            ready.append(item)
        self._commit_outcomes(gone)
        return ready

    # --- lookups -------------------------------------------------------------------------
    def _lookup_each(self, items: list[Item], *, usernames: bool = False) -> _Found:
        """Store customers by each item's sent e-mail (and username), one GET each, in parallel."""
        client = self.ctx.client
        keys: dict[str, Callable[[], list[dict[str, Any]]]] = {}
        for item in items:
            email, username = sent_identity(item)
            keys[email.casefold()] = partial(client.find_customers_by_email, email)
            if usernames and username:
                keys["user:" + username.casefold()] = partial(
                    client.find_customers_by_username, username
                )
        found = _Found()
        futures = {key: self.pool.submit(ask) for key, ask in sorted(keys.items())}
        try:
            for key, future in futures.items():
                try:
                    found.add(future.result())
                    self.any_answer = True
                    self.lookup_failed.pop(key, None)
                except WooError as exc:
                    self._fatal_check(exc)
                    if isinstance(exc, _UNREACHABLE) and not self.any_answer:
                        raise SyncError(exc.message, cause=exc) from None
                    self.lookup_failed[key] = exc.message
        finally:
            for future in futures.values():
                future.cancel()
        return found

    def prefetch_first_page(self) -> None:
        """Ask for the store's first page now, so the answer comes while the plan is made.

        Only when many rows wait for their first push (their creates will need the
        store's size, see :meth:`_lookup_creates`); a run without creates asks nothing.
        """
        if self.ctx.setup.push_customers and self.ctx.mappings.count_unlinked() > SCAN_THRESHOLD:
            self._first_page = self.pool.submit(self._scanner.read_page, 0)

    def _lookup_creates(self, items: list[Item]) -> _Found:
        first, self._first_page = self._first_page, None
        if len(items) <= SCAN_THRESHOLD:
            if first is not None:
                first.cancel()
            return self._lookup_each(items)
        page = first.result() if first is not None else self._scanner.read_page(0)
        self.any_answer = True
        # The first page tells the store's size: one GET per e-mail, or the scan.
        total = page[1] or 0
        if math.ceil(total / 100) >= len(items):
            return self._lookup_each(items)
        found = _Found()
        for customers in self._scanner.pages(first=page):
            found.add(customers)
        # A store customer the store cannot read was skipped (named in the log): a
        # create with its e-mail is refused by the store, then looked up and named.
        if self._scanner.bad:
            self.ctx.commit(Changes(outcomes=self._scanner.bad))
            self._scanner.bad = []
        return found

    def _check_links(self, items: list[Item]) -> list[Item]:
        """The updates whose store customer is still theirs; the others become conflicts.

        A store restored from an older backup gives ids out again. After a pull of
        this run (which checked every linked store customer that changed) only the
        ids it did not see are looked at. Otherwise the newest links tell whether the
        store went back (:meth:`_store_went_back`); only then is each read first (100
        per request). An id the store no longer has is not sent at all: a create of
        this run could be given it.
        """
        if not items:
            return []
        present = self.ctx.store_ids
        found: dict[int, dict[str, Any]] = {}
        unreadable: dict[int, WooError] = {}
        if present is None:
            if not self._store_went_back():
                return list(items)
            ids = [i.mapping.webstore_id for i in items if i.mapping.webstore_id is not None]
            found, unreadable = read_by_ids(self.ctx, ids, self.pool)
            self.any_answer = True
            present = set(found)
        keep: list[Item] = []
        changes = Changes()
        key = self.ctx.setup.customer_no_meta_key
        for item in items:
            no, webstore_id = item.customer.no, item.mapping.webstore_id
            assert webstore_id is not None
            if webstore_id in unreadable:
                reason = (
                    f"the store cannot read its store customer {webstore_id} "
                    f"({item.customer.email}): {unreadable[webstore_id].message}; nothing was sent"
                )
                changes.outcomes.append(RecordOutcome(no, webstore_id, SyncAction.FAILED, reason))
            elif webstore_id not in present:
                changes.outcomes.append(self._refused("update", item, _GONE, changes))
            elif webstore_id not in found:
                keep.append(item)  # checked by the pull
            elif why := replaced_by_someone_else(
                no,
                (item.customer.email,),
                item.store,
                WebstoreCustomer.from_api(found[webstore_id]),
                key,
            ):
                self.owners.pop(webstore_id, None)
                store = WebstoreCustomer.from_api(found[webstore_id])
                changes.outcomes.append(
                    self.ctx.unlink_replaced(item.customer, item.mapping, store, why)
                )
            else:
                keep.append(item)
        if changes.outcomes:
            self.ctx.commit(changes)
        return keep

    def _store_went_back(self) -> bool:
        """Whether the store may have been restored from an older backup (one request).

        Store ids only grow, and a backup that holds an account holds every older
        one. So while the :data:`PAGE` links with the highest ids are all there and
        still theirs, every older link is too; when one is gone, someone else, or
        unreadable, each update's store customer is read before it is sent.
        """
        ctx = self.ctx
        newest = ctx.mappings.newest_links(PAGE)
        if not newest:
            return False
        found, unreadable = read_by_ids(ctx, sorted(newest), self.pool)
        self.any_answer = True
        if unreadable or found.keys() != newest.keys():
            return True
        customers = {c.no: c for c in ctx.customers.iter_all(sorted(set(newest.values())))}
        copies = ctx.webstore.get_many(newest)
        key = ctx.setup.customer_no_meta_key
        for webstore_id, no in newest.items():
            customer = customers.get(no)
            store = WebstoreCustomer.from_api(found[webstore_id])
            emails = (customer.email,) if customer else ()
            if replaced_by_someone_else(no, emails, copies.get(webstore_id), store, key):
                return True
        return False

    def _adopt_found(self, items: list[Item], found: _Found) -> list[Item]:
        """Items still to create, plus adopted ones (``adopted``); conflicts are committed.

        A store customer with the sent e-mail is adopted unless it belongs to another
        row; one with the sent username only when it carries this row's Customer No.
        (our own create that landed, with another e-mail than the customer's now).
        """
        left: list[Item] = []
        failed: list[RecordOutcome] = []
        meta_key = self.ctx.setup.customer_no_meta_key
        for item in items:
            email, username = sent_identity(item)
            keys = [email.casefold()] + (["user:" + username.casefold()] if username else [])
            unchecked = next((self.lookup_failed[k] for k in keys if k in self.lookup_failed), "")
            if unchecked:
                failed.append(
                    RecordOutcome(
                        item.customer.no,
                        None,
                        SyncAction.FAILED,
                        f"could not check the store for a customer with the e-mail {email} "
                        f"({unchecked}); nothing was sent",
                    )
                )
                continue
            by_username = found.by_username.get(username.casefold(), []) if username else []
            matches = found.by_email.get(email.casefold()) or [
                c
                for c in by_username
                if WebstoreCustomer.from_api(c).meta_value(meta_key) == item.customer.no
            ]
            if not matches:
                left.append(item)
                continue
            store = WebstoreCustomer.from_api(matches[0])
            # e.g. the shop's administrator: never adopted (nor can it be created again)
            if problem := role_problem(store.id, store.role, self.ctx.allowed_roles):
                failed.append(
                    RecordOutcome(
                        item.customer.no,
                        None,
                        SyncAction.SKIPPED,
                        f"the store already has an account with this e-mail, but {problem}",
                    )
                )
                continue
            owner = self.owners.get(store.id)
            meta_no = store.meta_value(meta_key)
            if owner is not None and owner != item.customer.no:
                self._conflict(
                    item,
                    store,
                    "mapped_elsewhere",
                    f"the store customer {store.id} with this e-mail is already mapped to "
                    f"customer {owner}",
                )
                continue
            if meta_no and meta_no != item.customer.no:
                self._conflict(
                    item,
                    store,
                    "other_customer_no",
                    f"the store customer {store.id} with this e-mail belongs to customer "
                    f"{meta_no} (its {meta_key})",
                )
                continue
            item.adopted = True
            item.store = store
            item.mapping.webstore_id = store.id
            self.owners[store.id] = item.customer.no
            left.append(item)
        self._commit_outcomes(failed)
        return left

    # --- writing -----------------------------------------------------------------------
    def _write(self, creates: list[Item], updates: list[Item]) -> None:
        size = max(1, min(self.ctx.setup.batch_size, 100))
        rounds = 0
        while True:
            chunks = self._chunks("create", creates, size)
            chunks = itertools.chain(chunks, self._chunks("update", updates, size))
            unknown = self._send_all(chunks)
            rounds += 1
            if not unknown or self.ctx.cancelled:
                return
            found = self._lookup_each(unknown, usernames=True)
            again = self._adopt_found(unknown, found)
            updates = [i for i in again if i.adopted]
            creates = [i for i in again if not i.adopted and i.refusal is None]
            self._refuse_unmatched([i for i in again if not i.adopted and i.refusal is not None])
            if rounds >= MAX_CREATE_ROUNDS:
                self._commit_outcomes(
                    [
                        RecordOutcome(
                            i.customer.no,
                            None,
                            SyncAction.FAILED,
                            "the store did not confirm the create; it is checked by e-mail "
                            "and username on the next run before anything is sent again",
                        )
                        for i in creates
                    ]
                )
                creates = []
            if not creates and not updates:
                return

    def _chunks(self, kind: str, items: list[Item], most: int) -> Iterator[tuple[str, list[Item]]]:
        """Batches of ``items``, each sized when it is taken (the controller's choice)."""
        start = 0
        while start < len(items):
            size = self.ctx.concurrency.chunk_size(len(items) - start, most)
            yield kind, items[start : start + size]
            start += size

    def _send_all(self, chunks: Iterable[tuple[str, list[Item]]]) -> list[Item]:
        """Send every chunk (the controller's limit at a time); returns unknown-outcome creates.

        While requests are out, the next chunk is staged: its bodies built and, for
        creates, its e-mails journaled and committed. A freed slot is then refilled at
        once, before the finished answer is applied, so the slots stay busy while this
        thread commits. A fatal answer (credentials refused, TLS) is seen before the
        refill: no batch starts after it, and the staged chunk's journal is taken back.
        """
        unknown: list[Item] = []
        queue: Iterator[tuple[str, list[Item]]] = iter(chunks)
        in_flight: dict[Future[BatchResult], tuple[str, list[Item]]] = {}
        staged: _Staged | None = None
        stop = False  # a fatal answer came in: send nothing more
        fatal: SyncError | None = None
        try:
            while True:
                if not stop:
                    staged = self._refill(queue, in_flight, staged)
                if not in_flight:
                    break
                if staged is None and not stop and not self.ctx.cancelled:
                    staged = self._stage(queue)  # ready before a slot frees
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                finished = [(in_flight.pop(future), future.result()) for future in done]
                if any(self._is_fatal(kind, result) for (kind, _), result in finished):
                    stop = True
                if not stop:
                    staged = self._refill(queue, in_flight, staged)
                for (kind, items), result in finished:
                    try:
                        unknown += self._apply(kind, items, result)
                    except SyncError as exc:
                        fatal = fatal or exc
                        stop = True
        finally:
            if staged is not None:
                self._unjournal(staged)
        if fatal is not None:
            raise fatal
        return unknown

    def _refill(
        self,
        queue: Iterator[tuple[str, list[Item]]],
        in_flight: dict[Future[BatchResult], tuple[str, list[Item]]],
        staged: _Staged | None,
    ) -> _Staged | None:
        """Start chunks until the limit is in flight; returns the staged one left."""
        while len(in_flight) < self.ctx.concurrency.limit and not self.ctx.should_stop():
            staged = staged or self._stage(queue)
            if staged is None:
                break
            kind, items, bodies, _ = staged
            staged = None
            if kind == "create":
                send = _bind(self.ctx.client.batch_customers, create=bodies)
            else:
                send = _bind(self.ctx.client.batch_customers, update=bodies)
            in_flight[self.pool.submit(send)] = (kind, items)
        return staged

    def _stage(self, queue: Iterator[tuple[str, list[Item]]]) -> _Staged | None:
        """The next chunk ready to send: bodies built, creates journaled (committed)."""
        nxt = next(queue, None)
        if nxt is None:
            return None
        kind, items = nxt
        bodies = self._prepare(kind, items)
        before = self._journal(items) if kind == "create" else []
        return kind, items, bodies, before

    def _is_fatal(self, kind: str, result: BatchResult) -> bool:
        """Whether applying ``result`` will stop the run (:func:`_verdicts`, as :meth:`_apply`)."""
        results = result.create if kind == "create" else result.update
        return any(stops for _, stops, _ in _verdicts(results, self.any_answer))

    def _prepare(self, kind: str, items: list[Item]) -> list[dict[str, Any]]:
        ctx = self.ctx
        bodies = []
        for item in items:
            mapping = item.mapping
            if kind == "create" and ctx.setup.generate_passwords and not item.password:
                import secrets

                item.password = secrets.token_urlsafe(18)
            meta_id = (
                meta_id_of(item.store.meta_data, ctx.setup.customer_no_meta_key)
                if item.store
                else None
            )
            body = build_payload(
                item.customer,
                ctx.setup,
                ctx.county_map,
                meta_id=meta_id,
                username=mapping.username if kind == "create" else "",
                password=item.password,
                phone=item.phone,
                update=kind == "update",
            )
            if kind == "update":
                body["id"] = mapping.webstore_id
                if item.store and item.store.email.casefold() == body["email"].casefold():
                    # WooCommerce refuses an e-mail that differs only in case ("in use").
                    body["email"] = item.store.email
            bodies.append(body)
        return bodies

    def _journal(self, items: list[Item]) -> list[tuple[str, str, MappingStatus]]:
        """Write down the creates about to be sent, and commit, before sending them.

        The e-mail and username they carry are journaled: a lost answer is looked up
        by them, even after the customer's e-mail changed. Returns each mapping's
        (pending_create_email, pending_create_username, status) from before, for
        :meth:`_unjournal`.
        """
        before = [
            (i.mapping.pending_create_email, i.mapping.pending_create_username, i.mapping.status)
            for i in items
        ]
        for item in items:
            item.mapping.pending_create_email = item.customer.email.strip()
            item.mapping.pending_create_username = item.mapping.username.strip()
            item.mapping.status = MappingStatus.PENDING
        self.ctx.mappings.write_create_journal(i.mapping for i in items)
        return before

    def _unjournal(self, staged: _Staged) -> None:
        """Take back the journal of a staged chunk that was never sent (the run stopped).

        Entries journaled by an earlier run stay: that create may have landed.
        """
        kind, items, _, before = staged
        if kind != "create":
            return
        for item, (email, username, status) in zip(items, before, strict=True):
            if not email:
                item.mapping.pending_create_email = ""
                item.mapping.pending_create_username = username
                item.mapping.status = status
        self.ctx.mappings.write_create_journal(i.mapping for i in items)

    def _apply(self, kind: str, items: list[Item], result: BatchResult) -> list[Item]:
        """Commit one batch answer; returns the creates whose outcome is unknown."""
        results: list[ItemResult] = result.create if kind == "create" else result.update
        changes = Changes()
        unknown: list[Item] = []
        fatal: WooError | None = None
        verdicts = _verdicts(results, self.any_answer)
        for item, res, (error, stops, answered) in zip(items, results, verdicts, strict=True):
            self.any_answer = answered
            if error is None:
                assert res.data is not None
                self._accepted(kind, item, res.data, changes)
                continue
            if stops:
                fatal = fatal or error
            if kind == "create" and _needs_lookup(error):
                if _username_taken(error):
                    item.refusal = error  # ours only when it carries our Customer No.
                unknown.append(item)
                continue
            changes.outcomes.append(self._refused(kind, item, error, changes))
        self.ctx.commit(changes)
        if fatal is not None:
            raise SyncError(fatal.message, cause=fatal)
        return unknown

    def _refuse_unmatched(self, items: list[Item]) -> None:
        """Creates refused for their username, whose lookup found no store customer of ours."""
        changes = Changes()
        for item in items:
            assert item.refusal is not None
            changes.outcomes.append(self._refused("create", item, item.refusal, changes))
        self.ctx.commit(changes)

    def _accepted(self, kind: str, item: Item, data: dict[str, Any], changes: Changes) -> None:
        ctx = self.ctx
        store = WebstoreCustomer.from_api(data)
        local_hash, pushed_hash = ctx.hashes_of(item.customer)
        remote_hash = store.content_hash()
        mapping = ctx.mark_synced(
            item.mapping,
            store,
            local_hash=local_hash,
            pushed_hash=pushed_hash,
            remote_hash=remote_hash,
        )
        owner = self.owners.get(store.id)
        if owner is not None and owner != item.customer.no:
            # The store gave a new customer an id linked to another row: that link is
            # stale (a store restored from an older backup). Unlinked first, so the
            # Webstore ID stays unique.
            self._unlink_stale_owner(owner, store)
        self.owners[store.id] = item.customer.no
        changes.mappings.append(mapping)
        changes.add_store(store, remote_hash)
        if item.password or mapping.password_pending:
            changes.forget_passwords.append(item.customer.no)
        if item.adopted:
            action, reason = (
                SyncAction.ADOPTED,
                "an existing store customer with this e-mail was linked",
            )
        elif kind == "create":
            action, reason = SyncAction.CREATED, ""
        else:
            action, reason = SyncAction.UPDATED, ""
        changes.outcomes.append(RecordOutcome(item.customer.no, store.id, action, reason))

    def _unlink_stale_owner(self, owner_no: str, store: WebstoreCustomer) -> None:
        ctx = self.ctx
        customer = ctx.customers.find(owner_no)
        if customer is None:
            return
        why = f"the store just gave that id to the new store customer of {store.email}"
        outcome = ctx.unlink_replaced(customer, ctx.mappings.get(owner_no), store, why)
        ctx.commit(Changes(outcomes=[outcome]))

    def _refused(self, kind: str, item: Item, error: WooError, changes: Changes) -> RecordOutcome:
        mapping = item.mapping
        reason = error.message
        action = SyncAction.FAILED
        if error.status == 500:
            # One broken record makes WordPress fail the whole request: it was sent alone.
            reason = (
                f"the store failed on this record ({item.customer.email}): {reason}; "
                "the other records went on"
            )
        elif isinstance(error, WooNotFound) and kind == "update":
            reason = (
                f"the store customer {mapping.webstore_id} no longer exists (deleted in the "
                "store?); the link is kept — unlink it or link another Webstore ID"
            )
        elif (
            isinstance(error, WooApiError)
            and error.code == "woocommerce_rest_customer_invalid_argument"
        ):
            action = SyncAction.SKIPPED
            reason = f"the store refused it: {error.api_message}"
        elif isinstance(error, WooApiError) and kind == "create":
            reason = f"the store refused to create it: {error.api_message}"
            if "password" in f"{error.code} {error.api_message}".lower():
                reason += " (set a password, or turn on generate_passwords)"
        elif isinstance(error, WooApiError):
            reason = f"the store refused the update: {error.api_message}"
        if kind == "create":
            # A refusal is a definite answer: nothing was created, the journal entry goes.
            mapping.pending_create_email = mapping.pending_create_username = ""
            if item.adopted:
                mapping.webstore_id = None
        mapping.status = (
            MappingStatus.ERROR if action == SyncAction.FAILED else MappingStatus.SKIPPED
        )
        mapping.last_error = reason
        changes.mappings.append(mapping)
        return RecordOutcome(item.customer.no, mapping.webstore_id, action, reason)

    # --- outcomes without a write --------------------------------------------------------
    def _commit_outcomes(self, outcomes: list[RecordOutcome], plan: PushPlan | None = None) -> None:
        if not outcomes:
            return
        changes = Changes(outcomes=outcomes)
        if not self.ctx.dry_run:
            nos = {o.customer_no: o for o in outcomes}
            for m in self.ctx.mappings.get_many(list(nos)).values():
                o = nos[m.customer_no]
                status = {
                    SyncAction.SKIPPED: MappingStatus.SKIPPED,
                    SyncAction.CONFLICT: MappingStatus.CONFLICT,
                    SyncAction.FAILED: MappingStatus.ERROR,
                }.get(o.action)
                if status is not None and (m.status != status or m.last_error != o.reason):
                    if m.status != MappingStatus.PENDING:
                        m.status = status
                    m.last_error = o.reason
                    changes.mappings.append(m)
        self.ctx.commit(changes)

    def _conflict(self, item: Item, store: WebstoreCustomer | None, kind: str, detail: str) -> None:
        ctx = self.ctx
        no = item.customer.no
        webstore_id = store.id if store else item.mapping.webstore_id
        outcome = RecordOutcome(no, webstore_id, SyncAction.CONFLICT, detail)
        if ctx.dry_run:
            ctx.commit(Changes(outcomes=[outcome]))
            return
        with ctx.db.atomic():
            mapping = item.mapping
            ctx.open_conflict(item.customer, mapping, store, kind, detail)
            if mapping.webstore_id is not None and self.owners.get(mapping.webstore_id) != no:
                mapping.webstore_id = None
            ctx.commit(Changes(mappings=[mapping], outcomes=[outcome]))

    def _link_only(self, items: list[Item]) -> None:
        """Adopt without writing to the store (Can Update Webstore Customers is off)."""
        changes = Changes()
        for item in items:
            assert item.store is not None
            no = item.customer.no
            if self.ctx.dry_run:
                reason = "dry run: would be linked to the existing store customer"
            else:
                reason = "an existing store customer with this e-mail was linked"
                mapping = self.ctx.mark_synced(
                    item.mapping, item.store, local_hash=item.customer.synced_hash(), pushed_hash=""
                )
                changes.mappings.append(mapping)
                changes.webstore.append(item.store)
                meta_no = item.store.meta_value(self.ctx.setup.customer_no_meta_key)
                if mapping.password_pending and meta_no == no:
                    # Our own create that landed before a crash: it carried the password.
                    changes.forget_passwords.append(no)
            changes.outcomes.append(RecordOutcome(no, item.store.id, SyncAction.ADOPTED, reason))
        self.ctx.commit(changes)

    def _report_dry_run(self, creates: list[Item], updates: list[Item]) -> None:
        outcomes = [
            RecordOutcome(i.customer.no, None, SyncAction.CREATED, "dry run: would be created")
            for i in creates
        ]
        for i in updates:
            action = SyncAction.ADOPTED if i.adopted else SyncAction.UPDATED
            what = "linked to the existing store customer" if i.adopted else "updated"
            outcomes.append(
                RecordOutcome(
                    i.customer.no, i.mapping.webstore_id, action, f"dry run: would be {what}"
                )
            )
        self.ctx.commit(Changes(outcomes=outcomes))

    def _fatal_check(self, exc: WooError) -> None:
        if isinstance(exc, _FATAL):
            raise SyncError(exc.message, cause=exc) from None


def _needs_lookup(error: WooError) -> bool:
    """The create may exist in the store: look it up before sending it again."""
    if isinstance(error, WooApiError):
        return error.code == "registration-error-email-exists" or _username_taken(error)
    return not isinstance(error, _FATAL)


def _username_taken(error: WooError) -> bool:
    return isinstance(error, WooApiError) and error.code == "registration-error-username-exists"


def _bind(func: Callable[..., BatchResult], **kwargs: Any) -> Callable[[], BatchResult]:
    return lambda: func(**kwargs)


def count_creates(ctx: RunContext, customer_nos: list[str] | None) -> int:
    plan = plan_push(ctx, customer_nos)
    return len(plan.creates) + len(plan.pending)
