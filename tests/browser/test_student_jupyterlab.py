"""A student's JupyterLab, in a real browser: each week's notebook opens without the
instructor's tools, an exercise filled in passes its check, the checklist shows it, and
an explorer redraws its figure when its slider moves."""

import shutil

import nbformat
import pytest

from autograder.cases import exercises
from autograder.notebooks import assignments, skip_when_grading, source_notebooks
from tests.autograder.conftest import solution_cells, solved
from tests.browser.conftest import REPO, TOKEN, jupyterlab

FIRST_EXERCISES = [(a, next(e for e in exercises(a) if e.kind == "call")) for a in assignments()]
EXPLORERS = [(a, s.name) for a in assignments() for s in source_notebooks(a)
             if "explorer = " in s.path.read_text()]
# The status bar's kernel item reads "Python 3 (ipykernel) | Idle" once the kernel is
# connected; the toolbar's execution indicator says idle before there is any kernel, and a
# cell run then can be lost.
KERNEL_STATUS = "document.querySelector('.jp-StatusBar-TextItem[title^=\"Change kernel\"]')"
KERNEL_IDLE = f"() => /\\| Idle$/.test({KERNEL_STATUS}?.innerText ?? '')"


def _serve(tmp_path, replaced=None):
    """The course command on a copy of the student notebooks (some replaced by solved ones)."""
    shutil.copytree(REPO / "notebooks", tmp_path / "notebooks")
    for (assignment, notebook), nb in (replaced or {}).items():
        nbformat.write(nb, tmp_path / "notebooks" / assignment / f"{notebook}.ipynb")
    return jupyterlab([str(REPO / "open-course")], tmp_path,
                      env={"COURSE_NOTEBOOKS_DIR": str(tmp_path / "notebooks")})


def _open(page, base, assignment, notebook):
    page.goto(f"{base}/lab/tree/{assignment}/{notebook}.ipynb?token={TOKEN}")
    page.wait_for_function("() => document.querySelectorAll('.jp-Notebook .jp-CodeCell')"
                           ".length > 3", timeout=120_000)
    _wait_for(page, "the kernel to be connected and idle", KERNEL_IDLE)


def _index(page, text):
    """The index among the code cells of the first one whose text holds ``text``."""
    found = page.evaluate("(text) => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]"
                          ".findIndex(c => c.innerText.includes(text))", text)
    assert found >= 0, text
    return found


def _run(page, index):
    cell = page.locator(".jp-Notebook .jp-CodeCell").nth(index)
    cell.locator(".jp-InputArea-prompt").click()
    page.keyboard.press("Shift+Enter")
    return cell


def _first_cell_runs(page):
    """Run the first code cell and wait for its prompt to show a number: the kernel runs
    what the page sends it."""
    cell = _run(page, 0)
    _wait_for(page, "the first cell to run",
              "(cell) => /\\[\\d+\\]/.test(cell.querySelector('.jp-InputArea-prompt').innerText)",
              arg=cell.element_handle())


def _wait_for(page, what, predicate, arg=None, timeout=120_000):
    """Wait until the JavaScript ``predicate`` holds; if it never does, fail saying what
    was awaited and what the page shows."""
    try:
        page.wait_for_function(predicate, arg=arg, timeout=timeout)
    except Exception:
        pytest.fail(f"waited {timeout // 1000} s for {what}; the page shows "
                    f"{_what_the_page_shows(page)}")


def _what_the_page_shows(page):
    """The kernel's status, the code cells' prompts, any error output and dialogs, for a
    failure message."""
    return page.evaluate(
        f"() => ({{kernel: {KERNEL_STATUS}?.innerText,"
        " prompts: [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputArea-prompt')]"
        ".map(p => p.innerText),"
        " errors: [...document.querySelectorAll('.jp-OutputArea-output[data-mime-type="
        "\"application/vnd.jupyter.stderr\"]')].map(e => e.innerText.slice(0, 500)),"
        " dialogs: [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText)})")


