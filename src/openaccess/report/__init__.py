"""``openaccess report``: readability scores per page in terminal, Markdown, JSON, CSV and
HTML form (``model`` measures, ``build`` collects pages and baselines, ``formats`` and
``html`` render, ``ratchet`` backs ``check --max-grade-increase``)."""
