"""Parsers that turn a page body (Markdown or HTML) into a ``Document`` outline."""
