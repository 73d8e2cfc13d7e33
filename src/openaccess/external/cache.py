"""Results of external link checks, kept between runs (``.openaccess/cache``).

Only links that worked are stored, each with the time it was checked: within
``[links] cache_max_age`` seconds a CI run reuses them instead of asking the server
again. Failures are never stored, so a broken link is always checked afresh. The file
is written atomically and a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import asdict

from openaccess.fsutil import atomic_write

CACHE_FILE = Path(".openaccess") / "cache" / "external-links.json"
FORMAT_VERSION = 1


class CachedResult(Struct):
    status: str  # "ok" or "redirected"
    code: int
    message: str
    final_url: str | None
    permanent: bool
    checked: float  # seconds since the epoch


class ResultCache:
    def __init__(self, file: Path, max_age: float, now: float | None = None) -> None:
        self.file = file
        self.max_age = max_age
        self.now = time.time() if now is None else now
        self.entries: dict[str, dict[str, Any]] = {}
        self.changed = False
        if max_age > 0:
            with contextlib.suppress(OSError, ValueError, TypeError):
                data = json.loads(file.read_text(encoding="utf-8"))
                if data.get("version") == FORMAT_VERSION and isinstance(data.get("links"), dict):
                    self.entries = data["links"]

    def get(self, url: str) -> CachedResult | None:
        entry = self.entries.get(url)
        if not entry or self.max_age <= 0:
            return None
        try:
            result = CachedResult(**entry)
        except TypeError:
            return None
        if self.now - result.checked >= self.max_age:
            return None
        return result

    def put(self, url: str, result: CachedResult) -> None:
        if self.max_age > 0:
            self.entries[url] = asdict(result)
            self.changed = True

    def forget(self, url: str) -> None:
        if self.entries.pop(url, None) is not None:
            self.changed = True

    def save(self) -> None:
        """Write atomically, dropping expired entries; errors mean no cache, not a crash."""
        if not self.changed:
            return
        fresh = {
            url: entry
            for url, entry in self.entries.items()
            if isinstance(entry, dict) and self.now - float(entry.get("checked", 0)) < self.max_age
        }
        document = {"version": FORMAT_VERSION, "links": fresh}
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.file.parent / ".gitignore"
            if not ignore.exists():
                atomic_write(ignore, "# Created by openaccess: never commit the cache.\n*\n")
            atomic_write(self.file, json.dumps(document, indent=0, sort_keys=True))
