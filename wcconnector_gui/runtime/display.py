"""Can a window open here? Asked before Qt is loaded.

Without it, a Linux machine with no display, or without a system library that Qt's
window plugin needs, ends in Qt's own abort (exit 134) with a message about
reinstalling the application. Here the same cases get a plain sentence that says
what to install or do, and the caller exits with 2.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

# Qt's platform plugins that draw a real window on Linux, and their files.
WINDOW_PLUGINS = {"xcb": "libqxcb.so", "wayland": "libqwayland.so"}
PLUGIN_WORDS = {"xcb": "X11", "wayland": "Wayland"}
SEE_README = 'README.md ("System packages") lists every package the app needs.'
NO_DISPLAY = (
    "wcconnector-gui cannot open its window: there is no display (neither DISPLAY nor "
    "WAYLAND_DISPLAY is set). Start it from a desktop session (or over ssh -X), or use "
    "the command-line companion `wcconnector`, which needs no window."
)
# Debian/Ubuntu package names that do not follow the soname rule of debian_package().
PACKAGE_EXCEPTIONS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgcc_s.so.1": "libgcc-s1",
    "libz.so.1": "zlib1g",
}
_MISSING = re.compile(r"([\w.+-]+\.so[.\d]*): cannot open shared object file")
_LDD_NOT_FOUND = re.compile(r"^\s*(\S+) => not found", re.MULTILINE)


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str = sys.platform
) -> str | None:
    """None when Qt can open a window; else what is wrong, in plain words."""
    if not platform.startswith("linux"):
        return None
    env = os.environ if environ is None else environ
    candidates = window_platforms(env)
    if candidates is None:
        return None
    if not candidates:
        return NO_DISPLAY
    problems = []
    for name in candidates:
        problem = plugin_problem(name) or connection_problem(name, env)
        if problem is None:
            return None
        problems.append(problem)
    return "\n".join(problems)


def window_platforms(env: Mapping[str, str]) -> list[str] | None:
    """The window plugins Qt will try, or None when it is told to use another kind.

    ``QT_QPA_PLATFORM`` may name a list (``wayland;xcb``); ``offscreen``, ``vnc`` and the
    like need no display, so there is nothing to check.
    """
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        names = [part.split(":")[0].strip() for part in chosen.split(";") if part.strip()]
        kinds = ["wayland" if name.startswith("wayland") else name for name in names]
        if any(kind not in WINDOW_PLUGINS for kind in kinds):
            return None
        return list(dict.fromkeys(kinds))
    candidates = []
    if env.get("WAYLAND_DISPLAY"):
        candidates.append("wayland")
    if env.get("DISPLAY"):
        candidates.append("xcb")
    return candidates


def plugin_file(name: str) -> Path | None:
    """Where PySide6 keeps Qt's platform plugin ``name`` (None if not found)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "Qt" / "plugins" / "platforms" / WINDOW_PLUGINS[name]
        if path.exists():
            return path
    return None


def plugin_problem(name: str) -> str | None:
    """Load the plugin as Qt would; when the system lacks a library, say which."""
    path = plugin_file(name)
    if path is None:
        return None  # a frozen or unusual layout: let Qt look for it itself
    try:
        ctypes.CDLL(str(path))
    except OSError as exc:
        missing = missing_libraries(path) or _MISSING.findall(str(exc))
        if not missing:
            return f"Qt's {PLUGIN_WORDS[name]} support could not be loaded: {exc}. {SEE_README}"
        packages = sorted({debian_package(soname) for soname in missing})
        return (
            f"wcconnector-gui cannot open its window: Qt's {PLUGIN_WORDS[name]} support needs "
            f"system libraries that are missing: {', '.join(missing)}.\n"
            f"On Debian/Ubuntu: sudo apt-get install {' '.join(packages)}\n{SEE_README}"
        )
    return None


def missing_libraries(path: Path) -> list[str]:
    """Every library ``path`` needs that the system lacks, as ``ldd`` reports them."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        result = subprocess.run(
            [ldd, str(path)], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(_LDD_NOT_FOUND.findall(result.stdout)))


def debian_package(soname: str) -> str:
    """The Debian/Ubuntu package that ships ``soname`` (libxcb-icccm.so.4 → libxcb-icccm4)."""
    if soname in PACKAGE_EXCEPTIONS:
        return PACKAGE_EXCEPTIONS[soname]
    match = re.fullmatch(r"(lib.+?)\.so\.(\d+)(?:\.[\d.]*)?", soname)
    if match is None:
        return soname
    base, version = match[1].lower().replace("_", "-"), match[2]
    return f"{base}-{version}" if base[-1].isdigit() else f"{base}{version}"


def connection_problem(name: str, env: Mapping[str, str]) -> str | None:
    """Try to reach the display server the way the plugin will."""
    try:
        if name == "xcb":
            return _x11_problem(env.get("DISPLAY", ""))
        return _wayland_problem(env.get("WAYLAND_DISPLAY", ""))
    except (OSError, AttributeError):
        return None  # the client library itself is odd: let Qt try


def _x11_problem(display: str) -> str | None:
    xcb = ctypes.CDLL("libxcb.so.1")
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode() or None, None)
    try:
        failed = xcb.xcb_connection_has_error(connection)
    finally:
        xcb.xcb_disconnect(connection)
    if failed:
        return (
            f"wcconnector-gui cannot open its window: the X display {display!r} cannot be "
            "reached (no X server there, or this user may not use it). Check DISPLAY, or "
            "use the command-line companion `wcconnector`."
        )
    return None


def _wayland_problem(display: str) -> str | None:
    wayland = ctypes.CDLL("libwayland-client.so.0")
    wayland.wl_display_connect.restype = ctypes.c_void_p
    wayland.wl_display_connect.argtypes = [ctypes.c_char_p]
    wayland.wl_display_disconnect.argtypes = [ctypes.c_void_p]
    connection = wayland.wl_display_connect(display.encode() or None)
    if not connection:
        return (
            f"wcconnector-gui cannot open its window: the Wayland display {display!r} cannot "
            "be reached. Check WAYLAND_DISPLAY, or use the command-line companion `wcconnector`."
        )
    wayland.wl_display_disconnect(connection)
    return None
