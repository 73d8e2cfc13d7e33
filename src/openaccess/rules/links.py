"""Link rules (being written: see the links helper)."""
