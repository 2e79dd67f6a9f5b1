"""The week 3 application runs on the original photo files as well as on the drawn pictures.

An instructor may drop ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` into ``datasets/``
(helpers.data prefers them). We cannot ship those photos, so the test writes files of that
name and layout, with other pictures and other numbers of them (so that nothing in the
notebook may count on 209 and 50), points the course at them with COURSE_DATASETS_DIR, and
runs the source notebook top to bottom, training cells included.
"""

import shutil

import h5py
import nbclient
import nbformat
import numpy as np

from autograder.notebooks import SOURCE_DIR
from helpers.data import ORIGINAL_FILES, datasets_dir

NOTEBOOK = SOURCE_DIR / "week3_deep_network" / "deep_network_application.ipynb"


def _write_originals(folder, m_train=30, m_test=12, seed=0):
    rng = np.random.default_rng(seed)
    classes = np.array([b"non-cat", b"cat"])
    for name, split, m in ((ORIGINAL_FILES[0], "train", m_train),
                           (ORIGINAL_FILES[1], "test", m_test)):
        with h5py.File(folder / name, "w") as f:
            f[f"{split}_set_x"] = rng.integers(0, 256, size=(m, 64, 64, 3), dtype=np.uint8)
            f[f"{split}_set_y"] = rng.permutation(np.arange(m) % 2)
            f["list_classes"] = classes


def test_the_application_runs_on_files_of_the_original_layout(tmp_path, monkeypatch):
    _write_originals(tmp_path)
    shutil.copytree(datasets_dir() / "try_your_own", tmp_path / "try_your_own")
    monkeypatch.setenv("COURSE_DATASETS_DIR", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = {cell.get("id"): "".join(output.get("text", "") for output in cell.outputs)
               for cell in nb.cells if cell.cell_type == "code"}
    assert printed["deep_network_application-code-01"].startswith(
        "30 training and 12 test pictures of 64 x 64 x 3")
    table = printed["deep_network_application-code-06"]
    assert "4-layer network [12288, 20, 7, 5, 1]" in table and "always answering" in table
    assert "drawn_cat.png" in printed["deep_network_application-code-10"]
