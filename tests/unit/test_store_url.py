"""What the setup accepts as a store URL, and what it turns it into."""

from __future__ import annotations

import re

import pytest

from wcconnector_gui.domain.setup import SetupError, normalize_store_url


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("shop.example.com/", "https://shop.example.com"),
        (" https://Shop.Example.com/store/ ", "https://shop.example.com/store"),
        ("https://shop.example/wp-json/wc/v3/customers", "https://shop.example"),
        ("http://127.0.0.1:8765", "http://127.0.0.1:8765"),
        ("http://[::1]:8765/", "http://[::1]:8765"),
        ("https://bücher.example/", "https://bücher.example"),
        ("localhost:8443", "https://localhost:8443"),
        ("http://localhost:8765/", "http://localhost:8765"),
        ("https://[::1]", "https://[::1]"),
        ("https://shop.example./", "https://shop.example."),
        ("https://my_host.intranet", "https://my_host.intranet"),
    ],
)
def test_usable_urls_are_normalized(typed: str, normalized: str) -> None:
    assert normalize_store_url(typed) == normalized


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "empty"),
        ("not a url at all", "spaces"),
        ("https://-shop.example", "not a valid host name"),
        ("https://shop..example", "not a valid host name"),
        ("https://shop.example/my shop", "spaces"),
        ("https://shop.example/\tshop", "spaces"),
        ("https://☃.net", "not a valid host name"),
        ("https://999.1.1.1", "not a valid host name"),
        ("https://[v1.abc]", "not a valid"),
        ("ftp://shop.example", "https:// or http://"),
        ("https://user:pw@shop.example", "user name or password"),
        ("https://shop.example/?a=1", "? or #"),
        ("https://shop.example:99999", "not a valid web address"),
    ],
)
def test_unusable_urls_name_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(SetupError, match=re.escape(reason)):
        normalize_store_url(typed)
