"""Grading a batch, on local threads and on a Dask cluster: a sandbox wherever student code
runs, task keys and results that answer exactly the work asked for, and a failed unit of
work that costs only its own student.

The cluster is real: a scheduler and two workers started here as an instructor starts
them (``dask scheduler``, ``dask worker tcp://...``, so the address is on the workers'
command lines), on loopback, once for the module. A test that changes the workers (to
stand for a grader bug, a dying worker or other code) does it with ``client.run`` and
restarts them afterwards. Each cluster test has a local twin next to it.
"""

import ast
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import cloudpickle
import pytest
from dask.distributed import Client

import autograder.grade as grading
from autograder.__main__ import main
from autograder.cluster import ClusterError, task_key
from autograder.course import load_course
from autograder.grade import GRADER_FAILED, grade, work_fingerprint
from autograder.intake import StudentFolder
from autograder.sandbox import SandboxError, Unsandboxed, detect
from autograder.session import Limits
from tests.autograder.conftest import (ASSIGNMENT, CORPUS_DIR, TESTS_DIR, corpus,
                                       points_by_exercise, solved, write_submission)

pytestmark = pytest.mark.skipif(
    detect().name != "bubblewrap" and not os.environ.get("REQUIRE_SANDBOX"),
    reason="grading needs the bubblewrap sandbox (./run-tests installs it as root)")

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # what client.run sends
DASK = Path(sys.executable).with_name("dask")
STARTUP_SECONDS = 180
ATTACK = corpus(TESTS_DIR / "attacks" / ASSIGNMENT)["takes_over_the_dask_worker"]
TAKEOVER_MARK = Path("/tmp/autograder-cluster-takeover")  # the attack's mark on a worker


def _wait(condition, what, seconds=STARTUP_SECONDS):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds} s for {what}")
        time.sleep(0.2)


class Cluster:
    """A scheduler and its workers, each a process of its own, and a client to watch them."""

    def __init__(self, folder):
        self.folder, self.processes = folder, {}
        scheduler_file = folder / "scheduler.json"
        # a worker that dies takes its tasks with it at once (no retry on another)
        self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", "0",
                                  "--no-dashboard", "--scheduler-file", str(scheduler_file)],
                    DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES="0")
        _wait(lambda: scheduler_file.exists() and scheduler_file.read_text().strip(),
              "the scheduler to start")
        self.address = json.loads(scheduler_file.read_text())["address"]
        self.client = Client(self.address, timeout=60)

    def _start(self, name, arguments, **env):
        log = open(self.folder / f"{name}.log", "wb")
        self.processes[name] = subprocess.Popen([str(DASK), *arguments], stdout=log,
                                                stderr=subprocess.STDOUT,
                                                env=dict(os.environ, **env))

    def start_worker(self, name, **env):
        self._start(name, ["worker", self.address, "--name", name, "--nthreads", "2",
                           "--host", "127.0.0.1", "--no-dashboard", "--death-timeout", "60"],
                    **env)

    def workers(self):
        """{worker name: address} of the workers the scheduler has now."""
        return {str(w["name"]): address
                for address, w in self.client.scheduler_info(n_workers=-1)["workers"].items()}

    def stop(self, name):
        process = self.processes.pop(name)
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def close(self):
        self.client.close()
        for name in reversed(list(self.processes)):
            self.stop(name)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    started = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        for i in range(2):
            started.start_worker(f"sandboxed-{i}")
        started.client.wait_for_workers(2, timeout=STARTUP_SECONDS)
        yield started
    finally:
        started.close()


@pytest.fixture
def changed_workers(cluster):
    """The cluster, whose workers a test may change: restarted afterwards."""
    yield cluster
    cluster.client.restart(timeout=STARTUP_SECONDS)


def _class(root, students):
    """{student: "right" or "wrong"} -> submissions (wrong: predict uses >= 0.5)."""
    wrong = (CORPUS_DIR / "predict_thresholds_with_greater_or_equal.py").read_text()
    for student, kind in students.items():
        write_submission(root / student, {
            n: solved(n, {"predict_answer": wrong} if kind == "wrong" else None)
            for n in ("numpy_basics", "logistic_regression")})


def _honest_scores():
    """The score of a right and of a wrong submission, as graded here (once)."""
    if not _HONEST:
        import tempfile

        with tempfile.TemporaryDirectory() as scratch:
            _class(Path(scratch), {"right": "right", "wrong": "wrong"})
            for r in grade(scratch, assignment=ASSIGNMENT, workers=2):
                _HONEST[r.student_id] = r.score
    return _HONEST


