"""Output formats for ``check``: pure functions from a CheckResult to text."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openaccess.linter import CheckResult

Reporter = Callable[["CheckResult", bool], str]

# format name -> module; each module defines render(result, color) -> str
FORMATS = {
    "text": "text",
    "concise": "concise",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}


def get_reporter(name: str) -> Reporter:
    module = importlib.import_module(f"openaccess.reporters.{FORMATS[name]}")
    return module.render
