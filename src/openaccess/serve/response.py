"""What serve answers to one request (shared by the live site and the page views)."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct


class Response(Struct):
    """One answer to a GET: ``body``, or the file at ``file`` sent as it is."""

    status: int
    content_type: str
    body: bytes = b""
    file: Path | None = None
    page: Path | None = None  # the source page behind it, if any
