"""openaccess: lint, score and publish accessible advice pages."""

__version__ = "0.1.0"
