"""Declarative rule data (``rules/``): the front matter schema, thresholds and word lists.

The built-in folder ships inside the package (built from the repository's ``rules/``);
a project's ``rules`` config folder overrides it file by file, so a team can replace the
schema and keep the built-in word lists.
"""

from __future__ import annotations

import json
import tomllib
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

from openaccess.config import ConfigError

SCHEMA_FILE = "frontmatter.schema.json"
THRESHOLDS_FILE = "thresholds.toml"
VAGUE_LINK_TEXT_FILE = "vague-link-text.txt"
PLAIN_WORDS_FILE = "plain-words.toml"
HARD_WORDS_FILE = "hard-words.toml"
HARD_WORDS_KEYS = ("familiar", "wordy", "padding", "light_verbs", "forms")
LANGUAGES_FILE = "languages.toml"


def builtin_rules_dir() -> Path:
    """The packaged defaults; in a source checkout without a build, the repository folder."""
    packaged = Path(str(resources.files("openaccess") / "_rules"))
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


class RuleData:
    def __init__(self, project_dir: Path | None = None) -> None:
        if project_dir is not None and not project_dir.is_dir():
            raise ConfigError(f"rules folder {project_dir} does not exist (config key 'rules')")
        self.project_dir = project_dir
        self.builtin_dir = builtin_rules_dir()

    def check_project_files(self) -> None:
        """Read now the word lists the project's rules folder replaces, so a mistake in
        one stops every run, not only the first that uses it (OA503 is opt-in: a broken
        ``hard-words.toml`` passed ``check`` for as long as nobody selected it)."""
        if self.project_dir is None:
            return
        for name, table in ((HARD_WORDS_FILE, "hard_words"), (PLAIN_WORDS_FILE, "plain_words")):
            if (self.project_dir / name).is_file():
                getattr(self, table)

    def path(self, name: str) -> Path:
        if self.project_dir is not None and (self.project_dir / name).is_file():
            return self.project_dir / name
        return self.builtin_dir / name

    def text(self, name: str) -> str:
        path = self.path(name)
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror.lower() if error.strerror else str(error)
            raise ConfigError(f"{path}: cannot read rule data: {reason}") from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            line_start = data.rfind(b"\n", 0, error.start) + 1
            column = len(data[line_start : error.start].decode("utf-8", "replace")) + 1
            raise ConfigError(
                f"{path}:{line}:{column}: not valid UTF-8: byte {error.start}"
                f" (0x{data[error.start : error.end].hex(' ')}) cannot be decoded;"
                " save the file as UTF-8"
            ) from None

    def toml(self, name: str) -> dict[str, Any]:
        try:
            return tomllib.loads(self.text(name))
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{self.path(name)}: not valid TOML: {error}") from None

    def json(self, name: str) -> Any:
        try:
            return json.loads(self.text(name))
        except json.JSONDecodeError as error:
            raise ConfigError(
                f"{self.path(name)}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
            ) from None

    def word_list(self, name: str) -> list[str]:
        """Non-empty lines that are not ``#`` comments."""
        lines = (line.strip() for line in self.text(name).splitlines())
        return [line for line in lines if line and not line.startswith("#")]

    @cached_property
    def thresholds(self) -> dict[str, Any]:
        return self.toml(THRESHOLDS_FILE)

    @cached_property
    def plain_words(self) -> dict[str, dict[str, Any]]:
        """Language -> {phrase: swap, or a table of where the swap fits}
        (``plain-words.toml``), checked once."""
        from openaccess.text.style import SWAP_KEYS

        tables = self.toml(PLAIN_WORDS_FILE)
        where = self.path(PLAIN_WORDS_FILE)
        for language, table in tables.items():
            if not isinstance(table, dict):
                raise ConfigError(f"{where}: [{language}] must map phrases to swaps")
            for phrase, value in table.items():
                problem = _swap_problem(value, SWAP_KEYS)
                if problem:
                    raise ConfigError(f'{where}: [{language}] "{phrase}": {problem}')
        return tables

    @cached_property
    def hard_words(self) -> dict[str, dict[str, list[str]]]:
        """Language -> {familiar, wordy, padding, light_verbs, forms: lists of
        words or phrases}
        (``hard-words.toml``, what OA503 counts as wordy), checked once."""
        tables = self.toml(HARD_WORDS_FILE)
        where = self.path(HARD_WORDS_FILE)
        for language, table in tables.items():
            if not isinstance(table, dict):
                raise ConfigError(f"{where}: [{language}] must be a table of word lists")
            forms = _form_names(table.get("forms"))
            for key, value in table.items():
                if key not in HARD_WORDS_KEYS:
                    known = ", ".join(HARD_WORDS_KEYS)
                    raise ConfigError(f"{where}: [{language}] unknown key '{key}' (known: {known})")
                if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
                    raise ConfigError(f"{where}: [{language}] {key} must be a list of strings")
                for entry in value:
                    problem = _hard_word_problem(key, entry, forms)
                    if problem:
                        raise ConfigError(f'{where}: [{language}] {key} "{entry}": {problem}')
        return tables

    @cached_property
    def languages(self) -> dict[str, dict[str, Any]]:
        """Language -> {name, formula, target} (``languages.toml``), checked once."""
        from openaccess.text.formulas import FORMULAS

        tables = self.toml(LANGUAGES_FILE)
        where = self.path(LANGUAGES_FILE)
        for language, table in tables.items():
            if not isinstance(table, dict) or table.get("formula") not in FORMULAS:
                known = ", ".join(sorted(FORMULAS))
                raise ConfigError(f"{where}: [{language}] formula must be one of: {known}")
            target = table.get("target")
            if target is None and table["formula"] != "flesch-kincaid":
                raise ConfigError(f"{where}: [{language}] needs a target (a number)")
            if target is not None and (
                isinstance(target, bool) or not isinstance(target, int | float)
            ):
                raise ConfigError(f"{where}: [{language}] target must be a number")
        return tables

    @property
    def builtin_schema(self) -> bool:
        """Whether the front matter schema is openaccess's own (no project schema)."""
        return self.path(SCHEMA_FILE) == self.builtin_dir / SCHEMA_FILE

    @cached_property
    def front_matter_schema(self) -> dict[str, Any]:
        """The schema, checked once to be valid JSON Schema (a config error if not). The
        built-in schema is not checked at every start: a test checks it, and importing
        jsonschema's meta-schemas costs a one-page check about 45 ms."""
        schema = self.json(SCHEMA_FILE)
        if self.builtin_schema:
            return schema
        from jsonschema import Draft202012Validator
        from jsonschema.exceptions import SchemaError

        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as error:
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            raise ConfigError(
                f"{self.path(SCHEMA_FILE)}: not a valid JSON Schema at {where}: {error.message}"
            ) from None
        if (missing := _unresolved_reference(schema)) is not None:
            raise ConfigError(
                f'{self.path(SCHEMA_FILE)}: "$ref": "{missing}" names nothing in the schema'
                " (openaccess reads no other schema file, and downloads none)"
            )
        return schema

    def fingerprint(self) -> str:
        """Hash of every data file in effect, for cache keys."""
        import hashlib

        digest = hashlib.sha256()
        names = {p.name for p in self.builtin_dir.iterdir() if p.is_file()}
        if self.project_dir is not None:
            names |= {p.name for p in self.project_dir.iterdir() if p.is_file()}
        for name in sorted(names):
            digest.update(name.encode())
            digest.update(self.path(name).read_bytes())
        return digest.hexdigest()


