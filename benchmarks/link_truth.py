"""Measure ``openaccess check`` against the links your real site generator builds.

Usage:
    python benchmarks/link_truth.py SITE [--generator mkdocs|hugo|jekyll]
        [--config FILE] [--plant N --seed S] [--strict] [--json]

SITE is the folder holding ``mkdocs.yml``, a Hugo config (``hugo.toml``, ``hugo.yaml``,
``config.toml``, ``config/_default/``) or Jekyll's ``_config.yml``. The tool never
writes into SITE: it copies it to a temporary folder and then

1. builds the copy with the real generator (MkDocs through its Python API, the ``hugo``
   and ``jekyll`` commands), asking the generator itself which source file each built
   page and file came from (MkDocs: a recording plugin; Hugo: a JSON output format on a
   hidden page that lists ``site.AllPages``; Jekyll: a ``post_write`` hook). These
   helpers live only in the temporary copy;
2. crawls the output: every file, every ``id`` (and ``<a name>``) of every HTML page, and
   every local link and image of every HTML page (``href``, ``src``, ``srcset``,
   ``poster``, ``data``, ``<meta http-equiv=refresh>``);
3. judges each link as a plain static web server would (``--html-fallback``: as GitHub
   Pages, which also serves ``/a`` from ``a.html``): paths are case-sensitive,
   ``/a/`` serves ``/a/index.html``, ``/a`` works when ``a`` is a file or a folder with an
   ``index.html`` (a server redirects it), a folder without ``index.html`` is a 404, and
   a ``#fragment`` needs that ``id`` or ``<a name>`` in the target page (``#top`` and an
   empty fragment always work). Links outside the site (other hosts, other paths of the
   host when the site lives under a base path) are counted but not judged;
4. maps each broken built link back to the source page and the link as written there
   (see "Mapping back" below);
5. runs ``openaccess check --format json --select OA301,OA302,OA303`` in the copy and
   prints links seen, truly broken links, openaccess's findings, recall, precision, the
   misses and the false alarms, each with ``path:line``, the link and why.

``--plant N --seed S`` first measures the clean site, then makes N realistic breaks in
another copy (rename a linked page, change the case of a link, a typo in a path segment
or a fragment, reword a heading a fragment points to, delete a linked image, break a
cross-section relative link) and measures again: recall on the planted breaks (the
broken links that the clean build did not have) and precision on everything.

Mapping back (and its limits): a built page's source comes from the generator, so it is
exact. Which link of that source made a broken built link is found by comparing the
built ``href`` with every link written in the source (Markdown inline and reference
links, raw HTML attributes, Hugo ``ref``/``relref`` and ``figure``'s ``src`` and ``link``,
Jekyll ``link``/``post_url`` and
``site.baseurl``), including the files it pulls in (``pymdownx.snippets``,
mkdocs-include-markdown-plugin, Jinja's ``include`` as mkdocs-macros runs it, Jekyll
``include``/``include_relative``). MkDocs also reports every rewrite it makes
(``page.md#x`` -> ``../page/#x``), so there the pairing is exact. Elsewhere the best
candidate wins: the same text, the same URL once resolved, else the same last path
segment and fragment. A broken link that matches no written link (theme templates,
navigation, generated list pages) is listed as "not from page text" and left out of
recall: no checker of page sources can be blamed for it.

Exit status: 0 when the measurement ran, 2 when the site could not be built or openaccess
could not run. Offline and deterministic: the same site and seed give the same numbers.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import functools
import html
import json
import os
import posixpath
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

import yaml

GENERATORS = ("mkdocs", "hugo", "jekyll")
HUGO_CONFIG_FILES = (
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
)
OPENACCESS_RULES = ("OA301", "OA302", "OA303")
# Folders never copied: version control, Python environments, generator caches (a
# theme may build with npm packages, so node_modules is copied).
COPY_IGNORE = {".git", ".hg", ".svn", ".venv", "venv", "__pycache__"}
COPY_IGNORE |= {".jekyll-cache", ".sass-cache", ".openaccess", ".hugo_build.lock"}
MAP_PAGE = "_oa_link_truth"
JEKYLL_PLUGIN_DIR = "_oa_link_truth_plugin"
TIMEOUT = 1800


class TruthError(Exception):
    """A problem that stops the measurement; printed as one line, exit status 2."""


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class SourceLink:
    """A link destination as written in a source file (offsets are characters)."""

    path: str
    line: int
    column: int
    raw: str
    syntax: str
    start: int
    end: int


@dataclass
class BuiltLink:
    page: str
    href: str
    tag: str
    line: int


@dataclass(frozen=True)
class Verdict:
    status: str  # ok | broken | skipped
    why: str
    target: str = ""


@dataclass
class Break:
    """A link that 404s (or misses its fragment) on the built site, with its origin."""

    why: str
    target: str
    pages: list[str]
    href: str
    path: str = ""  # source file ("" when not from page text)
    line: int = 0
    column: int = 0
    raw: str = ""
    syntax: str = ""
    planted: str = ""

    def key(self) -> tuple[str, int, str]:
        return (self.path, self.line, self.raw) if self.path else ("", 0, self.href)


@dataclass
class Finding:
    path: str
    line: int
    column: int
    rule: str
    message: str


@dataclass
class Built:
    """The output of one build and what the generator told us about it."""

    out: Path
    base_path: str
    hosts: set[str]
    page_sources: dict[str, str] = field(default_factory=dict)
    file_sources: dict[str, str] = field(default_factory=dict)
    link_rewrites: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    includes: dict[str, set[str]] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # source -> page URL
    skip_files: set[str] = field(default_factory=set)
    # built page -> hrefs in the page's own content (MkDocs says); others come from the theme
    content_hrefs: dict[str, set[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    html_fallback: bool = False  # the host answers /a with a.html (--html-fallback)
    # Netlify's rules from the built _redirects (--netlify): (pattern, target, status).
    netlify_rules: list[tuple[re.Pattern[str], str, int, bool]] = field(default_factory=list)


@dataclass
class Site:
    root: Path
    generator: str
    config: str | None  # generator config file, relative to root
    content_dirs: list[str]


@dataclass
class Options:
    generator: str | None = None
    config: str | None = None
    strict: bool = False
    drop_plugins: tuple[str, ...] = ()
    python: str = sys.executable
    openaccess: tuple[str, ...] = ()
    check_paths: tuple[str, ...] = ()
    check_args: tuple[str, ...] = ()
    hugo_flags: tuple[str, ...] = ()
    html_fallback: bool = False
    netlify: bool = False


# --------------------------------------------------------------------------- site


# ProperDocs (MkDocs 1.6's continuation) reads mkdocs.yml's settings from properdocs.yml;
# MkDocs 1.6.1 builds such a site from it as well.
MKDOCS_CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


def detect_generator(root: Path) -> str:
    """Name the generator whose configuration sits in ``root``."""
    if any((root / name).is_file() for name in MKDOCS_CONFIG_FILES):
        return "mkdocs"
    if (
        any((root / name).is_file() for name in HUGO_CONFIG_FILES)
        or (root / "config" / "_default").is_dir()
    ):
        return "hugo"
    if (root / "_config.yml").is_file() or (root / "_config.yaml").is_file():
        return "jekyll"
    raise TruthError(f"{root}: no mkdocs.yml, Hugo config or _config.yml found; pass --generator")


def default_config(root: Path, generator: str) -> str | None:
    names = {
        "mkdocs": MKDOCS_CONFIG_FILES,
        "hugo": HUGO_CONFIG_FILES,
        "jekyll": ("_config.yml", "_config.yaml"),
    }[generator]
    return next((name for name in names if (root / name).is_file()), None)


def load_yaml(path: Path) -> dict:
    """Read a generator's YAML config, tolerating MkDocs' !ENV / !!python tags."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=Loader)  # a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def copy_site(root: Path, dest: Path, generator: str) -> None:
    """Copy the site, leaving out caches and the generator's default output folder."""
    outputs = {"mkdocs": "site", "hugo": "public", "jekyll": "_site"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name in COPY_IGNORE}
        if Path(folder) == root and outputs[generator] in names:
            skipped.add(outputs[generator])
        return skipped

    shutil.copytree(root, dest, ignore=ignore, symlinks=True)


def use_config_variant(copy: Path, generator: str, variant: str | None) -> str | None:
    """Make ``variant`` the site's main config in the copy, so every tool reads it."""
    main = default_config(copy, generator)
    if not variant or variant == main:
        return main
    if not (copy / variant).is_file():
        raise TruthError(f"{copy.name}: config file {variant} not found")
    target = (
        main or {"mkdocs": "mkdocs.yml", "hugo": "hugo.toml", "jekyll": "_config.yml"}[generator]
    )
    if Path(variant).suffix != Path(target).suffix:
        target = str(Path(target).with_suffix(Path(variant).suffix))
        if main:
            (copy / main).unlink()
    shutil.copyfile(copy / variant, copy / target)
    return target


# --------------------------------------------------------------------------- builds


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a generator; its failure is a TruthError with the last lines it printed."""
    try:
        done = subprocess.run(
            cmd,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except FileNotFoundError as error:
        raise TruthError(f"{cmd[0]} is not installed ({error.strerror})") from None
    except subprocess.TimeoutExpired:
        raise TruthError(f"{' '.join(cmd[:2])} did not finish in {TIMEOUT} s") from None
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = " | ".join(line.strip() for line in output.strip().splitlines()[-6:])
        raise TruthError(f"{' '.join(cmd[:2])} failed (exit {done.returncode}): {tail}")
    return output


def split_base(url: str) -> tuple[str, set[str]]:
    parts = urlsplit(url or "")
    base = parts.path or "/"
    if not base.endswith("/"):
        base += "/"
    return base, {parts.netloc.lower()} if parts.netloc else set()


MKDOCS_DRIVER = r"""
import json, logging, os, re, sys
args = json.loads(sys.argv[1])
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.utils import yaml_load

record = {"files": [], "pages": [], "rewrites": [], "included": [], "warnings": []}
current = {"page": None}

# MkDocs' own link rewriting (private, MkDocs 1.5+): record each written -> built pair.
# Without it (another MkDocs version) links are paired by comparison, as for Hugo.
rewriter = getattr(mkdocs_pages, "_RelativePathTreeprocessor", None)
if rewriter is not None and hasattr(rewriter, "path_to_url"):
    original_path_to_url = rewriter.path_to_url
    def path_to_url(self, url):
        new = original_path_to_url(self, url)
        record["rewrites"].append([self.file.src_uri, url, new])
        return new
    rewriter.path_to_url = path_to_url

# The files a page pulls in while it is built: pymdownx.snippets, mkdocs-include-markdown,
# markdown-include and Jinja's {% include %} (mkdocs-macros). A page's theme template is
# rendered after on_page_content, when no page is current.
def pulled_in(path):
    if path and current["page"]:
        record["included"].append([current["page"], os.path.abspath(path)])

