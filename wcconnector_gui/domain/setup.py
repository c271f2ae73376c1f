"""The connector setup: every non-secret setting, with its type, default and meaning.

Names follow the seeds (Push Webstore Customers, Can Update Webstore Customers,
...). Secrets (consumer key and secret) are not here: they live in the keyring.
"""

from __future__ import annotations

import ipaddress
import os
import re
import ssl
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import idna

from wcconnector_gui.domain.translatable import translatable
from wcconnector_gui.domain.webstore import CUSTOMER_ROLE, parse_roles


class AuthMode(StrEnum):
    BASIC = "basic"  # HTTP Basic over HTTPS (default)
    QUERY = "query"  # consumer_key/consumer_secret in the query string (hosts stripping headers)
    OAUTH1 = "oauth1"  # OAuth 1.0a one-legged, for plain-HTTP stores


class PullMode(StrEnum):
    OFF = "off"
    NEW = "new"  # new customers only
    ALL = "all"


class MappingType(StrEnum):
    EMAIL_PHONE = "email_phone"  # By Email/Phone
    BILL_TO = "bill_to"  # By Bill-to Info
    DEFAULT_CUSTOMER = "default_customer"  # Always Take the Default Customer


class NameSource(StrEnum):
    COMPANY_NAME = "company_name"
    FIRST_AND_LAST_NAME = "first_and_last_name"
    LAST_AND_FIRST_NAME = "last_and_first_name"
    NONE = "none"


class CountySource(StrEnum):
    CODE = "code"
    NAME = "name"


class SetupError(ValueError):
    """A setting got a value it cannot take; the message says which values are allowed."""


def _setting(default: Any, help: str, *, range: tuple[int, int] | None = None) -> Any:
    """A Setup field whose help text (and allowed range) sit next to its default."""
    return field(default=default, metadata={"help": help, "range": range})


