"""What one sync run shares between its phases: store, settings, outcomes and counters.

All database writes happen on the thread that owns the run (sqlite connections
are thread-bound); worker threads only talk to the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from wcconnector_gui.credentials.customer_passwords import PasswordVault
from wcconnector_gui.domain.customer import Customer
from wcconnector_gui.domain.mapping import Mapping, MappingStatus
from wcconnector_gui.domain.setup import Setup
from wcconnector_gui.domain.sync_run import SyncAction
from wcconnector_gui.domain.webstore import WebstoreCustomer
from wcconnector_gui.rules.names import CountyMap
from wcconnector_gui.rules.payload import input_hash, settings_fingerprint
from wcconnector_gui.storage.customers import CustomerRepository
from wcconnector_gui.storage.database import utc_now
from wcconnector_gui.storage.mappings import MappingRepository
from wcconnector_gui.storage.sync_log import SyncLogRepository
from wcconnector_gui.storage.templates import TemplateRepository
from wcconnector_gui.storage.webstore_customers import WebstoreCustomerRepository
from wcconnector_gui.sync.identity import replaced_link_reason
from wcconnector_gui.woo.client import WooClient
from wcconnector_gui.woo.concurrency import AdaptiveConcurrency

# Actions that make a run "not ok" (exit code 1).
PROBLEM_ACTIONS = (SyncAction.SKIPPED, SyncAction.FAILED, SyncAction.CONFLICT)


@dataclass(slots=True)
class RecordOutcome:
    """What happened to one record; ``direction`` ("pull"/"push") is the phase that gave it."""

    customer_no: str
    webstore_id: int | None
    action: SyncAction
    reason: str = ""
    direction: str = ""


@dataclass
class SyncProgress:
    done: int
    total: int
    phase: str
    message: str
    outcomes: list[RecordOutcome] = field(default_factory=list)


@dataclass(slots=True)
class NewCustomer:
    """A back-office customer to create; its No. is given when the unit is committed."""

    customer: Customer
    mapping: Mapping
    outcome: RecordOutcome


@dataclass
class Changes:
    """What one unit of work writes, committed together with its log rows."""

    mappings: list[Mapping] = field(default_factory=list)
    webstore: list[WebstoreCustomer] = field(default_factory=list)
    outcomes: list[RecordOutcome] = field(default_factory=list)
    forget_passwords: list[str] = field(default_factory=list)
    # Inserted with one statement, their No.s reserved at once, before ``mappings``.
    new_customers: list[NewCustomer] = field(default_factory=list)
    # Content hashes of some of ``webstore`` (by id), already computed: not computed again.
    webstore_hashes: dict[int, str] = field(default_factory=dict)

    def add_store(self, store: WebstoreCustomer, content_hash: str = "") -> None:
        self.webstore.append(store)
        if content_hash:
            self.webstore_hashes[store.id] = content_hash


class RunContext:
    """One run's shared state for one store; ``client`` None for local-only work (planning)."""

    def __init__(
        self,
        db: Database,
        client: WooClient | None,
        setup: Setup,
        *,
        store: int,
        run_id: int,
        dry_run: bool,
        progress: Callable[[SyncProgress], None] | None,
        is_cancelled: Callable[[], bool] | None,
    ) -> None:
        self.db = db
        self._client = client
        self.setup = setup
        self.store = store
        self.run_id = run_id
        self.dry_run = dry_run
        self.customers = CustomerRepository(db)
        # The store's own: every one of these reads and writes ``store``'s rows only.
        self.mappings = MappingRepository(db, store)
        self.webstore = WebstoreCustomerRepository(db, store)
        self.log = SyncLogRepository(db, store)
        self.templates = TemplateRepository(db)
        self.passwords = PasswordVault(db, store)  # one keyring call per run, when one is pending
        counties = self.templates.list_counties()
        self.county_map = CountyMap(counties, setup.county_source)
        # The store roles taken as customers, parsed once (asked of each store customer).
        self.allowed_roles = setup.allowed_roles()
        key = [(c.country_code, c.code, c.name) for c in counties]
        self.fingerprint = settings_fingerprint(setup, repr(key))
        self.counts: Counter[str] = Counter()
        # The same outcomes per direction: one per customer per direction.
        self.direction_counts: dict[str, Counter[str]] = {}
        self._progress = progress
        self._is_cancelled = is_cancelled
        self.phase = ""
        self.done = 0
        self.total = 0
        self.cancelled = False
        # Records already reported as conflicts in this run (pull runs before push).
        self.conflicts_reported: set[str] = set()
        # The ids of the store customers the pull of this run read, each changed one
        # checked against its last-seen copy (None: no pull, or some were unreadable).
        # The push then need not read its updates' store customers again.
        self.store_ids: set[int] | None = None
        # How many requests at once, and how large a batch (the engine's run sets its own).
        self.concurrency = AdaptiveConcurrency(setup.concurrency, adaptive=False)

    @property
    def client(self) -> WooClient:
        if self._client is None:
            raise RuntimeError("this run context has no store connection (local work only)")
        return self._client

    # --- outcomes ------------------------------------------------------------------
    def commit(self, changes: Changes) -> None:
        """Write one unit's mappings, store copies and log rows in one transaction."""
        self._label(changes.outcomes)
        logged = [o for o in changes.outcomes if o.action != SyncAction.UNCHANGED]
        with self.db.atomic():
            if changes.new_customers and not self.dry_run:
                new = changes.new_customers
                created = self.customers.create_many([n.customer for n in new])
                for entry, customer in zip(new, created, strict=True):
                    entry.customer = customer
                    entry.mapping.customer_no = customer.no
                    entry.outcome.customer_no = customer.no
                self.mappings.save_many(n.mapping for n in new)
            if not self.dry_run:
                self.mappings.save_many(changes.mappings)
                self.webstore.upsert_many(changes.webstore, changes.webstore_hashes)
                # The store has these passwords now: forgotten with the outcome that says so.
                self.passwords.forget(changes.forget_passwords)
            self.log.log_many(
                self.run_id,
                [(o.action, o.customer_no, o.webstore_id, o.reason, o.direction) for o in logged],
            )
        self.report(changes.outcomes)

    def hashes_of(self, customer: Customer) -> tuple[str, str]:
        """(local_hash, pushed_hash) of ``customer`` as it is now, its synced fields hashed once."""
        local = customer.synced_hash()
        return local, input_hash(customer, self.fingerprint, local)

    def report(self, outcomes: Iterable[RecordOutcome], message: str = "") -> None:
        done = list(outcomes)
        self._label(done)
        for outcome in done:
            self.counts[str(outcome.action)] += 1
            by_direction = self.direction_counts.setdefault(outcome.direction, Counter())
            by_direction[str(outcome.action)] += 1
        self.done += len(done)
        if self._progress is not None:
            self._progress(SyncProgress(self.done, self.total, self.phase, message, done))

    def _label(self, outcomes: Iterable[RecordOutcome]) -> None:
        for outcome in outcomes:
            if not outcome.direction:
                outcome.direction = self.phase

    def should_stop(self) -> bool:
        if not self.cancelled and self._is_cancelled is not None and self._is_cancelled():
            self.cancelled = True
        return self.cancelled

    # --- mapping helpers -------------------------------------------------------------
    def mark_synced(
        self,
        mapping: Mapping,
        store: WebstoreCustomer,
        *,
        local_hash: str,
        pushed_hash: str,
        remote_hash: str = "",
    ) -> Mapping:
        """The mapping after both sides agree: link, username and the base of both sides.

        ``remote_hash`` is ``store.content_hash()`` when the caller has it already.
        """
        mapping.webstore_id = store.id
        mapping.username = store.username or mapping.username
        mapping.webstore_customer = True
        mapping.status = MappingStatus.SYNCED
        mapping.last_error = ""
        mapping.last_synced_at = utc_now()
        mapping.local_hash = local_hash
        mapping.pushed_hash = pushed_hash
        mapping.remote_modified_gmt = store.date_modified_gmt
        mapping.remote_hash = remote_hash or store.content_hash()
        mapping.pending_create_email = ""
        mapping.pending_create_username = ""
        return mapping

    def unlink_replaced(
        self, customer: Customer, mapping: Mapping, store: WebstoreCustomer, why: str
    ) -> RecordOutcome:
        """The row's Webstore ID now holds someone else: a conflict, and the link goes.

        Committed at once (conflict and mapping); the caller logs the outcome. Nothing
        is sent to the store or taken from it for this row.
        """
        detail = replaced_link_reason(store.id, why)
        self.conflicts_reported.add(customer.no)
        if not self.dry_run:
            with self.db.atomic():
                self.open_conflict(customer, mapping, store, "store_customer_replaced", detail)
                mapping.webstore_id = None
                mapping.local_hash = mapping.pushed_hash = ""
                mapping.remote_hash = mapping.remote_modified_gmt = ""
                self.mappings.save_many([mapping])
        return RecordOutcome(customer.no, store.id, SyncAction.CONFLICT, detail)

    def open_conflict(
        self,
        customer: Customer,
        mapping: Mapping,
        store: WebstoreCustomer | None,
        kind: str,
        detail: str,
    ) -> None:
        """Open a conflict for the user to decide, and mark ``mapping`` (the caller saves it).

        The row waits in Conflicts: its create journal goes, nothing is sent for it
        until the user decides. Call it inside the transaction that saves the mapping.
        """
        self.log.open_conflict(
            customer.no,
            store.id if store else mapping.webstore_id,
            kind,
            detail,
            snapshot_customer(customer),
            snapshot_store(store) if store else {},
        )
        mapping.status = MappingStatus.CONFLICT
        mapping.last_error = detail
        mapping.pending_create_email = mapping.pending_create_username = ""


def snapshot_customer(customer: Customer) -> dict[str, Any]:
    from wcconnector_gui.domain.customer import SYNCED_FIELDS

    return {"no": customer.no, **{f: getattr(customer, f) for f in SYNCED_FIELDS}}


def snapshot_store(store: WebstoreCustomer) -> dict[str, Any]:
    return {
        "id": store.id,
        "email": store.email,
        "username": store.username,
        "first_name": store.first_name,
        "last_name": store.last_name,
        "billing": store.billing,
        "shipping": store.shipping,
        "date_modified_gmt": store.date_modified_gmt,
    }