try:
    from pymdownx import snippets
    original_snippet_path = snippets.SnippetPreprocessor.get_snippet_path
    def get_snippet_path(self, path):
        found = original_snippet_path(self, path)
        pulled_in(found)
        return found
    snippets.SnippetPreprocessor.get_snippet_path = get_snippet_path
except ImportError:
    pass

try:
    from mkdocs_include_markdown_plugin import process as include_markdown
    original_read_file = include_markdown.read_file
    def read_file(file_path, encoding):
        pulled_in(file_path)
        return original_read_file(file_path, encoding)
    include_markdown.read_file = read_file
except ImportError:
    pass

try:  # markdown-include ({!file!}) reads with the built-in open, found in its module first
    import markdown_include.include as markdown_include
    def include_open(file, *args, **kwargs):
        pulled_in(file)
        return open(file, *args, **kwargs)
    markdown_include.open = include_open
except ImportError:
    pass

import jinja2
original_get_template = jinja2.Environment.get_template
def get_template(self, *args, **kwargs):
    template = original_get_template(self, *args, **kwargs)
    pulled_in(template.filename)
    return template
jinja2.Environment.get_template = get_template

class Warnings(logging.Handler):
    def emit(self, entry):
        if entry.levelno >= logging.WARNING:
            record["warnings"].append(entry.getMessage())
logging.getLogger("mkdocs").addHandler(Warnings())

class Recorder(BasePlugin):
    def on_files(self, files, config):
        for f in files:
            record["files"].append({"src": f.src_uri, "abs": f.abs_src_path, "dest": f.dest_uri,
                "url": f.url, "page": f.is_documentation_page(),
                "included": bool(getattr(f.inclusion, "is_included", lambda: True)())})
        return files
    def on_pre_page(self, page, config, files):
        current["page"] = page.file.abs_src_path  # before other plugins read the page
        return page
    def on_page_content(self, html, page, config, files):
        current["page"] = None
        hrefs = re.findall(r"\b(?:href|src)\s*=\s*[\"']([^\"']*)", html)
        record["pages"].append({"src": page.file.src_uri, "abs": page.file.abs_src_path,
            "dest": page.file.dest_uri, "url": page.url, "hrefs": hrefs})
        return html

overrides = {"site_dir": args["out"], "strict": args["strict"]}
if args["drop"]:
    with open(args["config"], encoding="utf-8") as handle:
        raw = yaml_load(handle) or {}
    plugins = raw.get("plugins") or []  # a list, or a mapping of names to options
    if isinstance(plugins, dict):
        kept = {name: options for name, options in plugins.items() if name not in args["drop"]}
    else:
        kept = []
        for item in plugins:
            name = item if isinstance(item, str) else next(iter(item))
            if name not in args["drop"]:
                kept.append(item)
    overrides["plugins"] = kept
config = load_config(config_file=args["config"], **overrides)
config.plugins["oa-link-truth"] = Recorder()
record["site_url"] = config.site_url or ""
record["docs_dir"] = config.docs_dir
try:
    config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
    build(config)
    config.plugins.on_shutdown()
except SystemExit as stop:
    record["error"] = f"build aborted: {stop}"
except Exception as error:
    record["error"] = f"{type(error).__name__}: {error}"
with open(args["record"], "w", encoding="utf-8") as handle:
    json.dump(record, handle)
"""


def build_mkdocs(site: Site, out: Path, options: Options) -> Built:
    record_path = out.parent / "mkdocs-record.json"
    args = {
        "config": str(site.root / (site.config or "mkdocs.yml")),
        "out": str(out),
        "strict": options.strict,
        "drop": list(options.drop_plugins),
        "record": str(record_path),
    }
    run([options.python, "-c", MKDOCS_DRIVER, json.dumps(args)], site.root)
    record = json.loads(record_path.read_text(encoding="utf-8"))
    if "error" in record:
        tail = "; ".join(record["warnings"][-3:])
        raise TruthError(f"mkdocs build failed: {record['error']}" + (f" ({tail})" if tail else ""))
    docs_dir = Path(record["docs_dir"])
    base, hosts = split_base(record["site_url"])
    built = Built(out=out, base_path=base, hosts=hosts, warnings=record["warnings"])
    for item in record["files"]:
        source = relative_source(item["abs"], site.root)
        if source and item["included"]:
            built.file_sources[item["dest"]] = source
    for item in record["pages"]:
        source = relative_source(item["abs"], site.root) or item["src"]
        built.page_sources[item["dest"]] = source
        built.urls[source] = base + item["url"]
        built.content_hrefs[item["dest"]] = {html.unescape(h) for h in item["hrefs"]}
    docs_rel = relative_source(str(docs_dir), site.root) or ""
    for page_uri, written, new in record["rewrites"]:
        source = posixpath.join(docs_rel, page_uri) if docs_rel else page_uri
        built.link_rewrites.setdefault((source, new), set()).add(written)
    for page_abs, included_abs in record["included"]:
        page, included = (
            relative_source(page_abs, site.root),
            relative_source(included_abs, site.root),
        )
        if page and included:
            built.includes.setdefault(page, set()).add(included)
    return built


def relative_source(path: str | None, root: Path) -> str | None:
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


HUGO_OUTPUT_FORMAT = """
[outputFormats.oalinktruth]
mediaType = "application/json"
baseName = "oa-link-truth"
isPlainText = true
notAlternative = true
"""

HUGO_MAP_PAGE = """---
title: openaccess link truth map
outputs: [oalinktruth]
{build_key}: {{list: never, publishResources: false}}
---
"""

HUGO_MAP_TEMPLATE = """{{- $rows := slice -}}
{{- range site.AllPages -}}
{{- $src := "" -}}{{- with .File -}}{{- $src = .Filename -}}{{- end -}}
{{- $outs := slice -}}
{{- range .OutputFormats -}}
{{- $outs = $outs | append (dict "name" .Name "url" .RelPermalink) -}}
{{- end -}}
{{- $row := dict "src" $src "kind" .Kind "url" .RelPermalink "outputs" $outs -}}
{{- $rows = $rows | append $row -}}
{{- end -}}
{{- jsonify $rows -}}
"""


HUGO_CONFIG_FLAGS = ("--themesDir", "--environment", "-e", "--configDir", "--ignoreVendorPaths")


def hugo_config_flags(options: Options) -> list[str]:
    """The build flags that ``hugo config`` also needs to see the same site."""
    return [flag for flag in options.hugo_flags if flag.split("=")[0] in HUGO_CONFIG_FLAGS]


def hugo_mounts(root: Path, config_arg: list[str]) -> list[dict]:
    """Hugo's own list of mounted folders (content per language, static, themes)."""
    text = run(["hugo", "config", "mounts", *config_arg], root)
    mounts = []
    decoder = json.JSONDecoder()
    index = text.find("{")
    while index != -1:
        module, end = decoder.raw_decode(text, index)
        for mount in module.get("mounts") or []:
            mounts.append({**mount, "dir": module.get("dir", str(root))})
        index = text.find("{", end)
    return mounts


def hugo_setting(root: Path, config_arg: list[str], key: str) -> str:
    text = run(["hugo", "config", *config_arg], root)
    # hugo config prints the site's own format: TOML (key = "v"), YAML (key: "v") or JSON.
    pattern = rf"""^\s*"?{key}"?\s*[:=]\s*["']?([^"'\n]*)["']?,?\s*$"""
    match = re.search(pattern, text, re.M | re.I)
    return match.group(1) if match else ""


def hugo_build_key(root: Path) -> str:
    """The front matter key of build options: ``_build`` before Hugo 0.123 (Debian's
    0.111 knows only it), ``build`` since (0.145 and later refuse ``_build``)."""
    found = re.search(r"v0\.(\d+)", run(["hugo", "version"], root))
    return "build" if found and int(found.group(1)) >= 123 else "_build"


def build_hugo(site: Site, out: Path, options: Options) -> Built:
    overlay = out.parent / "oa-link-truth.toml"
    overlay.write_text(HUGO_OUTPUT_FORMAT, encoding="utf-8")
    configs = [site.config] if site.config else []
    config_arg = ["--config", ",".join([*configs, str(overlay)])]
    config_arg += hugo_config_flags(options)
    mounts = hugo_mounts(site.root, config_arg)
    content = [m for m in mounts if m["target"] == "content" and m["dir"] == str(site.root)]
    if not content:
        raise TruthError(f"{site.root}: Hugo reports no content folder")
    map_dir = Path(content[0]["dir"]) / content[0]["source"] / MAP_PAGE
    map_dir.mkdir(parents=True, exist_ok=True)
    map_page = HUGO_MAP_PAGE.format(build_key=hugo_build_key(site.root))
    (map_dir / "index.md").write_text(map_page, encoding="utf-8")
    layouts = site.root / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    (layouts / "single.oalinktruth.json").write_text(HUGO_MAP_TEMPLATE, encoding="utf-8")
    flags = ["--panicOnWarning"] if options.strict else []
    output = run(
        ["hugo", *config_arg, "--destination", str(out), *flags, *options.hugo_flags],
        site.root,
    )
    base, hosts = split_base(hugo_setting(site.root, config_arg, "baseurl"))
    built = Built(out=out, base_path=base, hosts=hosts)
    built.warnings = [line for line in output.splitlines() if line.startswith("WARN")]
    # oa-link-truth.json in the page's folder, or _oa_link_truth.json with uglyURLs.
    map_files = [
        p for p in out.rglob("*.json") if p.name in (f"{MAP_PAGE}.json", "oa-link-truth.json")
    ]
    if not map_files:
        raise TruthError("hugo did not write the page map (is site.AllPages available?)")
    for map_file in map_files:
        for row in json.loads(map_file.read_text(encoding="utf-8")):
            add_hugo_page(built, row, site.root)
        built.skip_files.add(map_file.relative_to(out).as_posix())
    shutil.rmtree(map_dir)
    for mount in mounts:
        if mount["target"].startswith("static"):
            add_static_sources(built, Path(mount["dir"]) / mount["source"], mount, site.root)
    return built


def add_hugo_page(built: Built, row: dict, root: Path) -> None:
    source = relative_source(row["src"], root)
    if source and source.split("/")[-2:-1] == [MAP_PAGE]:
        return
    for output in row.get("outputs") or []:
        if output["name"].lower() != "html":
            continue
        url = output["url"]
        if not urlsplit(url).path.startswith(built.base_path) and url.startswith("/"):
            # canonifyURLs: .RelPermalink leaves the base path out, the HTML puts it in
            url = built.base_path.rstrip("/") + url
        rel = url_to_file(url, built.base_path)
        if rel is not None and source:
            built.page_sources[rel] = source
            built.urls[source] = url


def add_static_sources(built: Built, folder: Path, mount: dict, root: Path) -> None:
    if not folder.is_dir():
        return
    prefix = mount["target"][len("static") :].strip("/")
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            served = (
                posixpath.join(prefix, path.relative_to(folder).as_posix())
                if prefix
                else (path.relative_to(folder).as_posix())
            )
            source = relative_source(str(path), root)
            if source:
                built.file_sources.setdefault(served, source)


