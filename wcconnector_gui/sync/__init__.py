"""The sync engine: push, pull, suggest mapping and conflicts, run by the window, the CLI and tests.

``engine`` is the entry point; ``push`` and ``pull`` are the two directions;
``context`` is what one run shares; ``child`` runs a sync in a separate process
for the window; ``connection`` builds the store client from the setup. The
field-translation rules they apply live in ``wcconnector_gui.rules``.
"""