def _form_names(groups: Any) -> set[str]:
    """The names of a ``hard-words.toml`` ``forms`` list's groups (its entries' first
    words), for checking the ``{name}`` of each phrase; a list of anything else is
    reported as such when its key is checked."""
    if not isinstance(groups, list):
        return set()
    return {
        group.split()[0].lower() for group in groups if isinstance(group, str) and group.split()
    }


def _hard_word_problem(key: str, entry: str, forms: set[str]) -> str | None:
    """Why a ``hard-words.toml`` entry could never match a sentence, if it could not:
    sentences are matched word by word, as ``list_words`` splits them (no punctuation
    but the apostrophe), so "e.g." or a phrase that starts with ``*`` would be dead. In
    a wordy phrase, ``a|an`` is one of these words and ``{be}`` a ``forms`` group; a
    first word ``!{must}`` the words it is no sign after, a last word ``!understand``
    those it is no sign before; ``-> can`` what to write instead, where ``{let}`` is a
    ``forms`` group too."""
    from openaccess.text.style import ADVICE, NOT_AFTER, NOT_BEFORE

    phrase = key in ("wordy", "padding")
    pattern, advice = entry, ""
    if phrase and ADVICE in entry:
        pattern, advice = entry.split(ADVICE, 1)
    words = pattern.split()
    if phrase and words and words[0].startswith(NOT_AFTER):
        problem = _phrase_word_problem(words.pop(0)[1:], forms)
        if problem:
            return problem
    if phrase and words and words[-1].startswith(NOT_BEFORE):
        problem = _phrase_word_problem(words.pop()[1:], forms)
        if problem:
            return problem
    if not words:
        return "is empty"
    if not phrase and key != "forms" and len(words) > 1:
        return "must be one word"
    if words[0] == "*":
        return "must start with a word, not *"
    for word in words:
        if word == "*":
            continue
        problem = _phrase_word_problem(word, forms) if phrase else _word_problem(word)
        if problem:
            return problem
    for word in advice.split():
        if word.startswith("{") and word.endswith("}") and word[1:-1].lower() not in forms:
            return f"{word} names no group of the forms list"
    return None


