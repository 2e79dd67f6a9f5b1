#!/usr/bin/env bash
# After editing a source notebook, its hidden cases or the data: regenerate everything
# derived from the sources, in order.
# Usage: scripts/refresh-assignment.sh [--all] week1_logistic_regression
#   1. the reference outputs (autograder/references/<assignment>.json, the public ones, and
#      those of the course secret in use, if any); they run only the cells grading runs,
#      never the training cells
#   2. the stored outputs of the source notebooks (what nbval compares): only the notebooks
#      whose code cells, helpers, data, grader code or references changed since their
#      outputs were stored (autograder/stored_outputs.py keeps a digest in each notebook);
#      --all executes every notebook of the assignment anyway
#   3. the student release (notebooks/<assignment>/)
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
if [ "${1:-}" = "--all" ]; then
    all=1
    shift
fi
assignment="${1:?usage: scripts/refresh-assignment.sh [--all] ASSIGNMENT}"
export PATH="$PWD/.venv/bin:$PATH" PYTHONHASHSEED=0 COURSE_PLAIN_OUTPUT=1  # same output every run
# numpy on one core, as the tests and a student's ./open-course run it (helpers/threads.py)
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
python -m autograder references --public "$assignment"
status=0
python -m autograder secret status || status=$?  # 0: a secret in use, 1: none
case "$status" in
    0) python -m autograder references "$assignment" ;;
    1) ;;
    *) exit "$status" ;;
esac
for notebook in autograder/source/"$assignment"/*.ipynb; do
    stale=0
    python -m autograder.stored_outputs stale "$assignment" "$notebook" || stale=$?
    if [ "$all" = 1 ] || [ "$stale" = 0 ]; then
        echo "executing $notebook" >&2
        jupyter nbconvert --to notebook --execute --inplace --log-level=WARN \
            --ExecutePreprocessor.record_timing=False "$notebook"  # no timestamps: clean diffs
        python -m autograder.stored_outputs mark "$assignment" "$notebook"
    elif [ "$stale" = 1 ]; then
        echo "skipping $notebook: its stored outputs are current (nothing they depend on" \
             "changed; --all executes it anyway)" >&2
    else
        exit "$stale"
    fi
done
python -m autograder release "$assignment"
