"""The WordPress REST error shape: ``{"code", "message", "data": {"status", ...}}``."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer of the sandbox store, with the status and code a real shop would give."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        data: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = data or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "data": {"status": self.status, **self.extra},
        }

    def batch_item(self, item_id: int) -> dict[str, Any]:
        """A failed item inside a batch answer."""
        return {
            "id": item_id,
            "error": {
                "code": self.code,
                "message": self.message,
                "data": {"status": self.status, **self.extra},
            },
        }


def invalid_params(errors: dict[str, tuple[str, str]]) -> ApiError:
    """WordPress core's ``rest_invalid_param``: ``errors`` maps param → (detail code, message)."""
    return ApiError(
        400,
        "rest_invalid_param",
        "Invalid parameter(s): " + ", ".join(errors),
        data={
            "params": {name: message for name, (_, message) in errors.items()},
            "details": {
                name: {"code": code, "message": message, "data": None}
                for name, (code, message) in errors.items()
            },
        },
    )


CRITICAL_ERROR = (
    "<p>There has been a critical error on this website.</p>"
    '<p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">'
    "Learn more about troubleshooting WordPress.</a></p>"
)


def critical_error() -> ApiError:
    """What a PHP fatal error inside a REST request looks like."""
    return ApiError(500, "internal_server_error", CRITICAL_ERROR)
