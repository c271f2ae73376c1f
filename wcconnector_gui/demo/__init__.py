"""The ``--demo`` mode: a throw-away database and sandbox store filled with sample data."""
