"""The WooCommerce REST v3 client (customers), Qt-free.

- ``client``: :class:`~.client.WooClient` — list/iterate/find/get/create/update/delete
  customers and batches, with retries, deadline and per-item batch results.
- ``diagnose``: "Test connection" in plain words.
- ``errors``: the typed errors; ``auth``: Basic / query-string / OAuth 1.0a;
  ``retry``: the backoff policy; ``store_url`` and ``transport_errors``: helpers.
"""
