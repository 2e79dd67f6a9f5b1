"""./open-course serves JupyterLab with the student notebooks as its root, as a student
sees it: without nbgrader's instructor tools and without JupyterLab's news."""

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

REPO = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_open_course_serves_the_notebooks_folder(tmp_path):
    port = _free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path), JUPYTER_CONFIG_DIR=str(tmp_path))
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
        names = {item["name"] for item in listing["content"]}
        assert {"numpy_basics.ipynb", "logistic_regression.ipynb"} <= names
        for week in sorted(p for p in (REPO / "notebooks").iterdir() if p.is_dir()):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/{week.name}"
                                        f"?token=course-test", timeout=10) as response:
                served = {item["name"] for item in json.load(response)["content"]}
            assert {p.name for p in week.glob("*.ipynb")} <= served, week.name
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
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
