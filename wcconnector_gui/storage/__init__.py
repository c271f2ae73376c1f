"""The app's own SQLite file: migrations, and one repository per table (all SQL lives here)."""
