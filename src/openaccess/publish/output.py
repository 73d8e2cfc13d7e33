"""The output folder: refuse dangerous choices, build beside it, swap in only when complete.

openaccess only ever replaces a folder it wrote itself: the marker file lists every file
of the last build, and a folder holding anything else is refused, never deleted. A build
goes to a hidden temporary folder next to the output and replaces the old site in two
renames, so an interrupted or failed build leaves the previous site as it was. A lock
makes a second concurrent publish to the same place wait its turn.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from openaccess.errors import UsageError
from openaccess.publish.routes import MARKER_FILE

MARKER_HEADER = (
    "openaccess publish wrote this folder and every file listed below"
    " (%, line feed and carriage return written as %25, %0A and %0D).\n"
)
# The header of markers written before names were escaped: read as they are.
_PLAIN_MARKER_HEADER = "openaccess publish wrote this folder and every file listed below.\n"
_ESCAPES = (("%", "%25"), ("\n", "%0A"), ("\r", "%0D"))
_NEW, _OLD = "openaccess-new-", "openaccess-old-"


def check_output(output: Path, pages_dir: Path, project_root: Path) -> None:
    """Refuse an output folder publishing could damage; UsageError says why in one line."""
    where = output.as_posix()
    if output.is_symlink():
        raise UsageError(f"output folder '{where}' is a symbolic link; choose a real folder")
    resolved = output.resolve()
    pages = pages_dir.resolve()
    if resolved == pages:
        raise UsageError(f"output folder '{where}' is the pages folder; choose another")
    if resolved in pages.parents:
        raise UsageError(f"output folder '{where}' contains the pages folder; choose another")
    if pages in resolved.parents:
        raise UsageError(f"output folder '{where}' is inside the pages folder; choose another")
    if resolved == project_root.resolve() or resolved == Path(resolved.anchor):
        raise UsageError(f"output folder '{where}' is the project folder; choose a subfolder")
    if resolved.exists() and not resolved.is_dir():
        raise UsageError(f"output '{where}' exists and is not a folder")
    above = next(folder for folder in resolved.parents if folder.exists())
    if not above.is_dir():
        raise UsageError(f"output folder '{where}' would be inside '{above}', which is a file")
    strangers = foreign_files(resolved)
    if strangers:
        shown = ", ".join(strangers[:3]) + (" ..." if len(strangers) > 3 else "")
        raise UsageError(
            f"output folder '{where}' holds files openaccess did not write ({shown});"
            " choose an empty or new folder, or move those files away"
        )


def foreign_files(folder: Path) -> list[str]:
    """Files in ``folder`` that the marker of openaccess's last build does not list."""
    if not folder.is_dir():
        return []
    present = sorted(_all_entries(folder))
    if not present:
        return []
    owned = read_marker(folder)
    return [name for name in present if name not in owned]


def read_marker(folder: Path) -> set[str]:
    try:
        text = (folder / MARKER_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    if text.startswith(_PLAIN_MARKER_HEADER):
        names = text[len(_PLAIN_MARKER_HEADER) :].splitlines()
    elif text.startswith(MARKER_HEADER):
        names = [_unescaped(line) for line in text[len(MARKER_HEADER) :].split("\n")]
    else:
        return set()
    return {name for name in names if name} | {MARKER_FILE}


def marker_text(files: list[str]) -> str:
    """The marker file: one name to a line, escaped so a name with a line break (a file
    of the pages folder may have one) stays one name."""
    return MARKER_HEADER + "".join(f"{_escaped(name)}\n" for name in sorted(files))


def _escaped(name: str) -> str:
    for character, escape in _ESCAPES:
        name = name.replace(character, escape)
    return name


def _unescaped(line: str) -> str:
    for character, escape in reversed(_ESCAPES):
        line = line.replace(escape, character)
    return line


def _all_entries(folder: Path) -> Iterator[str]:
    """Every file, symlink and empty folder below ``folder``, relative, with '/'."""
    for current, dirs, names in os.walk(folder, followlinks=False):
        base = Path(current).relative_to(folder)
        for name in names + [d for d in dirs if (Path(current) / d).is_symlink()]:
            yield (base / name).as_posix()
        if not dirs and not names and Path(current) != folder:
            yield base.as_posix() + "/"


@contextlib.contextmanager
def locked(output: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock for publishing to ``output``; a second publish waits.

    On POSIX the lock is on the folder that holds the output (nothing is created for it);
    on Windows, which cannot lock folders, on a hidden lock file beside the output.
    """
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        fd = _open_lock(output)
    except OSError as error:
        raise UsageError(_unwritable(output, error)) from None
    try:
        if not _try_lock(fd):
            if on_wait is not None:
                on_wait()
            _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _open_lock(output: Path) -> int:
        return os.open(output.parent / f".{output.name}.openaccess-lock", os.O_RDWR | os.O_CREAT)

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _lock(fd: int) -> None:
        while not _try_lock(fd):
            time.sleep(0.2)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _open_lock(output: Path) -> int:
        return os.open(output.parent, os.O_RDONLY)

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def remove_leftovers(output: Path) -> None:
    """Clean up after an earlier publish that was killed. A build killed between the two
    renames of :func:`swap_in` left the previous site only in its ``old`` folder: that
    folder is put back first. Then the temporary folders openaccess made are removed."""
    prefixes = (f".{output.name}.{_NEW}", f".{output.name}.{_OLD}")
    leftovers = [
        entry
        for entry in sorted(output.parent.iterdir())
        if entry.name.startswith(prefixes) and entry.is_dir() and not entry.is_symlink()
    ]
    previous = [entry for entry in leftovers if entry.name.startswith(prefixes[1])]
    if previous and not output.exists():
        os.rename(previous[0], output)
        leftovers.remove(previous[0])
    for entry in leftovers:
        shutil.rmtree(entry)


def staging_folder(output: Path) -> Path:
    """A new, empty, hidden folder beside ``output`` with normal (umask) permissions."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.{_NEW}", dir=output.parent))
    except OSError as error:
        raise UsageError(_unwritable(output, error)) from None
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(staging, 0o777 & ~mask)
    return staging


def _unwritable(output: Path, error: OSError) -> str:
    reason = (error.strerror or str(error)).lower()
    return f"cannot write the output folder '{output.as_posix()}' ({reason}); choose another"


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by the complete ``staging`` folder; the old site is kept on failure."""
    if not output.exists():
        os.rename(staging, output)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{output.name}.{_OLD}", dir=output.parent))
    os.rmdir(old)
    os.rename(output, old)
    try:
        os.rename(staging, output)
    except OSError:
        os.rename(old, output)
        raise
    shutil.rmtree(old)
