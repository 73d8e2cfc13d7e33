"""Shared by the serve tests and the serve benchmark: run ``openaccess serve`` as a user
does (its own process, a free port) and wait until it serves and watches."""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SERVING = re.compile(r"Serving (http://\S+/) ")


@contextmanager
def serving(project: Path, *args: str, timeout: float = 60.0) -> Iterator[ServeProcess]:
    process = ServeProcess(project, args, timeout)
    try:
        yield process
    finally:
        process.stop()


class ServeProcess:
    def __init__(self, project: Path, args: tuple[str, ...], timeout: float) -> None:
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("CI", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "openaccess", "serve", "--port", "0", *args],
            cwd=project,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self.url = self._wait_for(_SERVING, timeout).group(1)

    def _wait_for(self, pattern: re.Pattern[str], timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        stream = self.process.stderr
        assert stream is not None
        selector = selectors.DefaultSelector()
        selector.register(stream, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=0.2):
                if self.process.poll() is not None:
                    break
                continue
            line = stream.readline()
            if not line:
                break
            self.lines.append(line)
            if found := pattern.search(line):
                return found
        raise AssertionError(f"serve did not say {pattern.pattern!r}:\n{''.join(self.lines)}")

    def wait_for_line(self, text: str, timeout: float = 30.0) -> str:
        return self._wait_for(re.compile(re.escape(text)), timeout).group(0)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 20.0) -> int:
        """Stop it as a user does (Ctrl+C); the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            if self.process.stderr is not None and not self.process.stderr.closed:
                self.lines.extend(self.process.stderr.readlines())
                self.process.stderr.close()
