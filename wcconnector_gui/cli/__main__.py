"""``python -m wcconnector_gui.cli``: the same as the ``wcconnector`` command."""

import sys

from wcconnector_gui.cli.main import main

sys.exit(main())
