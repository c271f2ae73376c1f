"""What the app is about, as plain data: customers, mappings, templates, setup, sync runs."""
