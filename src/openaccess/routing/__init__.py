"""One router for every command: where each source file is published, which URL serves
what, and where a link lands, the way the site's own generator builds it."""
