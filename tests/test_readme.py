"""The README documents what the code does: rules, config keys, the quick start."""

from __future__ import annotations

import re
from pathlib import Path

from openaccess.config import documented_keys
from openaccess.rules import all_rules
from openaccess.rules.docs import markdown_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_rule_table_matches_the_registry():
    found = re.search(r"<!-- rules-table -->\n(.*?)\n<!-- /rules-table -->", README, re.S)
    assert found, "README lacks the rules table markers"
    assert found.group(1) == markdown_table(all_rules()), "run: openaccess rules --markdown"


def test_every_config_key_is_documented():
    for key, _, _ in documented_keys():
        name = key.split(".")[-1]
        assert f"`{name}`" in README, f"config key {key} is not documented in the README"


def test_quick_start_has_exactly_two_commands():
    for name in ("main", "test"):
        block = re.search(
            rf"<!-- quickstart:{name} -->\n```sh\n(.*?)\n```\n<!-- /quickstart:{name} -->",
            README,
            re.S,
        )
        assert block, f"quick start block '{name}' missing"
        assert len(block.group(1).splitlines()) == 1
