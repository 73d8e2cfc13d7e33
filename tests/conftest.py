import sys
from pathlib import Path

# Test helpers (fixture_runner) are imported as plain modules.
sys.path.insert(0, str(Path(__file__).parent))
