"""JupyterLab in a real browser: headless Chromium (Debian's package, installed by
scripts/install-browser.sh) driven by Playwright.

``jupyterlab(command, root, ...)`` starts a JupyterLab command on a free port and
yields its base URL; ``browser`` is one Chromium for the session; ``screenshot``
saves a picture under ``COURSE_SCREENSHOTS_DIR`` (the guides' pictures in
docs/images/ are made with ``COURSE_SCREENSHOTS_DIR=docs/images ./run-tests
tests/browser``), else in a temporary folder. The tests skip, saying why, where
Chromium or Playwright is missing.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
TOKEN = "course-browser-test"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


def find_chromium():
    """The Chromium (or Chrome) binary to drive, or None."""
    candidates = [os.environ.get("COURSE_CHROMIUM"), "/usr/lib/chromium/chromium",
                  shutil.which("chromium"), shutil.which("chromium-browser"),
                  shutil.which("google-chrome")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed: ./run-tests installs the course's packages")
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed: as root, run scripts/install-browser.sh "
                    "(Debian: apt-get install chromium), or set COURSE_CHROMIUM")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if call.when == "call":
        item.failed_in_call = outcome.get_result().failed


@pytest.fixture
def page(browser, request, screenshots):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    yield opened
    if getattr(request.node, "failed_in_call", False):  # what the browser showed then
        opened.screenshot(path=screenshots / f"failed-{request.node.name}.png")
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    folder = Path(os.environ.get("COURSE_SCREENSHOTS_DIR") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(command, scratch, *, cwd=REPO, env=None):
    """Start a JupyterLab command; yield its base URL; stop it, with everything it started."""
    port = _free_port()
    settings = scratch / "lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True, exist_ok=True)
    # every cell in the page, not only those scrolled into view, so the test can find them
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    environment = dict(os.environ, JUPYTER_RUNTIME_DIR=str(scratch / "runtime"),
                       JUPYTER_CONFIG_DIR=str(scratch / "config"),
                       JUPYTER_DATA_DIR=str(scratch / "data"),
                       JUPYTERLAB_SETTINGS_DIR=str(scratch / "lab-settings"), **(env or {}))
    environment.pop("COURSE_PLAIN_OUTPUT", None)  # a student's JupyterLab: widgets and bars
    log = open(scratch / "jupyterlab.log", "w")
    server = subprocess.Popen(
        [*command, "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         f"--IdentityProvider.token={TOKEN}"],
        cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None, (scratch / "jupyterlab.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "JupyterLab did not start in 120 s"
                time.sleep(0.5)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
