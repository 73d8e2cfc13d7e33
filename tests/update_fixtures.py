"""Write ``.expected`` files for a rule's fixtures from the current output.

Usage: python tests/update_fixtures.py CODE [CODE ...]
Read every changed line before committing: expectations are checked by hand.
"""

from __future__ import annotations

import sys

from fixture_runner import fixture_pages, run_rule


def main(codes: list[str]) -> None:
    for code in codes:
        for page in fixture_pages(code):
            lines = run_rule(code, page)
            page.with_suffix(".expected").write_text("".join(f"{line}\n" for line in lines))
            print(f"{page.name}: {len(lines)} diagnostic(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
