"""Secrets live in the OS keyring and nowhere else.

Consumer key/secret and pending customer passwords go through this module.
When the machine has no usable keyring backend, :class:`SecretStoreUnavailable`
is raised with a plain explanation; the caller may then choose
:func:`use_session_only`, which keeps secrets in this process's memory until
it exits. There is never a plaintext fallback on disk.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

import keyring
import keyring.errors

from wcconnector_gui.domain.translatable import translatable
from wcconnector_gui.runtime.redaction import register_secret

log = logging.getLogger(__name__)

SERVICE = "wcconnector-gui"
# How every "no keyring" message begins (the window recognizes it by this).
UNAVAILABLE = "No secure keyring is available on this computer"
# Plain names of the usual backends, by a part of their module name.
_BACKEND_NAMES = (  # the window shows them translated (context "Secrets")
    (
        "SecretService",
        translatable("Secrets", "the system keyring (GNOME Keyring / Secret Service)"),
    ),
    ("kwallet", "KWallet"),
    ("macOS", translatable("Secrets", "the macOS Keychain")),
    ("Windows", translatable("Secrets", "Windows Credential Manager")),
)

# Backends that would store secrets in plain text, or not at all.
_REJECTED_BACKENDS = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")

_lock = threading.Lock()
_session_only = False
_session: dict[str, str] = {}
# In a sync child process: (get, delete) that ask the app's process (sync/child.py).
_delegate: Callable[[str], str | None] | None = None


class SecretStoreUnavailable(Exception):
    """No secure keyring backend; the message says what to do."""


def _backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def backend_description() -> str:
    """A one-line description of where secrets go, for the setup form and the CLI."""
    if is_session_only():
        return translatable(
            "Secrets", "this session only (kept in memory, forgotten when the app exits)"
        )
    name = _backend_name()
    for part, plain in _BACKEND_NAMES:
        if part.casefold() in name.casefold():
            return plain
    return translatable("Secrets", "the system keyring")


def _check_backend() -> None:
    name = _backend_name()
    if name.startswith(_REJECTED_BACKENDS):
        raise SecretStoreUnavailable(_unavailable_message(name))


def _unavailable_message(detail: str) -> str:
    """The plain message; the backend's technical name goes to the log only."""
    log.info("no usable keyring (%s)", detail)
    return (
        f"{UNAVAILABLE}, so the store credentials and "
        "customer passwords cannot be saved. Install or unlock a keyring (GNOME Keyring, "
        "KWallet, macOS Keychain or Windows Credential Manager), or use the credentials for "
        "this session only (on the command line: set WCCONNECTOR_CONSUMER_KEY and "
        "WCCONNECTOR_CONSUMER_SECRET for the run)."
    )


def is_unavailable_message(text: str) -> bool:
    """``text`` is (or carries) the "no keyring" message."""
    return UNAVAILABLE in text


def use_session_only(enabled: bool = True) -> None:
    """Keep secrets in memory for this process only (the user chose it)."""
    global _session_only
    with _lock:
        _session_only = enabled


def is_session_only() -> bool:
    with _lock:
        return _session_only


def use_delegate(get: Callable[[str], str | None]) -> None:
    """Read secrets through another process's store (a sync child process); read only."""
    global _delegate
    with _lock:
        _delegate = get


def reset_session_secrets() -> None:
    """Forget session-only secrets and leave session-only mode (tests, sign-out)."""
    global _session_only
    with _lock:
        _session.clear()
        _session_only = False


def keyring_available() -> bool:
    try:
        _check_backend()
        keyring.get_password(SERVICE, "__probe__")
    except (SecretStoreUnavailable, keyring.errors.KeyringError):
        return False
    return True


def get_secret(name: str) -> str | None:
    """The secret called ``name``, or None when it was never set."""
    with _lock:
        delegate = _delegate
        if delegate is None and (_session_only or name in _session):
            return _session.get(name)
    if delegate is not None:
        value = delegate(name)
        register_secret(value)
        return value
    _check_backend()
    try:
        value = keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(_unavailable_message(type(exc).__name__)) from None
    register_secret(value)
    return value


def set_secret(name: str, value: str) -> None:
    register_secret(value)
    if _delegate is not None:
        raise SecretStoreUnavailable("secrets are saved by the app, not by a sync process")
    with _lock:
        if _session_only:
            _session[name] = value
            return
    _check_backend()
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(_unavailable_message(type(exc).__name__)) from None


def delete_secret(name: str) -> None:
    """Remove ``name``; a secret that does not exist is not an error."""
    if _delegate is not None:
        raise SecretStoreUnavailable("secrets are removed by the app, not by a sync process")
    with _lock:
        _session.pop(name, None)
        if _session_only:
            return
    _check_backend()
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise SecretStoreUnavailable(_unavailable_message(type(exc).__name__)) from None


ENV_CONSUMER_KEY = "WCCONNECTOR_CONSUMER_KEY"
ENV_CONSUMER_SECRET = "WCCONNECTOR_CONSUMER_SECRET"


def credentials_from_environment() -> tuple[str, str] | None:
    """Key and secret given to this process only (schedulers on machines with no keyring)."""
    key = os.environ.get(ENV_CONSUMER_KEY, "").strip()
    secret = os.environ.get(ENV_CONSUMER_SECRET, "").strip()
    if not key or not secret:
        return None
    register_secret(key)
    register_secret(secret)
    return key, secret


# Names of the secrets, in one place.
def consumer_key_name(store_id: str) -> str:
    return f"store/{store_id}/consumer_key"


def consumer_secret_name(store_id: str) -> str:
    return f"store/{store_id}/consumer_secret"


def password_key_name(store_id: str) -> str:
    """The data key that seals pending customer passwords (credentials.customer_passwords)."""
    return f"store/{store_id}/password_key"


def customer_password_name(store_id: str, customer_no: str) -> str:
    """A customer password as its own keyring item: how they were kept before schema 4."""
    return f"store/{store_id}/password/{customer_no}"
