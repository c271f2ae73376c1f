"""The core must not load PySide6: it runs headless, in the CLI and in workers."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import wcconnector_gui


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(wcconnector_gui.__path__, "wcconnector_gui."):
        if info.name.startswith("wcconnector_gui.ui") or info.name == "wcconnector_gui.__main__":
            continue
        names.append(info.name)
    return names


def test_importing_the_core_loads_no_qt() -> None:
    modules = _core_modules()
    assert "wcconnector_gui.storage.database" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""
