"""Link rules: local targets resolved the way the site's generator builds them, link
wording, orphan pages, and (``check --external``) links to other sites.

Every link is resolved once per page by the router (:mod:`openaccess.routing.router`);
these rules only read the resolved targets from their context.
"""

from openaccess.rules.links import external, local, orphans, wording

__all__ = ["external", "local", "orphans", "wording"]
