"""PHP-style query parsing and WooCommerce's OAuth 1.0a signature check.

WooCommerce reads parameters the way PHP does (``+`` is a space, ``a[]=1``
makes an array, the last duplicate wins), then signs
``METHOD & enc(shop URL + path) & enc(sorted k=v pairs)`` with the key
``consumer_secret + "&"``. Reproducing those quirks is the point: a client
that gets them wrong fails against the sandbox just as against a real shop.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from urllib.parse import quote, unquote, unquote_plus

# A parameter value is a string, or (for ``a[]=`` / ``a[k]=``) an ordered mapping.
ParamValue = str | dict[str, str]
Params = dict[str, ParamValue]

_ARRAY_KEY = re.compile(r"^([^\[\]]+)\[([^\[\]]*)\]$")
_HEADER_PARAM = re.compile(r'(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))')


def parse_php_query(query: str) -> Params:
    """Parse a query string as PHP fills ``$_GET``."""
    params: Params = {}
    if not query:
        return params
    for part in query.split("&"):
        if not part:
            continue
        raw_key, _, raw_value = part.partition("=")
        key = unquote_plus(raw_key)
        value = unquote_plus(raw_value)
        match = _ARRAY_KEY.match(key)
        if match:
            name, sub = match.group(1), match.group(2)
            current = params.get(name)
            if not isinstance(current, dict):
                current = {}
                params[name] = current
            if sub == "":
                sub = str(len(current))
            current[sub] = value
        else:
            params[key] = value
    return params


def parse_authorization_header(header: str) -> dict[str, str]:
    """The ``oauth_*`` parameters of an ``Authorization: OAuth ...`` header."""
    header = header.strip()
    if not header.startswith("OAuth "):
        return {}
    params: dict[str, str] = {}
    for match in _HEADER_PARAM.finditer(header):
        raw = match.group(3) if match.group(3) else match.group(4)
        params[match.group(1)] = unquote_plus(raw or "")
    return params


def unquote_raw(value: str) -> str:
    """PHP ``rawurldecode``: ``%XX`` only, a ``+`` stays a plus."""
    return unquote(value)


def rfc3986(value: str) -> str:
    """``wc_rest_urlencode_rfc3986``: PHP ``rawurlencode``."""
    return quote(value, safe="")


def signature_base_string(method: str, base_url: str, params: Params) -> str:
    """The string WooCommerce signs, from every parameter except ``oauth_signature``."""
    pairs: list[str] = []
    for key in sorted(k for k in params if k != "oauth_signature"):
        value = params[key]
        enc_key = rfc3986(key)
        if isinstance(value, dict):
            for sub, item in value.items():
                pairs.append(rfc3986(f"{enc_key}%5B{sub}%5D={rfc3986(item)}"))
        else:
            pairs.append(rfc3986(f"{enc_key}={rfc3986(value)}"))
    return f"{method.upper()}&{rfc3986(base_url)}&{'%26'.join(pairs)}"


def compute_signature(method_name: str, base_string: str, consumer_secret: str) -> str | None:
    """Base64 HMAC of the base string, or None for an unsupported signature method."""
    algorithms = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256}
    digest = algorithms.get(method_name)
    if digest is None:
        return None
    key = (consumer_secret + "&").encode()
    mac = hmac.new(key, base_string.encode(), digest).digest()
    return base64.b64encode(mac).decode()


def signatures_match(expected: str, provided: str) -> bool:
    return hmac.compare_digest(expected.encode(), provided.encode())


def sign_url(
    method: str,
    url: str,
    consumer_key: str,
    consumer_secret: str,
    *,
    params: dict[str, str] | None = None,
    signature_method: str = "HMAC-SHA256",
    timestamp: int | None = None,
    nonce: str | None = None,
    in_header: bool = False,
) -> tuple[str, dict[str, str]]:
    """Sign a request the plain RFC 5849 way (for tests, demos and benchmarks).

    Returns the URL to call and the headers to send. Independent of the server's
    check above on purpose, so a test that uses it really exercises that check.
    """
    import secrets
    import time
    from urllib.parse import parse_qsl, urlsplit

    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list((params or {}).items())
    oauth_params = {
        "oauth_consumer_key": consumer_key,
        "oauth_nonce": nonce or secrets.token_hex(16),
        "oauth_signature_method": signature_method,
        "oauth_timestamp": str(int(time.time()) if timestamp is None else timestamp),
    }
    pairs = sorted((rfc3986(k), rfc3986(v)) for k, v in [*query, *oauth_params.items()])
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    base_url = f"{parts.scheme}://{parts.netloc}{parts.path}"
    base = "&".join([method.upper(), rfc3986(base_url), rfc3986(normalized)])
    digest = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256}[signature_method]
    mac = hmac.new((consumer_secret + "&").encode(), base.encode(), digest).digest()
    oauth_params["oauth_signature"] = base64.b64encode(mac).decode()
    headers: dict[str, str] = {}
    if in_header:
        headers["Authorization"] = "OAuth " + ", ".join(
            f'{k}="{rfc3986(v)}"' for k, v in oauth_params.items()
        )
        sent = query
    else:
        sent = [*query, *oauth_params.items()]
    query_string = "&".join(f"{rfc3986(k)}={rfc3986(v)}" for k, v in sent)
    return base_url + ("?" + query_string if query_string else ""), headers
