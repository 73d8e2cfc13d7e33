"""Front matter rules: present, readable, and valid against the schema in ``rules/``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from typing import TYPE_CHECKING, Any

from openaccess.diagnostics import Category, Problem, Severity
from openaccess.frontmatter import to_json_compatible
from openaccess.rules.base import Option, Rule, RuleContext, register

if TYPE_CHECKING:
    from openaccess.page import Page


@dataclass
class HtmlHead:
    title: str = ""
    description: str = ""


# Linear by construction: a tag never runs past the next '<', nor a quoted value.
_HEAD_TAG = re.compile(r"""<(title|meta|body)\b((?:"[^"<]*"|'[^'<]*'|[^<>"'])*)>""", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_TITLE_END = re.compile(r"</title\s*>", re.IGNORECASE)


def html_head(text: str) -> HtmlHead:
    """The title and description an HTML page's head gives (empty when absent), read in
    one pass that stops at ``<body>``."""
    head = HtmlHead()
    position = 0
    while match := _HEAD_TAG.search(text, position):
        tag = match.group(1).lower()
        position = match.end()
        if tag == "body":
            break
        if tag == "title" and not head.title:
            end = _TITLE_END.search(text, position)
            if end is None:
                break
            head.title = unescape(" ".join(text[position : end.start()].split()))
            position = end.end()
        elif tag == "meta":
            values = {
                m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
                for m in _ATTRIBUTE.finditer(match.group(2))
            }
            if values.get("name", "").lower() == "description":
                head.description = unescape(values.get("content", "")).strip()
    return head


def _front_matter_span(page: Page) -> tuple[int, int]:
    block = page.front_matter_block
    return (block.start, block.content_start) if block else (0, 0)


@register
class MissingFrontMatter(Rule):
    """
    ## What it does
    Reports a page that has no front matter block at the top. An HTML page may instead
    carry its title and description in its head, where browsers and search engines read
    them: ``<title>`` and ``<meta name="description" content="...">``. With both, it is
    not reported; with one, the message names the other.

    ## Why it matters
    The front matter gives the page its title (the level-1 heading and the browser tab
    name, WCAG 2.4.2) and its description (search results, link previews). Without it,
    readers of a screen reader hear the file name as the page title.

    ## Example
    ```markdown
    Thank you for reaching out...
    ```

    ## Use instead
    ```markdown
    ---
    title: Advice for jewelers
    description: How to start a career as a jeweler.
    ---

    Thank you for reaching out...
    ```
    """

    code = "OA101"
    name = "missing-front-matter"
    category = Category.FRONTMATTER
    severity = Severity.ERROR
    summary = "Page has no front matter (title, description)."
    wcag = "2.4.2 Page Titled (A)"
    page_level = True

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        if page.front_matter_block is not None or page.front_matter_error is not None:
            return
        if page.kind != "html":
            yield Problem(
                0, 0, "page has no front matter; add a '---' block with a title and description"
            )
            return
        head = html_head(page.text)
        missing = [
            tag
            for tag, found in (
                ("<title>", head.title),
                ('<meta name="description" content="...">', head.description),
            )
            if not found
        ]
        if missing:
            yield Problem(
                0,
                0,
                f"page has no front matter and no {' or '.join(missing)}; add"
                f" {'it' if len(missing) == 1 else 'them'} to the page's head, or a '---' block"
                " with a title and description",
            )


@register
class InvalidFrontMatter(Rule):
    """
    ## What it does
    Reports front matter that its parser (YAML, TOML or JSON) cannot read, at the line
    and column the parser names. Also refuses front matter that is not a set of
    ``key: value`` pairs, and YAML that expands to a huge document (an "alias bomb").

    ## Why it matters
    When front matter cannot be read, the site generator either fails or publishes the
    page without a title and description: readers get an untitled page.

    ## Example
    ```yaml
    ---
    title: Metrics
    tags:
      - %
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: Metrics
    tags:
      - "%"
    ---
    ```
    """

    code = "OA102"
    name = "invalid-front-matter"
    category = Category.FRONTMATTER
    severity = Severity.ERROR
    summary = "Front matter cannot be parsed."

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        error = page.front_matter_error
        if error is not None:
            offset = page.lines.offset(error.line, error.column)
            yield Problem(offset, offset, error.message)


@lru_cache(maxsize=8)
def _validator(schema_json: str) -> Any:
    import json

    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_json))