def _phrase_word_problem(word: str, forms: set[str]) -> str | None:
    """What is wrong with one word of a wordy phrase (``a|an``, ``{be}``, ``*``)."""
    if word.startswith("{") and word.endswith("}"):
        return None if word[1:-1].lower() in forms else f"{word} names no group of the forms list"
    if word != "*" and any(_word_problem(w) for w in word.split("|")):
        return "must be words without punctuation (a sentence's words have none)"
    return None


def _word_problem(word: str) -> str | None:
    from openaccess.text.analysis import list_words

    if list_words(word) != [word]:
        return "must be words without punctuation (a sentence's words have none)"
    return None


def _swap_problem(value: Any, keys: tuple[str, ...]) -> str | None:
    """What is wrong with one plain-words entry, if anything."""
    if isinstance(value, str):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("use"), str):
        return "must be a string, or a table with a string 'use'"
    for key, item in value.items():
        if key not in keys:
            return f"unknown key '{key}' (known: {', '.join(keys)})"
        if key == "start" and not isinstance(item, bool):
            return "'start' must be true or false"
        if key not in ("use", "start") and (
            not isinstance(item, list) or not all(isinstance(word, str) for word in item)
        ):
            return f"'{key}' must be a list of strings"
    return None


def _unresolved_reference(schema: Any) -> str | None:
    """The first ``$ref`` of ``schema`` that points at nothing in it (``#/definitions/x``
    with no such definition, another file, a web address), which jsonschema would only
    find on the first page it validates. A schema with a nested ``$id`` (its own base for
    references) is left to jsonschema."""
    from referencing import Registry
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012

    references, nested_id = _references(schema)
    if nested_id:
        return None
    resolver = Registry().with_resource("", DRAFT202012.create_resource(schema)).resolver("")
    for reference in references:
        try:
            resolver.lookup(reference)
        except Unresolvable:
            return reference
    return None


def _references(schema: Any) -> tuple[list[str], bool]:
    """Every ``$ref`` in ``schema``, and whether a subschema below the top has an ``$id``."""
    references: list[str] = []
    nested_id = False
    stack = [(schema, True)]
    while stack:
        node, top = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                references.append(node["$ref"])
            nested_id = nested_id or (not top and "$id" in node)
            stack.extend((value, False) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, False) for value in node)
    return references, nested_id
