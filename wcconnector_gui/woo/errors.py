"""Typed errors of the WooCommerce client, each with a plain-words ``message``.

Every text that could carry a URL, a header or a response body goes through
:func:`wcconnector_gui.runtime.redaction.redact`, so no consumer key/secret or OAuth
signature ever ends up in ``str()``/``repr()`` of these errors.
"""

from __future__ import annotations

import html
import re
from typing import Any

from wcconnector_gui.runtime.redaction import redact

_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")

PERMALINKS_SENTENCE = (
    "The store answered with a web page, not the REST API — are permalinks enabled?"
)


class WooError(Exception):
    """Base of every WooCommerce client error; ``message`` is plain text for a person."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.message = redact(message)
        self.status = status
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class WooConfigError(WooError):
    """The connection settings cannot work (bad URL, Basic/query auth over plain HTTP...).

    Raised before anything is sent.
    """


class WooConnectionError(WooError):
    """The store could not be reached: DNS failure, connection refused or reset."""


class WooTimeout(WooError):
    """The store did not answer in time, or the operation's overall deadline passed."""


class WooGaveUp(WooTimeout):
    """Nothing more is sent: the run's (or phase's) time limit passed, or the store is dead.

    Raised at once for every later request of the client, without touching the network.
    """


class WooTLSError(WooError):
    """The store's certificate could not be verified; the message says why."""


class WooBadResponse(WooError):
    """The answer is not the REST API's JSON: a web page, or malformed/truncated JSON."""


class WooApiError(WooError):
    """WooCommerce answered with an error body ``{code, message, data}``; ``code`` is kept."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        data: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.api_message = plain_text(redact(message))
        self.data: dict[str, Any] = dict(data or {})
        text = f"{self.api_message} ({code}, HTTP {status})" if code else message
        super().__init__(text, status=status)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, code={self.code!r}, {self.message!r})"


class WooAuthError(WooApiError):
    """401/403: the key is unknown, the secret wrong, the key read-only, or no credentials."""


class WooNotFound(WooApiError):
    """404: no such customer (``wc_user_invalid_id``) or no such route."""


class WooRateLimited(WooApiError):
    """429 still answered after every retry."""


class WooOutcomeUnknown(WooError):
    """A create was sent and no usable answer came back (timeout, reset, 5xx...).

    The record may or may not exist in the store: look it up (by e-mail) before
    sending it again.
    """

    def __init__(self, message: str, *, status: int | None = None, cause: str = "") -> None:
        super().__init__(message, status=status)
        self.cause = redact(cause)


def plain_text(message: str) -> str:
    """A store message as plain words: HTML tags dropped, entities decoded, spaces collapsed.

    WordPress puts HTML into some error messages (its "critical error" page text).
    """
    if "<" not in message and "&" not in message:
        return message
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", message))).strip()


def outcome_unknown(what: str, cause: str, *, status: int | None = None) -> WooOutcomeUnknown:
    """The one wording of a create whose answer did not come back usable."""
    return WooOutcomeUnknown(
        f"{what} — the customer may or may not have been created; look it up before "
        "sending it again.",
        status=status,
        cause=cause,
    )


def api_error_from_body(status: int, body: Any) -> WooApiError:
    """Build the most specific :class:`WooApiError` for a WooCommerce error body."""
    code = ""
    message = ""
    data: dict[str, Any] = {}
    if isinstance(body, dict):
        code = str(body.get("code") or "")
        message = str(body.get("message") or "")
        raw_data = body.get("data")
        if isinstance(raw_data, dict):
            data = raw_data
    if not message:
        message = f"The store answered HTTP {status}."
    cls: type[WooApiError] = WooApiError
    if status in (401, 403):
        cls = WooAuthError
    elif status == 404:
        cls = WooNotFound
    elif status == 429:
        cls = WooRateLimited
    return cls(status, code, message, data)