def url_to_file(url: str, base_path: str) -> str | None:
    path = unquote(urlsplit(url).path)
    if not path.startswith(base_path):
        return None
    rel = path[len(base_path) :]
    return rel + "index.html" if rel == "" or rel.endswith("/") else rel


JEKYLL_PLUGIN = """require "json"
require "pathname"
# Written only into openaccess link_truth's temporary copy of the site.
Jekyll::Hooks.register :site, :post_write do |site|
  target = ENV["OA_LINK_TRUTH_MAP"]
  next if target.nil? || target.empty?
  rows = []
  site.pages.each do |page|
    src = page.instance_of?(Jekyll::Page) ? page.relative_path : nil
    rows << { "kind" => "page", "src" => src, "url" => page.url,
              "dest" => page.destination(site.dest) }
  end
  source = Pathname.new(site.source)
  site.docs_to_write.each do |doc|
    # From the site's source: relative_path leaves out collections_dir.
    src = Pathname.new(doc.path).relative_path_from(source).to_s
    rows << { "kind" => "document", "src" => src, "url" => doc.url,
              "dest" => doc.destination(site.dest) }
  end
  site.static_files.each do |file|
    next unless file.write?
    rows << { "kind" => "static", "src" => file.relative_path.sub(%r{\\A/}, ""),
              "url" => file.url, "dest" => file.destination(site.dest) }
  end
  config = site.config
  # jekyll-polyglot builds the site once per language: keep every build's rows.
  before = File.file?(target) ? JSON.parse(File.read(target))["files"] : []
  File.write(target, JSON.generate({ "baseurl" => config["baseurl"].to_s,
    "url" => config["url"].to_s, "includes_dir" => config["includes_dir"].to_s,
    "files" => before + rows }))
end
"""


def build_jekyll(site: Site, out: Path, options: Options) -> Built:
    config_name = site.config or "_config.yml"
    config = load_yaml(site.root / config_name) if (site.root / config_name).is_file() else {}
    plugins_dir = config.get("plugins_dir") or ["_plugins"]
    plugins_dir = [plugins_dir] if isinstance(plugins_dir, str) else list(plugins_dir)
    (site.root / JEKYLL_PLUGIN_DIR).mkdir()
    (site.root / JEKYLL_PLUGIN_DIR / "oa_link_truth.rb").write_text(JEKYLL_PLUGIN, encoding="utf-8")
    overlay: dict = {"plugins_dir": [*plugins_dir, JEKYLL_PLUGIN_DIR], "safe": False}
    if options.drop_plugins:
        for key in ("plugins", "gems"):
            if isinstance(config.get(key), list):
                overlay[key] = [name for name in config[key] if name not in options.drop_plugins]
    overlay_path = out.parent / "oa-link-truth.yml"
    overlay_path.write_text(yaml.safe_dump(overlay), encoding="utf-8")
    map_path = out.parent / "jekyll-record.json"
    map_path.unlink(missing_ok=True)  # the hook adds to it (one build per polyglot language)
    configs = ",".join([config_name, str(overlay_path)])
    env = {"OA_LINK_TRUTH_MAP": str(map_path), "JEKYLL_NO_BUNDLER_REQUIRE": "true"}
    command = ["jekyll", "build", "--config", configs, "--destination", str(out)]
    if options.strict:
        command.append("--strict_front_matter")
    output = run(command, site.root, env)
    shutil.rmtree(site.root / JEKYLL_PLUGIN_DIR)
    if not map_path.is_file():
        raise TruthError("jekyll did not run the page-map hook")
    record = json.loads(map_path.read_text(encoding="utf-8"))
    baseurl = "/" + record["baseurl"].strip("/") + "/" if record["baseurl"].strip("/") else "/"
    _, hosts = split_base(record["url"])
    built = Built(out=out, base_path=baseurl, hosts=hosts)
    built.warnings = [line.strip() for line in output.splitlines() if "warn" in line.lower()]
    for row in record["files"]:
        try:
            rel = Path(row["dest"]).resolve().relative_to(out.resolve()).as_posix()
        except ValueError:
            continue
        if row["kind"] == "static":
            built.file_sources[rel] = row["src"]
        elif row["src"]:
            built.page_sources[rel] = row["src"]
            built.urls[row["src"]] = baseurl.rstrip("/") + row["url"]
    includes_dir = record["includes_dir"] or "_includes"
    for source in built.page_sources.values():
        included = jekyll_includes(site.root, source, includes_dir)
        if included:
            built.includes[source] = included
    return built


_INCLUDE = re.compile(r"\{%-?\s*(include|include_relative)\s+([^\s%}]+)")


def jekyll_includes(root: Path, source: str, includes_dir: str) -> set[str]:
    """Files a Jekyll page pulls in with ``include`` and ``include_relative``."""
    text = read_text(root / source)
    found = set()
    for kind, name in _INCLUDE.findall(text):
        if "{{" in name:
            continue
        if kind == "include":
            candidate = posixpath.normpath(posixpath.join(includes_dir, name))
        else:
            candidate = posixpath.normpath(posixpath.join(posixpath.dirname(source), name))
        if (root / candidate).is_file():
            found.add(candidate)
    return found


BUILDERS = {"mkdocs": build_mkdocs, "hugo": build_hugo, "jekyll": build_jekyll}


# --------------------------------------------------------------------------- crawl

LINK_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "link": ("href",),
    "script": ("src",),
}


