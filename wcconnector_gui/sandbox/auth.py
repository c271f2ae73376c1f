"""API keys and WooCommerce's authentication order (class-wc-rest-authentication.php).

Basic (header or ``?consumer_key=&consumer_secret=``) is tried only over HTTPS;
then OAuth 1.0a. An unknown key or no credentials is not an error: the request
runs anonymous and fails the route's permission check later.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from wcconnector_gui.sandbox import oauth
from wcconnector_gui.sandbox.errors import ApiError

NONCE_WINDOW = 15 * 60
BASIC_REALM = (
    'Basic realm="WooCommerce API. Use a consumer key in the username field and a consumer '
    'secret in the password field."'
)


@dataclass
class ApiKey:
    consumer_key: str
    consumer_secret: str
    permissions: str  # read, write or read_write
    nonces: dict[str, int] = field(default_factory=dict)

    def as_state(self) -> dict[str, str]:
        return {
            "consumer_key": self.consumer_key,
            "consumer_secret": self.consumer_secret,
            "permissions": self.permissions,
        }


def new_key(permissions: str) -> ApiKey:
    return ApiKey("ck_" + secrets.token_hex(20), "cs_" + secrets.token_hex(20), permissions)


def _auth_error(message: str, code: str = "woocommerce_rest_authentication_error") -> ApiError:
    return ApiError(401, code, message)


class KeyRing:
    """The shop's API keys and the nonces each has used."""

    def __init__(self, keys: list[ApiKey]) -> None:
        self._keys = {k.consumer_key: k for k in keys}
        self._lock = threading.Lock()
        self.clock = time.time

    def all_keys(self) -> list[ApiKey]:
        return list(self._keys.values())

    def authenticate(
        self,
        *,
        method: str,
        https: bool,
        shop_url: str,
        raw_path: str,
        query: oauth.Params,
        form: oauth.Params,
        authorization: str,
    ) -> ApiKey | None:
        """The key the request authenticates as, None for anonymous; ApiError on failure."""
        basic_error: ApiError | None = None
        if https:
            key, basic_error = self._basic(query, authorization)
            if key is not None:
                return key
        params: dict[str, Any] = {**query, **form}
        params.update(oauth.parse_authorization_header(authorization))
        required = (
            "oauth_consumer_key",
            "oauth_timestamp",
            "oauth_nonce",
            "oauth_signature",
            "oauth_signature_method",
        )
        missing = [name for name in required if not params.get(name)]
        if len(missing) == len(required):
            if basic_error is not None:
                raise basic_error
            return None
        if missing:
            noun = "parameter" if len(missing) == 1 else "parameters"
            raise _auth_error(
                f"Missing OAuth {noun} {', '.join(missing)}",
                "woocommerce_rest_authentication_missing_parameter",
            )
        key = self._keys.get(str(params["oauth_consumer_key"]))
        if key is None:
            raise _auth_error("Consumer key is invalid.")
        self._check_signature(key, method, shop_url.rstrip("/") + raw_path, params)
        self._check_timestamp_and_nonce(key, params["oauth_timestamp"], params["oauth_nonce"])
        return key

    def _basic(
        self, query: oauth.Params, authorization: str
    ) -> tuple[ApiKey | None, ApiError | None]:
        user = password = ""
        ck, cs = query.get("consumer_key"), query.get("consumer_secret")
        if isinstance(ck, str) and isinstance(cs, str) and ck and cs:
            user, password = ck, cs
        elif authorization[:6].lower() == "basic ":
            try:
                decoded = base64.b64decode(authorization[6:].strip()).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                decoded = ""
            user, _, password = decoded.partition(":")
        if not user or not password:
            return None, None
        key = self._keys.get(user.strip())
        if key is None:
            return None, None
        if not secrets.compare_digest(key.consumer_secret.encode(), password.encode()):
            error = _auth_error("Consumer secret is invalid.")
            error.headers["WWW-Authenticate"] = BASIC_REALM
            return None, error
        return key, None

    def _check_signature(
        self, key: ApiKey, method: str, base_url: str, params: dict[str, Any]
    ) -> None:
        provided = str(params["oauth_signature"]).replace(" ", "+")
        provided = oauth.unquote_raw(provided)
        base = oauth.signature_base_string(method, base_url, params)
        expected = oauth.compute_signature(
            str(params["oauth_signature_method"]), base, key.consumer_secret
        )
        if expected is None:
            raise _auth_error("Invalid signature - signature method is invalid.")
        if not oauth.signatures_match(expected, provided):
            raise _auth_error("Invalid signature - provided signature does not match.")

    def _check_timestamp_and_nonce(self, key: ApiKey, timestamp: Any, nonce: Any) -> None:
        now = int(self.clock())
        try:
            ts = int(str(timestamp))
        except ValueError:
            raise _auth_error("Invalid timestamp.") from None
        if ts < now - NONCE_WINDOW or ts > now + NONCE_WINDOW:
            raise _auth_error("Invalid timestamp.")
        with self._lock:
            if str(nonce) in key.nonces:
                raise _auth_error("Invalid nonce - nonce has already been used.")
            key.nonces[str(nonce)] = ts
            if len(key.nonces) > 1000:
                key.nonces = {n: t for n, t in key.nonces.items() if t >= now - NONCE_WINDOW}


def can(key: ApiKey, method: str) -> None:
    """The key's read/write permission (WooCommerce checks it before routing)."""
    if method in ("GET", "HEAD"):
        if key.permissions not in ("read", "read_write"):
            raise _auth_error("The API key provided does not have read permissions.")
    elif method in ("POST", "PUT", "PATCH", "DELETE"):
        if key.permissions not in ("write", "read_write"):
            raise _auth_error("The API key provided does not have write permissions.")
    elif method != "OPTIONS":
        raise _auth_error("Unknown request method.")
