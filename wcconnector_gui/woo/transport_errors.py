"""Turning httpx's transport exceptions into the client's typed errors.

TLS verification is always on; a CA bundle only adds trust (e.g. a company CA or
a test shop's self-signed certificate). Certificate failures are told apart so
the user learns *which* problem the certificate has.
"""

from __future__ import annotations

import ssl

import httpx

from wcconnector_gui.domain.setup import ca_bundle_problem
from wcconnector_gui.domain.text import as_sentence
from wcconnector_gui.runtime.redaction import redact
from wcconnector_gui.woo.errors import (
    WooConfigError,
    WooConnectionError,
    WooError,
    WooTimeout,
    WooTLSError,
)


def tls_verify(ca_bundle: str | None) -> ssl.SSLContext | bool:
    """The ``verify=`` for httpx: default trust, or a context that also loads ``ca_bundle``.

    WooConfigError, in plain words, when the bundle is missing or not PEM.
    """
    if not ca_bundle:
        return True
    context = ssl.create_default_context()
    try:
        context.load_verify_locations(cafile=ca_bundle)
    except (OSError, ValueError):
        problem = ca_bundle_problem(ca_bundle) or f"the CA bundle {ca_bundle} cannot be used"
        raise WooConfigError(
            f"{as_sentence(problem)} Choose the PEM file again in the setup (CA Bundle), "
            "or clear it."
        ) from None
    return context


def _ssl_error_in(exc: BaseException) -> BaseException | None:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError | ssl.CertificateError):
            return current
        current = current.__cause__ or current.__context__
    text = str(exc)
    if "SSL" in text or "CERTIFICATE" in text.upper():
        return exc
    return None


def describe_tls_problem(exc: BaseException) -> str | None:
    """Plain words for a certificate/TLS failure, or None when ``exc`` is not one."""
    found = _ssl_error_in(exc)
    if found is None:
        return None
    detail = str(getattr(found, "verify_message", "") or found).lower()
    if "self-signed" in detail or "self signed" in detail:
        why = "it is self-signed and not trusted (add its CA bundle in the setup)"
    elif "expired" in detail:
        why = "it has expired"
    elif "not yet valid" in detail:
        why = "it is not valid yet (check the computer's clock)"
    elif "hostname" in detail or "ip address mismatch" in detail or "doesn't match" in detail:
        why = "it was issued for another host name than the store URL"
    elif "unable to get local issuer" in detail or "unknown ca" in detail:
        why = "it was issued by an authority this computer does not trust"
    elif "wrong version number" in detail or "record layer" in detail:
        why = "the server does not speak HTTPS on that port (try http://, or check the port)"
    elif "certificate verify failed" in detail:
        why = "it could not be verified"
    else:
        why = "the secure connection failed"
    return f"The store's certificate was refused: {why}. ({redact(str(found))})"


def error_from_transport(exc: httpx.TransportError, what: str = "the store") -> WooError:
    """Map an httpx transport exception to WooTLSError / WooTimeout / WooConnectionError."""
    tls = describe_tls_problem(exc)
    if tls is not None:
        return WooTLSError(tls)
    detail = redact(str(exc)) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        kind = {
            httpx.ConnectTimeout: "connecting to",
            httpx.ReadTimeout: "waiting for an answer from",
            httpx.WriteTimeout: "sending to",
            httpx.PoolTimeout: "waiting for a free connection to",
        }.get(type(exc), "talking to")
        return WooTimeout(f"Timed out {kind} {what}.")
    if isinstance(exc, httpx.ConnectError):
        lowered = detail.lower()
        if (
            "name or service not known" in lowered
            or "nodename nor servname" in lowered
            or ("getaddrinfo" in lowered or "name resolution" in lowered)
        ):
            return WooConnectionError(f"The store's host name could not be found ({detail}).")
        if "refused" in lowered:
            return WooConnectionError(
                f"The store refused the connection — nothing listens at that address ({detail})."
            )
        return WooConnectionError(f"Could not connect to {what} ({detail}).")
    return WooConnectionError(f"The connection to {what} broke off ({detail}).")
