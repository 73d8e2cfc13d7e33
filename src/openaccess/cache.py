"""The content-hash cache behind near-instant re-runs (``.openaccess/cache``).

A page's findings are reused when nothing they depend on has changed:

* the run's *namespace*: openaccess version, the code of openaccess itself, the rule data,
  the configuration and ``--select``/``--ignore``. Any change there starts a fresh cache
  folder, so an edited threshold never serves stale findings;
* the page's own content (hash of its decoded text);
* every other page the checks read (link anchors), by content hash;
* the site: its generator's settings, the built site's map (every output file and
  where it comes from: adding a page can fix a broken link anywhere, a new ``slug`` moves
  a page) and the files its templates, includes, data and hooks are (a shortcode that
  now writes an id fixes links to it). A change there empties the cache.

Site-wide rules are cached as one entry keyed by every page's content hash. Entries are
keyed by the page's path in the project, so the cache stays as big as the site.

The cache is **portable**: nothing in it or in its keys depends on where the project
lies. Paths are relative to the project folder (files outside it are named by their file
name), settings are described by their values, not by a ``repr`` that holds absolute
paths, so a cache made in one checkout is used by another on any machine (CI restores
it with ``actions/cache``).

Writing is atomic; a cache that cannot be read or written is ignored, never an error. A
cache folder that is a symlink (a hostile checkout can commit one) is neither read nor
written: see :func:`cache_refusal`. Entries are untrusted input; their users validate
them.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import hashlib
import json
import os
import re
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from openaccess import __version__
from openaccess.config import Config
from openaccess.fsutil import atomic_write, inside_root, opened_without_blocking, unsafe_folder
from openaccess.source import SourceError

if TYPE_CHECKING:
    from openaccess.run.project import Project

CACHE_DIR = Path(".openaccess") / "cache"
FORMAT_VERSION = 7
# Entries are spread over this many files by the hash of their key. Few enough that a cold
# run does not wait on creating hundreds of files (256 cost a tenth of a 500-page
# publish); many enough that a one-page check of a large site reads and writes a small
# part of its cache. Files are named by two hex digits: at most 256, and a divisor of 256,
# so that each file takes as many hash values as the others.
_SHARDS = 64
_KEEP_NAMESPACES = 8  # older namespaces (other configs) beyond this are removed
_SHARD_FILE = re.compile(r"[0-9a-f]{2}\.json")
SITE_ENTRY = "<site>"
FRONT_MATTER_FILE = "front-matter.json"


def cache_refusal(root: Path, namespace: str = "", *, ask_git: bool = True) -> str | None:
    """Why the project's ``.openaccess/cache`` folder (and its ``namespace`` folder, when
    given) must not be used, as a note for the user; None when it is safe. A part of it
    that is a symlink or not a folder could send reads and writes elsewhere. Files in it
    that git tracks came with a commit, not from an earlier run: a pull request could
    commit entries that say every page is clean. Without ``ask_git`` (the run has just
    asked), git is not asked again: each question starts a process."""
    why = unsafe_folder(root, CACHE_DIR / namespace)
    if why is not None:
        return f"{why}; the cache is not used (remove it to use one)"
    folder = root / CACHE_DIR
    if ask_git and folder.is_dir() and any(folder.iterdir()):
        from openaccess.gitfiles import tracks_files_in

        if tracks_files_in(folder):
            shown = CACHE_DIR.as_posix()
            return (
                f"{shown} holds files committed to git; the cache is not used (run"
                f" 'git rm -r --cached {shown}' to use one)"
            )
    return None


@functools.cache
def _code_signature() -> str:
    """Hash of every file of the installed openaccess package (code and data): a rule
    edited in a checkout invalidates the cache without a version bump, while a fresh
    install of the same version in CI (new file times) keeps it. About 2 MB, read once
    per process (publish keys both its caches with it)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _rule_data_signature(config: Config) -> str:
    from openaccess.ruledata import builtin_rules_dir

    digest = hashlib.sha256()
    for folder in (builtin_rules_dir(), config.rules_dir):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            with contextlib.suppress(OSError):
                digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def namespace(config: Config, selection: Iterable[object], root: Path) -> str:
    """The cache file's name: what every entry in it depends on. ``root`` is the project
    folder; the configuration is described relative to its own folder (see
    :func:`portable`)."""
    parts = [
        str(FORMAT_VERSION),
        _code_signature(),
        _rule_data_signature(config),
        _described(config, config.root),
        _described(list(selection), config.root),
        _portable_path(root, config.root),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


# Settings whose text values are file paths (config keys, folder configs' values).
_PATH_SETTINGS = frozenset({"root", "source", "pages", "rules", "extend", "output", "templates"})


def portable(value: Any, root: Path, path_valued: bool = False) -> Any:
    """``value`` as plain data that is the same in every checkout of the project at
    ``root``: paths relative to it (a path outside it by its name only: where a theme is
    installed does not change a finding), structs as their fields, dicts with sorted
    keys. A struct's private fields (a generator's working state) and those its class
    lists in ``UNKEYED`` (a generator's clock: its effect is in the site map) are left
    out."""
    if isinstance(value, Path) or (path_valued and isinstance(value, str) and value):
        return _portable_path(Path(value), root)
    if isinstance(value, Struct):
        unkeyed = getattr(value, "UNKEYED", frozenset())
        return {
            name: portable(getattr(value, name), root, name in _PATH_SETTINGS)
            for name in value.__struct_fields__
            if not name.startswith("_") and name not in unkeyed
        } | {"": type(value).__name__}
    if isinstance(value, dict):
        return {
            str(key): portable(item, root, key in _PATH_SETTINGS)
            for key, item in sorted(value.items(), key=lambda pair: str(pair[0]))
        }
    if isinstance(value, list | tuple | set | frozenset):
        items = [portable(item, root) for item in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return repr(value)  # dates, compiled patterns, path specs: their text


def _portable_path(path: Path, root: Path) -> str:
    if not path.is_absolute():
        return path.as_posix()
    relative = os.path.relpath(path, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return f"<outside>/{path.name}"
    return Path(relative).as_posix()


def _described(value: Any, root: Path) -> str:
    return json.dumps(portable(value, root), sort_keys=True, ensure_ascii=False)


def site_state(project: Project) -> str:
    """What every cached result depends on besides its own page: the built site's map,
    every output file and where it comes from (adding a page can fix a broken link
    anywhere; a new ``slug`` moves a page), and the generator's settings."""
    described = _described(project.generator, project.root)
    digest = hashlib.sha256(described.encode("utf-8", "surrogatepass"))
    site = project.router.site
    for file, output in sorted(site.outputs.items()):
        line = f"{file}\0{output.kind}\0{output.source}\n"
        digest.update(line.encode("utf-8", "surrogatepass"))
    for source, route in sorted(site.pages.items()):
        unbuilt = f"\0{route.unbuilt.file}" if route.unbuilt is not None else ""
        digest.update(f"{source}\0{route.reason}{unbuilt}\n".encode("utf-8", "surrogatepass"))
    for file, (output, page) in sorted(site.unbuilt_files.items()):
        digest.update(f"{file}\0{output.source}\0{page}\n".encode("utf-8", "surrogatepass"))
    if project.site.skips_ignored:  # links into ignored paths are not judged (Site)
        for rules in _ignore_rules(project.root):
            digest.update(rules)
    for name, content in _build_input_hashes(project.root, project.generator.build_inputs()):
        digest.update(f"{name}\0{content}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _build_input_hashes(root: Path, inputs: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(project path, content hash) of each file in the generator's other inputs (see
    ``Generator.build_inputs``): a shortcode template that now writes an id changes
    findings on the pages that call it. Symlinks are not followed."""
    for written in inputs:
        top = root / written
        if top.is_file() and not top.is_symlink():
            yield written, _file_hash(top)
            continue
        for folder, folders, files in os.walk(top):
            folders.sort()
            for name in sorted(files):
                path = Path(folder, name)
                if not path.is_symlink():
                    yield path.relative_to(root).as_posix(), _file_hash(path)


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # unreadable: the generator reads nothing from it either
        return ""


def _ignore_rules(root: Path) -> list[bytes]:
    """The .gitignore files git reads for the project folder: its own and its parents'
    up to the repository's top (those below hold no site source path, as a rule)."""
    from openaccess.routing.detect import project_folders

    found = []
    for folder in project_folders(root):
        try:
            found.append((folder / ".gitignore").read_bytes())
        except OSError:  # none there, or unreadable: git reads no rules from it either
            continue
    return found


class PageEntry(Struct):
    """What is remembered for one page: ``data`` (findings as rows for ``check``, the
    rendered body for ``publish``), valid while the page's content and every page it
    depends on are unchanged."""

    content: str
    data: Any
    dependencies: dict[str, str | None] = field(default_factory=dict)


class CheckCache(Struct):
    """One folder per namespace; ``check`` keeps findings in it and ``publish`` rendered
    pages, each under its own namespace. Its entries are spread over 64 files by the
    hash of their key (``_SHARDS``), each read the first time one of its keys is looked
    up and written only if one of its entries changed. So a run that checks a few pages reads
    and writes a few files, not the whole site's: a 1,000-page site's cache is 7 MB of
    JSON, and loading and saving it in one file cost a one-page check about 0.3 s."""

    folder: Path
    site: str
    _shards: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    _changed: set[str] = field(default_factory=set)
    _hashes: dict[str, str | None] = field(default_factory=dict)
    refused: str | None = None  # why the cache folder is not used (a symlink): no reads, no writes

    @classmethod
    def open(cls, root: Path, key: str, project: Project, ask_git: bool = True) -> CheckCache:
        """The cache of namespace ``key`` in the project ``root``'s ``.openaccess/cache``
        (``ask_git``: see :func:`cache_refusal`)."""
        cache = cls(folder=root / CACHE_DIR / key, site=site_state(project))
        cache.refused = cache_refusal(root, key, ask_git=ask_git)
        return cache

    def _entries(self, key: str) -> tuple[str, dict[str, dict[str, Any]]]:
        """The name of the file that holds ``key``, and its entries (read once)."""
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
        name = f"{digest[0] % _SHARDS:02x}"
        if name not in self._shards:
            self._shards[name] = self._read(name) if self.refused is None else {}
        return name, self._shards[name]

    def _read(self, name: str) -> dict[str, dict[str, Any]]:
        with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
            data = json.loads(read_cache_file(self.folder / f"{name}.json"))
            if data.get("version") == FORMAT_VERSION and data.get("site") == self.site:
                entries = data.get("entries")
                return entries if isinstance(entries, dict) else {}
        return {}

    def _dependency_hash(self, project: Project, relative: str) -> str | None:
        """The content hash of a file a cached result used: a page of the site scan, or
        a file a page includes (a snippets folder the scan leaves out), read only when
        it really lies inside the project, as the run read it (a cache names any path)."""
        if relative not in self._hashes:
            try:
                if PurePosixPath(relative) in project.router.inventory.files:
                    path = project.root / relative
                else:
                    path = inside_root(project.root, relative)
                self._hashes[relative] = project.store.content_hash(path)
            except (SourceError, PermissionError):
                self._hashes[relative] = None
        return self._hashes[relative]

    def lookup(self, key: str, content: str, project: Project) -> Any:
        """The data stored for ``key`` if still valid, else None."""
        entry = self._entries(key)[1].get(key)
        if not isinstance(entry, dict) or entry.get("content") != content:
            return None
        dependencies = entry.get("dependencies", {})
        if not isinstance(dependencies, dict):
            return None
        for relative, expected in dependencies.items():
            if self._dependency_hash(project, str(relative)) != expected:
                return None
        return entry.get("data")

    def store(self, key: str, entry: PageEntry) -> None:
        name, entries = self._entries(key)
        entries[key] = {
            "content": entry.content,
            "data": entry.data,
            "dependencies": entry.dependencies,
        }
        self._changed.add(name)

    def save(self) -> None:
        """Write each changed file atomically; a read-only or full disk just means no cache."""
        if not self._changed or self.refused is not None:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            _ignored_by_git(self.folder.parent)
            for name in sorted(self._changed):
                self._write_shard(name)
            self._changed.clear()
            self._prune()

    def _write_shard(self, name: str) -> None:
        """Replace the file ``name`` with its entries, as compact JSON."""
        document = {"version": FORMAT_VERSION, "site": self.site, "entries": self._shards[name]}
        text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        write_cache_file(self.folder / f"{name}.json", text)

    def _prune(self) -> None:
        """Keep the newest namespaces only (each config change starts a new one). Only
        what openaccess wrote is removed: folders named by a namespace, the files named
        by a hash prefix in them, and the one-file caches of versions before."""
        top = self.folder.parent
        folders = sorted(
            (path for path in top.iterdir() if _is_namespace(path.name) and path.is_dir()),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        for old in folders[_KEEP_NAMESPACES:]:
            if old != self.folder:
                _remove_namespace(old)
        for old in top.glob("*.json"):  # other files here (external links) are not ours
            if _is_namespace(old.stem):
                with contextlib.suppress(OSError):
                    old.unlink()


# A cache file bigger than this is not read (a 1,000-page site's biggest is under 1 MB).
MAX_CACHE_FILE = 64 * 1024 * 1024


def read_cache_file(path: Path) -> str:
    """The text of a cache file: a regular file of at most ``MAX_CACHE_FILE`` bytes,
    opened without following a symlink or blocking on a pipe (a restored CI cache is a
    tarball, which can hold either). Raises OSError or ValueError otherwise."""
    with opened_without_blocking(path, follow_symlinks=False) as (handle, info):
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_FILE:
            raise ValueError(f"{path.name} is not a cache file")
        return handle.read(MAX_CACHE_FILE + 1).decode("utf-8")


def write_cache_file(path: Path, text: str) -> None:
    """Replace a cache file atomically, without syncing it to disk (a file lost in a
    crash is a cache miss). Something else at its name, such as a named pipe, is left
    alone: writing into it could wait forever."""
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.lstat(path).st_mode) and not path.is_symlink():
            return
    atomic_write(path, text, durable=False)


def _ignored_by_git(top: Path) -> None:
    ignore = top / ".gitignore"
    if not ignore.exists():
        atomic_write(ignore, "# Created by openaccess: never commit the cache.\n*\n")


def _is_namespace(name: str) -> bool:
    return len(name) == 24 and all(c in "0123456789abcdef" for c in name)


def _remove_namespace(folder: Path) -> None:
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if _SHARD_FILE.fullmatch(path.name) and path.is_file():
                path.unlink()
        folder.rmdir()  # fails, keeping the folder, when anything else is in it


# -- the front matter index ------------------------------------------------------------
Stamp = list[int]


def file_stamp(path: Path) -> Stamp | None:
    """What changes whenever ``path``'s content does: size, modification and status-change
    times, inode. A tool can set a file's modification time back; on POSIX systems the
    status-change time it cannot, so an edited file never looks unchanged. (On Windows
    that time is the creation time: an edit that keeps the size and sets the
    modification time back goes unseen there.) None when ``path`` cannot be read."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def front_matter_index(root: Path, max_bytes: int) -> FrontMatterIndex | None:
    """The front matter index of the project ``root``, or None when its cache folder must
    not be used (:func:`cache_refusal`: a symlink, or files committed to git, which
    openaccess must not rewrite). ``max_bytes`` is the run's ``max_file_size``: a page
    over it has no front matter, so an index made under another limit is not used."""
    if cache_refusal(root) is not None:
        return None
    return FrontMatterIndex(root / CACHE_DIR / FRONT_MATTER_FILE, max_bytes)


class FrontMatterIndex(Struct):
    """Each file's front matter as the router last read it, and the hash of its text, by
    the file's stamp.

    Routing a site needs the front matter of every page (``slug``, ``url``, ``draft``,
    dates). For a one-page check of a 1,000-page site, reading and parsing it all took
    about 0.12 s of the run's 0.48 s. With this index, only the files whose stamp
    changed are read. The stamp is not portable: in another checkout every file is read
    once, and the index written again. Values are stored as tagged JSON (dates stay
    dates); a value JSON cannot hold (YAML's ``!!binary``, ``!!set``) leaves its file
    out of the index. Entries are untrusted: one that does not decode is a miss.

    The text's hash is what the findings cache keys a page by: with it, a re-run does not
    read the pages that did not change (their findings come from the cache).
    """

    path: Path
    max_bytes: int
    # The Markdown dialect the pages are read in (see Page.dialect), which decides what is
    # front matter (MkDocs' meta-data lines) and its keys' case (Hugo): set by the store.
    dialect: str = "commonmark"
    _files: dict[str, Any] | None = None
    _stamps: dict[str, Stamp] = field(default_factory=dict)  # at each lookup
    _seen: dict[str, Any] = field(default_factory=dict)
    _changed: bool = False

    def _header(self) -> dict[str, Any]:
        """What every entry depends on besides its file: the code that parsed it, its
        YAML and TOML readers, the size limit of the run and the site's dialect."""
        return {
            "code": _code_signature(),
            "readers": _readers(),
            "max_bytes": self.max_bytes,
            "dialect": self.dialect,
        }

    def _entries(self) -> dict[str, Any]:
        if self._files is None:
            self._files = {}
            with contextlib.suppress(OSError, ValueError, RecursionError):
                data = json.loads(read_cache_file(self.path))
                header = self._header()
                if isinstance(data, dict) and all(data.get(k) == v for k, v in header.items()):
                    files = data.get("files")
                    self._files = files if isinstance(files, dict) else {}
        return self._files

    def get(self, relative: str, path: Path) -> tuple[bool, dict[str, Any] | None]:
        """(True, front matter) when the file ``path`` (``relative`` in the site) is
        indexed with its present stamp, else (False, None)."""
        stamp = file_stamp(path)
        if stamp is None:
            return False, None
        self._stamps[relative] = stamp  # taken before the file is read: see put
        entry = self._entry(relative, stamp)
        if entry is None:
            return False, None
        try:
            meta = _from_plain(entry[1])
        except (TypeError, ValueError, KeyError, IndexError, RecursionError):
            return False, None
        if meta is not None and not isinstance(meta, dict):
            return False, None
        self._seen[relative] = entry
        return True, meta

    def content_hash(self, relative: str, path: Path) -> str | None:
        """The hash of the text of ``path`` (``relative`` in the site) when it is indexed
        with its present stamp, else None."""
        stamp = file_stamp(path)
        entry = None if stamp is None else self._entry(relative, stamp)
        if entry is None or not isinstance(entry[2], str):
            return None
        self._seen[relative] = entry
        return entry[2]

    def _entry(self, relative: str, stamp: Stamp) -> list[Any] | None:
        """The entry of ``relative`` if it was made for ``stamp``: [stamp, front matter,
        text hash or None]."""
        entry = self._entries().get(relative)
        if isinstance(entry, list) and len(entry) == 3 and entry[0] == stamp:
            return entry
        return None

    def put(self, relative: str, meta: dict[str, Any] | None, content: str | None) -> None:
        """Index ``meta`` and ``content`` (the hash of the text, None when it could
        not be decoded), just read, under the stamp ``get`` saw. Were the file written
        in between, its new stamp would not match the next run's: read again. A file
        changed in the last two seconds is not indexed yet: on a file system whose clock
        ticks coarsely, another write in the same tick would keep its stamp (git's
        "racily clean" files). Nor is front matter JSON cannot write (an integer of
        thousands of digits, a lone surrogate)."""
        stamp = self._stamps.get(relative)
        if stamp is None or time.time_ns() - max(stamp[1], stamp[2]) < RACY_NS:
            return
        try:
            plain = _to_plain(meta)
            json.dumps(plain, ensure_ascii=False).encode("utf-8")
        except (_NotPlain, ValueError, RecursionError):  # UnicodeEncodeError is one
            return
        self._seen[relative] = [stamp, plain, content]
        self._changed = True

    def save(self) -> None:
        """Write the entries this run used (files gone from the site drop out), if any
        was new."""
        if not self._changed:
            return
        document = {**self._header(), "files": self._seen}
        with contextlib.suppress(OSError, ValueError, RecursionError):
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _ignored_by_git(self.path.parent)
            write_cache_file(self.path, text)
        self._changed = False


def _readers() -> str:
    """The versions of what reads front matter besides openaccess: PyYAML (with or
    without libyaml) and Python's tomllib."""
    import yaml

    python = ".".join(map(str, sys.version_info[:3]))
    return f"PyYAML {yaml.__version__} libyaml {yaml.__with_libyaml__} Python {python}"


class _NotPlain(Exception):
    """A front matter value the index does not store."""


# Files changed this recently are not indexed (see FrontMatterIndex.put).
RACY_NS = 2_000_000_000
_SCALARS = (str, bool, int, float, type(None))
_KEYS = (*_SCALARS, datetime.date, datetime.time)  # the mapping keys YAML and TOML give


def _to_plain(value: Any) -> Any:
    """``value`` as JSON: scalars as they are; lists, mappings and dates tagged by a
    one-item object (``{"l": [...]}``, ``{"m": [[key, value], ...]}``, ``{"dt": iso}``),
    so no text or mapping in the front matter can pass for a tag."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return {"l": [_to_plain(item) for item in value]}
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, _KEYS):
                raise _NotPlain
        return {"m": [[_to_plain(key), _to_plain(item)] for key, item in value.items()]}
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"t": value.isoformat()}
    raise _NotPlain


_DECODE_TAG = {
    "dt": datetime.datetime.fromisoformat,
    "d": datetime.date.fromisoformat,
    "t": datetime.time.fromisoformat,
}


def _from_plain(value: Any) -> Any:
    """The value :func:`_to_plain` made; raises ValueError (or TypeError, KeyError) for
    anything else, as an untrusted file may hold."""
    if isinstance(value, _SCALARS):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError("not a tagged value")
    ((tag, inner),) = value.items()
    if tag == "l" and isinstance(inner, list):
        return [_from_plain(item) for item in inner]
    if tag == "m" and isinstance(inner, list):
        return {_from_plain(key): _from_plain(item) for key, item in inner}
    if tag in _DECODE_TAG and isinstance(inner, str):
        return _DECODE_TAG[tag](inner)
    raise ValueError("unknown tag")
