"""The longest-first order of the suite's files (tests/longest_first.py) names files that
exist, so a renamed file does not silently fall back to the end of the run."""

from pathlib import Path

from tests.longest_first import SECONDS

ROOT = Path(__file__).resolve().parent.parent


def test_every_file_the_longest_first_order_names_exists():
    missing = [name for name in SECONDS if not (ROOT / name).is_file()]
    assert len(SECONDS) >= 10 and not missing, f"rename or drop in tests/longest_first.py: " \
                                                f"{missing}"


def test_the_longest_files_are_handed_out_first(pytestconfig):
    addopts = (ROOT / "pyproject.toml").read_text()
    assert "-p tests.longest_first" in addopts
    assert pytestconfig.pluginmanager.has_plugin("tests.longest_first")