def _menu(page, menu, item):
    page.get_by_role("menuitem", name=menu, exact=True).click()
    page.get_by_text(item, exact=True).click()


@pytest.mark.parametrize("assignment, exercise", FIRST_EXERCISES,
                         ids=[a for a, _ in FIRST_EXERCISES])
def test_a_student_fills_in_an_exercise_sees_its_check_pass_and_the_checklist_say_so(
        page, tmp_path, screenshots, assignment, exercise):
    answer = "\n".join(line for line in solution_cells(exercise.notebook)[
        f"{exercise.grade_id}_answer"].splitlines() if "### " not in line)
    week = assignment.split("_")[0]
    with _serve(tmp_path) as base:
        _open(page, base, assignment, exercise.notebook)
        _first_cell_runs(page)
        menus = page.locator(".lm-MenuBar-itemLabel").all_inner_texts()
        assert "Run" in menus and not any("grader" in m.lower() for m in menus), menus
        stub = _index(page, f"def {exercise.function}(")
        page.locator(".jp-Notebook .jp-CodeCell").nth(stub).locator(".jp-InputArea-prompt").click()
        _menu(page, "Run", "Run All Above Selected Cell")
        _wait_for(page, "every code cell above the exercise to run",
                  "(stub) => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')]"
                  ".slice(0, stub).every(c => /\\[\\d+\\]/.test("
                  "c.querySelector('.jp-InputArea-prompt').innerText))", arg=stub,
                  timeout=180_000)
        page.evaluate("""([index, code]) => {
            const cell = document.querySelectorAll('.jp-Notebook .jp-CodeCell')[index];
            const view = cell.querySelector('.cm-content').cmView.view;
            view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: code}});
        }""", [stub, answer])
        _run(page, stub)
        check = _run(page, _index(page, f"check_function({exercise.function},"))
        passed = check.locator(".jp-OutputArea-output",
                               has_text=f"✓ {exercise.function} passes its visible check.")
        passed.first.wait_for(timeout=60_000)
        check.scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"{week}-check-passes.png")

        checklist = _run(page, _index(page, "show_checklist("))
        row = checklist.locator(".jp-OutputArea-output tr", has_text=exercise.function).first
        row.wait_for(timeout=60_000)
        assert row.inner_text().startswith("✓")
        assert "not checked" in checklist.locator(".jp-OutputArea-output").inner_text()
        checklist.screenshot(path=screenshots / f"{week}-checklist.png")


@pytest.mark.parametrize("assignment, notebook", EXPLORERS, ids=[a for a, _ in EXPLORERS])
def test_an_explorer_redraws_its_figure_when_its_slider_moves(page, tmp_path, screenshots,
                                                               assignment, notebook):
    week = assignment.split("_")[0]
    nb = solved(notebook)  # without the long training runs that only print and plot
    nb.cells = [c for c in nb.cells if not skip_when_grading(c) or "explorer = " in c.source]
    with _serve(tmp_path, {(assignment, notebook): nb}) as base:
        _open(page, base, assignment, notebook)
        _first_cell_runs(page)
        _menu(page, "Run", "Run All Cells")
        box = page.locator(".jupyter-widgets.widget-vbox").first
        try:
            box.locator("img").first.wait_for(timeout=240_000)
        except Exception:
            page.screenshot(path=tmp_path / "explorer-missing.png")
            pytest.fail(f"no explorer figure after running every cell; the page shows "
                        f"{_what_the_page_shows(page)} (screenshot: "
                        f"{tmp_path / 'explorer-missing.png'})")
        box.scroll_into_view_if_needed()
        before = box.locator("img").first.get_attribute("src")
        box.screenshot(path=screenshots / f"{week}-explorer-before.png")
        box.locator(".widget-slider .noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "(old) => { const img = document.querySelector('.jupyter-widgets.widget-vbox img');"
            " return img && img.src !== old; }", arg=before, timeout=120_000)
        box.screenshot(path=screenshots / f"{week}-explorer-after.png")
