#!/usr/bin/env bash
# Make .venv hold the course's Python environment (pyproject.toml), installing only
# when pyproject.toml changed since the last install. Sourced by ./open-course and ./run-tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "This course needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)." >&2
    echo "Install it, or point PYTHON at one: PYTHON=python3.12 $0" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    echo "Creating the course environment in .venv ..." >&2
    "$python" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    echo "Installing the course's packages (a few minutes the first time) ..." >&2
    if ! { .venv/bin/python -m pip install --upgrade pip &&
           .venv/bin/python -m pip install -e .; } >.venv/install.log 2>&1; then
        cat .venv/install.log >&2
        echo "Installing the course's packages failed (log above, also in .venv/install.log)." >&2
        exit 1
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
fi
