"""./open-course serves JupyterLab with the student notebooks as its root, as a student
sees it: without nbgrader's instructor tools and without JupyterLab's news, and with
numpy's linear algebra on one core."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(port, process, the listing of week 1) of one ./open-course server, started as a
    student starts it."""
    tmp_path = tmp_path_factory.mktemp("open-course")
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path))
    for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
        env.pop(name, None)  # as on a student's computer
    server = subprocess.Popen(
        [str(REPO / "open-course"), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--IdentityProvider.token=course-test"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/api/contents/week1_logistic_regression?token=course-test"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    listing = json.load(response)
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "JupyterLab did not start in 120 s"
                time.sleep(0.5)
        yield port, server, listing
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_open_course_serves_the_notebooks_folder(served):
    port, _, listing = served
    names = {item["name"] for item in listing["content"]}
    assert {"numpy_basics.ipynb", "logistic_regression.ipynb"} <= names
    for week in sorted(p for p in (REPO / "notebooks").iterdir() if p.is_dir()):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/{week.name}"
                                    f"?token=course-test", timeout=10) as response:
            listed = {item["name"] for item in json.load(response)["content"]}
        assert {p.name for p in week.glob("*.ipynb")} <= listed, week.name
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token=course-test",
                                timeout=10) as response:
        page = response.read().decode()
    assert re.search(r"JupyterLab", page)
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">'
                                  r"(.*?)</script>", page, re.S).group(1))
    assert {"@jupyter/nbgrader", "@jupyterlab/apputils-extension:announcements"} <= \
        set(config["disabledExtensions"])
    for instructor_page in ("formgrader", "assignments", "courses"):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/{instructor_page}"
                                   f"?token=course-test", timeout=10)
            raise AssertionError(f"/{instructor_page} is served to students")
        except urllib.error.HTTPError as error:
            assert error.code == 404


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_the_notebooks_kernels_keep_numpy_on_one_core(served):
    """JupyterLab gives every kernel the server's environment, so a student's notebooks run
    numpy's linear algebra on one thread (helpers/threads.py says why)."""
    _, server, _ = served
    environ = Path(f"/proc/{server.pid}/environ").read_bytes().split(b"\0")
    found = dict(item.decode().split("=", 1) for item in environ if b"=" in item)
    assert {name: found.get(name) for name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                               "OMP_NUM_THREADS")} == \
        {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
