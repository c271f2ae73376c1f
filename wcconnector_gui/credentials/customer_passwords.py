"""Customer passwords waiting for the store: sealed in the database, sent once, then forgotten.

One random data key (256 bits) per store lives in the OS keyring (or, for
"this session only", in memory); each pending password is sealed with it
(AES-256-GCM, a fresh 96-bit nonce, the database's store id and the customer No.
as associated data) and kept in ``pending_passwords``. The database alone reveals
nothing, and a sync costs one keyring call, not two per password.

When the data key is gone (the keyring was reset, or a session-only key ended with
its session), the sealed passwords cannot be opened: they are reported as no longer
available (:data:`PASSWORD_GONE`) and never replaced by another password.

Passwords written before schema 4 were keyring items of their own; they are moved
into sealed form on first use (:meth:`PasswordVault.move_keyring_items`).
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from sqlite_utils import Database

from wcconnector_gui.credentials import keyring_store
from wcconnector_gui.runtime.redaction import register_secret
from wcconnector_gui.storage.pending_passwords import PendingPasswordRepository
from wcconnector_gui.storage.setup_store import store_id

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

log = logging.getLogger(__name__)

PASSWORD_GONE = "the password set for this customer is no longer available; set it again"

_FORMAT = b"\x01"  # version byte of the sealed form: 1 = AES-256-GCM, 12-byte nonce
_NONCE_BYTES = 12


class PasswordVault:
    """The pending passwords of one store (None: the only one); reads the data key at most once.

    One vault per sync run (or per import) keeps the keyring calls to one.
    """

    def __init__(self, db: Database, store: int | None = None) -> None:
        self.db = db
        self._rows = PendingPasswordRepository(db, store)
        self.store = self._rows.store
        self._store_id = store_id(db, self.store)
        self._aead: AESGCM | None = None
        self._key_read = False

    # --- the data key ------------------------------------------------------------------
    def _cipher(self, *, create: bool) -> AESGCM | None:
        """The data key's cipher; with ``create``, a new key when there is none."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if self._aead is None and not self._key_read:
            name = keyring_store.password_key_name(self._store_id)
            text = keyring_store.get_secret(name)
            self._key_read = True
            try:
                self._aead = AESGCM(base64.b64decode(text, validate=True)) if text else None
            except ValueError:  # not a key this app wrote: as good as gone
                log.warning("the keyring item %s is not a data key; it is replaced", name)
        if self._aead is None and create:
            key = AESGCM.generate_key(bit_length=256)
            name = keyring_store.password_key_name(self._store_id)
            keyring_store.set_secret(name, base64.b64encode(key).decode("ascii"))
            self._aead = AESGCM(key)
        return self._aead

    def _associated(self, customer_no: str) -> bytes:
        return f"{self._store_id}\0{customer_no}".encode()

    def _seal(self, aead: AESGCM, customer_no: str, password: str) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = aead.encrypt(nonce, password.encode(), self._associated(customer_no))
        return _FORMAT + nonce + sealed

    # --- passwords ---------------------------------------------------------------------
    def set_many(self, passwords: Mapping[str, str]) -> None:
        """Keep each customer's password until the next push sends it."""
        if any(not password for password in passwords.values()):
            raise ValueError("the password is empty")
        if not passwords:
            return
        for password in passwords.values():
            register_secret(password)
        aead = self._cipher(create=True)
        assert aead is not None
        self._rows.put_many((no, self._seal(aead, no, pw)) for no, pw in passwords.items())

    def get(self, customer_no: str) -> str | None:
        """The pending password of ``customer_no``; None when there is none or it is gone."""
        from cryptography.exceptions import InvalidTag

        found, sealed = self._rows.sealed(customer_no)
        if not found or not sealed or sealed[:1] != _FORMAT:
            return None
        aead = self._cipher(create=False)
        if aead is None:
            return None
        nonce, body = sealed[1 : 1 + _NONCE_BYTES], sealed[1 + _NONCE_BYTES :]
        try:
            password = aead.decrypt(nonce, body, self._associated(customer_no)).decode()
        except InvalidTag:  # sealed with a key that is gone (a keyring reset)
            return None
        register_secret(password)
        return password

    def forget(self, customer_nos: Iterable[str]) -> None:
        """The store has them (or the user cleared them): remove them from the database."""
        self._rows.forget_many(customer_nos)

    def move_keyring_items(self) -> int:
        """Seal the passwords still kept as keyring items of their own; returns how many.

        A customer whose item is missing keeps no password (it is then reported as
        no longer available). The items are removed from the keyring once the sealed
        copies are committed. Nothing to move costs one query and no keyring call.
        """
        nos = self._rows.legacy_nos()
        if not nos:
            return 0
        names = {no: keyring_store.customer_password_name(self._store_id, no) for no in nos}
        found = {no: keyring_store.get_secret(name) for no, name in names.items()}
        moved = {no: password for no, password in found.items() if password}
        with self.db.atomic():
            # Missing ones stay pending with nothing to open: reported, never dropped.
            self._rows.put_many((no, b"") for no in nos if no not in moved)
            self.set_many(moved)
        for no in moved:
            keyring_store.delete_secret(names[no])
        if moved:
            log.info("moved %d pending customer passwords into sealed form", len(moved))
        return len(moved)


def set_pending_password(
    db: Database, customer_no: str, password: str, store: int | None = None
) -> None:
    """Keep ``password`` (sealed) until the next push to ``store`` sends it."""
    PasswordVault(db, store).set_many({customer_no: password})


def pending_password(db: Database, customer_no: str, store: int | None = None) -> str | None:
    return PasswordVault(db, store).get(customer_no)