_HONEST = {}


def _grader_failed(result):
    return (result.flags == [GRADER_FAILED] and result.score == 0
            and "not the student's fault" in result.error
            and all(t.feedback.startswith("not graded:") for t in result.tests))


# class 2: a sandbox wherever student code runs for a batch

def test_grading_here_refuses_to_run_student_code_without_a_sandbox(tmp_path, monkeypatch,
                                                                     capsys):
    _class(tmp_path / "class", {"ada": "right"})
    monkeypatch.setenv("PATH", str(tmp_path / "no-bwrap-here"))  # as on a machine without it
    with pytest.raises(SandboxError, match="apt-get install bubblewrap"):
        grade(tmp_path / "class", assignment=ASSIGNMENT, workers=1)
    with pytest.raises(SandboxError):  # one notebook on its own neither
        grading.grade_submission("ada", tmp_path / "class" / "ada", ASSIGNMENT)
    code = main(["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT,
                 "--gradebook", "none", "--cache-dir", str(tmp_path / "cache"),
                 "--feedback-dir", str(tmp_path / "feedback")])
    err = capsys.readouterr().err
    assert code == 2 and "There is no sandbox for student code here" in err
    assert not (tmp_path / "cache").exists() and not (tmp_path / "feedback").exists()


def test_grading_without_a_sandbox_is_asked_by_name_said_every_run_and_marked(
        tmp_path, capsys):
    _class(tmp_path / "class", {"ada": "right"})
    command = ["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT, "--no-sandbox",
               "--gradebook", "none", "--cache-dir", str(tmp_path / "cache"),
               "--feedback-dir", str(tmp_path / "feedback"), "--json", str(tmp_path / "r.json")]
    for _ in range(2):  # the second run takes the kept result, and says it all again
        assert main(command) == 0
        out, err = capsys.readouterr()
        assert "student code runs WITHOUT a sandbox" in err and "WITHOUT A SANDBOX" in out
        data = json.loads((tmp_path / "r.json").read_text())["submissions"]
        assert [s["sandbox"] for s in data] == ["none"]
    assert main([*command, "--cluster", "tcp://127.0.0.1:9"]) == 2
    assert "never goes with --cluster" in capsys.readouterr().err
    with pytest.raises(SandboxError, match="local development only"):
        grade(tmp_path / "class", assignment=ASSIGNMENT, sandbox=Unsandboxed(),
              cluster="tcp://127.0.0.1:9")


def test_a_result_graded_here_records_its_sandbox(tmp_path):
    _class(tmp_path / "class", {"ada": "right"})
    [result] = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=1)
    assert result.sandbox == "bubblewrap" and result.score == result.max_score


def test_a_worker_without_a_sandbox_refuses_the_batch_before_anything_is_sent(
        cluster, tmp_path, capsys):
    _class(tmp_path / "class", {"ada": "right"})
    empty = tmp_path / "bin"
    empty.mkdir()
    cluster.start_worker("no-sandbox", PATH=str(empty))  # bwrap is not on its PATH
    try:
        _wait(lambda: "no-sandbox" in cluster.workers(), "the worker without bwrap")
        address = cluster.workers()["no-sandbox"]
        code = main(["grade", str(tmp_path / "class"), "--assignment", ASSIGNMENT,
                     "--cluster", cluster.address, "--gradebook", "none",
                     "--cache-dir", str(tmp_path / "cache"),
                     "--feedback-dir", str(tmp_path / "feedback")])
        err = capsys.readouterr().err
        tasks = cluster.client.run_on_scheduler(
            lambda dask_scheduler: [str(k) for k in dask_scheduler.tasks])
    finally:
        cluster.stop("no-sandbox")
        _wait(lambda: "no-sandbox" not in cluster.workers(), "the worker to leave")
    assert code == 2, err
    assert f"Nothing was sent to the Dask scheduler at {cluster.address}" in err
    assert f"1 of 3 worker(s) cannot grade safely ({address}: no sandbox" in err
    assert "apt-get install bubblewrap" in err
    for other in cluster.workers().values():
        assert other not in err
    assert not [k for k in tasks if k.startswith("grade-")]
    assert not (tmp_path / "cache").exists()


def _other_grader_code():
    """On a worker: stand for a worker that runs other code than the grading machine."""
    import autograder.course

    autograder.course.grader_digest = lambda: "another commit's code"
    autograder.course._loaded.clear()