@register
class FrontMatterSchema(Rule):
    """
    ## What it does
    Validates front matter against the JSON Schema in ``rules/frontmatter.schema.json``.
    By default ``title`` and ``description`` must be non-empty strings. Known keys
    (``lang``, ``date``, ``audience``, ``reading_age``, ``orphan``...) must have the right
    type. The schema allows other keys, unless it sets ``"additionalProperties": false``.
    Each message names the key and what it should hold.

    ## Why it matters
    Templates and search engines read these keys. A missing title means an untitled
    page (WCAG 2.4.2); a title that is a list renders as ``['a', 'b']``.

    ## Example
    ```yaml
    ---
    title: ""
    reading_age: nine
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: Getting started
    description: Your first week as an apprentice jeweler.
    reading_age: 9
    ---
    ```
    """

    code = "OA103"
    name = "front-matter-schema"
    category = Category.FRONTMATTER
    severity = Severity.ERROR
    summary = "Front matter does not match the schema (required keys, types)."
    wcag = "2.4.2 Page Titled (A)"

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        if page.front_matter_block is None or page.front_matter_error is not None:
            return
        import json

        validator = _validator(json.dumps(context.data.front_matter_schema, sort_keys=True))
        instance = to_json_compatible(page.meta)
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            key = ".".join(str(part) for part in error.absolute_path)
            offset = _key_offset(page, key.split(".")[0] if key else "")
            yield Problem(offset, offset, _describe(error, key))


def _describe(error: Any, key: str) -> str:
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"front matter is missing the required key '{missing}'"
    where = f"front matter key '{key}'" if key else "front matter"
    expected = error.schema
    if validator == "type":
        return f"{where} must be {_type_words(expected.get('type'))}, got {_value(error.instance)}"
    if validator in ("minLength", "pattern") and isinstance(error.instance, str):
        if not error.instance.strip():
            return f"{where} must not be empty"
        return f"{where} does not have the expected form ({expected.get('pattern')})"
    if validator == "additionalProperties":
        return f"{where}: {error.message} (the schema forbids unknown keys)"
    if validator == "enum":
        options = ", ".join(repr(v) for v in expected.get("enum", []))
        return f"{where} must be one of {options}, got {_value(error.instance)}"
    return f"{where}: {error.message}"


def _type_words(kind: Any) -> str:
    words = {
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "array": "a list",
        "object": "a set of key: value pairs",
        "null": "empty",
    }
    if isinstance(kind, list):
        return " or ".join(words.get(k, k) for k in kind)
    return words.get(kind, str(kind))


def _value(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of key: value pairs"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _key_offset(page: Page, key: str) -> int:
    """Offset of a top-level key's line in the front matter, else the opening delimiter."""
    block = page.front_matter_block
    if block is None:
        return 0
    if key:
        content = page.text[block.content_start : block.content_end]
        for candidate in (f"\n{key}:", f'\n"{key}"', f"\n{key} =", f"\n{key}="):
            found = ("\n" + content).find(candidate)
            if found >= 0:
                return block.content_start + found
    return block.start


@register
class LongDescription(Rule):
    """
    ## What it does
    Warns when the front matter ``description`` is longer than ``max_length``
    characters (default 160).

    ## Why it matters
    Search engines and link previews cut long descriptions mid-sentence, so readers
    deciding whether a page answers their question see a broken summary.

    ## Example
    ```yaml
    description: >-
      This page, which we wrote for everybody who is thinking about a career in
      jewelry, explains in detail the many different routes into the trade and
      what each one of them costs you.
    ```

    ## Use instead
    ```yaml
    description: The routes into a jewelry career, and what each one costs.
    ```
    """

    code = "OA104"
    name = "long-description"
    category = Category.FRONTMATTER
    severity = Severity.WARNING
    summary = "Front matter description is too long for search results."
    options = {"max_length": Option(int, "Longest description in characters.")}

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        description = page.meta.get("description")
        limit = context.options["max_length"]
        if isinstance(description, str) and len(description.strip()) > limit:
            offset = _key_offset(page, "description")
            yield Problem(
                offset,
                offset,
                f"description is {len(description.strip())} characters; keep it to {limit}"
                " so search results show it whole",
            )