@dataclass(slots=True)
class Setup:
    """Every non-secret setting: its type, default, help text and (whole numbers) range."""

    store_url: str = _setting(
        "",
        translatable("Setup", "the store's address, e.g. https://shop.example.com"),
    )
    auth: AuthMode = _setting(
        AuthMode.BASIC,
        translatable(
            "Setup",
            "basic (HTTPS), query (HTTPS, for hosts that strip the Authorization header) "
            "or oauth1 (plain-HTTP stores)",
        ),
    )
    ca_bundle: str = _setting(
        "",
        translatable("Setup", "a PEM file of extra trusted certificates (optional)"),
    )
    push_customers: bool = _setting(
        False,
        translatable(
            "Setup", "create/update store customers for rows with Webstore Customer ticked"
        ),
    )
    can_update_webstore_customers: bool = _setting(
        False,
        translatable("Setup", "push changes of mapped customers to the store"),
    )
    pull_customers: PullMode = _setting(
        PullMode.OFF,
        translatable("Setup", "off, new (new store customers only) or all"),
    )
    store_can_update_customers: bool = _setting(
        False,
        translatable("Setup", "pulled changes update mapped back-office customers"),
    )
    mapping_type: MappingType = _setting(
        MappingType.EMAIL_PHONE,
        translatable("Setup", "email_phone, bill_to or default_customer (for pulled customers)"),
    )
    customer_roles: str = _setting(
        "customer",
        translatable(
            "Setup",
            "store roles whose accounts are imported and linked as customers, separated by "
            "commas (e.g. customer, subscriber); shop staff (administrator, shop_manager) never",
        ),
    )
    auto_create_unknown: bool = _setting(
        False,
        translatable("Setup", "create back-office customers for unknown store customers"),
    )
    customer_template_code: str = _setting(
        "",
        translatable("Setup", "template for customers created from the store"),
    )
    default_customer_no: str = _setting(
        "",
        translatable("Setup", "the customer used by 'Always Take the Default Customer'"),
    )
    default_guest_customer_no: str = _setting(
        "",
        translatable(
            "Setup",
            "not used yet: the app reads no orders, so no guest order ever reaches this "
            "customer (kept for a later order sync)",
        ),
    )
    name_source: NameSource = _setting(
        NameSource.COMPANY_NAME,
        translatable("Setup", "company_name, first_and_last_name, last_and_first_name or none"),
    )
    name_2_source: NameSource = _setting(
        NameSource.FIRST_AND_LAST_NAME,
        translatable("Setup", "company_name, first_and_last_name, last_and_first_name or none"),
    )
    contact_source: NameSource = _setting(
        NameSource.FIRST_AND_LAST_NAME,
        translatable("Setup", "first_and_last_name, last_and_first_name or none"),
    )
    county_source: CountySource = _setting(
        CountySource.CODE,
        translatable("Setup", "code or name"),
    )
    customer_no_meta_key: str = _setting(
        "wcconnector_customer_no",
        translatable("Setup", "meta_data key carrying the back-office No. on store customers"),
    )
    push_automatically: bool = _setting(
        False,
        translatable(
            "Setup",
            "push edits of linked store customers shortly after they are made (updates only; "
            "new store accounts only with Create Store Accounts Automatically)",
        ),
    )
    create_accounts_automatically: bool = _setting(
        False,
        translatable(
            "Setup",
            "let Push Changes Automatically and the recurring sync create the store accounts of "
            "customers ticked as Webstore Customer without asking; WooCommerce e-mails each new "
            "account its 'New account' message",
        ),
    )
    sync_interval_minutes: int = _setting(
        0,
        translatable(
            "Setup",
            "recurring sync while the app runs (0 = off); it creates store accounts only when "
            "Create Store Accounts Automatically is on",
        ),
        range=(0, 24 * 60),
    )
    concurrency: int = _setting(
        16,
        translatable(
            "Setup",
            "most parallel requests to the store (1-32); a sync finds how many the store "
            "takes, up to this, and remembers it",
        ),
        range=(1, 32),
    )
    adapt_concurrency: bool = _setting(
        True,
        translatable(
            "Setup", "find how many parallel requests the store takes (off: always Concurrency)"
        ),
    )
    batch_size: int = _setting(
        100,
        translatable("Setup", "items per batch request (1-100)"),
        range=(1, 100),
    )
    strict_address: bool = _setting(
        False,
        translatable("Setup", "require first name, last name, address and city before pushing"),
    )
    generate_passwords: bool = _setting(
        False,
        translatable("Setup", "generate a password for new store customers that have none"),
    )
    request_timeout_seconds: int = _setting(
        30,
        translatable("Setup", "seconds before a request is given up"),
        range=(1, 600),
    )
    run_time_limit_minutes: int = _setting(
        480,
        translatable(
            "Setup", "a sync stops sending after this many minutes (what is done stays done)"
        ),
        range=(1, 7 * 24 * 60),
    )
    phase_time_limit_minutes: int = _setting(
        240,
        translatable(
            "Setup", "each phase of a sync (pull, push) stops sending after this many minutes"
        ),
        range=(1, 7 * 24 * 60),
    )

    def is_configured(self) -> bool:
        return bool(self.store_url)

    def allowed_roles(self) -> tuple[str, ...]:
        """The store roles taken as customers (only customer when the text is unusable)."""
        try:
            return parse_roles(self.customer_roles)
        except ValueError:
            return (CUSTOMER_ROLE,)


SETTING_HELP: dict[str, str] = {f.name: f.metadata["help"] for f in fields(Setup)}
INT_RANGES: dict[str, tuple[int, int]] = {  # the allowed range of each whole-number setting
    f.name: f.metadata["range"] for f in fields(Setup) if f.metadata["range"] is not None
}

_TRUE = {"on", "yes", "true", "1"}
_FALSE = {"off", "no", "false", "0", ""}


def setting_names() -> list[str]:
    return [f.name for f in fields(Setup)]


def _field_type(key: str) -> Any:
    default = getattr(Setup(), key)
    return type(default)


def parse_setting(key: str, text: str) -> Any:
    """Turn the text form of a setting (CLI, database) into its value, or raise SetupError."""
    if key not in setting_names():
        raise SetupError(f"unknown setting '{key}'; known: {', '.join(setting_names())}")
    kind = _field_type(key)
    value = text.strip()
    if kind is bool:
        lowered = value.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise SetupError(f"{key} must be on or off, not '{text}'")
    if kind is int:
        try:
            number = int(value)
        except ValueError:
            raise SetupError(f"{key} must be a whole number, not '{text}'") from None
        low, high = INT_RANGES[key]
        if not low <= number <= high:
            raise SetupError(f"{key} must be between {low} and {high}")
        return number
    if issubclass(kind, StrEnum):
        try:
            return kind(value.lower())
        except ValueError:
            allowed = ", ".join(m.value for m in kind)
            raise SetupError(f"{key} must be one of {allowed}, not '{text}'") from None
    if key == "store_url" and value:
        return normalize_store_url(value)
    if key == "ca_bundle" and value:
        path = os.path.abspath(os.path.expanduser(value))
        problem = ca_bundle_problem(path)
        if problem:
            raise SetupError(problem)
        return path
    if key == "customer_roles":
        try:
            return ", ".join(parse_roles(value))
        except ValueError as exc:
            raise SetupError(str(exc)) from None
    if key == "contact_source" and value == NameSource.COMPANY_NAME:
        raise SetupError("contact_source cannot be company_name")
    return value


