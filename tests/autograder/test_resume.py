"""Nothing lost: results are kept as they are done, a stopped batch resumes, and the
same work runs on a Dask cluster."""

import errno
import json
import signal
import subprocess
import sys
import time


import autograder.course as course
import autograder.grade as grading
from autograder.__main__ import main
from autograder.grade import GRADER_FAILED, grade
from autograder.sandbox import Unsandboxed
from tests.autograder.conftest import ASSIGNMENT, CORPUS_DIR, solved, write_submission


def _class(root, notebook_names, size):
    wrong = (CORPUS_DIR / "predict_thresholds_with_greater_or_equal.py").read_text()
    for i in range(size):
        replacements = {"predict_answer": wrong} if i % 2 else None
        write_submission(root / f"student{i:02d}",
                         {n: solved(n, replacements) for n in notebook_names})


def _scores(results):
    return {r.student_id: (r.score, [t.points for t in r.tests]) for r in results}


def _students_graded(monkeypatch):
    """The list of students grading grades from now on (not taken from the cache)."""
    calls = []
    real = grading.grade_submission
    monkeypatch.setattr(grading, "grade_submission",
                        lambda student, *a, **k: calls.append(student) or real(student, *a, **k))
    return calls


def test_unchanged_submissions_are_not_regraded_unless_forced(tmp_path, monkeypatch,
                                                               notebook_names):
    _class(tmp_path / "class", notebook_names, 3)
    cache = tmp_path / "cache"
    first = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    calls = _students_graded(monkeypatch)
    again = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert calls == [] and _scores(again) == _scores(first)
    # one student hands in again: only that one is graded
    nb = tmp_path / "class" / "student01" / "numpy_basics.ipynb"
    nb.write_text(nb.read_text().replace('"cells": [', '"cells": [', 1) + "\n")
    grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert calls == ["student01"]
    grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache, force=True)
    assert sorted(calls[1:]) == ["student00", "student01", "student02"]


def test_a_batch_killed_halfway_resumes_with_the_same_results(tmp_path, notebook_names):
    _class(tmp_path / "class", notebook_names, 6)
    cache = tmp_path / "cache"
    command = [sys.executable, "-m", "autograder", "grade", str(tmp_path / "class"),
               "--assignment", ASSIGNMENT, "--workers", "1", "--cache-dir", str(cache),
               "--gradebook", "none", "--feedback-dir", str(tmp_path / "feedback"),
               "--json", str(tmp_path / "results.json")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(cache.glob("*.json"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done_before = {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")}
    assert 2 <= len(done_before) < 6
    assert not (tmp_path / "results.json").exists()
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("*.json")
            if p.name in done_before} == done_before
    resumed = json.loads((tmp_path / "results.json").read_text())["submissions"]
    fresh = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2)
    assert [(s["student_id"], s["score"]) for s in resumed] == \
        [(r.student_id, r.score) for r in fresh]


def test_grading_on_a_dask_cluster_gives_the_same_results(tmp_path, notebook_names):
    from dask.distributed import LocalCluster

    _class(tmp_path / "class", notebook_names, 4)
    local = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        remote = grade(tmp_path / "class", assignment=ASSIGNMENT, cluster=cluster.scheduler_address)
    assert _scores(remote) == _scores(local)
    assert len({r.score for r in local}) == 2


def test_a_full_disk_costs_only_what_could_not_be_written(tmp_path, monkeypatch, capsys,
                                                          notebook_names):
    _class(tmp_path / "class", notebook_names, 2)
    real = grading.atomic_write

    def disk_full_for_student01(path, text):
        if "student01" in str(path):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, text)

    monkeypatch.setattr(grading, "atomic_write", disk_full_for_student01)
    out = tmp_path / "out"
    code = main(["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT,
                 "--json", str(out / "results.json"), "--csv", str(out / "grades.csv"),
                 "--feedback-dir", str(out / "feedback"), "--cache-dir", str(out / "cache"),
                 "--gradebook", "none"])
    err = capsys.readouterr().err
    assert code == 1 and "could not be kept" in err and "could not be written" in err
    data = json.loads((out / "results.json").read_text())
    assert [s["student_id"] for s in data["submissions"]] == ["student00", "student01"]
    assert (out / "feedback" / "student00" / ASSIGNMENT / "feedback.html").exists()
    assert not (out / "feedback" / "student01").exists()


def test_a_result_kept_by_an_older_grader_still_loads(tmp_path, monkeypatch, notebook_names):
    """Results kept before tests had mistakes and submissions flags load, with none."""
    _class(tmp_path / "class", notebook_names, 2)
    cache = tmp_path / "cache"
    first = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert any(t.mistakes for t in first[1].tests)
    for kept in cache.glob("*.json"):
        data = json.loads(kept.read_text())
        del data["result"]["flags"]
        for test in data["result"]["tests"]:
            del test["mistakes"]
        kept.write_text(json.dumps(data))
    calls = _students_graded(monkeypatch)
    again = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert calls == [] and _scores(again) == _scores(first)
    assert all(r.flags == [] and all(t.mistakes == [] for t in r.tests) for r in again)


def test_a_grader_failure_is_never_kept_so_the_next_run_grades_it_again(tmp_path, monkeypatch,
                                                                        notebook_names):
    _class(tmp_path / "class", notebook_names, 2)
    cache = tmp_path / "cache"
    real = grading.grade_notebook

    def failing_for_student01(path, *args, **options):
        if "student01" in str(path):
            raise RuntimeError("a bug in the grader")
        return real(path, *args, **options)

    monkeypatch.setattr(grading, "grade_notebook", failing_for_student01)
    first = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert first[1].flags == [GRADER_FAILED] and first[1].score == 0
    monkeypatch.setattr(grading, "grade_notebook", real)  # the bug is fixed
    calls = _students_graded(monkeypatch)
    again = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert calls == ["student01"]
    assert again[1].error is None and again[1].score > 0
    assert again[0].score == first[0].score


def test_a_result_graded_without_a_sandbox_is_not_reused_once_there_is_one(tmp_path,
                                                                           monkeypatch,
                                                                           notebook_names):
    _class(tmp_path / "class", notebook_names, 1)
    cache = tmp_path / "cache"
    [unconfined] = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=1,
                         sandbox=Unsandboxed(), cache_dir=cache)
    calls = _students_graded(monkeypatch)
    [sandboxed] = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=1, cache_dir=cache)
    assert calls == ["student00"]
    assert (unconfined.sandbox, sandboxed.sandbox) == ("none", "bubblewrap")


def test_a_change_in_the_graders_code_regrades_every_submission(tmp_path, monkeypatch,
                                                                notebook_names):
    _class(tmp_path / "class", notebook_names, 2)
    cache = tmp_path / "cache"
    grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    monkeypatch.setattr(course, "grader_digest", lambda: "the next commit's grader")
    monkeypatch.setattr(course, "_loaded", {})
    calls = _students_graded(monkeypatch)
    grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2, cache_dir=cache)
    assert sorted(calls) == ["student00", "student01"]