def test_a_worker_with_other_grader_code_refuses_the_batch(changed_workers, tmp_path):
    _class(tmp_path / "class", {"ada": "right"})
    other = changed_workers.workers()["sandboxed-1"]
    changed_workers.client.run(_other_grader_code, workers=[other])
    with pytest.raises(ClusterError, match="other course or grader code") as refused:
        grade(tmp_path / "class", assignment=ASSIGNMENT, cluster=changed_workers.address)
    assert other in str(refused.value)
    assert changed_workers.workers()["sandboxed-0"] not in str(refused.value)


def _grading_without_the_sandbox():
    """On a worker: stand for one that joined after the preflight and grades unconfined."""
    import autograder.cluster
    from autograder.sandbox import Unsandboxed

    real = autograder.cluster.grade_submission
    autograder.cluster.grade_submission = \
        lambda *args, **options: real(*args, **dict(options, sandbox=Unsandboxed()))


def test_a_result_made_without_the_sandbox_is_refused_and_never_kept(changed_workers,
                                                                       tmp_path):
    _class(tmp_path / "class", {"ada": "right"})
    changed_workers.client.run(_grading_without_the_sandbox)
    [result] = grade(tmp_path / "class", assignment=ASSIGNMENT,
                     cluster=changed_workers.address, cache_dir=tmp_path / "cache")
    assert _grader_failed(result) and "made in the sandbox 'none'" in result.error, \
        result.error
    assert not list((tmp_path / "cache").glob("*.json"))


def test_a_notebook_that_looks_for_the_scheduler_finds_nothing_in_the_sandbox(cluster,
                                                                            tmp_path):
    # outside a sandbox, the address is there to read in the workers' command lines
    seen = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            seen.append(path.read_bytes())
        except OSError:
            continue
    assert any(cluster.address.encode() in line for line in seen)
    TAKEOVER_MARK.unlink(missing_ok=True)
    root = tmp_path / "class"
    _class(root, {"honest": "right"})
    write_submission(root / "attacker", {"numpy_basics": solved("numpy_basics"),
                                         ATTACK["notebook"]: solved(
        ATTACK["notebook"], {ATTACK["cell"]: ATTACK["code"]})})
    results = {r.student_id: r for r in grade(root, assignment=ASSIGNMENT,
                                              cluster=cluster.address)}
    assert results["honest"].score == results["honest"].max_score
    earned, possible = points_by_exercise(results["attacker"].tests)
    assert earned["propagate"] == 0 and possible["propagate"] > 0
    assert all(earned[g] == pytest.approx(possible[g]) for g in possible if g != "propagate")
    assert not TAKEOVER_MARK.exists()
    assert {r.sandbox for r in results.values()} == {"bubblewrap"}


# class 3: a task, and a result, answer exactly the work asked for

def test_the_fingerprint_names_the_work(tmp_path):
    _class(tmp_path / "a", {"ada": "right"})
    _class(tmp_path / "b", {"ada": "wrong", "bob": "right"})
    ada = StudentFolder("ada", tmp_path / "a" / "ada")
    asked = dict(assignment=ASSIGNMENT, limits=Limits(), grader="g", sandbox="bubblewrap")
    same = work_fingerprint(ada, **asked)
    assert work_fingerprint(StudentFolder("ada", tmp_path / "a" / "ada"), **asked) == same
    changed = [
        work_fingerprint(StudentFolder("ada", tmp_path / "b" / "ada"), **asked),  # contents
        work_fingerprint(StudentFolder("bob", tmp_path / "a" / "ada"), **asked),  # student
        work_fingerprint(ada, **dict(asked, assignment="week2_shallow_network")),
        work_fingerprint(ada, **dict(asked, limits=Limits(call_seconds=21))),
        work_fingerprint(ada, **dict(asked, grader="other code")),
        work_fingerprint(ada, **dict(asked, sandbox="none")),
    ]
    assert len({same, *changed}) == 7
    assert task_key(same) != task_key(changed[0])


