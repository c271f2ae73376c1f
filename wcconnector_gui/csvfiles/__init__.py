"""CSV files users exchange with spreadsheets and ERPs: the dialect, customers, mappings."""
