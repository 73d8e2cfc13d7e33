"""One module per command; each imports its heavy dependencies lazily."""
