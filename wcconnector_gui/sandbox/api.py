"""The REST layer of the sandbox store: routes, authentication order, argument checks.

The order of checks follows WordPress + WooCommerce: authentication errors, then the
key's read/write permission, then the route (404 ``rest_no_route``), then argument
validation (400), then the route's permission check (401 for anonymous), then the
handler. Batch items skip argument validation, as in WooCommerce.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from wcconnector_gui.sandbox import auth, oauth, wp_rules
from wcconnector_gui.sandbox.errors import ApiError, critical_error, invalid_params
from wcconnector_gui.sandbox.profile import Work
from wcconnector_gui.sandbox.store import (
    BILLING_FIELDS,
    ROLES,
    SHIPPING_FIELDS,
    ListQuery,
    SandboxStore,
)

NAMESPACE = "wc/v3"
_ITEM_ROUTE = re.compile(r"^/wc/v3/customers/(\d+)$")
_ORDERBY = ("id", "include", "name", "registered_date")
_COLLECTION_ARGS = (
    "context",
    "page",
    "per_page",
    "search",
    "exclude",
    "include",
    "offset",
    "order",
    "orderby",
    "email",
    "role",
)
_ANONYMOUS = {
    "list": ("woocommerce_rest_cannot_view", "Sorry, you cannot list resources."),
    "get": ("woocommerce_rest_cannot_view", "Sorry, you cannot view this resource."),
    "create": ("woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."),
    "update": ("woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."),
    "delete": (
        "woocommerce_rest_cannot_delete",
        "Sorry, you are not allowed to delete this resource.",
    ),
    "batch": (
        "woocommerce_rest_cannot_batch",
        "Sorry, you are not allowed to batch manipulate this resource.",
    ),
}

HOME_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><title>Sandbox store</title></head>
<body class="home"><h1>Sandbox store</h1>
<p>A WooCommerce-compatible test shop. The REST API is at <code>/wp-json/wc/v3/</code>.</p>
</body></html>
"""
NOT_FOUND_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8"><title>Page not found &#8211; Sandbox store</title>
</head><body class="error404"><h1>Oops! That page can&rsquo;t be found.</h1></body></html>
"""


@dataclass
class Request:
    method: str
    raw_path: str  # as sent, still percent-encoded, without the query
    query: str
    headers: dict[str, str]  # lower-case names
    body: bytes
    https: bool


@dataclass
class Response:
    status: int
    payload: Any = None  # JSON answer
    html: str | None = None  # or an HTML page
    headers: dict[str, str] = field(default_factory=dict)
    work: Work = field(default_factory=Work)

    def body_bytes(self) -> bytes:
        if self.html is not None:
            return self.html.encode()
        return json.dumps(self.payload, ensure_ascii=False, separators=(",", ":")).encode()

    @property
    def content_type(self) -> str:
        if self.html is not None:
            return "text/html; charset=UTF-8"
        return "application/json; charset=UTF-8"


def error_response(error: ApiError) -> Response:
    return Response(error.status, error.body(), headers=dict(error.headers))


class SandboxApi:
    def __init__(
        self,
        store: SandboxStore,
        keys: auth.KeyRing,
        *,
        url: str,
        https: bool,
        batch_limit: int = 100,
        require_password: bool = False,
    ) -> None:
        self.store = store
        self.keys = keys
        self.url = url.rstrip("/")
        self.https = https
        self.batch_limit = batch_limit
        self.require_password = require_password

    # ------------------------------------------------------------- entry
    def handle(self, request: Request) -> Response:
        query = oauth.parse_php_query(request.query)
        path = request.raw_path
        if path in ("/", "/index.php") and "rest_route" in query:
            # Plain permalinks: WooCommerce never authenticates API keys here.
            route = str(query.pop("rest_route"))
            return self._dispatch(request, route, query, key=None)
        if path == "/wp-json" or path.startswith("/wp-json/"):
            route = path[len("/wp-json") :]
            try:
                key = None
                if "wp-json/wc/" in path:
                    form = self._form_params(request)
                    key = self.keys.authenticate(
                        method=request.method,
                        https=request.https,
                        shop_url=self.url,
                        raw_path=path,
                        query=query,
                        form=form,
                        authorization=request.headers.get("authorization", ""),
                    )
                    if key is not None:
                        auth.can(key, request.method)
            except ApiError as error:
                return error_response(error)
            return self._dispatch(request, route, query, key)
        if path in ("/", "/index.php"):
            return Response(200, html=HOME_PAGE)
        return Response(404, html=NOT_FOUND_PAGE)

    @staticmethod
    def _form_params(request: Request) -> oauth.Params:
        ctype = request.headers.get("content-type", "")
        if "application/x-www-form-urlencoded" in ctype and request.body:
            return oauth.parse_php_query(request.body.decode("utf-8", "replace"))
        return {}

    def _body_params(self, request: Request) -> dict[str, Any]:
        ctype = request.headers.get("content-type", "").lower()
        if not request.body:
            return {}
        if "json" in ctype:
            try:
                data = json.loads(request.body)
            except (ValueError, UnicodeDecodeError):
                raise ApiError(
                    400,
                    "rest_invalid_json",
                    "Invalid JSON body passed.",
                    data={"json_error_code": 4, "json_error_message": "Syntax error"},
                ) from None
            return data if isinstance(data, dict) else {}
        if "application/x-www-form-urlencoded" in ctype:
            return dict(self._form_params(request))
        return {}

    def _dispatch(
        self, request: Request, route: str, query: oauth.Params, key: auth.ApiKey | None
    ) -> Response:
        route = "/" + route.strip("/") if route.strip("/") else "/"
        method = request.method
        if method == "HEAD":
            method = "GET"
        try:
            if route == "/" and method == "GET":
                return Response(200, self._index())
            if route == "/wc/v3" and method == "GET":
                return Response(200, self._namespace_index())
            if route == "/wc/v3/customers":
                if method == "OPTIONS":
                    return Response(200, self._collection_options())
                if method == "GET":
                    return self._list(query, key)
                if method == "POST":
                    return self._create(request, query, key)
            elif route == "/wc/v3/customers/batch":
                if method in ("POST", "PUT", "PATCH"):
                    return self._batch(request, query, key)
            else:
                match = _ITEM_ROUTE.match(route)
                if match:
                    cid = int(match.group(1))
                    if method == "GET":
                        return self._get(cid, query, key)
                    if method in ("PUT", "PATCH", "POST"):
                        return self._update(cid, request, query, key)
                    if method == "DELETE":
                        return self._delete(cid, query, key)
            raise ApiError(
                404, "rest_no_route", "No route was found matching the URL and request method."
            )
        except ApiError as error:
            return error_response(error)

    @staticmethod
    def _require(key: auth.ApiKey | None, action: str) -> None:
        if key is None:
            code, message = _ANONYMOUS[action]
            raise ApiError(401, code, message)

    # --------------------------------------------------------- rendering
    def _links(self, cid: int) -> dict[str, Any]:
        base = f"{self.url}/wp-json/{NAMESPACE}/customers"
        return {
            "self": [
                {
                    "href": f"{base}/{cid}",
                    "targetHints": {"allow": ["GET", "POST", "PUT", "PATCH", "DELETE"]},
                }
            ],
            "collection": [{"href": base}],
        }

    def _render(self, record: dict[str, Any]) -> dict[str, Any]:
        # A broken record breaks every answer that shows it, as a PHP fatal error would
        # (an update or batch has already written what came before it).
        self._check_poison([record])
        item = dict(record)
        item["_links"] = self._links(record["id"])
        return item

    def _check_poison(self, records: list[dict[str, Any]]) -> None:
        if self.store.poisoned and any(r["id"] in self.store.poisoned for r in records):
            raise critical_error()

    # ------------------------------------------------------------ routes
    def _list(self, query: oauth.Params, key: auth.ApiKey | None) -> Response:
        list_query = self._list_args(query)
        self._require(key, "list")
        records, total = self.store.list_customers(list_query)
        self._check_poison(records)
        items = [self._render(r) for r in records]
        fields = _parse_fields(query.get("_fields"))
        if fields:
            items = [_filter_fields(item, fields) for item in items]
        max_pages = math.ceil(total / list_query.per_page) if total else 0
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(max_pages)}
        links = []
        page = list_query.page
        base_params = _flat_query(query)
        if page > 1:
            prev_page = min(page - 1, max_pages)
            links.append(f'<{self._page_url(base_params, prev_page)}>; rel="prev"')
        if max_pages > page:
            links.append(f'<{self._page_url(base_params, page + 1)}>; rel="next"')
        if links:
            headers["Link"] = ", ".join(links)
        return Response(200, items, headers=headers, work=Work("list", items=len(items)))

    def _page_url(self, params: list[tuple[str, str]], page: int) -> str:
        kept = [(k, v) for k, v in params if k != "page"] + [("page", str(page))]
        return f"{self.url}/wp-json/{NAMESPACE}/customers?{urlencode(kept)}"

    def _list_args(self, query: oauth.Params) -> ListQuery:
        errors: dict[str, tuple[str, str]] = {}
        args = ListQuery()
        args.page = _int_arg(query, "page", 1, errors, minimum=1)
        args.per_page = _int_arg(query, "per_page", 10, errors, minimum=1, maximum=100)
        if "offset" in query:
            args.offset = _int_arg(query, "offset", 0, errors)
        args.order = _enum_arg(query, "order", "asc", ("asc", "desc"), errors)
        args.orderby = _enum_arg(query, "orderby", "name", _ORDERBY, errors)
        args.role = _enum_arg(query, "role", "customer", ("all", *ROLES), errors)
        _enum_arg(query, "context", "view", ("view", "edit"), errors)
        args.include = _int_list_arg(query, "include", errors)
        args.exclude = _int_list_arg(query, "exclude", errors)
        if "search" in query:
            args.search = _string_arg(query, "search", errors)
        if "email" in query:
            email = _string_arg(query, "email", errors)
            if "email" not in errors and not wp_rules.is_email(email):
                errors["email"] = ("rest_invalid_email", "Invalid email address.")
            args.email = email
        if errors:
            raise invalid_params(errors)
        if args.offset is not None and args.offset <= 0:
            args.offset = None
        return args

    def _get(self, cid: int, query: oauth.Params, key: auth.ApiKey | None) -> Response:
        self._require(key, "get")
        with self.store.lock:
            record = self.store.customers.get(cid)
        if record is None:
            raise ApiError(404, "wc_user_invalid_id", "Invalid user ID.")
        self._check_poison([record])
        item = self._render(record)
        fields = _parse_fields(query.get("_fields"))
        if fields:
            item = _filter_fields(item, fields)
        return Response(200, item, work=Work("get", items=1))

    def _create(self, request: Request, query: oauth.Params, key: auth.ApiKey | None) -> Response:
        data = {**_flat_dict(query), **self._body_params(request)}
        required = ["email"] + (["password"] if self.require_password else [])
        missing = [name for name in required if name not in data]
        if missing:
            raise ApiError(
                400,
                "rest_missing_callback_param",
                f"Missing parameter(s): {', '.join(missing)}",
                data={"params": missing},
            )
        _validate_item(data, email_format=False)
        self._require(key, "create")
        record = self.store.create_customer(data)
        location = f"{self.url}/wp-json/{NAMESPACE}/customers/{record['id']}"
        return Response(
            201, self._render(record), headers={"Location": location}, work=Work("create", items=1)
        )

    def _update(
        self, cid: int, request: Request, query: oauth.Params, key: auth.ApiKey | None
    ) -> Response:
        data = {**_flat_dict(query), **self._body_params(request)}
        _validate_item(data, email_format=True)
        self._require(key, "update")
        record = self.store.update_customer(cid, data)
        return Response(200, self._render(record), work=Work("update", items=1))

    def _delete(self, cid: int, query: oauth.Params, key: auth.ApiKey | None) -> Response:
        errors: dict[str, tuple[str, str]] = {}
        force = _bool_arg(query, "force", errors)
        if errors:
            raise invalid_params(errors)
        self._require(key, "delete")
        with self.store.lock:
            exists = cid in self.store.customers
        if not exists:
            raise ApiError(404, "wc_user_invalid_id", "Invalid user ID.")
        if not force:
            raise ApiError(
                501, "woocommerce_rest_trash_not_supported", "Customers do not support trashing."
            )
        record = self.store.delete_customer(cid)
        return Response(200, self._render(record), work=Work("delete", items=1))

    def _batch(self, request: Request, query: oauth.Params, key: auth.ApiKey | None) -> Response:
        data = {**_flat_dict(query), **self._body_params(request)}
        errors: dict[str, tuple[str, str]] = {}
        for name in ("create", "update", "delete"):
            if name in data and not isinstance(data[name], list):
                errors[name] = ("rest_invalid_type", f"{name} is not of type array.")
        if errors:
            raise invalid_params(errors)
        self._require(key, "batch")
        groups = {name: data.get(name) or [] for name in ("create", "update", "delete")}
        total = sum(len(items) for items in groups.values())
        if total > self.batch_limit:
            raise ApiError(
                413,
                "woocommerce_rest_request_entity_too_large",
                f"Unable to accept more than {self.batch_limit} items for this request.",
            )
        answer: dict[str, list[dict[str, Any]]] = {}
        for item in groups["create"]:
            try:
                record = self.store.create_customer(item if isinstance(item, dict) else {})
                answer.setdefault("create", []).append(self._render(record))
            except ApiError as error:
                answer.setdefault("create", []).append(error.batch_item(0))
        for item in groups["update"]:
            item = item if isinstance(item, dict) else {}
            cid = _php_int(item.get("id"))
            try:
                if cid <= 0:
                    raise ApiError(404, "wc_user_invalid_id", "Invalid user ID.")
                record = self.store.update_customer(cid, item)
                answer.setdefault("update", []).append(self._render(record))
            except ApiError as error:
                answer.setdefault("update", []).append(error.batch_item(cid))
        for raw in groups["delete"]:
            cid = _php_int(raw.get("id") if isinstance(raw, dict) else raw)
            if cid == 0:
                continue
            try:
                record = self.store.delete_customer(cid)
                answer.setdefault("delete", []).append(self._render(record))
            except ApiError as error:
                answer.setdefault("delete", []).append(error.batch_item(cid))
        work = Work(
            "batch",
            items=total,
            creates=len(groups["create"]),
            updates=len(groups["update"]),
            deletes=len(groups["delete"]),
        )
        # PHP encodes an empty array as [] — a batch with nothing in it answers [].
        return Response(200, answer if answer else [], work=work)

    # ------------------------------------------------------------ indexes
    def _index(self) -> dict[str, Any]:
        return {
            "name": "Sandbox store",
            "description": "A WooCommerce-compatible test shop",
            "url": self.url,
            "home": self.url,
            "gmt_offset": "1",
            "timezone_string": "Europe/Berlin",
            "namespaces": ["oembed/1.0", "wp/v2", "wc/v3", "wc/v2", "wc/v1", "wc/store/v1"],
            "authentication": {},
            "routes": {"/": {"namespace": "", "methods": ["GET"]}},
            "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
        }

    def _namespace_index(self) -> dict[str, Any]:
        return {
            "namespace": NAMESPACE,
            "routes": {
                f"/{NAMESPACE}": {"namespace": NAMESPACE, "methods": ["GET"]},
                f"/{NAMESPACE}/customers": {"namespace": NAMESPACE, "methods": ["GET", "POST"]},
                f"/{NAMESPACE}/customers/(?P<id>[\\d]+)": {
                    "namespace": NAMESPACE,
                    "methods": ["GET", "POST", "PUT", "PATCH", "DELETE"],
                },
                f"/{NAMESPACE}/customers/batch": {
                    "namespace": NAMESPACE,
                    "methods": ["POST", "PUT", "PATCH"],
                },
            },
            "_links": {"up": [{"href": f"{self.url}/wp-json/"}]},
        }

    @staticmethod
    def _collection_options() -> dict[str, Any]:
        return {
            "namespace": NAMESPACE,
            "methods": ["GET", "POST"],
            "endpoints": [
                {
                    "methods": ["GET"],
                    "args": {name: {"required": False} for name in sorted(_COLLECTION_ARGS)},
                },
                {"methods": ["POST"], "args": {"email": {"type": "string", "required": True}}},
            ],
        }


# --------------------------------------------------------------- argument checks
def _flat_dict(params: oauth.Params) -> dict[str, Any]:
    return {k: (list(v.values()) if isinstance(v, dict) else v) for k, v in params.items()}


def _flat_query(params: oauth.Params) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if isinstance(value, dict):
            pairs.extend((f"{key}[{sub}]", item) for sub, item in value.items())
        else:
            pairs.append((key, value))
    return pairs


def _php_int(value: Any) -> int:
    try:
        return int(float(value)) if value not in (None, "", False) else 0
    except (TypeError, ValueError):
        return 0


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    try:
        return float(str(value)).is_integer()
    except ValueError:
        return False


def _int_arg(
    query: oauth.Params,
    name: str,
    default: int,
    errors: dict[str, tuple[str, str]],
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    if name not in query:
        return default
    raw = query[name]
    if not _is_integer(raw):
        errors[name] = ("rest_invalid_type", f"{name} is not of type integer.")
        return default
    value = int(float(str(raw)))
    if minimum is not None and maximum is not None and not minimum <= value <= maximum:
        errors[name] = (
            "rest_out_of_bounds",
            f"{name} must be between {minimum} (inclusive) and {maximum} (inclusive)",
        )
    elif minimum is not None and value < minimum:
        errors[name] = ("rest_out_of_bounds", f"{name} must be greater than or equal to {minimum}")
    return value


def _enum_arg(
    query: oauth.Params,
    name: str,
    default: str,
    allowed: tuple[str, ...],
    errors: dict[str, tuple[str, str]],
) -> str:
    if name not in query:
        return default
    value = query[name]
    if value not in allowed:
        listed = ", ".join(allowed[:-1]) + ", and " + allowed[-1]
        errors[name] = ("rest_not_in_enum", f"{name} is not one of {listed}.")
        return default
    return str(value)


def _string_arg(query: oauth.Params, name: str, errors: dict[str, tuple[str, str]]) -> str:
    value = query[name]
    if not isinstance(value, str):
        errors[name] = ("rest_invalid_type", f"{name} is not of type string.")
        return ""
    return value


def _int_list_arg(query: oauth.Params, name: str, errors: dict[str, tuple[str, str]]) -> list[int]:
    if name not in query:
        return []
    raw = query[name]
    items = (
        list(raw.values())
        if isinstance(raw, dict)
        else [part for part in re.split(r"[,\s]+", raw) if part]
    )
    result = []
    for n, item in enumerate(items):
        if not _is_integer(item):
            errors[name] = ("rest_invalid_type", f"{name}[{n}] is not of type integer.")
            return []
        result.append(int(float(item)))
    return result


def _bool_arg(query: oauth.Params, name: str, errors: dict[str, tuple[str, str]]) -> bool:
    if name not in query:
        return False
    value = query[name]
    if isinstance(value, str) and value.lower() in ("true", "1"):
        return True
    if isinstance(value, str) and value.lower() in ("false", "0", ""):
        return False
    errors[name] = ("rest_invalid_type", f"{name} is not of type boolean.")
    return False


def _validate_item(data: dict[str, Any], *, email_format: bool) -> None:
    """The item schema as WordPress checks it for a single create/update."""
    errors: dict[str, tuple[str, str]] = {}
    for name in ("email", "first_name", "last_name", "username", "password"):
        if name in data and not isinstance(data[name], str):
            errors[name] = ("rest_invalid_type", f"{name} is not of type string.")
    if email_format and isinstance(data.get("email"), str) and not wp_rules.is_email(data["email"]):
        errors["email"] = ("rest_invalid_email", "Invalid email address.")
    for group, fields in (("billing", BILLING_FIELDS), ("shipping", SHIPPING_FIELDS)):
        if group not in data:
            continue
        value = data[group]
        if not isinstance(value, dict):
            errors[group] = ("rest_invalid_type", f"{group} is not of type object.")
            continue
        for fname in fields:
            if fname not in value:
                continue
            if not isinstance(value[fname], str):
                errors[group] = ("rest_invalid_type", f"{group}[{fname}] is not of type string.")
                break
            if fname == "email" and not wp_rules.is_email(value[fname]):
                errors[group] = ("rest_invalid_email", "Invalid email address.")
                break
    if "meta_data" in data:
        meta = data["meta_data"]
        if not isinstance(meta, list):
            errors["meta_data"] = ("rest_invalid_type", "meta_data is not of type array.")
        else:
            for n, item in enumerate(meta):
                if not isinstance(item, dict):
                    errors["meta_data"] = (
                        "rest_invalid_type",
                        f"meta_data[{n}] is not of type object.",
                    )
                    break
                if "key" in item and not isinstance(item["key"], str):
                    errors["meta_data"] = (
                        "rest_invalid_type",
                        f"meta_data[{n}][key] is not of type string.",
                    )
                    break
    if errors:
        raise invalid_params(errors)


def _parse_fields(raw: Any) -> list[str]:
    if isinstance(raw, dict):
        raw = ",".join(raw.values())
    if not isinstance(raw, str):
        return []
    return [part for part in re.split(r"[,\s]+", raw) if part]


def _filter_fields(item: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """``rest_filter_response_fields``: keep the named fields, ``a.b`` for nested ones."""
    result: dict[str, Any] = {}
    for path in fields:
        parts = path.split(".")
        source: Any = item
        target = result
        for depth, part in enumerate(parts):
            if not isinstance(source, dict) or part not in source:
                break
            if depth == len(parts) - 1:
                target[part] = source[part]
            else:
                existing = target.get(part)
                if not isinstance(existing, dict):
                    existing = {}
                    target[part] = existing
                target = existing
                source = source[part]
    return result
