"""``openaccess publish``: pages to a small static site that passes axe and the Nu checker.

``build`` runs the pipeline (gate on the checks, repair, render, write, swap); ``render``
turns one body into sanitized, accessible HTML; ``sanitize`` holds the nh3 allow-list;
``routes`` maps pages to safe output paths; ``output`` guards and swaps the output folder;
``theme`` renders the Jinja2 templates in ``templates/`` and ships ``static/openaccess.css``.
"""
