"""A machine where no window can open gets a plain message and exit 2, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wcconnector_gui.runtime import display

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux display")


def run_app(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    clean.update(XDG_STATE_HOME=str(tmp_path / "state"), XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run(
        [sys.executable, "-m", "wcconnector_gui", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@linux_only
def test_no_display_is_a_plain_message_and_exit_2(tmp_path: Path) -> None:
    result = run_app(tmp_path, "--demo")
    assert result.returncode == 2, result.stderr
    assert "there is no display" in result.stderr
    assert "Traceback" not in result.stderr


@linux_only
def test_a_platform_plugin_qt_cannot_start_is_a_plain_message_not_an_abort(
    tmp_path: Path,
) -> None:
    result = run_app(tmp_path, "--db", str(tmp_path / "app.db"), QT_QPA_PLATFORM="nonesuch")
    assert result.returncode == 2, result.stderr
    assert "cannot open its window" in result.stderr
    assert "System packages" in result.stderr


def test_other_systems_and_non_window_platforms_are_not_checked() -> None:
    assert display.display_problem({}, platform="win32") is None
    assert display.display_problem({}, platform="darwin") is None
    assert display.display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display.display_problem({}, platform="linux") == display.NO_DISPLAY


def test_which_window_plugins_qt_will_try() -> None:
    assert display.window_platforms({"DISPLAY": ":0"}) == ["xcb"]
    assert display.window_platforms({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}) == [
        "wayland",
        "xcb",
    ]
    assert display.window_platforms({"QT_QPA_PLATFORM": "wayland-egl;xcb"}) == ["wayland", "xcb"]
    assert display.window_platforms({"QT_QPA_PLATFORM": "xcb:nomitshm"}) == ["xcb"]
    assert display.window_platforms({"QT_QPA_PLATFORM": "vnc"}) is None


@linux_only
def test_an_x_display_that_cannot_be_reached_is_named() -> None:
    problem = display.connection_problem("xcb", {"DISPLAY": ":64999"})
    assert problem is not None and "':64999' cannot be reached" in problem


def test_missing_libraries_are_named_with_their_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = tmp_path / "libqxcb.so"
    plugin.write_bytes(b"")
    monkeypatch.setattr(display, "plugin_file", lambda name: plugin)

    def refuse(path: str) -> None:
        raise OSError("libxcb-icccm.so.4: cannot open shared object file: No such file")

    monkeypatch.setattr(display.ctypes, "CDLL", refuse)
    monkeypatch.setattr(
        display, "missing_libraries", lambda path: ["libxcb-keysyms.so.1", "libxcb-icccm.so.4"]
    )
    problem = display.plugin_problem("xcb")
    assert problem is not None
    assert "missing: libxcb-keysyms.so.1, libxcb-icccm.so.4" in problem
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in problem
    # Without ldd, the loader's own message still names the first one.
    monkeypatch.setattr(display, "missing_libraries", lambda path: [])
    assert "sudo apt-get install libxcb-icccm4\n" in (display.plugin_problem("xcb") or "")


@pytest.mark.parametrize(
    ("soname", "package"),
    [
        ("libxcb-icccm.so.4", "libxcb-icccm4"),
        ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
        ("libxcb-render-util.so.0", "libxcb-render-util0"),
        ("libX11-xcb.so.1", "libx11-xcb1"),
        ("libdbus-1.so.3", "libdbus-1-3"),
        ("libGL.so.1", "libgl1"),
        ("libwayland-egl.so.1", "libwayland-egl1"),
        ("libglib-2.0.so.0", "libglib2.0-0"),
    ],
)
def test_debian_package_of_a_library(soname: str, package: str) -> None:
    assert display.debian_package(soname) == package


@linux_only
@pytest.mark.parametrize("plugin", sorted(display.WINDOW_PLUGINS))
def test_window_plugins_find_every_system_library(plugin: str) -> None:
    """Fails when a package of the README's list is not installed (CI installs exactly it)."""
    path = display.plugin_file(plugin)
    if path is None or display.shutil.which("ldd") is None:
        # .ci/run relies on this test to prove the README's list: a skip there proves nothing.
        if os.environ.get("CI"):
            pytest.fail("no PySide6 plugin file or no ldd: the README's packages are unchecked")
        pytest.skip("no PySide6 plugin file or no ldd here")
    missing = display.missing_libraries(path)
    packages = sorted({display.debian_package(name) for name in missing})
    assert not missing, f"install the README's system packages: {' '.join(packages)}"
