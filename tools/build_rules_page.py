"""Write ``docs/rules.md``, the user guide's rules reference, from the rule docstrings.

Usage::

    python tools/build_rules_page.py

``tests/test_guide.py`` fails when the page and the rules differ: change a rule's
docstring, summary or options, then run this and commit both.
"""

from __future__ import annotations

from pathlib import Path

from openaccess.fsutil import atomic_write
from openaccess.rules import all_rules
from openaccess.rules.docs import reference_page

PAGE = Path(__file__).resolve().parents[1] / "docs" / "rules.md"

if __name__ == "__main__":
    atomic_write(PAGE, reference_page(all_rules()))
    print(f"wrote {PAGE}")
