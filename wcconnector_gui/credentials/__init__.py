"""Secrets: the OS keyring (or this session only) and customer passwords waiting for the store."""
