"""The README and the user guide (docs/) document what the code does: rules, config keys,
the quick start, the module map."""

from __future__ import annotations

import re
from pathlib import Path

from openaccess.config import documented_keys
from openaccess.rules import all_rules
from openaccess.rules.docs import rules_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ROOT / "docs"


def guide(page: str) -> str:
    return (DOCS / page).read_text(encoding="utf-8")


def test_rule_table_matches_the_registry():
    page = guide("rules.md")
    found = re.search(r"<!-- rules-table -->\n(.*?)\n<!-- /rules-table -->", page, re.S)
    assert found, "docs/rules.md lacks the rules table markers"
    assert found.group(1) == rules_table(all_rules()), "run: python tools/build_rules_page.py"


# Where each config key is documented: the guide's page for its table.
KEY_PAGES = {"publish": "publishing.md", "links": "links.md"}


def test_every_config_key_is_documented():
    for key, _, _ in documented_keys():
        table, _, name = key.rpartition(".")
        page = KEY_PAGES.get(table, "configuration.md")
        assert f"`{name}`" in guide(page), f"config key {key} is not documented in docs/{page}"


def test_readme_is_short_and_points_to_the_guide():
    assert len(README.splitlines()) <= 200
    for page in sorted(DOCS.glob("*.md")):
        assert f"](docs/{page.name})" in README, f"the README does not link to docs/{page.name}"


def test_quick_start_has_exactly_two_commands():
    for name in ("main", "test"):
        block = re.search(
            rf"<!-- quickstart:{name} -->\n```sh\n(.*?)\n```\n<!-- /quickstart:{name} -->",
            README,
            re.S,
        )
        assert block, f"quick start block '{name}' missing"
        assert len(block.group(1).splitlines()) == 1


# -- the module map --------------------------------------------------------------------------
REPO = ROOT
PACKAGE = REPO / "src" / "openaccess"


def module_map() -> list[tuple[Path, str]]:
    """(path named in the left column, what the right column says) for every entry of the
    module map in docs/development.md; paths under ``src/openaccess/`` are indented."""
    block = re.search(r"## Module map\n.*?```text\n(.*?)```", guide("development.md"), re.S)
    assert block, "docs/development.md lacks the module map"
    entries: list[tuple[Path, str]] = []
    for line in block.group(1).splitlines()[1:]:  # the first line names the package
        if not line.strip():
            continue
        left, _, right = line.strip().partition("  ")
        if line.startswith("  ") and not left:
            continue
        if line.startswith("   ") and line[:25].strip() == "":  # a continued description
            path, said = entries[-1]
            entries[-1] = (path, f"{said} {line.strip()}")
            continue
        base = PACKAGE if line.startswith("  ") else REPO
        for name in left.split(","):
            entries.append((base / name.strip().replace("<CODE>", "OA101"), right.strip()))
    return entries


def test_every_path_in_the_module_map_exists():
    entries = module_map()
    assert len(entries) > 30
    for path, said in entries:
        assert path.exists(), f"the module map names {path.relative_to(REPO)}, which is gone"
        folder = path if path.is_dir() else path.parent
        for module in re.findall(r"\b(\w+\.py)\b", said):  # modules named in the description
            found = list(folder.rglob(module))
            assert found, f"the module map says {module} is in {folder.relative_to(REPO)}"


def test_every_module_and_package_is_in_the_module_map():
    named = {path for path, _ in module_map()}
    for path in sorted(PACKAGE.iterdir()):
        if path.name.startswith(("_", ".")):
            continue
        if path.suffix == ".py" or (path / "__init__.py").is_file():
            where = "the module map in docs/development.md"
            assert path in named, f"add {path.relative_to(REPO)} to {where}"
