"""The sandbox store's customers: WooCommerce's create/update/delete/list rules in memory.

Thread-safe through one re-entrant lock. Records are replaced, never mutated in
place, so a reader may serialize a record it got without holding the lock.
Lists by id are O(page): ids are kept in sorted lists per role.
"""

from __future__ import annotations

import bisect
import copy
import functools
import hashlib
import json
import os
import secrets
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from wcconnector_gui.sandbox import wp_rules
from wcconnector_gui.sandbox.errors import ApiError
from wcconnector_gui.sandbox.faults import Fault, FaultBook

ROLES = (
    "administrator",
    "editor",
    "author",
    "contributor",
    "subscriber",
    "customer",
    "shop_manager",
)
BILLING_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "address_1",
    "address_2",
    "city",
    "postcode",
    "country",
    "state",
    "email",
    "phone",
)
SHIPPING_FIELDS = tuple(f for f in BILLING_FIELDS if f != "email")
SHOP_TIMEZONE = ZoneInfo("Europe/Berlin")
ADMIN_EMAIL = "admin@sandbox-store.test"

# User meta that WooCommerce keeps out of meta_data (set through the customer's setters).
_INTERNAL_META = {
    "first_name",
    "last_name",
    "last_update",
    "nickname",
    "description",
    "rich_editing",
    "admin_color",
    "show_admin_bar_front",
    "locale",
    "paying_customer",
    "default_password_nag",
}
# E-mail local parts replaced by the domain in generated usernames (WooCommerce rule).
# Roles whose e-mail/password the customers endpoint may change, and which it may delete
# (filter woocommerce_rest_customer_allowed_roles, WooCommerce 9.5.2+).
_EDITABLE_ROLES = {"customer", "subscriber"}
_GENERIC_LOCAL_PARTS = {"sales", "hello", "mail", "contact", "info"}


@functools.lru_cache(maxsize=4096)
def format_local(ts: int) -> str:
    return datetime.fromtimestamp(ts, SHOP_TIMEZONE).strftime("%Y-%m-%dT%H:%M:%S")


@functools.lru_cache(maxsize=4096)
def format_gmt(ts: int) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def parse_gmt(value: str | datetime | int | float) -> int:
    """A timestamp from ``YYYY-MM-DDTHH:MM:SS`` (UTC), a datetime or epoch seconds."""
    if isinstance(value, int | float):
        return int(value)
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp())


def hash_password(password: str) -> str:
    salt = secrets.token_hex(8)
    return salt + "$" + hashlib.sha256((salt + password).encode()).hexdigest()


