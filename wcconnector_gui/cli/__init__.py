"""``wcconnector``: the headless companion for schedulers (one module per command group)."""
