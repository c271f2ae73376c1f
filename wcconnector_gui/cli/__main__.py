"""``python -m wcconnector_gui.cli``: the same as the ``wcconnector`` command."""

import sys

from wcconnector_gui.cli.main import main

if __name__ == "__main__":  # importing it (the Qt-free check does) runs nothing
    sys.exit(main())
