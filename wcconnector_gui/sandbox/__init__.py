"""The sandbox store: a WooCommerce-compatible customers API (demo, tests, benchmarks).

It answers the cases of reference/real-woocommerce-measured.md the way a real
WooCommerce 11 shop does; nothing in the app special-cases it.
"""

from wcconnector_gui.sandbox.errors import ApiError
from wcconnector_gui.sandbox.faults import FAULT_NAMES
from wcconnector_gui.sandbox.server import RunningSandbox, start_sandbox
from wcconnector_gui.sandbox.store import SandboxStore

__all__ = ["FAULT_NAMES", "ApiError", "RunningSandbox", "SandboxStore", "start_sandbox"]