def meta_value_as_stored(value: Any) -> Any:
    """User meta goes through the database: scalars come back as PHP strings."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def avatar_url(email: str) -> str:
    digest = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()
    return f"https://secure.gravatar.com/avatar/{digest}?s=96&d=mm&r=g"


@dataclass
class _Private:
    """What the store knows about a user but never shows."""

    password_hash: str
    display_name: str
    created_ts: int
    modified_ts: int | None


@dataclass
class ListQuery:
    role: str = "customer"
    orderby: str = "name"
    order: str = "asc"
    page: int = 1
    per_page: int = 10
    offset: int | None = None
    search: str = ""
    email: str = ""
    include: list[int] = field(default_factory=list)
    exclude: list[int] = field(default_factory=list)


class SandboxStore:
    """All users of the sandbox shop (the administrator and the customers)."""

    def __init__(self, *, fault_seed: int = 0) -> None:
        self.lock = threading.RLock()
        self.customers: dict[int, dict[str, Any]] = {}
        self._private: dict[int, _Private] = {}
        self._ids_all: list[int] = []
        self._ids_by_role: dict[str, list[int]] = {}
        self._emails: dict[str, int] = {}
        self._usernames: dict[str, int] = {}
        self._next_id = 1
        self._next_meta_id = 1
        self._version = 0
        self._sorted_cache: dict[tuple[str, str], tuple[int, list[int]]] = {}
        self.poisoned: set[int] = set()
        self.faults = FaultBook(fault_seed)
        self.request_log: list[tuple[str, str, str, int]] = []
        self.clock = time.time

    # ----------------------------------------------------------------- helpers
    def _now(self) -> int:
        return int(self.clock())

    def _touch(self) -> None:
        self._version += 1

    def _index_add(self, cid: int, record: dict[str, Any]) -> None:
        for ids in (self._ids_all, self._ids_by_role.setdefault(record["role"], [])):
            if not ids or ids[-1] < cid:
                ids.append(cid)  # the usual case: new ids only grow
            else:
                bisect.insort(ids, cid)
        if record["email"]:
            self._emails[record["email"].lower()] = cid
        self._usernames[record["username"].lower()] = cid

    def _index_remove(self, cid: int, record: dict[str, Any]) -> None:
        for ids in (self._ids_all, self._ids_by_role.get(record["role"], [])):
            pos = bisect.bisect_left(ids, cid)
            if pos < len(ids) and ids[pos] == cid:
                del ids[pos]
        if self._emails.get(record["email"].lower()) == cid:
            del self._emails[record["email"].lower()]
        if self._usernames.get(record["username"].lower()) == cid:
            del self._usernames[record["username"].lower()]

    def _with_dates(self, record: dict[str, Any], private: _Private) -> dict[str, Any]:
        record["date_created"] = format_local(private.created_ts)
        record["date_created_gmt"] = format_gmt(private.created_ts)
        if private.modified_ts is None:
            record["date_modified"] = None
            record["date_modified_gmt"] = None
        else:
            record["date_modified"] = format_local(private.modified_ts)
            record["date_modified_gmt"] = format_gmt(private.modified_ts)
        return record

    def _unique_username(self, base: str) -> str:
        candidate, n = base, 2
        while candidate.lower() in self._usernames:
            candidate = f"{base}-{n}"
            n += 1
        return candidate

    def _generated_username(self, email: str) -> str:
        local, _, domain = email.partition("@")
        if local in _GENERIC_LOCAL_PARTS:
            local = domain
        base = wp_rules.sanitize_user(local, strict=True).lower() or "user"
        return self._unique_username(base)

    @staticmethod
    def _blank_record(cid: int, email: str, username: str, role: str) -> dict[str, Any]:
        return {
            "id": cid,
            "date_created": None,
            "date_created_gmt": None,
            "date_modified": None,
            "date_modified_gmt": None,
            "email": email,
            "first_name": "",
            "last_name": "",
            "role": role,
            "username": username,
            "billing": dict.fromkeys(BILLING_FIELDS, ""),
            "shipping": dict.fromkeys(SHIPPING_FIELDS, ""),
            "is_paying_customer": False,
            "avatar_url": avatar_url(email),
            "meta_data": [],
        }

    def _apply_fields(self, record: dict[str, Any], data: dict[str, Any]) -> bool:
        """WooCommerce ``update_customer_meta_fields`` on a copy; True if a tracked field moved.

        Tracked fields (names, billing, shipping) bump ``date_modified``; meta_data does not.
        Raises ApiError for an invalid billing e-mail (the customer setter's check).
        """
        changed = False
        for name in ("first_name", "last_name"):
            value = data.get(name)
            if value is not None:
                value = wp_rules.sanitize_text_field(str(value))
                if record[name] != value:
                    record[name] = value
                    changed = True
        for group, fields in (("billing", BILLING_FIELDS), ("shipping", SHIPPING_FIELDS)):
            given = data.get(group)
            if not isinstance(given, dict):
                continue
            address = dict(record[group])
            for fname in fields:
                value = given.get(fname)
                if value is None:
                    continue
                value = _php_string(value)
                if (
                    group == "billing"
                    and fname == "email"
                    and value
                    and not wp_rules.is_email(value)
                ):
                    raise ApiError(
                        400, "customer_invalid_billing_email", "Invalid billing email address"
                    )
                if address[fname] != value:
                    address[fname] = value
                    changed = True
            record[group] = address
        meta = data.get("meta_data")
        if isinstance(meta, list):
            changed = self._apply_meta(record, meta) or changed
        return changed

    def _apply_meta(self, record: dict[str, Any], items: list[Any]) -> bool:
        """``WC_Data::update_meta_data`` for each item; True if an internal (tracked) key moved."""
        rows = [dict(row) for row in record["meta_data"]]
        changed = False
        for item in items:
            if not isinstance(item, dict) or "key" not in item:
                continue
            key = str(item["key"])
            value = meta_value_as_stored(item.get("value"))
            internal = _internal_meta_target(key)
            if internal is not None:
                group, fname = internal
                if group:
                    changed = self._apply_fields(record, {group: {fname: value}}) or changed
                elif fname:
                    changed = self._apply_fields(record, {fname: value}) or changed
                continue
            meta_id = item.get("id")
            target = None
            if meta_id:
                target = next((row for row in rows if str(row["id"]) == str(meta_id)), None)
            else:
                matches = [row for row in rows if row["key"] == key]
                for row in matches:
                    row["value"] = None
                target = matches[0] if matches else None
            if target is not None:
                target["key"] = key
                target["value"] = value
            else:
                rows.append({"id": self._next_meta_id, "key": key, "value": value})
                self._next_meta_id += 1
        record["meta_data"] = [row for row in rows if row["value"] is not None]
        return changed

    # ------------------------------------------------------------- REST logic
    def create_customer(self, data: dict[str, Any]) -> dict[str, Any]:
        """``create_item`` + ``wc_create_new_customer``; the request is already schema-checked."""
        if data.get("id"):
            raise ApiError(
                400, "woocommerce_rest_customer_exists", "Cannot create existing resource."
            )
        email = data.get("email")
        email = _php_string(email) if email is not None else ""
        if email and not wp_rules.is_email(email):
            raise ApiError(400, "customer_invalid_email", "Invalid email address")
        with self.lock:
            scratch = self._blank_record(0, email, "", "customer")
            self._apply_fields(scratch, data)
            if not email or not wp_rules.is_email(email):
                raise ApiError(
                    400, "registration-error-invalid-email", "Please provide a valid email address."
                )
            if email.lower() in self._emails:
                raise ApiError(
                    400,
                    "registration-error-email-exists",
                    f"An account is already registered with {email}. "
                    "Please log in or use a different email address.",
                )
            username = _php_string(data.get("username") or "")
            if username:
                username = wp_rules.sanitize_user(username)
            else:
                username = self._generated_username(email)
            if not username or not wp_rules.validate_username(username):
                raise ApiError(
                    400,
                    "registration-error-invalid-username",
                    "Please provide a valid account username.",
                )
            if username.lower() in self._usernames:
                raise ApiError(
                    400,
                    "registration-error-username-exists",
                    "An account is already registered with that username. Please choose another.",
                )
            password = _php_string(data.get("password") or "") or secrets.token_urlsafe(18)
            cid = self._next_id
            self._next_id += 1
            now = self._now()
            scratch["id"] = cid
            scratch["username"] = username
            private = _Private(hash_password(password), username, now, now)
            record = self._with_dates(scratch, private)
            self.customers[cid] = record
            self._private[cid] = private
            self._index_add(cid, record)
            self._touch()
            return record

    def update_customer(self, cid: int, data: dict[str, Any]) -> dict[str, Any]:
        """``update_item``: fixed username, free e-mail; tracked changes bump the date."""
        with self.lock:
            current = self.customers.get(cid)
            if current is None:
                raise ApiError(404, "wc_user_invalid_id", "Invalid user ID.")
            email = data.get("email")
            if email is not None:
                email = _php_string(email)
            if email and email.lower() in self._emails and email != current["email"]:
                raise ApiError(
                    400, "woocommerce_rest_customer_invalid_email", "Email address is invalid."
                )
            username = data.get("username")
            if username and username != current["username"]:
                raise ApiError(
                    400, "woocommerce_rest_customer_invalid_argument", "Username isn't editable."
                )
            if current["role"] not in _EDITABLE_ROLES:
                for name in ("email", "password"):
                    if data.get(name) and (name == "password" or email != current["email"]):
                        raise ApiError(
                            401,
                            "woocommerce_rest_cannot_edit",
                            f"Sorry, {name} cannot be updated via this endpoint for a user "
                            f"with role {current['role']}.",
                        )
            record = copy.copy(current)
            changed = False
            if email is not None:
                if email and not wp_rules.is_email(email):
                    raise ApiError(400, "customer_invalid_email", "Invalid email address")
                if email != current["email"]:
                    record["email"] = email
                    record["avatar_url"] = avatar_url(email)
                    changed = True
            private = self._private[cid]
            password = data.get("password")
            new_hash = None
            if password:
                new_hash = hash_password(_php_string(password))
                changed = True
            changed = self._apply_fields(record, data) or changed
            if new_hash is not None:
                private.password_hash = new_hash
            if changed:
                private.modified_ts = self._now()
                self._with_dates(record, private)
            self._replace(cid, current, record)
            return record

    def _replace(self, cid: int, old: dict[str, Any], new: dict[str, Any]) -> None:
        if old["email"].lower() != new["email"].lower():
            if self._emails.get(old["email"].lower()) == cid:
                del self._emails[old["email"].lower()]
            if new["email"]:
                self._emails[new["email"].lower()] = cid
        self.customers[cid] = new
        self._touch()

    def delete_customer(self, cid: int) -> dict[str, Any]:
        with self.lock:
            record = self.customers.get(cid)
            if record is None:
                raise ApiError(404, "wc_user_invalid_id", "Invalid user ID.")
            if record["role"] not in _EDITABLE_ROLES:
                raise ApiError(
                    401,
                    "woocommerce_rest_cannot_delete",
                    "Sorry, you are not allowed to delete this resource.",
                )
            del self.customers[cid]
            self._private.pop(cid, None)
            self._index_remove(cid, record)
            self.poisoned.discard(cid)
            self._touch()
            return record

    def list_customers(self, query: ListQuery) -> tuple[list[dict[str, Any]], int]:
        """One page of users and the total, as ``WP_User_Query`` would find them."""
        with self.lock:
            role_ids = (
                self._ids_all if query.role == "all" else self._ids_by_role.get(query.role, [])
            )
            filtered = bool(query.search or query.email or query.include or query.exclude)
            if filtered:
                ids = [cid for cid in role_ids if self._matches(cid, query)]
                ids = self._sorted(ids, query)
            elif query.orderby in ("id", "include"):
                ids = role_ids
            else:
                ids = self._sorted_cached(query.role, role_ids, query.orderby)
            total = len(ids)
            start = query.offset if query.offset is not None else (query.page - 1) * query.per_page
            if query.order == "desc":
                end = max(total - start, 0)
                begin = max(end - query.per_page, 0)
                page_ids = ids[begin:end][::-1]
            else:
                page_ids = ids[start : start + query.per_page]
            return [self.customers[cid] for cid in page_ids], total

    def _matches(self, cid: int, query: ListQuery) -> bool:
        if query.include and cid not in query.include:
            return False
        if query.exclude and cid in query.exclude:
            return False
        record = self.customers[cid]
        if query.email:
            return bool(record["email"]) and record["email"].lower() == query.email.lower()
        if query.search:
            term = query.search.lower().strip("*")
            if "@" in term:
                return term in record["email"].lower()
            if term.isdigit():
                return term in record["username"].lower() or term in str(cid)
            display = self._private[cid].display_name.lower()
            nicename = record["username"].lower().replace(" ", "-")
            return any(
                term in s
                for s in (record["username"].lower(), record["email"].lower(), display, nicename)
            )
        return True

    def _sort_key(self, orderby: str) -> Any:
        if orderby == "name":
            return lambda cid: (self._private[cid].display_name.casefold(), cid)
        if orderby == "registered_date":
            return lambda cid: (self._private[cid].created_ts, cid)
        return None

    def _sorted(self, ids: list[int], query: ListQuery) -> list[int]:
        if query.orderby == "include" and query.include:
            position = {cid: n for n, cid in enumerate(query.include)}
            return sorted(ids, key=lambda cid: position.get(cid, len(position)))
        key = self._sort_key(query.orderby)
        return sorted(ids, key=key) if key else ids

    def _sorted_cached(self, role: str, ids: list[int], orderby: str) -> list[int]:
        cached = self._sorted_cache.get((role, orderby))
        if cached and cached[0] == self._version:
            return cached[1]
        ordered = sorted(ids, key=self._sort_key(orderby))
        self._sorted_cache[(role, orderby)] = (self._version, ordered)
        return ordered

    # ------------------------------------------------------- direct test API
    def add_customer(self, **fields: Any) -> dict[str, Any]:
        """Insert a user without HTTP (for seeding tests); ``role`` may be any WordPress role.

        Optional: ``username``, ``password``, ``date_created_gmt``, ``date_modified_gmt``
        (None keeps the date empty, like a user never touched by WooCommerce).
        Raises ValueError for a duplicate e-mail or username.
        """
        with self.lock:
            email = str(fields.pop("email", "") or "")
            role = str(fields.pop("role", "customer"))
            if role not in ROLES:
                raise ValueError(f"unknown role {role!r}")
            if email and email.lower() in self._emails:
                raise ValueError(f"e-mail {email} is already used")
            username = fields.pop("username", None) or self._generated_username(
                email or f"user{self._next_id}@sandbox-store.test"
            )
            if username.lower() in self._usernames:
                raise ValueError(f"username {username} is already used")
            now = self._now()
            created = fields.pop("date_created_gmt", None)
            created_ts = parse_gmt(created) if created is not None else now
            modified_given = "date_modified_gmt" in fields
            modified = fields.pop("date_modified_gmt", None)
            modified_ts = (
                parse_gmt(modified)
                if modified is not None
                else (None if modified_given else created_ts)
            )
            password = str(fields.pop("password", "") or secrets.token_urlsafe(12))
            cid = int(fields.pop("id", 0) or self._next_id)
            if cid in self.customers:
                raise ValueError(f"id {cid} is already used")
            self._next_id = max(self._next_id, cid + 1)
            record = self._blank_record(cid, email, username, role)
            self._apply_fields(record, fields)
            private = _Private(hash_password(password), username, created_ts, modified_ts)
            self._with_dates(record, private)
            self.customers[cid] = record
            self._private[cid] = private
            self._index_add(cid, record)
            self._touch()
            return copy.deepcopy(record)

    def update_customer_direct(self, cid: int, **fields: Any) -> dict[str, Any]:
        """A shop-side edit (wp-admin, checkout): applies ``fields`` and bumps date_modified.

        ``date_modified_gmt=`` sets the new modification time explicitly.
        """
        with self.lock:
            current = self.customers[cid]
            stamp = fields.pop("date_modified_gmt", None)
            record = copy.copy(current)
            if "email" in fields:
                record["email"] = str(fields.pop("email"))
                record["avatar_url"] = avatar_url(record["email"])
            if "password" in fields:
                self._private[cid].password_hash = hash_password(str(fields.pop("password")))
            self._apply_fields(record, fields)
            private = self._private[cid]
            private.modified_ts = parse_gmt(stamp) if stamp is not None else self._now()
            self._with_dates(record, private)
            self._replace(cid, current, record)
            return copy.deepcopy(record)

    def delete_customer_direct(self, cid: int) -> None:
        self.delete_customer(cid)

    def get_customer(self, cid: int) -> dict[str, Any] | None:
        with self.lock:
            record = self.customers.get(cid)
            return copy.deepcopy(record) if record is not None else None

    def find_by_email(self, email: str) -> dict[str, Any] | None:
        with self.lock:
            cid = self._emails.get(email.lower())
            return self.get_customer(cid) if cid is not None else None

    def count(self, role: str | None = "customer") -> int:
        with self.lock:
            if role in (None, "all"):
                return len(self._ids_all)
            return len(self._ids_by_role.get(role, []))

    def check_password(self, cid: int, password: str) -> bool:
        with self.lock:
            private = self._private[cid]
        salt, _, digest = private.password_hash.partition("$")
        return hashlib.sha256((salt + password).encode()).hexdigest() == digest

    # ------------------------------------------------------ faults and logs
    def set_fault(
        self,
        name: str,
        rate: float = 1.0,
        *,
        count: int | None = None,
        methods: Iterable[str] | None = None,
        path_contains: str | None = None,
        **opts: Any,
    ) -> Fault:
        """Inject a fault: with probability ``rate``, or for exactly the next ``count`` requests."""
        return self.faults.add(
            name, rate, count=count, methods=methods, path_contains=path_contains, opts=opts
        )

    def clear_faults(self) -> None:
        self.faults.clear()
        with self.lock:
            self.poisoned.clear()

    def poison(self, customer_id: int) -> None:
        """Any list page holding this customer answers 500 (like woocommerce#37089)."""
        with self.lock:
            self.poisoned.add(customer_id)

    def log_request(self, method: str, path: str, query: str, status: int) -> None:
        with self.lock:
            self.request_log.append((method, path, query, status))

    def request_count(self, method: str | None = None, path_contains: str | None = None) -> int:
        with self.lock:
            return sum(
                1
                for m, p, _, _ in self.request_log
                if (method is None or m == method.upper())
                and (path_contains is None or path_contains in p)
            )

    def reset_request_log(self) -> None:
        with self.lock:
            self.request_log.clear()

    # ---------------------------------------------------------- persistence
    def to_state(self) -> dict[str, Any]:
        with self.lock:
            return {
                "version": 1,
                "next_id": self._next_id,
                "next_meta_id": self._next_meta_id,
                "users": [
                    {
                        "record": self.customers[cid],
                        "password_hash": p.password_hash,
                        "display_name": p.display_name,
                        "created_ts": p.created_ts,
                        "modified_ts": p.modified_ts,
                    }
                    for cid, p in self._private.items()
                ],
            }

    def load_state(self, state: dict[str, Any]) -> None:
        with self.lock:
            self.customers.clear()
            self._private.clear()
            self._ids_all.clear()
            self._ids_by_role.clear()
            self._emails.clear()
            self._usernames.clear()
            for user in sorted(state["users"], key=lambda u: u["record"]["id"]):
                record = user["record"]
                cid = int(record["id"])
                self.customers[cid] = record
                self._private[cid] = _Private(
                    user["password_hash"],
                    user["display_name"],
                    user["created_ts"],
                    user["modified_ts"],
                )
                self._index_add(cid, record)
            self._next_id = int(state["next_id"])
            self._next_meta_id = int(state["next_meta_id"])
            self._touch()

    def ensure_administrator(self) -> None:
        if 1 not in self.customers:
            self.add_customer(
                id=1,
                email=ADMIN_EMAIL,
                username="admin",
                role="administrator",
                first_name="Site",
                last_name="Admin",
                date_modified_gmt=None,
                date_created_gmt="2021-03-01T09:00:00",
            )


def _php_string(value: Any) -> str:
    """PHP's string cast for a JSON scalar."""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict | list):
        return "Array"
    return str(value)


def _internal_meta_target(key: str) -> tuple[str, str] | None:
    """For an internal user-meta key: (group, field) to set instead; ("", "") to ignore."""
    if key in ("first_name", "last_name"):
        return ("", key)
    for group, fields in (("billing", BILLING_FIELDS), ("shipping", SHIPPING_FIELDS)):
        prefix = group + "_"
        if key.startswith(prefix) and key[len(prefix) :] in fields:
            return (group, key[len(prefix) :])
    if key in _INTERNAL_META or key.startswith("wp_"):
        return ("", "")
    return None


def save_state_file(store: SandboxStore, path: Path, keys: list[dict[str, str]]) -> None:
    """Write customers and API keys as JSON (owner-only permissions: it holds the keys)."""
    state = store.to_state()
    state["keys"] = keys
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(state, handle, ensure_ascii=False)
    os.replace(tmp, path)


def load_state_file(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        state: dict[str, Any] = json.load(handle)
    return state
