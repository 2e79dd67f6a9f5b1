#!/usr/bin/env bash
# After editing a source notebook, its hidden cases or the data: regenerate everything
# derived from the sources, in order. Usage: scripts/refresh-assignment.sh week1_logistic_regression
#   1. the reference outputs (autograder/references/<assignment>.json, the public ones, and
#      those of the course secret in use, if any)
#   2. the stored outputs of the source notebooks (what nbval compares)
#   3. the student release (notebooks/<assignment>/)
set -euo pipefail
cd "$(dirname "$0")/.."
assignment="${1:?usage: scripts/refresh-assignment.sh ASSIGNMENT}"
export PATH="$PWD/.venv/bin:$PATH" PYTHONHASHSEED=0 COURSE_PLAIN_OUTPUT=1  # same output every run
python -m autograder references --public "$assignment"
status=0
python -m autograder secret status || status=$?  # 0: a secret in use, 1: none
case "$status" in
    0) python -m autograder references "$assignment" ;;
    1) ;;
    *) exit "$status" ;;
esac
for notebook in autograder/source/"$assignment"/*.ipynb; do
    echo "executing $notebook" >&2
    jupyter nbconvert --to notebook --execute --inplace --log-level=WARN "$notebook"
done
python -m autograder release "$assignment"
