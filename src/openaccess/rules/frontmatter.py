"""Front matter rules: present, readable, and valid against the schema in ``rules/``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from html import unescape
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

from msgspec import Struct

from openaccess.diagnostics import Category, Problem, Severity
from openaccess.frontmatter import to_json_compatible
from openaccess.parse.templates import is_hugo
from openaccess.rules.base import Option, Rule, RuleContext, at_least_one, register
from openaccess.titles import mkdocs_file_title, opens_with_heading, same_title

if TYPE_CHECKING:
    from openaccess.page import Page
    from openaccess.run.site import Site


class HtmlHead(Struct):
    """The title and description an HTML page's ``<head>`` gives."""

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
    not reported; with one, the message names the other. MkDocs titles a page by its
    entry in ``nav`` or its first level-1 heading: on an MkDocs site, either is enough.
    So is a level-1 to level-3 heading that opens the page on a Jekyll site with the
    ``jekyll-titles-from-headings`` plugin. The home page of a Hugo, Jekyll or MkDocs
    site needs none. The site's templates give it the site's own title: Hugo themes
    (``{{ if .IsHome }}{{ .Site.Title }}``), jekyll-seo-tag, Material for MkDocs. On an
    MkDocs site, the message names the title MkDocs makes of the file name instead
    ("Index" for ``guide/index.md``).

    MkDocs also takes ``key: value`` lines that open a page without ``---`` as front
    matter, up to the first blank line. These are MultiMarkdown's meta-data, as in
    Python-Markdown's docs: ``title: Change Log``.
    Hugo reads front matter after blank lines and spaces too, so openaccess does there.

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
            generator = context.site.router.generator
            if titled_by_site(page, context):
                return
            if not generator.title_heading_levels:
                yield Problem(
                    0, 0, "page has no front matter; add a '---' block with a title and description"
                )
            elif generator.name == "mkdocs":
                if _file_name_is_its_h1(page):
                    return
                yield Problem(
                    0,
                    0,
                    "page has no title of its own, so MkDocs titles it"
                    f" '{mkdocs_file_title(page.path.name)}' after its file name; start it with"
                    " a '# ' heading, give it a title in nav, or add a '---' block with a title",
                )
            else:
                yield Problem(
                    0,
                    0,
                    "page has no title; start it with a '# ' heading"
                    f" ({_TITLED_BY.get(generator.name, _TITLED_BY_SITE)}),"
                    " or add a '---' block with a title",
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


def _file_name_is_its_h1(page: Page) -> bool:
    """Whether the title MkDocs makes from the file name is the page's first level-1
    heading, case aside (``writable-nested-serializers.md`` under a quotation, then
    ``# Writable nested serializers``): readers see the right title, nothing to fix."""
    first = next((h for h in page.document.headings if h.level == 1), None)
    return first is not None and same_title(first.text, mkdocs_file_title(page.path.name))


# Who takes a page's title from its opening heading, on the sites where one does.
_TITLED_BY = {"jekyll": "the jekyll-titles-from-headings plugin takes the title from it"}
_TITLED_BY_SITE = "the site's generator takes the title from it"


def titled_by_site(page: Page, context: RuleContext) -> bool:
    """Whether the site's generator titles the page without front matter: MkDocs takes
    the title from the page's ``nav`` entry, else from a level-1 heading that opens it;
    jekyll-titles-from-headings from a heading of level 1 to 3 that opens it. On a Hugo,
    Jekyll or MkDocs site, the templates give the home page the site's own title (Hugo
    themes' ``{{ if .IsHome }}{{ .Site.Title }}``, jekyll-seo-tag, Material for MkDocs:
    the Homebrew, Jekyll and Textual sites' home pages have none of their own). Jekyll
    titles a post or other collection document after its file name."""
    generator = context.site.router.generator
    if generator.describes_pages and _is_home(page, context):
        return True
    relative = context.site.relative(page.path)
    if relative is not None and generator.titles_by_file_name(relative):
        return True
    if not generator.title_heading_levels:
        return False
    if context.site.relative(page.path) in generator.titled_pages:
        return True
    return opens_with_heading(page, generator.title_heading_levels)


def supplied_by_site(page: Page, context: RuleContext) -> frozenset[str]:
    """Required keys the generator does without: ``title`` when it titles the page
    itself, and ``description`` on a Hugo, Jekyll or MkDocs site, whose templates decide
    what a page without one gets (ruby-lang.org's 5,349 pages have none). Only the
    built-in schema is relaxed so: a project's schema means what it says."""
    if not context.data.builtin_schema:
        return frozenset()
    generator = context.site.router.generator
    if generator.headless(page.meta):
        return frozenset({"title", "description"})  # no head of its own to put them in
    supplied = {"description"} if generator.describes_pages else set()
    if titled_by_site(page, context) or (page.kind == "html" and html_head(page.text).title):
        supplied.add("title")
    return frozenset(supplied)


def _is_home(page: Page, context: RuleContext) -> bool:
    """Whether the page is published at the site's top address, or a language's."""
    relative = context.site.relative(page.path)
    route = context.site.router.route(relative) if relative is not None else None
    if route is None or route.url is None:
        return False
    return route.url == "/" or (route.language is not None and route.url == f"/{route.language}/")


@register
class InvalidFrontMatter(Rule):
    """
    ## What it does
    Reports front matter that its parser (YAML, TOML or JSON) cannot read, at the line
    and column the parser names. Also refuses front matter that is not a set of
    ``key: value`` pairs, and YAML that expands to a huge document (an "alias bomb").
    A ``---`` line that opens a page and is never closed is front matter left open. On
    an MkDocs site it is not: MkDocs reads it as the page's first line.

    For the mistakes writers make most, the message says what to change. A value holding
    ": " needs quotes (``title: "Rings: a guide"``). So does one starting with ``%``,
    ``@`` or a backtick. A double quote ends a value in double quotes, and a tab cannot
    indent. A quote or bracket never closed is reported where it opens.

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


# Keywords that assert nothing here: jsonschema checks "format" only with a format
# checker, which openaccess does not pass.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "title", "description", "default", "examples", "format"}
    | {"deprecated", "readOnly", "writeOnly"}
)
_JSON_TYPES = (str, int, float, bool, list, dict, type(None))
_TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "number": int | float,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}


def plainly_valid(schema: Any, instance: Any) -> bool:
    """Whether ``instance`` is surely valid against ``schema``, decided without importing
    jsonschema (about 45 ms of a one-page check's start). Anything else, an invalid
    instance or a keyword :func:`_decide` does not know, goes to jsonschema, which writes
    every message."""
    return _decide(schema, instance) is True


def _decide(schema: Any, instance: Any) -> bool | None:
    """JSON Schema 2020-12's verdict for the keywords in ``_KEYWORDS`` (True or False), or
    None when the schema or the instance holds anything else."""
    if isinstance(schema, bool):
        return schema
    if not isinstance(schema, dict) or not isinstance(instance, _JSON_TYPES):
        return None
    if any(key not in _KEYWORDS and key not in _ANNOTATIONS for key in schema):
        return None
    verdict: bool | None = True
    for key, value in schema.items():
        if key in _KEYWORDS:
            verdict = _both(verdict, _KEYWORDS[key](value, instance, schema))
            if verdict is False:
                return False
    return verdict


def _both(first: bool | None, second: bool | None) -> bool | None:
    if first is False or second is False:
        return False
    return None if first is None or second is None else True


def _all(verdicts: Iterator[bool | None]) -> bool | None:
    verdict: bool | None = True
    for each in verdicts:
        verdict = _both(verdict, each)
        if verdict is False:
            break
    return verdict


def _any(verdicts: list[bool | None]) -> bool | None:
    """True when one verdict is True, else None when one is unknown, else False."""
    return True if True in verdicts else (None if None in verdicts else False)


def _is_type(instance: Any, name: Any) -> bool | None:
    if isinstance(name, list):
        return _any([_is_type(instance, each) for each in name])
    if name in ("integer", "number") and isinstance(instance, bool):
        return False
    if name == "integer" and isinstance(instance, float):
        return instance.is_integer()  # jsonschema counts 2.0 as an integer
    kind = _TYPES.get(name) if isinstance(name, str) else None
    return None if kind is None else isinstance(instance, kind)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same_plain_value(instance: Any, value: Any) -> bool | None:
    """JSON equality for text, true/false and null; None for numbers and containers."""
    if isinstance(instance, str) or instance is None or isinstance(instance, bool):
        return type(value) is type(instance) and value == instance
    return None


def _enum(values: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(values, list):
        return None
    return _any([_same_plain_value(instance, value) for value in values])


def _pattern(pattern: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(instance, str):
        return True
    try:
        return pattern_search(pattern, instance)  # as jsonschema searches
    except (PatternTooSlow, ValueError, TypeError):  # regex.error is a ValueError
        return None


# A project schema's patterns run on text page authors write: one that backtracks badly
# (``^([A-Za-z]+ ?)+$`` on a title of 34 letters and a "!" took minutes) must not hang a
# run, so each search gets the ``regex`` module's time limit.
PATTERN_SECONDS = 1.0


class PatternTooSlow(Exception):
    """A schema pattern did not finish within PATTERN_SECONDS on a value."""


def pattern_search(pattern: str, text: str) -> bool:
    """``re.search(pattern, text)``, as jsonschema runs ``pattern``, within the time limit."""
    import regex

    try:
        return regex.search(pattern, text, timeout=PATTERN_SECONDS) is not None
    except TimeoutError:
        raise PatternTooSlow(pattern) from None


def _bound(test: Callable[[Any, Any], bool]) -> Callable[[Any, Any, Any], bool | None]:
    def check(limit: Any, instance: Any, _schema: Any) -> bool | None:
        if not _number(limit):
            return None
        return test(instance, limit) if _number(instance) else True

    return check


def _length(test: Callable[[int, int], bool]) -> Callable[[Any, Any, Any], bool | None]:
    def check(limit: Any, instance: Any, _schema: Any) -> bool | None:
        if not isinstance(limit, int) or isinstance(limit, bool):
            return None
        return test(len(instance), limit) if isinstance(instance, str) else True

    return check


def _required(names: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(names, list):
        return None
    return all(name in instance for name in names) if isinstance(instance, dict) else True


def _properties(properties: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(properties, dict):
        return None
    if not isinstance(instance, dict):
        return True
    return _all(
        _decide(properties[key], item) for key, item in instance.items() if key in properties
    )


def _additional(extra: Any, instance: Any, schema: Any) -> bool | None:
    if not isinstance(instance, dict):
        return True
    known = schema.get("properties", {})
    if not isinstance(known, dict):
        return None
    return _all(_decide(extra, item) for key, item in instance.items() if key not in known)


def _items(items: Any, instance: Any, _schema: Any) -> bool | None:
    return _all(_decide(items, item) for item in instance) if isinstance(instance, list) else True


def _one_of(schemas: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(schemas, list):
        return None
    found = [_decide(each, instance) for each in schemas]
    return None if None in found else found.count(True) == 1


def _any_of(schemas: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(schemas, list):
        return None
    return _any([_decide(each, instance) for each in schemas])


def _all_of(schemas: Any, instance: Any, _schema: Any) -> bool | None:
    if not isinstance(schemas, list):
        return None
    return _all(_decide(each, instance) for each in schemas)


def _not(schema: Any, instance: Any, _schema: Any) -> bool | None:
    verdict = _decide(schema, instance)
    return None if verdict is None else not verdict


_KEYWORDS: dict[str, Callable[[Any, Any, Any], bool | None]] = {
    "type": lambda name, instance, _schema: _is_type(instance, name),
    "enum": _enum,
    "const": lambda value, instance, schema: _enum([value], instance, schema),
    "required": _required,
    "properties": _properties,
    "additionalProperties": _additional,
    "items": _items,
    "minLength": _length(lambda length, limit: length >= limit),
    "maxLength": _length(lambda length, limit: length <= limit),
    "pattern": _pattern,
    "minimum": _bound(lambda number, limit: number >= limit),
    "maximum": _bound(lambda number, limit: number <= limit),
    "exclusiveMinimum": _bound(lambda number, limit: number > limit),
    "exclusiveMaximum": _bound(lambda number, limit: number < limit),
    "oneOf": _one_of,
    "anyOf": _any_of,
    "allOf": _all_of,
    "not": _not,
}


@lru_cache(maxsize=8)
def _validator(schema_json: str) -> Any:
    import json

    from jsonschema import Draft202012Validator, validators

    timed = {
        "pattern": _timed_pattern,
        "patternProperties": _timed_pattern_properties,
        "additionalProperties": _timed_additional_properties,
    }
    return validators.extend(Draft202012Validator, timed)(json.loads(schema_json))


_SLOW = "the schema's pattern {!r} takes too long on this value: make the pattern simpler"


def _timed_pattern(validator: Any, pattern: str, instance: Any, _schema: Any) -> Iterator[Any]:
    """jsonschema's ``pattern``, each search within PATTERN_SECONDS."""
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "string"):
        return
    try:
        if not pattern_search(pattern, instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")
    except PatternTooSlow:
        yield ValidationError(_SLOW.format(pattern), validator="pattern-too-slow")


def _timed_pattern_properties(
    validator: Any, patterns: dict[str, Any], instance: Any, _schema: Any
) -> Iterator[Any]:
    """jsonschema's ``patternProperties``, each search within PATTERN_SECONDS."""
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    for pattern, subschema in patterns.items():
        for key, value in instance.items():
            try:
                matched = pattern_search(pattern, key)
            except PatternTooSlow:
                yield ValidationError(_SLOW.format(pattern), validator="pattern-too-slow")
                continue
            if matched:
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def _timed_additional_properties(
    validator: Any, allowed: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[Any]:
    """jsonschema's ``additionalProperties``, whose patterns from ``patternProperties``
    run within PATTERN_SECONDS (a key too slow to match counts as matched: its own
    error comes from ``patternProperties``). The rest is jsonschema's own code, from its
    private ``_keywords`` module (there from 4.18; pyproject asks for 4.20 or newer)."""
    from jsonschema import _keywords

    if not validator.is_type(instance, "object") or "patternProperties" not in schema:
        yield from _keywords.additionalProperties(validator, allowed, instance, schema)
        return
    properties = schema.get("properties", {})
    patterns = list(schema["patternProperties"])
    unmatched = {
        key: value
        for key, value in instance.items()
        if key not in properties and not any(_matched(p, key) for p in patterns)
    }
    bare = {k: v for k, v in schema.items() if k not in ("properties", "patternProperties")}
    yield from _keywords.additionalProperties(validator, allowed, unmatched, bare)


def _matched(pattern: str, key: str) -> bool:
    try:
        return pattern_search(pattern, key)
    except PatternTooSlow:
        return True


@register
class FrontMatterSchema(Rule):
    """
    ## What it does
    Validates front matter against the JSON Schema in ``rules/frontmatter.schema.json``.
    By default ``title`` and ``description`` must be non-empty strings (a number is a
    title too: ``title: 404`` shows as 404, as generators show it). Known keys
    (``lang``, ``date``, ``audience``, ``reading_age``, ``orphan``...) must have the right
    type. The schema allows other keys, unless it sets ``"additionalProperties": false``.
    Each message names the key and what it should hold.

    On a Hugo, Jekyll or MkDocs site, the built-in schema needs no ``description``: the
    site's templates decide what a page without one gets. One left empty
    (``description:``) counts as none, as it does there. Nor does it need a ``title``
    where MkDocs titles the page: its ``nav`` entry or first level-1 heading. The same
    goes where ``jekyll-titles-from-headings`` takes it from the page's opening heading.
    Jekyll titles a post or other collection document after its file name.
    An HTML page's own ``<title>`` is enough too. The site's home page takes the site's
    title.
    A Jekyll page with ``layout: null`` is a fragment with no head: it needs neither.
    Nor does one with ``redirect_to``: jekyll-redirect-from writes its own page there.
    Hugo reads keys of any case (``Title:`` is the title); Jekyll and MkDocs do not.

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
        schema = context.data.front_matter_schema
        supplied = supplied_by_site(page, context)
        instance = _without_empty(to_json_compatible(page.meta), supplied)
        if plainly_valid(schema, instance):
            return
        import json

        validator = _validator(json.dumps(schema, sort_keys=True))
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            if error.validator == "required" and _missing_key(error) in supplied:
                continue
            key = ".".join(str(part) for part in error.absolute_path)
            offset = _key_offset(page, key.split(".")[0] if key else "")
            yield Problem(offset, offset, _describe(error, key))


def _without_empty(instance: Any, supplied: frozenset[str]) -> Any:
    """The front matter without the keys the site supplies that are left empty
    (``description:``): a generator's templates treat one so as missing (vitess.io's 125
    pages with an empty description build like those without one)."""
    if not supplied or not isinstance(instance, dict):
        return instance
    return {
        key: value
        for key, value in instance.items()
        if not (key in supplied and (value is None or value == "" or value == []))
    }


def _missing_key(error: Any) -> str:
    """The key a ``required`` error names ("'title' is a required property")."""
    return error.message.split("'")[1] if "'" in error.message else error.message


def _describe(error: Any, key: str) -> str:
    validator = error.validator
    if validator == "required":
        return f"front matter is missing the required key '{_missing_key(error)}'"
    where = f"front matter key '{key}'" if key else "front matter"
    expected = error.schema
    if validator == "pattern-too-slow":
        return f"{where}: {error.message}"
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
        content = "\n" + page.text[block.content_start : block.content_end]
        # Hugo (frontmatter.case_folded) and MkDocs' meta-data lines read keys of any case.
        folded = is_hugo(page.dialect) or block.format == "meta"
        flags = re.IGNORECASE if folded else 0
        found = re.search(rf'\n(?:{re.escape(key)}(?::| ?=)|"{re.escape(key)}")', content, flags)
        if found is not None:
            return block.content_start + found.start()
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
    options = {
        "max_length": Option(int, "Longest description in characters.", validate=at_least_one)
    }

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


class _AddressProblems(Rule):
    """The routing mistakes of ``severity_reported`` that the router found on the page:
    rules, so that they count in the summary and the exit code, reach JSON, SARIF and
    JUnit, and can be suppressed or kept in a baseline like any finding."""

    severity_reported: ClassVar[str]
    page_level = True
    reads_other_pages = True  # another page may take the address

    def check(self, page: Page, context: RuleContext) -> Iterator[Problem]:
        relative = context.site.relative(page.path)
        if relative is None:
            return
        by_source = context.site.shared(_ProblemsBySource, _problems_by_source)
        for problem in by_source.get(relative, ()):
            if problem.severity == self.severity_reported:
                key = next((key for key in problem.keys if key in page.meta), "")
                offset = _key_offset(page, key) if key else 0
                shown = partial(_shown_beside, page.display_path, relative)
                yield Problem(offset, offset, problem.text(shown))


class _ProblemsBySource(dict):
    """The site's routing mistakes by page (found once per run, not once per page)."""


def _problems_by_source(site: Site) -> _ProblemsBySource:
    found = _ProblemsBySource()
    for problem in site.router.site.problems:
        found.setdefault(problem.source, []).append(problem)
    return found


def _shown_beside(display: str, relative: PurePosixPath, other: PurePosixPath) -> str:
    """``other`` (a path in the site) named as the finding names its own page: the page
    ``pages/b.md`` is ``b.md`` in the site, so ``a.md`` is shown as ``pages/a.md``."""
    own = relative.as_posix()
    prefix = display[: -len(own)] if display.endswith(own) else ""
    return prefix + other.as_posix()


@register
class AddressConflict(_AddressProblems):
    """
    ## What it does
    Reports a page the site cannot publish at its address. Either another page has the
    same address (by its ``permalink``, ``url``, ``slug`` or file name), or the
    ``url`` or ``slug`` is no usable address. Such are ``..``, a hidden name, a full web
    address, and a name too long for a file system.

    ## Why it matters
    Of two pages at one address, one never reaches readers. Jekyll and Hugo write one
    over the other, and ``openaccess publish`` leaves the second out. Links to the lost
    page lead to the other one.

    ## Example
    ```yaml
    ---
    title: Ring sizes
    permalink: /guides/
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: Ring sizes
    permalink: /guides/ring-sizes/
    ---
    ```
    """

    code = "OA105"
    name = "address-conflict"
    category = Category.FRONTMATTER
    severity = Severity.ERROR
    summary = "Two pages at one address, or a url or slug that cannot be an address."
    severity_reported = "error"


@register
class FragileAddress(_AddressProblems):
    """
    ## What it does
    Warns of an address that works here but not everywhere. One is an alias
    (``aliases``, ``redirect_from``) that cannot be written or that another page takes.
    Another is two addresses that differ only in letter case or accents. So is a page MkDocs
    leaves out for a conflict (``guide.md`` beside ``guide/index.md``).

    ## Why it matters
    Old links that should lead readers on end at a missing page. On macOS and Windows,
    addresses that differ only in letter case are one file, so a site built there keeps
    one of the two pages.

    ## Example
    ```yaml
    ---
    title: Pricing
    url: /guides/Pricing/
    ---
    ```

    ## Use instead
    ```yaml
    ---
    title: Pricing
    url: /guides/pricing-in-detail/
    ---
    ```
    """

    code = "OA106"
    name = "fragile-address"
    category = Category.FRONTMATTER
    severity = Severity.WARNING
    summary = "An alias that cannot be written, or addresses that differ only in letter case."
    severity_reported = "warning"