def test_a_reply_that_answers_other_work_is_that_students_grader_failure(tmp_path,
                                                                        monkeypatch):
    _class(tmp_path / "class", {"ada": "right", "bob": "wrong", "cy": "right"})
    real = grading._grade_here

    def mixed_up(asked, *args):
        reply = real(asked, *args)
        student = asked.student.student_id
        if student == "ada":  # bob's result comes back for ada
            reply["result"]["student_id"] = "bob"
        elif student == "bob":  # a result for another assignment's work
            reply["assignment"] = "week2_shallow_network"
        return reply

    monkeypatch.setattr(grading, "_grade_here", mixed_up)
    results = {r.student_id: r for r in grade(tmp_path / "class", assignment=ASSIGNMENT,
                                              workers=2, cache_dir=tmp_path / "cache")}
    assert _grader_failed(results["ada"]) and _grader_failed(results["bob"])
    assert results["cy"].score == results["cy"].max_score
    kept = [json.loads(p.read_text())["result"]["student_id"]
            for p in (tmp_path / "cache").glob("*.json")]
    assert kept == ["cy"]


def test_two_cluster_batches_at_once_never_share_a_students_task(cluster, tmp_path):
    """Batch A still holds its task for ada when batch B grades another submission of ada."""
    _class(tmp_path / "a", {"ada": "wrong"})
    _class(tmp_path / "b", {"ada": "right"})
    a_waits, b_done, outcome = threading.Event(), threading.Event(), {}

    def hold(result):
        a_waits.set()
        b_done.wait(timeout=600)

    def batch_a():
        try:
            outcome["a"] = grade(tmp_path / "a", assignment=ASSIGNMENT,
                                 cluster=cluster.address, progress=hold)
        except BaseException as error:
            outcome["a"] = error
            a_waits.set()

    first = threading.Thread(target=batch_a)
    first.start()
    try:
        assert a_waits.wait(timeout=600), "batch A never finished its task"
        outcome["b"] = grade(tmp_path / "b", assignment=ASSIGNMENT, cluster=cluster.address)
    finally:
        b_done.set()
        first.join(timeout=600)
    [a], [b] = outcome["a"], outcome["b"]
    honest = _honest_scores()
    assert honest["wrong"] < honest["right"]
    assert (a.score, b.score) == (honest["wrong"], honest["right"])
    assert a.error is None and b.error is None


# class 4: a failed unit of work costs only its student, and workers parse nothing per task

def test_one_students_grader_crash_here_costs_only_that_student(tmp_path, monkeypatch):
    _class(tmp_path / "class", {"ada": "right", "crashes_the_parser": "right", "cy": "wrong"})
    real = grading.grade_submission

    def crashing(student, *args, **options):
        if student == "crashes_the_parser":
            raise SystemError("Python's parser failed in two threads at once")
        return real(student, *args, **options)

    monkeypatch.setattr(grading, "grade_submission", crashing)
    results = {r.student_id: r for r in grade(tmp_path / "class", assignment=ASSIGNMENT,
                                              workers=2, cache_dir=tmp_path / "cache")}
    honest = _honest_scores()
    assert _grader_failed(results["crashes_the_parser"])
    assert "SystemError" in results["crashes_the_parser"].error
    assert (results["ada"].score, results["cy"].score) == (honest["right"], honest["wrong"])
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def _grading_breaks():
    """On a worker: grading "crashes_the_parser" raises (as CPython 3.11's parser did in two
    threads at once), grading "kills_its_worker" kills the worker process."""
    import autograder.cluster

    real = autograder.cluster.grade_submission

    def grade_submission(student, *args, **options):
        if student == "crashes_the_parser":
            raise SystemError("Python's parser failed in two threads at once")
        if student == "kills_its_worker":
            os._exit(1)
        return real(student, *args, **options)

    autograder.cluster.grade_submission = grade_submission


def test_a_task_that_raises_costs_only_its_student(changed_workers, tmp_path):
    students = {"ada": "right", "crashes_the_parser": "right", "cy": "wrong"}
    _class(tmp_path / "class", students)
    changed_workers.client.run(_grading_breaks)
    results = {r.student_id: r for r in grade(tmp_path / "class", assignment=ASSIGNMENT,
                                              cluster=changed_workers.address,
                                              cache_dir=tmp_path / "cache")}
    honest = _honest_scores()
    assert _grader_failed(results["crashes_the_parser"])
    assert "SystemError" in results["crashes_the_parser"].error
    assert (results["ada"].score, results["cy"].score) == (honest["right"], honest["wrong"])
    assert len(list((tmp_path / "cache").glob("*.json"))) == 2