class PageParser(HTMLParser):
    """Collects ids, ``<a name>``, ``<base href>`` and link attributes of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str, int]] = []
        self.base: str | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "template":
            self._skip += 1
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        if self._skip:
            return
        if tag == "base" and "href" in values and self.base is None:
            self.base = values["href"]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", values.get("content", ""), re.I)
            if match:
                self.links.append(("meta", "refresh", match.group(1).strip(), self.getpos()[0]))
        for attr in LINK_ATTRS.get(tag, ()):
            if attr not in values:
                continue
            if tag == "link" and "stylesheet" not in values.get("rel", "") and attr == "href":
                rel = values.get("rel", "")
                if not re.search(r"icon|manifest|preload|prev|next|alternate", rel):
                    continue
            urls = srcset_urls(values[attr]) if attr == "srcset" else [values[attr]]
            for url in urls:
                self.links.append((tag, attr, url, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "template":
            self._skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "template" and self._skip:
            self._skip -= 1


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


@dataclass
class Crawl:
    files: set[str]
    lower_files: dict[str, str]
    dirs: set[str]
    ids: dict[str, set[str]]
    links: list[BuiltLink]
    bases: dict[str, str]
    by_page: dict[str, list[BuiltLink]] = field(default_factory=dict)
    # Redirect pages whose script sends the browser on with the address's fragment
    # (mkdocs-redirects: ``location.href = "..." + "#" + anchor``): page -> its target.
    hash_redirects: dict[str, str] = field(default_factory=dict)


def crawl(out: Path, skip: set[str]) -> Crawl:
    """Every file the server can serve, and every id and link of every HTML page."""
    files, dirs = set(), set()
    for path in out.rglob("*"):
        rel = path.relative_to(out).as_posix()
        if path.is_dir():
            dirs.add(rel)
        elif rel not in skip:
            files.add(rel)
    ids: dict[str, set[str]] = {}
    links: list[BuiltLink] = []
    bases: dict[str, str] = {}
    hash_redirects: dict[str, str] = {}
    for rel in sorted(files):
        if not rel.endswith((".html", ".htm")):
            continue
        parser = PageParser()
        text = read_text(out / rel)
        parser.feed(text)
        parser.close()
        ids[rel] = parser.ids
        if "location.hash" in text and (refresh := _REFRESH.search(text)):
            hash_redirects[rel] = html.unescape(refresh.group(1))
        if parser.base is not None:
            bases[rel] = parser.base
        links.extend(BuiltLink(rel, url, tag, line) for tag, _, url, line in parser.links)
    lower = {}
    for rel in sorted(files | {d + "/" for d in dirs}):
        lower.setdefault(rel.lower(), rel)
    by_page: dict[str, list[BuiltLink]] = defaultdict(list)
    for link in links:
        by_page[link.page].append(link)
    return Crawl(files, lower, dirs, ids, links, bases, dict(by_page), hash_redirects)


# A meta refresh's address: ``<meta http-equiv="refresh" content="0; url=../FAQ/">``.
_REFRESH = re.compile(
    r"http-equiv=[\"']?refresh[\"']?\s+content=[\"'][^\"';]*;\s*url=([^\"'>]+)", re.I
)


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


# --------------------------------------------------------------------------- judging


def page_url(rel: str, base_path: str) -> str:
    """The URL a browser shows for a built file (``a/index.html`` is ``/a/``)."""
    if rel == "index.html" or rel.endswith("/index.html"):
        rel = rel[: -len("index.html")]
    return base_path + rel


def judge(link: BuiltLink, site: Crawl, built: Built, hops: int = 0) -> Verdict:
    href = link.href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:", "blob:")):
        return Verdict("skipped", "not a page link")
    base = page_url(link.page, built.base_path)
    if link.page in site.bases:
        base = urljoin(base, site.bases[link.page])
    try:
        target = urlsplit(urljoin("http://site.invalid" + base, href))
    except ValueError:
        return Verdict("broken", "invalid-url", href)
    host = target.netloc.lower()
    if host != "site.invalid" and not (target.scheme in ("http", "https") and host in built.hosts):
        return Verdict("skipped", "external")
    # Static servers merge repeated slashes (nginx's merge_slashes, Python's http.server,
    # WEBrick): /ja//tour/a.html is /ja/tour/a.html.
    path = _SLASHES.sub("/", unquote(remove_dot_segments(target.path)))
    if not path.startswith(built.base_path) and path + "/" != built.base_path:
        if not urlsplit(href).scheme and not href.startswith("/"):
            # A relative link that climbs above the base path: meant for this site.
            return Verdict("broken", "outside-base-path", path)
        host_top = path in ("", "/") and bool(urlsplit(href).netloc)  # the project's home
        if not host_top and serve(path, site, built.html_fallback) is not None:
            # It names one of the site's own pages without the base path (/visit/ for
            # /library/visit/): served under its base path, that is a 404 too.
            return Verdict("broken", "missing-base-path", path)
        return Verdict("skipped", "outside-site", path)
    rel = path[len(built.base_path) :] if path.startswith(built.base_path) else ""
    forced = netlify_target(path, built.netlify_rules, forced_only=True)
    served = serve(rel, site, built.html_fallback) if forced is None else None
    if served is None and hops < _NETLIFY_HOPS:
        onward = forced or netlify_target(path, built.netlify_rules)
        if onward is not None:  # the fragment goes along, as browsers keep it
            onward += f"#{target.fragment}" if target.fragment else ""
            return judge(BuiltLink(link.page, onward, link.tag, link.line), site, built, hops + 1)
    if served is None:
        return Verdict("broken", missing_kind(rel, site), path)
    fragment = unquote(target.fragment)
    if not fragment or fragment.lower() == "top" or fragment.startswith(":~:"):
        return Verdict("ok", "", path)
    if link.tag == "iframe":  # the framed app's own state (vitess: /ViewerJS/#../x.pdf)
        return Verdict("ok", "fragment of a framed page", path)
    if served in site.hash_redirects and link.page not in site.hash_redirects:
        onward = urljoin(site.hash_redirects[served], "#" + target.fragment)
        return judge(BuiltLink(served, onward, link.tag, link.line), site, built)
    if served not in site.ids:
        return Verdict("ok", "fragment on a non-HTML file", path)
    # The HTML spec tries the fragment as the URL parser encoded it, then decoded.
    encoded = quote(target.fragment, safe=string.punctuation)
    if {fragment, target.fragment, encoded} & site.ids[served]:
        return Verdict("ok", "", path)
    return Verdict("broken", "missing-fragment", f"{path}#{fragment}")


_SLASHES = re.compile(r"/{2,}")


# Netlify follows a chain of rules; a loop ends here.
_NETLIFY_HOPS = 5
_NETLIFY_PLACEHOLDER = re.compile(r":(\w+)")


def netlify_rules(path: Path) -> list[tuple[re.Pattern[str], str, int, bool]]:
    """The rules of a built ``_redirects`` file, as Netlify reads them: ``from to
    [status][!]``, ``*`` at the end of ``from`` a splat, ``:name`` a path segment, ``!``
    a forced rule (applied even where a file is served). A rule with conditions
    (``Country=``, query parameters) is left out; so is a proxy to another host's page,
    which is judged as an external link."""
    if not path.is_file():
        return []
    rules = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        words = line.split("#", 1)[0].split()
        if len(words) < 2 or not words[0].startswith("/") or any("=" in w for w in words[2:]):
            continue
        status = (
            int(words[2].rstrip("!")) if len(words) > 2 and words[2].rstrip("!").isdigit() else 301
        )
        pattern = re.escape(words[0].rstrip("/") or "/")
        pattern = pattern.replace(r"/\*", "(?:/(?P<splat>.*))?").replace(r"\*", "(?P<splat>.*)")
        pattern = _NETLIFY_PLACEHOLDER.sub(r"(?P<\1>[^/]+)", pattern)
        forced = len(words) > 2 and words[2].endswith("!")
        with contextlib.suppress(re.error):  # a name used twice: Netlify's error too
            rules.append((re.compile(pattern + "/?"), words[1], status, forced))
    return rules


def netlify_target(
    path: str, rules: list[tuple[re.Pattern[str], str, int, bool]], forced_only: bool = False
) -> str | None:
    """Where Netlify sends a path no file serves (its first matching rule), or None:
    no rule, or a rule that answers 404 or 410 (a custom error page). ``forced_only``:
    where a forced rule sends a path, served or not (vitess's ``301!`` rules)."""
    for pattern, target, status, forced in rules:
        match = pattern.fullmatch(path)
        if match is None or (forced_only and not forced):
            continue
        if status in (404, 410):
            return None
        values = {name: value or "" for name, value in match.groupdict().items()}
        return _NETLIFY_PLACEHOLDER.sub(functools.partial(_netlify_value, values), target)
    return None


def _netlify_value(values: dict[str, str], placeholder: re.Match[str]) -> str:
    """A ``:name`` (or ``:splat``) of a rule's target, filled from the matched path."""
    return values.get(placeholder.group(1), placeholder.group(0))


def remove_dot_segments(path: str) -> str:
    """RFC 3986's remove_dot_segments, as a browser's URL parser applies it to every
    address: urljoin leaves a full address alone, so ``https://host/a/b/.`` is ``/a/b/``
    only after this."""
    if "/." not in path:
        return path
    segments = path.split("/")
    kept: list[str] = []
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment in (".", ".."):
            if segment == ".." and len(kept) > 1:
                kept.pop()
            if last:
                kept.append("")
            continue
        kept.append(segment)
    return "/".join(kept)


def serve(rel: str, site: Crawl, html_fallback: bool = False) -> str | None:
    """The file a static server sends for ``rel`` (after its folder redirect); with
    ``html_fallback``, ``a`` is also ``a.html``, as GitHub Pages and ``jekyll serve``
    answer."""
    rel = rel.lstrip("/")
    if rel == "" or rel.endswith("/"):
        index = rel + "index.html"
        return index if index in site.files else None
    if rel in site.files:
        return rel
    if rel in site.dirs and f"{rel}/index.html" in site.files:
        return f"{rel}/index.html"
    if html_fallback and f"{rel}.html" in site.files:
        return f"{rel}.html"
    return None


def missing_kind(rel: str, site: Crawl) -> str:
    rel = rel.lstrip("/")
    if rel.rstrip("/") in site.dirs or rel == "":
        return "folder-without-index"
    probe = rel + "index.html" if rel.endswith("/") else rel
    if probe.lower() in site.lower_files or (rel.lower() + "/index.html") in site.lower_files:
        return "case-mismatch"
    return "missing-file"


# --------------------------------------------------------------------------- sources

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TEMPLATE_UNIT = r"\{\{.*?\}\}|\{%.*?%\}"
_MD_DEST = re.compile(rf"\]\(\s*(<[^>\n]*>|(?:{_TEMPLATE_UNIT}|\([^\s()]*\)|[^\s()])+)")
# A full address written as plain text, which Hugo's Markdown makes into a link (goldmark's
# linkify: after a space, * _ ~ or ( or at a line's start; end punctuation left out), and
# one in an autolink, <https://...>.
_BARE_URL = re.compile(r"(?:(?<=[\s*_~(<\"'])|^)https?://[^\s<>\[\]`]+", re.M)


def _linkified(url: str) -> str:
    """What goldmark's linkify keeps of a bare address: a final dot goes (and then a ")"
    before it stays: "(https://a.org/x)." links to "x)"), else ")"s that open nowhere in
    it, then end punctuation. (With Hugo's typographer, an address after an opening quote
    is linked too, closing quote and all.)"""
    if url.endswith("."):
        url = url[:-1]
    elif url.endswith(")"):
        unbalanced = url.count(")") - url.count("(")
        url = url[:-unbalanced] if unbalanced > 0 else url
    return url.rstrip("?!.,:*_~")


# Hugo's own figure shortcode writes its src and link parameters into the page as given.
# Shortcodes run inside code blocks too, so these are read from the unmasked text.
_FIGURE_CALL = re.compile(r"\{\{[<%]\s*figure\s((?:[^{}]|\{(?!\{))*?)[>%]\}\}")
_FIGURE_ADDRESS = re.compile(r"\b(?:src|link)\s*=\s*\"([^\"]+)\"")
# A reference definition; [^label]: is a footnote, not a link.
_REF_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_REF_LABEL = re.compile(r"^ {0,3}\[(?!\^)([^\]\n]+)\]:")
# [text][label], [label][] and [label] (a shortcut reference, not followed by ( or [). Its
# text may run over lines of one paragraph. Definition lines are blanked before this runs,
# so a `[label]:` left is a use ("see [the guide]:").
_REF_USE = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n)|\[[^\[\]]*\])*)\](?:\[([^\]]*)\]|(?![(\[]))")


def normalize_label(label: str) -> str:
    return " ".join(label.split()).casefold()


_HTML_TAG = re.compile(
    r"<(a|area|img|source|video|audio|track|iframe|embed|object|link|script)\b"
    r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.I,
)
_HTML_ATTR = re.compile(
    rf"\s(href|src|srcset|poster|data)\s*=\s*"
    rf"(\"((?:{_TEMPLATE_UNIT}|[^\"])*)\"|'((?:{_TEMPLATE_UNIT}|[^'])*)'|([^\s>\"']+))",
    re.I,
)
SOURCE_SUFFIXES = (".md", ".markdown", ".mdown", ".html", ".htm", ".txt")


def mask_code(text: str, markdown: bool) -> str:
    """Blank out fenced code, inline code and HTML comments, keeping every offset."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "

    for match in re.finditer(r"<!--.*?-->", text, re.S):
        blank(*match.span())
    if markdown:
        offset, fence, indent = 0, None, 0
        for line in text.splitlines(keepends=True):
            opener = _FENCE.match(line)
            if fence is None and opener:
                fence = opener.group(1)[0] * len(opener.group(1))
                indent = len(line) - len(line.lstrip(" "))
                blank(offset, offset + len(line))
            elif fence is not None:
                blank(offset, offset + len(line))
                if _closes(line, fence, indent):
                    fence = None
            offset += len(line)
        masked = "".join(chars)
        for match in re.finditer(r"(`+)(?!`).+?(?<!`)\1(?!`)", masked):
            blank(*match.span())
    return "".join(chars)


def _closes(line: str, fence: str, indent: int) -> bool:
    """Whether ``line`` closes a fence opened with ``fence`` at ``indent`` spaces: the
    same character, as many or more, no info string, and (CommonMark) at most three
    spaces further in than the opener (a list item's fence is indented with it)."""
    body = line.lstrip(" ")
    marks = len(body) - len(body.lstrip(fence[0]))
    return len(line) - len(body) <= indent + 3 and marks >= len(fence) and not body[marks:].strip()


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(match.end() for match in re.finditer("\n", text))
    return starts


def source_links(path: str, text: str) -> list[SourceLink]:
    """Every link destination written in a source file, in order."""
    markdown = not path.endswith((".html", ".htm"))
    masked = mask_code(text, markdown)
    found: list[tuple[int, int, str]] = []
    if markdown:
        for match in _MD_DEST.finditer(masked):
            found.append((*match.span(1), "markdown"))
        for match in _REF_DEF.finditer(masked):
            found.append((*match.span(1), "reference"))
        written = {start for start, _, _ in found}
        for match in _BARE_URL.finditer(masked):
            url = _linkified(match.group(0))
            if match.start() not in written:
                found.append((match.start(), match.start() + len(url), "bare"))
        for call in _FIGURE_CALL.finditer(text):
            for address in _FIGURE_ADDRESS.finditer(call.group(1)):
                start = call.start(1) + address.start(1)
                found.append((start, start + len(address.group(1)), "shortcode"))
    for tag in _HTML_TAG.finditer(masked):
        for attr in _HTML_ATTR.finditer(tag.group(0)):
            group = next(g for g in (3, 4, 5) if attr.group(g) is not None)
            start, end = attr.span(group)
            found.append((tag.start() + start, tag.start() + end, "html"))
    starts = line_starts(text)
    links = []
    for start, end, syntax in sorted(set(found)):
        raw = text[start:end]
        if raw.startswith("<") and raw.endswith(">") and syntax != "html":
            start, end, raw = start + 1, end - 1, raw[1:-1]
        kind = template_kind(raw) or syntax
        line = bisect.bisect_right(starts, start)
        links.append(SourceLink(path, line, start - starts[line - 1] + 1, raw, kind, start, end))
    return links


def template_kind(raw: str) -> str | None:
    if re.search(r"\{\{[<%]\s*(rel)?ref\b", raw):
        return "hugo-ref"
    if "{% link" in raw or "{%link" in raw:
        return "liquid-link"
    if "post_url" in raw:
        return "liquid-post-url"
    if "{{" in raw or "{%" in raw:
        return "template"
    return None


class Sources:
    """Source files of one site copy and the links written in them (read once)."""

    def __init__(self, root: Path, built: Built) -> None:
        self.root = root
        self.built = built
        self._links: dict[str, list[SourceLink]] = {}
        self._references: dict[str, tuple[dict[str, int], dict[str, list[int]]]] = {}

    def links(self, path: str) -> list[SourceLink]:
        if path not in self._links:
            file = self.root / path
            text = read_text(file) if file.suffix in SOURCE_SUFFIXES or not file.suffix else ""
            self._links[path] = source_links(path, text)
        return self._links[path]

    def references(self, path: str) -> tuple[dict[str, int], dict[str, list[int]]]:
        """Reference definitions (label -> line) and the lines where each label is used
        (where the use starts, as openaccess reports it)."""
        if path not in self._references:
            lines = mask_code(read_text(self.root / path), True).split("\n")
            definitions: dict[str, int] = {}
            for number, line in enumerate(lines, 1):
                definition = _REF_LABEL.match(line)
                if definition:
                    definitions.setdefault(normalize_label(definition.group(1)), number)
                    lines[number - 1] = ""  # a definition, no use
            uses = "\n".join(lines)
            starts = line_starts(uses)
            usages: dict[str, list[int]] = defaultdict(list)
            for match in _REF_USE.finditer(uses):
                label = match.group(2) or match.group(1)
                usages[normalize_label(label)].append(bisect.bisect_right(starts, match.start()))
            self._references[path] = (definitions, dict(usages))
        return self._references[path]

    def usages(self, path: str, definition_line: int) -> list[int]:
        definitions, usages = self.references(path)
        labels = [label for label, line in definitions.items() if line == definition_line]
        return sorted({line for label in labels for line in usages.get(label, [])})

    def definitions_used_on(self, path: str, line: int) -> set[int]:
        definitions, usages = self.references(path)
        return {
            definitions[label]
            for label, lines in usages.items()
            if line in lines and label in definitions
        }

    def candidates(self, source: str) -> list[SourceLink]:
        found = list(self.links(source))
        for included in sorted(self.built.includes.get(source, ())):
            found.extend(self.links(included))
        return found

    def expand(self, raw: str, source: str) -> str:
        """Replace the template pieces a generator would fill in, where we can."""
        built = self.built
        base = built.base_path.rstrip("/")

        def hugo_ref(match: re.Match[str]) -> str:
            target = match.group(2).strip("\"'`")
            path, _, fragment = target.partition("#")
            url = self.find_page(path, source) if path else built.urls.get(source, "")
            return (url or "") + (f"#{fragment}" if fragment else "")

        def liquid_link(match: re.Match[str]) -> str:
            url = built.urls.get(match.group(1).strip())
            if url is None:
                for rel, src in built.file_sources.items():
                    if src == match.group(1).strip():
                        url = built.base_path + rel
            return url or match.group(0)

        def post_url(match: re.Match[str]) -> str:
            name = match.group(1).strip()
            for src, url in built.urls.items():  # _posts/ anywhere: docs/x/_posts/ too
                posted = src.startswith("_posts/") or "/_posts/" in src
                if posted and Path(src).stem == Path(name).name:
                    return url
            return match.group(0)

        raw = re.sub(r"\{\{[<%]\s*(rel)?ref\s+(\S+)\s*[>%]\}\}", hugo_ref, raw)
        raw = re.sub(r"\{%-?\s*link\s+(.+?)\s*-?%\}", liquid_link, raw)
        raw = re.sub(r"\{%-?\s*post_url\s+(.+?)\s*-?%\}", post_url, raw)
        raw = re.sub(r"\{\{-?\s*site\.baseurl\s*-?\}\}", base, raw)
        raw = re.sub(
            r"\{\{-?\s*['\"]([^'\"]*)['\"]\s*\|\s*relative_url\s*-?\}\}",
            lambda m: base + "/" + m.group(1).lstrip("/"),
            raw,
        )
        return unescaped(raw)

    def find_page(self, path: str, source: str) -> str | None:
        """Approximate Hugo's ``ref`` lookup: by path from the content root or the page."""
        path = path.strip("/")
        folder = posixpath.dirname(source)
        wanted = []
        for stem in (path, posixpath.join(folder, path)):
            wanted += [stem, stem + ".md", stem + "/_index.md", stem + "/index.md"]
        for src, url in sorted(self.built.urls.items()):
            rel = src.split("/", 1)[1] if "/" in src else src
            if src in wanted or rel in wanted:
                return url
        for src, url in sorted(self.built.urls.items()):
            if src.endswith("/" + path) or src.endswith("/" + path + ".md"):
                return url
        return None


def link_stem(url: str) -> str:
    path = urlsplit(url).path if "://" in url else url.split("#", 1)[0].split("?", 1)[0]
    segments = [s for s in unquote(path).split("/") if s not in ("", ".", "..")]
    if not segments:
        return ""
    last = segments[-1]
    if last in ("index.html", "index.md", "_index.md", "README.md") and len(segments) > 1:
        last = segments[-2]
    last = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", last)
    return last.rsplit(".", 1)[0] if "." in last[1:] else last


def fragment_of(url: str) -> str:
    return unquote(url.split("#", 1)[1]) if "#" in url else ""


def match_score(link: BuiltLink, candidate: SourceLink, expanded: str, built: Built) -> int:
    """How surely ``candidate`` (as written in the source) made the built ``link``."""
    href = link.href.strip()
    if candidate.raw == href or expanded == href:
        return 100
    if (
        urlsplit(expanded.strip()).netloc
        and urlsplit(expanded.strip()).netloc != urlsplit(href).netloc
    ):
        return 0  # a full address on another host makes only itself
    page = page_url(link.page, built.base_path)
    if resolve_path(page, expanded) == resolve_path(page, href):
        return 90
    score = 0
    same_fragment = fragment_of(expanded) == fragment_of(href)
    stem, want = link_stem(expanded), link_stem(href)
    if stem and stem == want:
        score = 50 if same_fragment else 30
    elif stem and stem.lower() == want.lower():
        score = 40 if same_fragment else 25
    elif same_fragment and fragment_of(href):
        score = 25
    return score


def works_as_written(link: BuiltLink, expanded: str, crawled: Crawl, built: Built) -> bool:
    """Whether a source link, left as written, works from the broken link's page. A link
    only like the broken one (the same last segment) that works as written made its own
    working link: the topnav's ``news`` is not the page's ``[news](news.html)``."""
    written = BuiltLink(link.page, expanded.strip(), link.tag, link.line)
    return judge(written, crawled, built).status == "ok"


def resolve_path(page: str, url: str) -> str:
    try:
        parts = urlsplit(urljoin("http://site.invalid" + page, url.strip()))
    except ValueError:
        return url
    return f"{parts.netloc}{unquote(parts.path)}#{unquote(parts.fragment)}"


def attribute(
    link: BuiltLink, verdict: Verdict, sources: Sources, used: set[tuple], crawled: Crawl
) -> Break:
    """Find the source link that made a broken built link (see module docstring)."""
    built = sources.built
    source = built.page_sources.get(link.page)
    brk = Break(why=verdict.why, target=verdict.target, pages=[link.page], href=link.href)
    if source is None:
        return brk
    if link.page in built.content_hrefs and link.href not in built.content_hrefs[link.page]:
        return brk  # the generator says this link is not in the page's content
    rewritten = built.link_rewrites.get((source, link.href), set())
    best, best_score = None, 0
    for candidate in sources.candidates(source):
        if candidate.raw in rewritten:
            score = 100
        else:
            expanded = sources.expand(candidate.raw, source)
            score = match_score(link, candidate, expanded, built)
            if score < 90 and works_as_written(link, expanded, crawled, built):
                score = 0
        if (candidate.path, candidate.start) in used:
            score -= 1
        if score > best_score:
            best, best_score = candidate, score
    if best is not None and best_score >= 24:
        used.add((best.path, best.start))
        brk.path, brk.line, brk.column = best.path, best.line, best.column
        brk.raw, brk.syntax = best.raw, best.syntax
    return brk


# --------------------------------------------------------------------------- truth


@dataclass
class Truth:
    links_seen: int
    distinct_targets: int
    skipped: dict[str, int]
    breaks: list[Break]
    unattributed: list[Break]
    built: Built
    crawl: Crawl
    sources: Sources


def ground_truth(site: Site, built: Built) -> Truth:
    crawled = crawl(built.out, built.skip_files)
    sources = Sources(site.root, built)
    skipped: dict[str, int] = defaultdict(int)
    by_key: dict[tuple, Break] = {}
    unattributed: dict[tuple, Break] = {}
    targets, seen = set(), 0
    used_per_page: dict[str, set[tuple]] = defaultdict(set)
    for link in crawled.links:
        verdict = judge(link, crawled, built)
        if verdict.status == "skipped":
            skipped[verdict.why] += 1
            continue
        seen += 1
        targets.add(verdict.target)
        if verdict.status == "ok":
            continue
        brk = attribute(link, verdict, sources, used_per_page[link.page], crawled)
        store = by_key if brk.path else unattributed
        key = brk.key() if brk.path else ("", 0, brk.href)
        if key in store:
            if link.page not in store[key].pages:
                store[key].pages.append(link.page)
        else:
            store[key] = brk
    return Truth(
        seen,
        len(targets),
        dict(skipped),
        sorted(by_key.values(), key=lambda b: (b.path, b.line, b.column, b.raw)),
        merge_by_target(unattributed.values()),
        built,
        crawled,
        sources,
    )


def merge_by_target(breaks: Iterable[Break]) -> list[Break]:
    """One row per template link: the same href, or the same target from pages at
    other depths (``../x/`` and ``../../x/`` in a navigation menu)."""
    merged: dict[str, Break] = {}
    for brk in sorted(breaks, key=lambda b: (b.href, b.target)):
        first = merged.setdefault(brk.target, brk)
        if first is not brk:
            first.pages.extend(p for p in brk.pages if p not in first.pages)
    return sorted(merged.values(), key=lambda b: (b.href, b.target))


# --------------------------------------------------------------------------- openaccess


def content_paths(site: Site) -> list[str]:
    """Where the site's pages live, for ``openaccess check PATHS``."""
    if site.generator == "mkdocs":
        config = load_yaml(site.root / (site.config or "mkdocs.yml"))
        return [str(config.get("docs_dir") or "docs")]
    if site.generator == "hugo":
        return site.content_dirs or ["content"]
    return ["."]


def hugo_content_dirs(root: Path, config: str | None, options: Options) -> list[str]:
    config_arg = ["--config", config] if config else []
    mounts = hugo_mounts(root, config_arg + hugo_config_flags(options))
    dirs = []
    for mount in mounts:
        if (
            mount["target"] == "content"
            and mount["dir"] == str(root)
            and mount["source"] not in dirs
            and (root / mount["source"]).is_dir()
        ):
            dirs.append(mount["source"])
    return dirs


def has_openaccess_config(root: Path) -> bool:
    if (root / "openaccess.toml").is_file():
        return True
    pyproject = root / "pyproject.toml"
    return pyproject.is_file() and "[tool.openaccess" in read_text(pyproject)


def run_openaccess(site: Site, options: Options) -> list[Finding]:
    command = list(options.openaccess) or default_openaccess()
    paths = list(options.check_paths)
    if not paths and not has_openaccess_config(site.root):
        paths = content_paths(site)
    command += ["check", "--format", "json", "--select", ",".join(OPENACCESS_RULES)]
    command += ["--no-cache", *options.check_args, *paths]
    try:
        done = subprocess.run(
            command, cwd=site.root, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except FileNotFoundError:
        raise TruthError(f"{command[0]} not found; pass --openaccess") from None
    if done.returncode not in (0, 1):
        message = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise TruthError(f"openaccess check exited {done.returncode}: {message[0]}")
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise TruthError("openaccess check --format json did not print JSON") from None
    findings = []
    for item in report.get("diagnostics", []):
        if item.get("rule") in OPENACCESS_RULES:
            path = Path(item["path"]).as_posix()
            path = posixpath.normpath(path) if not Path(path).is_absolute() else path
            findings.append(
                Finding(path, item["line"], item["column"], item["rule"], item["message"])
            )
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.rule))


def default_openaccess() -> list[str]:
    beside = Path(sys.executable).with_name("openaccess")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("openaccess")
    return [found] if found else [sys.executable, "-m", "openaccess"]


# --------------------------------------------------------------------------- comparing


@dataclass
class Comparison:
    matched: list[tuple[Break, Finding]]
    misses: list[Break]
    false_alarms: list[tuple[Finding, str]]
    duplicates: list[Finding]

    @property
    def recall(self) -> float | None:
        total = len(self.matched) + len(self.misses)
        return len(self.matched) / total if total else None

    @property
    def precision(self) -> float | None:
        total = len(self.matched) + len(self.false_alarms)
        return len(self.matched) / total if total else None


def compare(truth: Truth, findings: list[Finding]) -> Comparison:
    """Pair openaccess findings with true breaks by file and line (column breaks ties)."""
    by_line: dict[tuple[str, int], list[Break]] = defaultdict(list)
    for brk in truth.breaks:
        by_line[(brk.path, brk.line)].append(brk)
    for brk in truth.breaks:  # a reference link may be reported where it is used
        if brk.syntax != "html" and is_definition(truth, brk):
            for line in truth.sources.usages(brk.path, brk.line):
                by_line[(brk.path, line)].append(brk)
    for brk in truth.breaks:  # a link in an included file may be reported at the include
        for page_source, included in truth.built.includes.items():
            if brk.path in included:
                for line in include_lines(truth.sources, page_source, brk.path, included):
                    by_line[(page_source, line)].append(brk)
    matched: dict[int, tuple[Break, Finding]] = {}
    false_alarms, duplicates = [], []
    for finding in findings:
        options = by_line.get((finding.path, finding.line), [])
        written = {s.raw for s in truth.sources.links(finding.path) if s.line == finding.line}
        pick = pick_break(options, finding, matched, written)
        if pick is None:  # a link whose text spans lines: reported at its "[", written below
            nearby = [
                b for n in (1, 2, 3) for b in by_line.get((finding.path, finding.line + n), [])
            ]
            quoted = message_links(finding.message)
            nearby = [b for b in nearby if names_link(quoted, b.raw)]
            pick = pick_break(nearby, finding, matched, set())
        if pick is None:
            quoted = message_links(finding.message)
            if any(id(b) in matched and (names_link(quoted, b.raw) or not quoted) for b in options):
                duplicates.append(finding)  # a second finding on a link already matched
            else:
                false_alarms.append((finding, explain_false_alarm(finding, truth)))
            continue
        matched[id(pick)] = (pick, finding)
    misses = [brk for brk in truth.breaks if id(brk) not in matched]
    return Comparison(list(matched.values()), misses, false_alarms, duplicates)


def is_definition(truth: Truth, brk: Break) -> bool:
    """A reference definition whose destination holds a template (syntax says so)."""
    line = read_text(truth.sources.root / brk.path).split("\n")[brk.line - 1 : brk.line]
    return bool(line) and _REF_LABEL.match(line[0]) is not None


def include_lines(
    sources: Sources, page: str, included: str, pulled_in: set[str] | frozenset[str] = frozenset()
) -> list[int]:
    """The page's lines that pull ``included`` in: those naming it, or naming another of
    the files the page pulls in (``pulled_in``) that names it, at any depth (pikvm's
    page -> _edidconf_options.md -> the file with the link)."""
    names = {posixpath.basename(included)}
    others = {path: read_text(sources.root / path) for path in pulled_in if path != included}
    grew = True
    while grew:
        grew = False
        for path, text in others.items():
            name = posixpath.basename(path)
            if name not in names and any(known in text for known in names):
                names.add(name)
                grew = True
    text = read_text(sources.root / page)
    return [n for n, line in enumerate(text.splitlines(), 1) if any(k in line for k in names)]


def pick_break(
    options: list[Break], finding: Finding, matched: dict, written: set[str]
) -> Break | None:
    """The true break a finding reports: the one whose link the message quotes; by
    column when the message quotes no link written on that line."""
    free = [b for b in options if id(b) not in matched]
    if not free:
        return None
    quoted = message_links(finding.message)
    for brk in free:
        if names_link(quoted, brk.raw):
            return brk
    if any(
        names_link(quoted, raw) for raw in written
    ):  # it names another link of the line, one that works
        return None
    return min(free, key=lambda b: abs(b.column - finding.column))


def message_links(message: str) -> set[str]:
    """What a message may name a link by: quoted text, and bare paths (``at /a/b/``)."""
    quoted = set(re.findall(r"'([^']*)'", message))
    bare = {word.rstrip(";,.?") for word in message.split() if "/" in word or "#" in word}
    return quoted | bare


# A Markdown backslash escape of ASCII punctuation: ``#input\_flavor\_id`` is built as
# ``#input_flavor_id`` (shardingsphere-on-cloud: 42 breaks taken for false alarms).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescaped(raw: str) -> str:
    """A link's address as Markdown reads it: its backslash escapes removed."""
    return _ESCAPE.sub(r"\1", raw)


def names_link(quoted: set[str], raw: str) -> bool:
    """Does a message quote this link (as written, or just its path or fragment)? A
    fragment inside a tag ends at its quote (``{{< ref "a.md#part" >}}``); a full URL of
    the site is quoted by the path it is served at (``https://knative.dev/docs/``), and
    a path with the site's base path by the path below it (``/watchman/docs/x.html`` by
    ``/docs/x.html``)."""
    raw = unescaped(raw)
    path, _, fragment = raw.partition("#")
    fragment = re.split(r"[\"'\s>]", fragment, maxsplit=1)[0]
    served = urlsplit(path).path if "://" in path else ""
    below_base = path.startswith("/") and any(
        len(name) > 1 and name.startswith("/") and path.endswith(name) for name in quoted
    )
    return (
        raw in quoted
        or (bool(fragment) and fragment in quoted)
        or (bool(path) and path in quoted)
        or (bool(served) and served in quoted)
        or below_base
    )


def explain_false_alarm(finding: Finding, truth: Truth) -> str:
    """Say why a finding is not a true break: the page is not built, or the link works."""
    built, sources = truth.built, truth.sources
    links = [s for s in sources.links(finding.path) if s.line == finding.line]
    if not links:  # a reference link: the destination is on its definition's line
        definitions = sources.definitions_used_on(finding.path, finding.line)
        links = [s for s in sources.links(finding.path) if s.line in definitions]
    quoted = message_links(finding.message)
    below = [s for s in sources.links(finding.path) if 0 < s.line - finding.line <= 3]
    named = [s for s in links if names_link(quoted, s.raw)]
    named = named or [s for s in below if names_link(quoted, s.raw)] or links
    written = min(named, key=lambda s: abs(s.column - finding.column)) if named else None
    pages = [rel for rel, src in built.page_sources.items() if src == finding.path]
    includers = [p for p, inc in built.includes.items() if finding.path in inc]
    if not pages and not includers:
        if any(src == finding.path for src in built.file_sources.values()):
            return "copied as a file, not built as a page"
        return "not built as a page (excluded, draft, template or data)"
    if written is None:
        return "no link found at that line of the source"
    expanded = sources.expand(written.raw, finding.path)
    page_list = pages or [rel for rel, s in built.page_sources.items() if s in includers]
    for page in page_list:
        page_source = built.page_sources[page]
        for link in truth.crawl.by_page.get(page, []):
            rewritten = built.link_rewrites.get((page_source, link.href), set())
            if written.raw in rewritten or match_score(link, written, expanded, built) >= 90:
                verdict = judge(link, truth.crawl, built)
                if verdict.status == "ok":
                    return f"works in the build ({link.href} -> {verdict.target})"
                if verdict.status == "broken":
                    return f"broken in the build ({verdict.why}) but paired with no true break"
                return f"not judged in the build ({verdict.why})"
    return f"'{written.raw}' is not in the built page (code, comment or unused)"


# --------------------------------------------------------------------------- planting

PLANT_KINDS = (
    "rename-target",
    "link-case",
    "typo-segment",
    "drop-heading",
    "delete-image",
    "relative-depth",
    "fragment-typo",
)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico")


@dataclass
class Mutation:
    kind: str
    path: str
    description: str
    line: int = 0
    old_raw: str = ""
    new_raw: str = ""
    target: str = ""  # renamed/deleted source file or page of a reworded heading
    renamed_to: str = ""


def plain_local(link: SourceLink) -> bool:
    raw = link.raw.strip()
    return (
        link.syntax in ("markdown", "reference", "html")
        and bool(raw)
        and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", raw)
    )


def typo(word: str, rng: random.Random) -> str | None:
    """Swap two neighbouring letters (a realistic slip); None when that changes nothing."""
    spots = [i for i in range(len(word) - 1) if word[i].isalpha() and word[i + 1].isalpha()]
    spots = [i for i in spots if word[i] != word[i + 1]]
    if not spots:
        return None
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def mutate_link(kind: str, raw: str, rng: random.Random) -> str | None:
    path, hash_, fragment = raw.partition("#")
    segments = path.split("/")
    named = [i for i, s in enumerate(segments) if s not in ("", ".", "..")]
    if kind == "fragment-typo":
        new = typo(fragment, rng) if hash_ and fragment and fragment != "top" else None
        return f"{path}#{new}" if new else None
    if not named:
        return None
    last = named[-1]
    if kind == "link-case":
        word = segments[last]
        letter = next((i for i, c in enumerate(word) if c.isalpha()), None)
        if letter is None:
            return None
        changed = word[letter].swapcase()
        segments[last] = word[:letter] + changed + word[letter + 1 :]
    elif kind == "typo-segment":
        index = rng.choice(named)
        stem, dot, ext = segments[index].partition(".")
        new = typo(stem, rng)
        if not new:
            return None
        segments[index] = new + dot + ext
    elif kind == "relative-depth":
        if "/" not in path.strip("/") or path.startswith("/"):
            return None
        segments = segments[1:] if path.startswith("../") else ["..", *segments]
    else:
        return None
    return "/".join(segments) + (hash_ + fragment)


def plan_mutations(truth: Truth, count: int, seed: int) -> list[Mutation]:
    """Pick ``count`` breaks, spread over the kinds, deterministically from ``seed``."""
    rng = random.Random(seed)
    built, sources = truth.built, truth.sources
    page_sources = sorted(set(built.page_sources.values()))
    broken_keys = {(b.path, b.line, b.raw) for b in truth.breaks}
    links = [
        link
        for source in page_sources
        for link in sources.links(source)
        if plain_local(link) and (link.path, link.line, link.raw) not in broken_keys
    ]
    kinds = list(PLANT_KINDS)
    rng.shuffle(kinds)
    touched: set[tuple[str, int]] = set()  # lines with a link edit
    touched_files: set[str] = set()  # files renamed, deleted, or with an edit
    claimed: set[str] = set()  # targets already broken once: one change each
    mutations: list[Mutation] = []
    attempts = 0
    while len(mutations) < count and attempts < count * 20:
        kind = kinds[attempts % len(kinds)]
        attempts += 1
        mutation = plan_one(kind, links, truth, rng, touched, touched_files | claimed)
        if mutation is not None:
            mutations.append(mutation)
            touched.add((mutation.path, mutation.line))
            touched_files.add(mutation.path)
            claimed.update(claims(mutation))
    return mutations


def link_claims(raw: str) -> list[str]:
    """The targets a link edit breaks: its file or page, and its fragment."""
    claims = [f"stem:{link_stem(raw)}"] if link_stem(raw) else []
    return claims + ([f"id:{loose(fragment_of(raw))}"] if fragment_of(raw) else [])


def claims(mutation: Mutation) -> list[str]:
    if mutation.kind in ("rename-target", "delete-image"):
        return [f"stem:{Path(mutation.path).stem}"]
    if mutation.kind == "drop-heading":
        return [f"id:{mutation.old_raw}"]
    return link_claims(mutation.old_raw)


def plan_one(
    kind: str,
    links: list[SourceLink],
    truth: Truth,
    rng: random.Random,
    touched: set[tuple[str, int]],
    touched_files: set[str],
) -> Mutation | None:
    moved = {path for path, line in touched if line == 0}  # renamed or deleted files
    free = [
        item
        for item in links
        if (item.path, item.line) not in touched
        and item.path not in moved
        and not set(link_claims(item.raw)) & touched_files
    ]
    if kind in ("link-case", "typo-segment", "relative-depth", "fragment-typo"):
        rng.shuffle(free)
        for link in free:
            new = mutate_link(kind, link.raw, rng)
            if new and new != link.raw:
                return Mutation(kind, link.path, f"{link.raw} -> {new}", link.line, link.raw, new)
        return None
    if kind == "rename-target":
        return plan_rename(free, truth, rng, touched_files)
    if kind == "delete-image":
        return plan_delete_image(free, truth, rng, touched_files)
    if kind == "drop-heading":
        return plan_heading(free, truth, rng, touched_files)
    return None


def linked_sources(links: list[SourceLink], truth: Truth, suffixes: tuple[str, ...]) -> list[str]:
    """Source files (pages or static files) that some plain link in the site points to.
    Only files on disk: a plugin may report a page it made (mkdocs-gen-files), which
    no change to the sources could rename or delete."""
    names = {link_stem(item.raw) for item in links if item.raw.split("#")[0]}
    found = set()
    for rel, source in {**truth.built.file_sources, **truth.built.page_sources}.items():
        if source.endswith(suffixes) and (link_stem(rel) in names or Path(source).stem in names):
            found.add(source)
    return sorted(source for source in found if (truth.sources.root / source).is_file())


def referenced_by_tags(truth: Truth, source: str) -> bool:
    """Would renaming ``source`` break the build (Hugo ref, Jekyll link/post_url, nav)?"""
    name = Path(source).name
    stem = Path(source).stem
    for path in set(truth.built.page_sources.values()) | set(
        f for inc in truth.built.includes.values() for f in inc
    ):
        for link in truth.sources.links(path):
            if link.syntax in ("hugo-ref", "liquid-link", "liquid-post-url") and (
                name in link.raw or stem in link.raw
            ):
                return True
    return False


# Files that name site files the build needs: a theme's logo in mkdocs.yml, the pages of
# an awesome-pages ``.pages`` or awesome-nav ``.nav.yml`` file (strict by default). A
# plant that renames or deletes a file they name stops the build.
_NAMING_FILES = (*MKDOCS_CONFIG_FILES, ".pages", ".nav.yml", ".nav.yaml")


@functools.cache
def _naming_text(root: Path) -> str:
    texts = []
    for name in _NAMING_FILES:
        for path in [root / name] if name in MKDOCS_CONFIG_FILES else root.rglob(name):
            if path.is_file() and path.stat().st_size < 1_000_000:
                texts.append(path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(texts)


def named_by_the_build(truth: Truth, source: str) -> bool:
    """Whether a config or navigation file names ``source``, so the build needs it."""
    return Path(source).name in _naming_text(truth.sources.root)


def plan_rename(
    links: list[SourceLink], truth: Truth, rng: random.Random, touched: set[str]
) -> Mutation | None:
    pages = [
        s
        for s in linked_sources(links, truth, (".md", ".markdown", ".html"))
        if Path(s).name not in ("index.md", "_index.md", "README.md", "index.html")
        and s not in touched
        and f"stem:{Path(s).stem}" not in touched
        and s in truth.built.page_sources.values()
        and not referenced_by_tags(truth, s)
        and not named_by_the_build(truth, s)
    ]
    if not pages:
        return None
    source = rng.choice(pages)
    path = Path(source)
    new = path.with_name(f"{path.stem}-old{path.suffix}").as_posix()
    return Mutation(
        "rename-target", source, f"rename {source} -> {new}", target=source, renamed_to=new
    )


def plan_delete_image(
    links: list[SourceLink], truth: Truth, rng: random.Random, touched: set[str]
) -> Mutation | None:
    images = [
        s
        for s in linked_sources(links, truth, IMAGE_SUFFIXES)
        if s not in touched
        and f"stem:{Path(s).stem}" not in touched
        and not referenced_by_tags(truth, s)
        and not named_by_the_build(truth, s)
    ]
    if not images:
        return None
    source = rng.choice(images)
    return Mutation("delete-image", source, f"delete {source}", target=source)


_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$", re.M)


def loose(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def linked_fragments(truth: Truth) -> dict[str, set[str]]:
    """Source page -> the fragments that working built links point to in it."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for link in truth.crawl.links:
        if not fragment_of(link.href):
            continue
        verdict = judge(link, truth.crawl, truth.built)
        if verdict.status != "ok":
            continue
        rel = verdict.target[len(truth.built.base_path) :]
        served = serve(rel, truth.crawl, truth.built.html_fallback)
        source = truth.built.page_sources.get(served or "")
        if source:
            wanted[source].add(loose(fragment_of(link.href)))
    return wanted


def plan_heading(
    links: list[SourceLink], truth: Truth, rng: random.Random, touched: set[str]
) -> Mutation | None:
    """Reword a heading (or rename its explicit id) that a working link written in some
    page points to (links that the theme makes from headings follow the new text)."""
    written = {loose(fragment_of(item.raw)) for item in links if fragment_of(item.raw)}
    options = []
    for source, found in sorted(linked_fragments(truth).items()):
        fragments = found & written
        if source in touched or not source.endswith((".md", ".markdown")):
            continue
        text = mask_code(read_text(truth.sources.root / source), True)
        for match in _HEADING.finditer(text):
            title = re.sub(r"\s*\{[^}]*\}\s*$", "", match.group(2))
            explicit = re.search(r"\{[^}]*#([\w-]+)[^}]*\}\s*$", match.group(2))
            key = loose(explicit.group(1)) if explicit else loose(title)
            if key in fragments and f"id:{key}" not in touched:
                line = text.count("\n", 0, match.start()) + 1
                options.append((source, line, match.group(2), key))
    if not options:
        return None
    source, line, heading, key = rng.choice(options)
    description = f"reword heading '{heading}'"
    return Mutation("drop-heading", source, description, line, old_raw=key, target=source)


def apply_mutations(root: Path, mutations: list[Mutation]) -> None:
    """Edit the copy; every edit keeps line numbers so findings stay comparable."""
    for mutation in mutations:
        file = root / mutation.path
        if mutation.kind == "rename-target":
            file.rename(root / mutation.renamed_to)
        elif mutation.kind == "delete-image":
            file.unlink()
        elif mutation.kind == "drop-heading":
            lines = read_text(file).split("\n")
            lines[mutation.line - 1] = reword_heading(lines[mutation.line - 1])
            file.write_text("\n".join(lines), encoding="utf-8")
        else:
            text = read_text(file)  # read again: an earlier edit may have moved offsets
            link = next(
                item
                for item in source_links(mutation.path, text)
                if item.line == mutation.line and item.raw == mutation.old_raw
            )
            file.write_text(text[: link.start] + mutation.new_raw + text[link.end :], "utf-8")


def reword_heading(line: str) -> str:
    explicit = re.search(r"(\{[^}]*#)([\w-]+)([^}]*\})\s*$", line)
    if explicit:
        return line[: explicit.start(2)] + explicit.group(2) + "-old" + line[explicit.end(2) :]
    return line.rstrip() + " today"


# --------------------------------------------------------------------------- report


@dataclass
class Measurement:
    site: Site
    truth: Truth
    findings: list[Finding]
    comparison: Comparison
    mutations: list[Mutation] = field(default_factory=list)
    planted: list[Break] = field(default_factory=list)
    effects: list[int] = field(default_factory=list)  # new broken links per mutation
    label: str = "clean"

    def planted_recall(self) -> tuple[int, int]:
        found = {id(b) for b, _ in self.comparison.matched}
        return sum(1 for b in self.planted if id(b) in found), len(self.planted)


def measure(
    source_root: Path, workdir: Path, options: Options, mutations_for: tuple[int, int] | None
) -> list[Measurement]:
    """Build, crawl and check the clean copy, then (optionally) a planted copy."""
    generator = options.generator or detect_generator(source_root)
    results = []
    clean = measure_copy(source_root, workdir / "clean", generator, options, [])
    results.append(clean)
    if mutations_for:
        count, seed = mutations_for
        mutations = plan_mutations(clean.truth, count, seed)
        planted = measure_copy(source_root, workdir / "planted", generator, options, mutations)
        renamed = {m.renamed_to: m.path for m in mutations if m.renamed_to}
        clean_keys = {b.key() for b in clean.truth.breaks}
        for brk in planted.truth.breaks:
            original = (renamed.get(brk.path, brk.path), brk.line, brk.raw)
            if original not in clean_keys:
                index = planted_by(brk, mutations)
                brk.planted = mutations[index].kind if index is not None else "side effect"
                if index is not None:
                    planted.effects[index] += 1
                planted.planted.append(brk)
        planted.label = "planted"
        results.append(planted)
    return results


def planted_by(brk: Break, mutations: list[Mutation]) -> int | None:
    """Which planted change made this new break (index), when it can be told."""
    for index, mutation in enumerate(mutations):
        if mutation.line and mutation.path == brk.path and mutation.line == brk.line:
            return index
    for index, mutation in enumerate(mutations):
        if mutation.kind == "drop-heading" and loose(fragment_of(brk.href)) == mutation.old_raw:
            return index
    for index, mutation in enumerate(mutations):
        if (
            mutation.kind != "drop-heading"
            and mutation.target
            and link_stem(mutation.target)
            in (
                link_stem(brk.target),
                link_stem(brk.raw),
            )
        ):
            return index
    return None


def prepare_copy(
    source_root: Path, folder: Path, generator: str, options: Options, mutations: list[Mutation]
) -> Site:
    """Copy the site (with the chosen config variant and any planted breaks)."""
    copy = folder / "site"
    copy_site(source_root, copy, generator)
    config = use_config_variant(copy, generator, options.config)
    content_dirs = hugo_content_dirs(copy, config, options) if generator == "hugo" else []
    site = Site(copy, generator, config, content_dirs)
    apply_mutations(copy, mutations)
    return site


def build_and_crawl(site: Site, folder: Path, options: Options) -> Truth:
    built = BUILDERS[site.generator](site, folder / "out", options)
    # Netlify serves /a from a.html too (its "pretty URLs"): strimzi's 31 links to /x.
    built.html_fallback = options.html_fallback or options.netlify
    if options.netlify:
        built.netlify_rules = netlify_rules(built.out / "_redirects")
    return ground_truth(site, built)


def site_truth(source_root: Path, folder: Path, options: Options) -> Truth:
    """The ground truth alone: copy, build with the real generator, crawl, map back."""
    generator = options.generator or detect_generator(source_root)
    site = prepare_copy(source_root, folder, generator, options, [])
    return build_and_crawl(site, folder, options)


def measure_copy(
    source_root: Path, folder: Path, generator: str, options: Options, mutations: list[Mutation]
) -> Measurement:
    site = prepare_copy(source_root, folder, generator, options, mutations)
    findings = run_openaccess(site, options)  # before the build writes into the copy
    truth = build_and_crawl(site, folder, options)
    comparison = compare(truth, findings)
    return Measurement(site, truth, findings, comparison, mutations, [], [0] * len(mutations))


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def describe(brk: Break) -> str:
    where = f"{brk.path}:{brk.line}" if brk.path else f"(built) {brk.pages[0]}"
    extra = f" [{brk.planted}]" if brk.planted else ""
    href = brk.raw or brk.href
    target = f" -> {brk.target}" if brk.target else ""
    return f"{where}  {href}  {brk.why}{target} ({brk.syntax or 'template'}){extra}"


def print_report(measurement: Measurement, label: str, limit: int) -> None:
    truth, comparison = measurement.truth, measurement.comparison
    counts = defaultdict(int)
    for finding in measurement.findings:
        counts[finding.rule] += 1
    rules = ", ".join(f"{counts[r]} {r}" for r in OPENACCESS_RULES)
    print(f"== {label}: {measurement.site.generator} site")
    print(
        f"links seen:           {truth.links_seen} local links in built pages "
        f"({truth.distinct_targets} distinct targets; not judged: "
        + (", ".join(f"{n} {w}" for w, n in sorted(truth.skipped.items())) or "none")
        + ")"
    )
    print(
        f"truly broken:         {len(truth.breaks)} from page text, "
        f"{len(truth.unattributed)} not from page text"
    )
    print(f"openaccess findings:  {len(measurement.findings)} ({rules})")
    print(
        f"recall:               {percent(comparison.recall)} "
        f"({len(comparison.matched)} of {len(truth.breaks)})"
    )
    print(
        f"precision:            {percent(comparison.precision)} "
        f"({len(comparison.matched)} of {len(comparison.matched) + len(comparison.false_alarms)})"
    )
    if comparison.duplicates:
        print(f"second findings on one broken link (not counted): {len(comparison.duplicates)}")
    if measurement.label == "planted" and not measurement.mutations:
        print("planted:              nothing: no working plain link or file to change")
    if measurement.mutations:
        found, total = measurement.planted_recall()
        rate = percent(found / total if total else None)
        print(
            f"planted:              {len(measurement.mutations)} changes made {total} broken "
            f"links; openaccess found {found} (recall {rate})"
        )
        for mutation, effect in zip(measurement.mutations, measurement.effects, strict=True):
            where = f"{mutation.path}:{mutation.line}" if mutation.line else mutation.path
            made = f"{effect} broken" if effect else "no effect"
            print(f"  planted {mutation.kind}: {where}  {mutation.description}  ({made})")
    if truth.built.warnings:
        print(f"generator warnings:   {len(truth.built.warnings)}")
    print_classes("misses by kind", [f"{b.why} ({b.syntax})" for b in comparison.misses])
    print_classes(
        "false alarms by reason",
        [f"{f.rule} {why.split(' (')[0].split(': ')[0]}" for f, why in comparison.false_alarms],
    )
    print_list("misses", [describe(b) for b in comparison.misses], limit)
    print_list(
        "false alarms",
        [
            f"{f.path}:{f.line}  {f.rule} {f.message}  -- {why}"
            for f, why in comparison.false_alarms
        ],
        limit,
    )
    print_list("not from page text", [describe(b) for b in truth.unattributed], limit)


def print_classes(title: str, labels: list[str]) -> None:
    """One line that sums a list up, most frequent class first."""
    if not labels:
        return
    counts: dict[str, int] = defaultdict(int)
    for label in labels:
        counts[re.sub(r"'[^']*'", "'...'", label)] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    print(f"{title}: " + "; ".join(f"{n} {label}" for label, n in ranked))


def print_list(title: str, rows: list[str], limit: int) -> None:
    if not rows:
        return
    print(f"{title} ({len(rows)}):")
    for row in rows[:limit]:
        print(f"  {row}")
    if len(rows) > limit:
        print(f"  ... {len(rows) - limit} more (--limit)")


def to_json(measurement: Measurement) -> dict:
    truth, comparison = measurement.truth, measurement.comparison
    found, total = measurement.planted_recall()
    return {
        "generator": measurement.site.generator,
        "links_seen": truth.links_seen,
        "not_judged": truth.skipped,
        "breaks": [asdict(b) for b in truth.breaks],
        "not_from_page_text": [asdict(b) for b in truth.unattributed],
        "findings": [asdict(f) for f in measurement.findings],
        "recall": comparison.recall,
        "precision": comparison.precision,
        "misses": [asdict(b) for b in comparison.misses],
        "false_alarms": [{**asdict(f), "why": why} for f, why in comparison.false_alarms],
        "mutations": [
            {**asdict(m), "broken_links": effect}
            for m, effect in zip(measurement.mutations, measurement.effects, strict=True)
        ],
        "planted": {
            "found": found,
            "total": total,
            "breaks": [asdict(b) for b in measurement.planted],
        },
        "generator_warnings": truth.built.warnings,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build a site with its real generator, find its truly broken links and "
        "measure openaccess check against them.",
    )
    parser.add_argument("site", type=Path, help="site folder (holds the generator's config)")
    parser.add_argument("--generator", choices=GENERATORS, help="default: detected from the config")
    parser.add_argument("--config", help="use this generator config file of the site instead")
    parser.add_argument("--plant", type=int, default=0, metavar="N", help="plant N breaks")
    parser.add_argument("--seed", type=int, default=1, help="seed for --plant (default 1)")
    parser.add_argument("--strict", action="store_true", help="fail when the generator warns")
    parser.add_argument(
        "--drop-plugin",
        action="append",
        default=[],
        metavar="NAME",
        help="leave out an MkDocs or Jekyll plugin that cannot run offline (repeatable)",
    )
    parser.add_argument(
        "--hugo-flag",
        action="append",
        default=[],
        metavar="FLAG",
        help="extra hugo build flag, e.g. --hugo-flag=--buildDrafts",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="Python that has MkDocs and the site's plugins installed",
    )
    parser.add_argument("--openaccess", help="openaccess command (default: next to this Python)")
    parser.add_argument(
        "--check-path",
        action="append",
        default=[],
        metavar="PATH",
        help="path for openaccess check (default: the generator's content folder)",
    )
    parser.add_argument(
        "--check-arg",
        action="append",
        default=[],
        metavar="ARG",
        help="extra argument for openaccess check, e.g. --check-arg=--config=x",
    )
    parser.add_argument(
        "--html-fallback",
        action="store_true",
        help="serve /a from a.html when there is no a, as GitHub Pages and jekyll serve do",
    )
    parser.add_argument(
        "--netlify",
        action="store_true",
        help="follow the built _redirects file's rules for missing paths, and serve /a from"
        " a.html, as Netlify does",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--save-json", type=Path, metavar="FILE", help="also write the JSON document to FILE"
    )
    parser.add_argument("--keep", type=Path, help="keep the copies and builds in this folder")
    parser.add_argument("--limit", type=int, default=40, help="rows shown per list (default 40)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.site.is_dir():
        print(f"link_truth: {args.site}: not a folder", file=sys.stderr)
        return 2
    options = Options(
        generator=args.generator,
        config=args.config,
        strict=args.strict,
        drop_plugins=tuple(args.drop_plugin),
        python=args.python,
        openaccess=tuple(args.openaccess.split()) if args.openaccess else (),
        check_paths=tuple(args.check_path),
        check_args=tuple(args.check_arg),
        hugo_flags=tuple(args.hugo_flag),
        html_fallback=args.html_fallback,
        netlify=args.netlify,
    )
    plant = (args.plant, args.seed) if args.plant > 0 else None
    with workspace(args.keep) as workdir:
        try:
            results = measure(args.site.resolve(), workdir, options, plant)
        except TruthError as error:
            print(f"link_truth: {error}", file=sys.stderr)
            return 2
        labels = ["clean", "planted"]
        document = {labels[i]: to_json(m) for i, m in enumerate(results)}
        if args.save_json:
            args.save_json.write_text(json.dumps(document, indent=1), encoding="utf-8")
        if args.json:
            print(json.dumps(document, indent=1))
        else:
            for label, measurement in zip(("clean", "planted"), results, strict=False):
                print_report(measurement, label, args.limit)
    return 0


@contextlib.contextmanager
def workspace(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        for child in ("clean", "planted"):
            shutil.rmtree(keep / child, ignore_errors=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="link-truth-") as folder:
        yield Path(folder)


if __name__ == "__main__":
    sys.exit(main())
