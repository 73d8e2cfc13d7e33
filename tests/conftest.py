import sys
from pathlib import Path

import pytest

# Test helpers (fixture_runner) are imported as plain modules.
sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def cli_garbage_collector():
    """Measure under the collector settings the command line uses (timing tests)."""
    import gc

    from openaccess.cli import tune_garbage_collector

    saved = gc.get_threshold()
    tune_garbage_collector()
    yield
    gc.set_threshold(*saved)
