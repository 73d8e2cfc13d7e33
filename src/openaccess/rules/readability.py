"""Readability rules (being written: see the readability helper)."""
