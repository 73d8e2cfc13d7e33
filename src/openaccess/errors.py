"""The problems a user fixes by changing what they typed: one line on stderr, exit 2.

:class:`ConfigError` is a mistake in a file openaccess reads its settings from (a config
file, the rule data, templates); :class:`UsageError` one on the command line (options that
do not go together, a path or git ref that does not exist, an output that cannot be
written). Both name what to change; neither ever shows a traceback.
"""

from __future__ import annotations


class OpenAccessError(Exception):
    """A problem the user can fix: reported in one line, exit status 2."""


class ConfigError(OpenAccessError):
    """A configuration problem: a config file, the rule data or a template."""


class UsageError(OpenAccessError):
    """A command-line problem: options, paths, git refs, output files."""
