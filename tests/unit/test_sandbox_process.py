"""The demo's sandbox store in a child process: serves, answers calls, leaves no orphan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import httpx
import pytest

from wcconnector_gui.runtime.redaction import redact
from wcconnector_gui.sandbox.process import SandboxProcessError, start_sandbox_process


def _gone(pid: int, timeout: float = 15.0) -> bool:
    """True once no process ``pid`` runs any more (a zombie counts as gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().split(")")[-1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.1)
    return False


def test_store_serves_from_another_process_and_answers_calls() -> None:
    sandbox = start_sandbox_process(seed=3)
    try:
        assert sandbox.pid != os.getpid() and sandbox.is_alive()
        # Its API keys are masked in this process's logs too.
        said = redact(f"key {sandbox.consumer_key} secret {sandbox.consumer_secret}")
        assert sandbox.consumer_key not in said and sandbox.consumer_secret not in said
        created = sandbox.store.add_customer(email="anna@example.de", first_name="Anna")
        assert created["id"] > 0
        response = httpx.get(
            f"{sandbox.url}/wp-json/wc/v3/customers",
            params={"per_page": 100, "role": "all", "email": "anna@example.de"},
            auth=(sandbox.consumer_key, sandbox.consumer_secret),
        )
        # Plain HTTP refuses Basic auth as WooCommerce does; the answer still comes from the child.
        assert response.status_code in (200, 401)
        assert sandbox.store.count(role=None) == 3 + 1 + 1  # seeded, the administrator, Anna
        assert sandbox.store.get_customer(created["id"])["first_name"] == "Anna"
        with pytest.raises(SandboxProcessError, match="no_such_method"):
            sandbox.store.no_such_method()
    finally:
        sandbox.stop()
    assert not sandbox.is_alive()
    with pytest.raises(SandboxProcessError, match="has ended"):
        sandbox.store.count()


@pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL and /proc")
def test_store_process_ends_when_its_parent_is_killed(tmp_path) -> None:
    script = textwrap.dedent(
        """
        import sys, time
        from wcconnector_gui.sandbox.process import start_sandbox_process

        if __name__ == "__main__":
            sandbox = start_sandbox_process()
            print(sandbox.pid, flush=True)
            time.sleep(120)
        """
    )
    path = tmp_path / "parent.py"
    path.write_text(script)
    parent = subprocess.Popen([sys.executable, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child_pid = int(parent.stdout.readline())
        assert not _gone(child_pid, timeout=0.5)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        assert _gone(child_pid), "the store process outlived its parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
