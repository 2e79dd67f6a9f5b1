"""environment.yml gives conda users the same packages as pyproject.toml."""

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _normalise(requirement):
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()
    return name.lower().replace("_", "-"), spec.replace(" ", "")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    wanted = dict(_normalise(r) for r in pyproject["project"]["dependencies"])
    conda = {}
    text = (REPO / "environment.yml").read_text()
    for line in text.split("dependencies:", 1)[1].splitlines():
        match = re.match(r"^  - ([A-Za-z0-9_.\-]+.*)$", line)
        if match and not match.group(1).startswith(("python", "pip")):
            name, spec = _normalise(match.group(1))
            conda[name] = spec
    assert conda == wanted


def test_readme_quick_start_has_exactly_the_two_commands():
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [l for l in block.splitlines()[1:] if l.strip() and not l.startswith("#")]
    assert commands == ["./open-course", "./run-tests"]
    for command in commands:
        assert (REPO / command[2:]).stat().st_mode & 0o111, f"{command} is not executable"
    assert "./run-tests" in (REPO / ".ci" / "run").read_text()
