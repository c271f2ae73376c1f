"""The sync engine: one entry point for the window, the CLI and the tests.

A run records a ``sync_runs`` row and one ``sync_log`` row per record with an
outcome (records that needed nothing are counted, not logged, so a run over
100,000 unchanged customers writes nothing but its run row). Pull runs before
push, so a store-side change is seen (and a conflict detected) before our
side is sent. All database writes stay on the caller's thread; store requests
run on a thread pool, as many at once as the run's concurrency controller finds the
store takes (woo/concurrency.py), up to ``setup.concurrency``; the limit it found is
kept for the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from sqlite_utils import Database

from wcconnector_gui.credentials.keyring_store import SecretStoreUnavailable
from wcconnector_gui.domain.mapping import MappingStatus
from wcconnector_gui.domain.setup import PullMode, Setup
from wcconnector_gui.domain.sync_run import Direction, RunStatus, SyncAction
from wcconnector_gui.domain.templates import CountryTemplate, CustomerTemplate
from wcconnector_gui.domain.text import as_sentence
from wcconnector_gui.domain.webstore import WebstoreCustomer, role_problem
from wcconnector_gui.rules.customer_import import choose_template, imported_fields
from wcconnector_gui.rules.payload import build_payload, input_hash, meta_id_of
from wcconnector_gui.storage.run_lock import RunLock, RunLocked
from wcconnector_gui.storage.setup_store import learned_concurrency, save_learned_concurrency
from wcconnector_gui.storage.stores import StoreRepository, resolve_store
from wcconnector_gui.sync.connection import make_client
from wcconnector_gui.sync.context import (
    PROBLEM_ACTIONS,
    Changes,
    RecordOutcome,
    RunContext,
    SyncProgress,
)
from wcconnector_gui.sync.errors import SyncError, SyncLocked, explain
from wcconnector_gui.sync.pull import (
    Puller,
    StoreScanner,
    import_store_customer,
    note_new_owners,
)
from wcconnector_gui.sync.push import Pusher, count_creates, plan_push
from wcconnector_gui.sync.suggest import Suggestion, suggest
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.concurrency import AdaptiveConcurrency
from wcconnector_gui.woo.errors import WooError, WooNotFound

__all__ = [
    "RecordOutcome",
    "Suggestion",
    "SyncEngine",
    "SyncError",
    "SyncOptions",
    "SyncProgress",
    "SyncSummary",
    "make_client",
]


@dataclass
class SyncOptions:
    direction: Direction = Direction.BOTH
    customer_nos: list[str] | None = None
    dry_run: bool = False
    # False: the push sends updates only; rows waiting for their store account are left
    # for a sync that asks first (automatic pushes and recurring syncs, unless the setup
    # says Create Store Accounts Automatically).
    create_accounts: bool = True


@dataclass
class SyncSummary:
    """A finished run: ``counts`` in all, ``by_direction`` per "pull"/"push" (they add up)."""

    run_id: int
    status: RunStatus
    counts: dict[str, int]
    requests: int
    error: str = ""
    by_direction: dict[str, dict[str, int]] = field(default_factory=dict)
    # Why the run failed, as a stable code of woo.diagnose (e.g. "secret_wrong"); '' otherwise.
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.status == RunStatus.DONE and not any(
            self.counts.get(str(a), 0) for a in PROBLEM_ACTIONS
        )


@dataclass
class PendingPush:
    """What the next push would do, from local data only (the store's side needs a pull)."""

    to_create: int
    to_update: int
    not_valid: int
    conflicts: int
    unchanged: int


def pending_push(db: Database, setup: Setup, store: int | None = None) -> PendingPush:
    """Count the next push's work to ``store`` without a connection (``wcconnector status``)."""
    ctx = RunContext(
        db,
        None,
        setup,
        store=resolve_store(db, store),
        run_id=0,
        dry_run=True,
        progress=None,
        is_cancelled=None,
    )
    plan = plan_push(ctx, None)
    early = [str(o.action) for o in plan.early]
    return PendingPush(
        to_create=len(plan.creates) + len(plan.pending),
        to_update=len(plan.updates),
        not_valid=early.count(SyncAction.SKIPPED),
        conflicts=early.count(SyncAction.CONFLICT) + len(plan.conflicts),
        unchanged=early.count(SyncAction.UNCHANGED),
    )


class SyncEngine:
    """Syncs one store (``store`` None: the only store) with the back office.

    Everything it reads or writes of a store's own (mappings, store copies, runs,
    conflicts, pending passwords) is that store's: another store is never touched.
    """

    def __init__(
        self,
        db: Database,
        client: WooClient,
        setup: Setup,
        *,
        store: int | None = None,
        progress: Callable[[SyncProgress], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.db = db
        self.store = resolve_store(db, store)
        self.client = client
        self.setup = setup
        self.concurrency: AdaptiveConcurrency | None = None  # the last run's controller
        self.progress = progress
        self.is_cancelled = is_cancelled

    def _context(self, run_id: int, dry_run: bool) -> RunContext:
        return RunContext(
            self.db,
            self.client,
            self.setup,
            store=self.store,
            run_id=run_id,
            dry_run=dry_run,
            progress=self.progress,
            is_cancelled=self.is_cancelled,
        )

    # --- synchronize -------------------------------------------------------------------
    def run(self, options: SyncOptions) -> SyncSummary:
        """Pull and/or push as the setup allows; never raises for a store or record problem.

        SyncLocked when another sync of this store runs (one at a time, see run_lock).
        """
        try:
            with RunLock(self.db, self.store):
                return self._run(options)
        except RunLocked:
            raise SyncLocked(StoreRepository(self.db).get(self.store).name) from None

    def _run(self, options: SyncOptions) -> SyncSummary:
        setup = self.setup
        direction = Direction(options.direction)
        log_repo = _log(self.db, self.store)
        # Holding the lock, no other run is alive: a run still marked running was cut off.
        log_repo.end_interrupted_runs()
        run_id = log_repo.start_run(str(direction), options.customer_nos, options.dry_run)
        ctx = self._context(run_id, options.dry_run)
        requests_before = self.client.request_count
        status, error, problem = RunStatus.DONE, "", ""
        pool = ThreadPoolExecutor(max_workers=max(1, setup.concurrency))
        self.client.reset_health()
        self._limit_time("run", setup.run_time_limit_minutes, "the sync", "run_time_limit_minutes")
        ctx.concurrency = self.client.gate = self._concurrency()
        try:
            ctx.passwords.move_keyring_items()  # first use after schema 4: seal the old items
            pull = setup.pull_customers != PullMode.OFF and direction in (
                Direction.PULL,
                Direction.BOTH,
            )
            if pull:
                self._limit_phase("pull")
            if pull and options.customer_nos is None:
                Puller(ctx, pool).run()
            elif pull:  # the selected rows: their store customers only, read by id
                mappings = ctx.mappings.get_many(options.customer_nos or [])
                ids = sorted(m.webstore_id for m in mappings.values() if m.webstore_id)
                Puller(ctx, pool).run_selected(ids)
            push = direction in (Direction.PUSH, Direction.BOTH) and (
                setup.push_customers or setup.can_update_webstore_customers
            )
            if push and not ctx.should_stop():
                self._limit_phase("push")
                pusher = Pusher(ctx, pool)
                if options.customer_nos is None:
                    pusher.prefetch_first_page()
                plan = plan_push(ctx, options.customer_nos)
                if not options.create_accounts:
                    plan.creates.clear()
                    plan.pending.clear()
                pusher.run(plan)
            if ctx.cancelled:
                status = RunStatus.CANCELLED
        except (SyncError, WooError) as exc:
            status = RunStatus.FAILED
            error, problem = explain(exc, setup.store_url, str(setup.auth))
        except SecretStoreUnavailable as exc:
            status, error = RunStatus.FAILED, str(exc)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.client.limit_time("run", None)
            self.client.limit_time("phase", None)
            self.client.reset_health()  # what comes after the run may try the store again
            self.client.gate = None
            self._remember(ctx.concurrency)
        counts = dict(ctx.counts)
        by_direction = {d: dict(c) for d, c in ctx.direction_counts.items()}
        requests = self.client.request_count - requests_before
        log_repo.finish_run(run_id, status, counts, requests, error, by_direction, problem)
        return SyncSummary(run_id, status, counts, requests, error, by_direction, problem)

    def _limit_time(self, name: str, minutes: float, what: str, setting: str) -> None:
        self.client.limit_time(
            name,
            minutes * 60.0,
            f"{what}'s time limit of {minutes:g} min (setting {setting})",
        )

    def _limit_phase(self, phase: str) -> None:
        minutes = self.setup.phase_time_limit_minutes
        self._limit_time("phase", minutes, f"the {phase}", "phase_time_limit_minutes")

    def _concurrency(self) -> AdaptiveConcurrency:
        """This run's controller, starting from what the last run found for this store."""
        setup = self.setup
        remembered = learned_concurrency(self.db, setup.store_url, self.store)
        self.concurrency = AdaptiveConcurrency(
            setup.concurrency, remembered=remembered, adaptive=setup.adapt_concurrency
        )
        return self.concurrency

    def _remember(self, concurrency: AdaptiveConcurrency) -> None:
        good = concurrency.good_limit
        if good is not None:
            save_learned_concurrency(self.db, self.setup.store_url, good, self.store)

    def count_creates(self, options: SyncOptions) -> int:
        """How many new store accounts a push would create (local only, no network)."""
        if not self.setup.push_customers:
            return 0
        return count_creates(self._context(0, True), options.customer_nos)

    # --- mapping -------------------------------------------------------------------------
    def suggest(self, *, refresh: bool = True) -> list[Suggestion]:
        """Proposals for unmapped rows; ``refresh`` re-reads the store's list first."""
        ctx = self._context(0, False)
        if refresh:
            known = ctx.webstore.known_versions()
            with ThreadPoolExecutor(max_workers=max(1, self.setup.concurrency)) as pool:
                for items in StoreScanner(ctx, pool).pages():
                    stores = [WebstoreCustomer.from_api(d) for d in items]
                    hashes = {s.id: s.content_hash() for s in stores}
                    fresh = [
                        s for s in stores if known.get(s.id) != (s.date_modified_gmt, hashes[s.id])
                    ]
                    with self.db.atomic():
                        ctx.webstore.upsert_many(fresh, hashes)
        owners = ctx.mappings.webstore_owners()
        mapped_nos = set(owners.values())
        customers = [c for c in ctx.customers.iter_all() if c.no not in mapped_nos]
        stores = [
            s
            for s in ctx.webstore.iter_all()
            if s.id not in owners and not role_problem(s.id, s.role, ctx.allowed_roles)
        ]
        found = suggest(customers, stores, self.setup.customer_no_meta_key)
        usernames = ctx.mappings.get_many(sorted({s.customer_no for s in found}))
        for s in found:
            mapping = usernames.get(s.customer_no)
            s.current_username = mapping.username if mapping else ""
        return found

    def apply_suggestions(self, suggestions: Sequence[Suggestion]) -> int:
        """Link the unambiguous proposals whose both sides are still free; returns how many."""
        ctx = self._context(0, False)
        owners = ctx.mappings.webstore_owners()
        taken = set(owners.values())
        applied = 0
        with self.db.atomic():
            for s in suggestions:
                if s.ambiguous or s.webstore_id in owners or s.customer_no in taken:
                    continue
                store = ctx.webstore.get(s.webstore_id)
                customer = ctx.customers.find(s.customer_no)
                if (
                    store is None
                    or customer is None
                    or role_problem(store.id, store.role, ctx.allowed_roles)
                ):
                    continue
                self._link(ctx, customer.no, store, customer.synced_hash())
                owners[store.id] = customer.no
                taken.add(customer.no)
                applied += 1
        return applied

    def link_webstore_id(self, customer_no: str, webstore_id: int) -> None:
        """Link a row to an existing store customer, checked against the store."""
        ctx = self._context(0, False)
        customer = ctx.customers.find(customer_no)
        if customer is None:
            raise SyncError(f"There is no customer {customer_no}.")
        owner = ctx.mappings.webstore_owners().get(webstore_id)
        if owner is not None and owner != customer_no:
            raise SyncError(f"Webstore ID {webstore_id} is already mapped to customer {owner}.")
        try:
            data = self.client.get_customer(webstore_id)
        except WooNotFound:
            raise SyncError(f"The store has no customer with ID {webstore_id}.") from None
        except WooError as exc:
            raise SyncError(exc.message, cause=exc) from None
        store = WebstoreCustomer.from_api(data)
        if problem := role_problem(store.id, store.role, ctx.allowed_roles):
            raise SyncError(as_sentence(problem))
        with self.db.atomic():
            ctx.webstore.upsert_many([store])
            self._link(ctx, customer_no, store, customer.synced_hash())

    @staticmethod
    def _link(ctx: RunContext, customer_no: str, store: WebstoreCustomer, local_hash: str) -> None:
        mapping = ctx.mappings.get(customer_no)
        # pushed_hash empty: the next push (when allowed) brings the store in line with us.
        ctx.mark_synced(mapping, store, local_hash=local_hash, pushed_hash="")
        ctx.mappings.save_many([mapping])

    def import_webstore_customers(self, webstore_ids: list[int]) -> list[RecordOutcome]:
        """Create back-office customers for the chosen store customers (Webstore Customers view)."""
        log_repo = _log(self.db, self.store)
        run_id = log_repo.start_run("pull", [str(i) for i in webstore_ids], False)
        ctx = self._context(run_id, False)
        ctx.phase = str(Direction.PULL)
        requests_before = self.client.request_count
        owners = ctx.mappings.webstore_owners()
        templates = (
            {t.code: t for t in ctx.templates.list_templates()},
            {t.country_code: t for t in ctx.templates.list_country_templates()},
        )
        outcomes: list[RecordOutcome] = []
        for webstore_id in webstore_ids:
            changes = Changes()
            if webstore_id in owners:
                outcome = RecordOutcome(
                    owners[webstore_id],
                    webstore_id,
                    SyncAction.UNCHANGED,
                    f"already mapped to customer {owners[webstore_id]}",
                )
            else:
                outcome = self._import_one(ctx, webstore_id, templates, changes, owners)
            changes.outcomes.append(outcome)
            with self.db.atomic():
                ctx.commit(changes)
            note_new_owners(changes, owners)
            outcomes.append(outcome)
        log_repo.finish_run(
            run_id,
            RunStatus.DONE,
            dict(ctx.counts),
            self.client.request_count - requests_before,
            direction_counts={d: dict(c) for d, c in ctx.direction_counts.items()},
        )
        return outcomes

    def _import_one(
        self,
        ctx: RunContext,
        webstore_id: int,
        templates: tuple[dict[str, CustomerTemplate], dict[str, CountryTemplate]],
        changes: Changes,
        owners: dict[int, str],
    ) -> RecordOutcome:
        try:
            store = WebstoreCustomer.from_api(self.client.get_customer(webstore_id))
        except WooNotFound:
            return RecordOutcome(
                "", webstore_id, SyncAction.FAILED, "the store has no such customer"
            )
        except WooError as exc:
            return RecordOutcome("", webstore_id, SyncAction.FAILED, exc.message)
        changes.webstore.append(store)
        if problem := role_problem(store.id, store.role, ctx.allowed_roles):
            return RecordOutcome("", webstore_id, SyncAction.SKIPPED, problem)
        choice = choose_template(store, self.setup, *templates)
        if choice.default_customer_no:
            return RecordOutcome(
                choice.default_customer_no,
                webstore_id,
                SyncAction.LINKED,
                f"stands for the default customer {choice.default_customer_no}",
            )
        if choice.template is None:
            return RecordOutcome("", webstore_id, SyncAction.SKIPPED, choice.problem)
        return import_store_customer(ctx, store, choice.template, changes)

    # --- conflicts -------------------------------------------------------------------------
    def resolve_conflict(self, conflict_id: int, keep: str) -> RecordOutcome:
        """Decide a conflict: keep the back-office record (push it) or the store's (pull it)."""
        if keep not in ("back_office", "store"):
            raise ValueError("keep must be 'back_office' or 'store'")
        log_repo = _log(self.db, self.store)
        row = log_repo.get_conflict(conflict_id)
        if row is None or row["resolved_at"]:
            raise SyncError(f"There is no open conflict {conflict_id}.")
        no = str(row["customer_no"])
        ctx = self._context(0, False)
        mapping = ctx.mappings.get(no)
        customer = ctx.customers.find(no)
        if row["kind"] != "both_changed" or mapping.webstore_id is None or customer is None:
            # A match that belongs to another row: the decision is only recorded.
            with self.db.atomic():
                log_repo.resolve_conflict(conflict_id, f"kept {keep}")
                if mapping.status == MappingStatus.CONFLICT:
                    mapping.status = MappingStatus.NONE
                    mapping.last_error = ""
                    ctx.mappings.save_many([mapping])
            return RecordOutcome(no, row["webstore_id"], SyncAction.UNCHANGED, f"kept {keep}")
        password = ""
        try:
            if keep == "back_office":
                copy = ctx.webstore.get(mapping.webstore_id)
                # A pending password that is gone stays pending: the next push reports it.
                password = (ctx.passwords.get(no) or "") if mapping.password_pending else ""
                body = build_payload(
                    customer,
                    self.setup,
                    ctx.county_map,
                    meta_id=meta_id_of(copy.meta_data, self.setup.customer_no_meta_key)
                    if copy
                    else None,
                    password=password,
                    update=True,
                )
                store = WebstoreCustomer.from_api(
                    self.client.update_customer(mapping.webstore_id, body)
                )
            else:
                store = WebstoreCustomer.from_api(self.client.get_customer(mapping.webstore_id))
        except WooError as exc:
            raise SyncError(exc.message) from None
        with self.db.atomic():
            if keep == "store":
                fields = imported_fields(store, self.setup, ctx.county_map)
                customer = ctx.customers.update(no, fields)
            ctx.mark_synced(
                mapping,
                store,
                local_hash=customer.synced_hash(),
                pushed_hash=input_hash(customer, ctx.fingerprint),
            )
            ctx.mappings.save_many([mapping])
            ctx.webstore.upsert_many([store])
            log_repo.resolve_conflict(conflict_id, f"kept {keep}")
            if keep == "back_office" and password:
                ctx.passwords.forget([no])
        what = "the store was updated" if keep == "back_office" else "updated from the store"
        return RecordOutcome(no, store.id, SyncAction.UPDATED, f"conflict resolved: {what}")


def _log(db: Database, store: int):  # type: ignore[no-untyped-def]
    from wcconnector_gui.storage.sync_log import SyncLogRepository

    return SyncLogRepository(db, store)
