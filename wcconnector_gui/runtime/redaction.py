"""Removing secrets from text before it reaches a log, an error message or a file.

One place for it: the log filter, the WooCommerce client's error texts and the
sync log all call :func:`redact`.
"""

from __future__ import annotations

import re
import threading

_MASK = "***"

# consumer_key=..., consumer_secret=..., oauth_signature=..., password=... in URLs,
# query strings, form bodies and JSON-ish text.
_QUERY_SECRET = re.compile(
    r"(?i)(?P<key>\b(?:consumer_key|consumer_secret|oauth_consumer_key|oauth_signature|"
    r"oauth_nonce|password|passwd|secret)\b\s*[=:]\s*[\"']?)(?P<value>[^&\s\"',;}]+)"
)
# Authorization: Basic xxx / OAuth ... headers.
_AUTH_HEADER = re.compile(r"(?i)(authorization\s*[:=]\s*[\"']?)(basic|bearer|oauth)\s+[^\"'\r\n]+")
# Credentials embedded in a URL: https://user:pass@host
_URL_USERINFO = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@")
# WooCommerce keys look like ck_<40 hex> and cs_<40 hex>.
_WOO_KEY = re.compile(r"\b(c[ks])_[0-9a-fA-F]{8,}\b")

_known_lock = threading.Lock()
_known_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """Remember a secret value so that it is masked wherever it appears verbatim."""
    if value and len(value) >= 4:
        with _known_lock:
            _known_secrets.add(value)


def redact(text: str) -> str:
    """Return ``text`` with every credential-looking value replaced by ``***``."""
    if not text:
        return text
    text = _AUTH_HEADER.sub(lambda m: f"{m.group(1)}{m.group(2)} {_MASK}", text)
    text = _URL_USERINFO.sub(lambda m: f"{m.group(1)}{_MASK}@", text)
    text = _QUERY_SECRET.sub(lambda m: f"{m.group('key')}{_MASK}", text)
    text = _WOO_KEY.sub(lambda m: f"{m.group(1)}_{_MASK}", text)
    with _known_lock:
        known = sorted(_known_secrets, key=len, reverse=True)
    for secret in known:
        if secret in text:
            text = text.replace(secret, _MASK)
    return text


def plain_error(exc: BaseException) -> str:
    """An exception as one plain, redacted sentence for the user."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return redact(str(message))
