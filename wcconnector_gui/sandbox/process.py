"""The sandbox store in a child process, for the demo window.

Why a process: a store on a thread of the window's process shares the GIL with
the GUI thread, and during a sync it answers a request every few milliseconds;
the window then stalled up to 131 ms (bench/gui_bench.py). In its own process the
store has its own interpreter, as a real shop would.

The child serves on loopback until the parent says stop, or until the pipe
breaks: when the parent ends in any way (even killed), its end of the pipe
closes, the child's ``recv()`` fails and the child stops. No orphan is left.

Messages over the pipe:

    child → parent: ("ready", {url, keys...}) | ("failed", text)
                    | ("ok", result) | ("error", text)
    parent → child: ("call", method, args, kwargs) | ("stop",)

``SandboxProcess.store`` forwards method calls to the child's ``SandboxStore``
(arguments and results are pickled), so code that fills the store reads the same
as with an in-process one.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from multiprocessing.connection import Connection
from typing import Any

from wcconnector_gui.runtime.redaction import register_secret

START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 10


class SandboxProcessError(RuntimeError):
    """The store process could not start or answer; the text says why."""


class _StoreProxy:
    """Calls ``SandboxStore`` methods in the child: ``proxy.add_customer(...)``."""

    def __init__(self, owner: SandboxProcess) -> None:
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._owner.call(name, *args, **kwargs)

        return call


class SandboxProcess:
    """A sandbox store serving from a child process; ``stop()`` ends it.

    Attributes match :class:`~wcconnector_gui.sandbox.server.RunningSandbox`: ``url``,
    ``consumer_key``, ``consumer_secret``, ``read_only_key``, ``read_only_secret``,
    ``ca_bundle`` and ``store`` (a proxy).
    """

    def __init__(self, **options: Any) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, theirs = context.Pipe(duplex=True)
        # daemon: multiprocessing also ends it when this process exits normally.
        self._process = context.Process(
            target=_child_main, args=(theirs, options), name="wcconnector-sandbox", daemon=True
        )
        self._process.start()
        theirs.close()
        self._lock = threading.Lock()
        self.store = _StoreProxy(self)
        try:
            if not self._conn.poll(START_TIMEOUT_SECONDS):
                raise SandboxProcessError("the sandbox store did not start in time")
            kind, payload = self._conn.recv()
        except (EOFError, OSError):
            self.stop()
            raise SandboxProcessError("the sandbox store process ended while starting") from None
        except SandboxProcessError:
            self.stop()
            raise
        if kind != "ready":
            self.stop()
            raise SandboxProcessError(f"the sandbox store could not start: {payload}")
        self.url: str = payload["url"]
        self.consumer_key: str = payload["consumer_key"]
        self.consumer_secret: str = payload["consumer_secret"]
        self.read_only_key: str = payload["read_only_key"]
        self.read_only_secret: str = payload["read_only_secret"]
        self.ca_bundle: str | None = payload["ca_bundle"]
        for secret in (
            self.consumer_key,
            self.consumer_secret,
            self.read_only_key,
            self.read_only_secret,
        ):
            register_secret(secret)  # redacted from this process's logs, as in the child

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def is_alive(self) -> bool:
        return self._process.is_alive()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run ``SandboxStore.method(*args, **kwargs)`` in the child; its result."""
        with self._lock:
            try:
                self._conn.send(("call", method, args, kwargs))
                kind, payload = self._conn.recv()
            except (EOFError, OSError):
                raise SandboxProcessError("the sandbox store process has ended") from None
        if kind == "error":
            raise SandboxProcessError(payload)
        return payload

    def stop(self) -> None:
        """Ask the child to stop; wait for it (killed if it does not end in time)."""
        with self._lock:
            with contextlib.suppress(OSError, ValueError):  # already gone or closed
                self._conn.send(("stop",))
            self._conn.close()
        self._process.join(STOP_TIMEOUT_SECONDS)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(STOP_TIMEOUT_SECONDS)


def start_sandbox_process(**options: Any) -> SandboxProcess:
    """Start a sandbox store (``start_sandbox`` options) in a child process."""
    return SandboxProcess(**options)


# --- in the child ----------------------------------------------------------------------------
def _child_main(conn: Connection, options: dict[str, Any]) -> None:
    # Ctrl+C in a terminal reaches the whole process group: the parent decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from wcconnector_gui.sandbox.server import start_sandbox

    try:
        running = start_sandbox(**options)
    except Exception as exc:
        conn.send(("failed", str(exc)))
        conn.close()
        return
    try:
        conn.send(
            (
                "ready",
                {
                    "url": running.url,
                    "consumer_key": running.consumer_key,
                    "consumer_secret": running.consumer_secret,
                    "read_only_key": running.read_only_key,
                    "read_only_secret": running.read_only_secret,
                    "ca_bundle": running.ca_bundle,
                },
            )
        )
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):  # the parent is gone
                break
            if message[0] != "call":
                break
            _, method, args, kwargs = message
            try:
                if method.startswith("_"):
                    raise AttributeError("not a store method")
                result = getattr(running.store, method)(*args, **kwargs)
            except Exception as exc:
                conn.send(("error", f"{method}: {exc}"))
            else:
                conn.send(("ok", result))
    except (EOFError, OSError):
        pass  # the parent went away mid-answer
    finally:
        running.stop()
        conn.close()