def test_a_worker_that_dies_costs_only_the_students_it_was_grading(changed_workers,
                                                                   tmp_path):
    students = {"ada": "right", "bob": "wrong", "kills_its_worker": "right", "cy": "right"}
    _class(tmp_path / "class", students)
    changed_workers.client.run(_grading_breaks)
    cache = tmp_path / "cache"
    results = {r.student_id: r for r in grade(tmp_path / "class", assignment=ASSIGNMENT,
                                              cluster=changed_workers.address, cache_dir=cache)}
    assert set(results) == set(students)
    assert _grader_failed(results["kills_its_worker"])
    assert "KilledWorker" in results["kills_its_worker"].error
    honest = _honest_scores()
    # a student whose task was on the dying worker is the grader's failure too, never a 0
    others = [r for s, r in results.items() if s != "kills_its_worker"]
    assert all(r.score == honest[students[r.student_id]] or _grader_failed(r) for r in others)
    assert any(not _grader_failed(r) for r in others)
    kept = {json.loads(p.read_text())["result"]["student_id"] for p in cache.glob("*.json")}
    assert kept == {r.student_id for r in others if not _grader_failed(r)}
    # on mended workers, the grader's failures are graded again (only they) and get their due
    changed_workers.client.restart(timeout=STARTUP_SECONDS)
    again = {r.student_id: r for r in grade(tmp_path / "class", assignment=ASSIGNMENT,
                                            cluster=changed_workers.address, cache_dir=cache)}
    assert {s: r.score for s, r in again.items()} == {s: honest[kind]
                                                      for s, kind in students.items()}


def _count_parses():
    """On a worker (or here): count the calls of ast.parse from now on, by where they come
    from: importing a module (once per process), checking what a cell binds
    (``_names_bound``, moving into the student's process), or anything else."""
    import ast
    import collections
    import sys
    import threading

    counts, lock, real = collections.Counter(), threading.Lock(), ast.parse

    def parse(*args, **options):
        frame, caller = sys._getframe(1), "other"
        while frame is not None:
            if frame.f_code.co_name == "_names_bound":
                caller = "_names_bound"
            elif frame.f_code.co_filename.startswith("<frozen importlib"):
                caller = "import"
                break
            frame = frame.f_back
        with lock:
            counts[caller] += 1
        return real(*args, **options)

    ast.parse, ast.parse_counts = parse, counts


def _parse_counts():
    import ast

    return dict(ast.parse_counts)


def test_workers_parse_no_source_per_task(changed_workers, tmp_path):
    _class(tmp_path / "class", {f"s{i}": "right" for i in range(4)})
    changed_workers.client.run(load_course, ASSIGNMENT)  # each reads the course once
    changed_workers.client.run(_count_parses)
    results = grade(tmp_path / "class", assignment=ASSIGNMENT,
                    cluster=changed_workers.address)
    counts = changed_workers.client.run(_parse_counts)
    assert all(r.score == r.max_score for r in results)
    assert all(c.get("other", 0) == 0 for c in counts.values()), counts


def test_a_batch_here_parses_no_source_per_task(tmp_path):
    _class(tmp_path / "class", {f"s{i}": "right" for i in range(3)})
    load_course(ASSIGNMENT)
    real = ast.parse
    try:
        _count_parses()
        results = grade(tmp_path / "class", assignment=ASSIGNMENT, workers=2)
        counts = _parse_counts()
    finally:
        ast.parse = real
        del ast.parse_counts
    assert all(r.score == r.max_score for r in results)
    assert counts.get("other", 0) == 0, counts


def test_the_course_is_read_again_when_a_source_changes(tmp_path, monkeypatch):
    import shutil

    import nbformat

    from autograder import notebooks

    copy = tmp_path / "source"
    shutil.copytree(notebooks.SOURCE_DIR / ASSIGNMENT, copy / ASSIGNMENT)
    monkeypatch.setattr(notebooks, "SOURCE_DIR", copy)
    first = load_course(ASSIGNMENT)
    assert load_course(ASSIGNMENT) is first  # unchanged: not read again
    source = first.sources[0]
    path = copy / ASSIGNMENT / source.filename
    nb = nbformat.read(path, as_version=4)
    grade_id, points = next(iter(source.points.items()))
    for cell in nb.cells:
        if notebooks.nbgrader_meta(cell).get("grade_id") == grade_id:
            cell.metadata["nbgrader"]["points"] = points + 1
    nbformat.write(nb, path)
    changed = load_course(ASSIGNMENT)
    assert changed.sources[0].points[grade_id] == points + 1
    assert changed.digest != first.digest