def format_setting(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


# One DNS label of an ASCII host name; "_" is tolerated as intranet hosts use it.
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")


def _is_host_name(host: str, bracketed: bool) -> bool:
    """An IP address or a DNS name; international names as httpx takes them (IDNA 2008)."""
    if bracketed:  # only an IPv6 address may stand in [ ]
        try:
            ipaddress.IPv6Address(host)
            return True
        except ValueError:
            return False
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    if all(label.isdigit() for label in labels):
        return False  # digits and dots but no IPv4 address (e.g. 999.1.1.1)
    if not host.isascii():
        try:
            host = idna.encode(host).decode("ascii")
        except idna.IDNAError:
            return False
        labels = host.removesuffix(".").split(".")
    return len(host) <= 253 and all(_HOST_LABEL.match(label) for label in labels)


def normalize_store_url(text: str) -> str:
    """``shop.example.com/`` → ``https://shop.example.com``; SetupError when unusable.

    A pasted REST URL (``…/wp-json/wc/v3/customers``) is cut back to the store URL.
    The one place that decides what a store URL is (the client uses it too).
    """
    url = (text or "").strip()
    if not url:
        raise SetupError("the store URL is empty")
    if any(char.isspace() or not char.isprintable() for char in url):
        raise SetupError("the store URL must not contain spaces")
    if "://" not in url:
        url = "https://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise SetupError(f"'{text}' is not a valid web address") from None
    if parts.scheme not in ("http", "https"):
        raise SetupError(
            f"the store URL must start with https:// or http://, not {parts.scheme}://"
        )
    if not parts.hostname:
        raise SetupError(f"'{text}' has no host name (expected e.g. https://shop.example.com)")
    if parts.username or parts.password:
        raise SetupError(
            "the store URL must not contain a user name or password; "
            "enter the consumer key and secret in their own fields"
        )
    if parts.query or parts.fragment:
        raise SetupError("the store URL must not contain ? or # parts")
    if not _is_host_name(parts.hostname, bracketed="[" in parts.netloc):
        raise SetupError(f"'{parts.hostname}' is not a valid host name")
    path = parts.path.split("/wp-json")[0].rstrip("/")
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return f"{parts.scheme}://{host}{f':{port}' if port is not None else ''}{path}"


def ca_bundle_problem(path: str) -> str:
    """Why ``path`` cannot serve as a CA bundle (a PEM file of certificates); '' when it can."""
    if not os.path.exists(path):
        return f"the CA bundle {path} does not exist"
    if not os.path.isfile(path):
        return f"the CA bundle {path} is not a file"
    try:
        ssl.create_default_context().load_verify_locations(cafile=path)
    except OSError as exc:
        if isinstance(exc, ssl.SSLError):
            return (
                f"the CA bundle {path} is not a PEM file with certificates "
                "(text with -----BEGIN CERTIFICATE----- blocks)"
            )
        return f"the CA bundle {path} cannot be read ({exc.strerror or exc})"
    return ""


def setup_from_texts(texts: dict[str, str]) -> Setup:
    """Build a Setup from stored texts; unknown or bad stored values fall back to defaults.

    A stored CA bundle is kept as it is even when its file is gone: the sync then
    says so (``woo.transport_errors.tls_verify``) instead of trusting less silently.
    """
    setup = Setup()
    for key, text in texts.items():
        if key == "ca_bundle":
            setup.ca_bundle = text.strip()
        elif key in setting_names():
            try:
                setattr(setup, key, parse_setting(key, text))
            except SetupError:
                continue
    return setup


def setup_to_texts(setup: Setup) -> dict[str, str]:
    return {key: format_setting(getattr(setup, key)) for key in setting_names()}
