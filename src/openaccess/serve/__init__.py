"""``openaccess serve``: the site as ``publish`` would build it, from memory, reloaded in
the browser on every save, with a review view that marks each finding in the text."""

from openaccess.serve.app import ServeOptions, run_serve

__all__ = ["ServeOptions", "run_serve"]
