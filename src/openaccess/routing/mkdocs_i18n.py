"""mkdocs-static-i18n (1.3): one MkDocs build per language, as the plugin makes them.

With ``docs_structure: folder`` a page's language is its first folder (``docs/fr/guide.md``);
with ``suffix`` (the default) the suffix of its name (``guide.fr.md``); a file with neither
is the default language's. The default language is built at the site's top, each other
built language under ``/<locale>/``, and a page missing in a language is built there from
the default language's file (``fallback_to_default``). A link names a file as the plugin's
``I18nFiles.get_file_from_path`` finds it: in the page's language, then in the default
language, then as written (so ``../guide.md`` from ``docs/en/index.md`` is the English
guide). Languages with ``build: false`` are not built.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from msgspec import Struct

# The plugin's own test of a locale folder or suffix (mkdocs_static_i18n/config.py).
_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")


class I18n(Struct, frozen=True):
    folder: bool  # docs_structure: folder (else suffix)
    default: str  # the default language's locale
    built: tuple[str, ...]  # the locales built, the default first
    fallback: bool = True  # fallback_to_default

    def split(self, inside: str) -> tuple[str, str]:
        """A docs path's language and its path without it (the plugin's
        ``norm_src_uri``): ``fr/guide.md`` or ``guide.fr.md`` -> ("fr", "guide.md")."""
        if self.folder:
            first, _, rest = inside.partition("/")
            return (first, rest) if rest and _LOCALE.match(first) else (self.default, inside)
        folder, name = posixpath.split(inside)
        stem, extension = posixpath.splitext(name)
        base, dot, locale = stem.rpartition(".")
        if dot and base and _LOCALE.match(locale):
            return locale, posixpath.join(folder, base + extension)
        return self.default, inside

    def place(self, locale: str, path: str) -> str:
        """Where the build of ``locale`` puts the (language-free) docs path ``path``."""
        return path if locale == self.default else f"{locale}/{path}"

    def candidates(self, page: str, target: str) -> list[str]:
        """The docs paths a link from the page ``page`` to ``target`` (both docs paths,
        the link joined to the page's folder) may name, in the order the plugin tries.
        The file as written counts only when the page's language build holds it: from an
        English page, ``guide.fr.md`` names no file (MkDocs warns, and the link 404s)."""
        language = self.split(page)[0]
        as_written = [target] if self._built_with(target, language) else []
        if not self.folder:
            stem, extension = posixpath.splitext(target)
            found = [f"{stem}.{language}{extension}"]
            return [*found, f"{stem}.{self.default}{extension}", *as_written]
        first, _, rest = target.partition("/")
        if first in (language, self.default) and rest:
            other = self.default if first == language else language
            return [target, *([f"{other}/{rest}"] if self.fallback else []), rest]
        fallback = [f"{self.default}/{target}"] if self.fallback else []
        return [f"{language}/{target}", *fallback, *as_written]

    def _built_with(self, path: str, language: str) -> bool:
        """Whether the build of ``language`` holds the docs file ``path``: a file of that
        language, or of the default language where the build falls back to it."""
        own = self.split(path)[0]
        return own == language or (own == self.default and (language == own or self.fallback))

    def build_order(self, docs_paths: list[str]) -> list[int]:
        """The indices of ``docs_paths`` (MkDocs' walk order) in the order their
        language's build writes them. The plugin rebuilds each language's files from a
        dict keyed by the path without its language (``reconfigure_files``), in the order
        each key was first seen in the walk: by a file of that language, or of the default
        language when it falls back to it. A later file of the language takes the key's
        old place, so ``zh/sessions/index.md`` keeps the place of the English
        ``sessions/index.md``, and ``zh/sessions.md``, a new key, is written after it, over
        it (openai-agents-python's docs; checked with the plugin 1.3)."""
        split = [self.split(path) for path in docs_paths]
        first: dict[tuple[str, str], int] = {}
        for position, (locale, key) in enumerate(split):
            first.setdefault((locale, key), position)
            if locale == self.default and self.fallback:
                for other in self.built:
                    first.setdefault((other, key), position)
        return sorted(range(len(docs_paths)), key=lambda index: (first[split[index]], index))


def read_i18n(options: Any) -> I18n | None:
    """The plugin's settings (the ``i18n`` entry of ``plugins``); None without a
    default language it builds."""
    if not isinstance(options, dict):
        return None
    languages = [lang for lang in options.get("languages") or [] if isinstance(lang, dict)]
    built = [str(lang.get("locale")) for lang in languages if lang.get("build", True) is not False]
    default = next((str(lang.get("locale")) for lang in languages if lang.get("default")), None)
    if default is None or default not in built:
        return None
    return I18n(
        folder=options.get("docs_structure", "suffix") == "folder",
        default=default,
        built=(default, *(locale for locale in built if locale != default)),
        fallback=options.get("fallback_to_default", True) is not False,
    )
