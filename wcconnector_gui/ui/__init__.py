"""The window (PySide6 only here; thin)."""

from wcconnector_gui.ui.signal_refcount import install as _install_signal_workaround

_install_signal_workaround()
