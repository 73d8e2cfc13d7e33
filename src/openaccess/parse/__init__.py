"""Parsers that turn a page body (Markdown or HTML) into a :class:`~openaccess.document.Document`."""
