"""The drawn cat pictures: reproducible, right layout, the lessons hold, no single cue
gives a cat away, the shipped pictures are recognised, own-folder import."""

import importlib.util
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import h5py
import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
BUILDER = ROOT / "datasets" / "build_cat_pictures.py"
LESSONS = ROOT / "benchmarks" / "cat_pictures_lessons.py"
CUES = ROOT / "benchmarks" / "cat_pictures_cues.py"
TRAIN = ROOT / "datasets" / "train_cat_pictures.h5"
TEST = ROOT / "datasets" / "test_cat_pictures.h5"
TRY_YOUR_OWN = ROOT / "datasets" / "try_your_own"
NOTEBOOK = ROOT / "autograder" / "source" / "week1_logistic_regression" / "logistic_regression.ipynb"
MAIN_RUN_CELL = "logistic_regression-code-05"  # "Training on the pictures"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # registered first, as an import would: dataclasses look it up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return _load("build_cat_pictures", BUILDER)


@pytest.fixture(scope="module")
def lessons():
    return _load("cat_pictures_lessons", LESSONS)


@pytest.fixture(scope="module")
def cues():
    return _load("cat_pictures_cues", CUES)


@pytest.fixture(scope="module")
def main_run(lessons):
    """The notebook's main run: w (12288, 1), b, and its train and test accuracy in percent."""
    X, y, X_test, y_test = lessons.load(dtype=np.float64)
    w, b = lessons.logistic_regression(X, y, **lessons.MAIN_RUN)
    return {"w": w, "b": b,
            "train": lessons.accuracy(lessons.lr_predict(w, b, X), y),
            "test": lessons.accuracy(lessons.lr_predict(w, b, X_test), y_test),
            "baseline": 100.0 * max(float(np.mean(y_test == 0)), float(np.mean(y_test == 1)))}


def _read(path):
    with h5py.File(path, "r") as f:
        return {k: f[k][()] for k in f.keys()}


def test_builder_reproduces_committed_files(builder, tmp_path):
    arrays = builder.build_arrays(builder.DEFAULT_TRAIN, builder.DEFAULT_TEST, builder.DEFAULT_SEED)
    builder.write_h5(tmp_path / "train.h5", tmp_path / "test.h5", *arrays)
    for new, committed in ((tmp_path / "train.h5", TRAIN), (tmp_path / "test.h5", TEST)):
        a, b = _read(new), _read(committed)
        assert sorted(a) == sorted(b)
        for key in a:
            assert a[key].dtype == b[key].dtype, key
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)


def test_layout_dtypes_shapes_classes():
    train, test = _read(TRAIN), _read(TEST)
    assert sorted(train) == ["list_classes", "train_set_x", "train_set_y"]
    assert sorted(test) == ["list_classes", "test_set_x", "test_set_y"]
    for d, prefix, m in ((train, "train", 209), (test, "test", 50)):
        x, y = d[f"{prefix}_set_x"], d[f"{prefix}_set_y"]
        assert x.shape == (m, 64, 64, 3) and x.dtype == np.uint8
        assert y.shape == (m,) and y.dtype == np.int64
        assert set(np.unique(y)) == {0, 1}
        assert 0.3 <= y.mean() <= 0.45  # about 38% cats
        assert list(d["list_classes"]) == [b"non-cat", b"cat"]
        assert x.std() > 30  # real pictures, not blank ones
    assert len({train["train_set_x"][i].tobytes() for i in range(209)}) == 209


def test_builder_reproduces_the_try_your_own_pictures(builder):
    for name, picture in builder.try_your_own_pictures().items():
        with Image.open(TRY_YOUR_OWN / name) as committed:
            np.testing.assert_array_equal(np.asarray(committed.convert("RGB")), picture, err_msg=name)


TOLERANCE = 1e-6  # percent; accuracies come in steps of 2 (50 test pictures) or about 0.5


def test_logistic_regression_memorises_the_training_set_and_leaves_room_on_the_test_set(
        main_run):
    # the deep networks' margin over it is tested on the week 3 notebook's own solutions
    # (tests/lessons/test_week3_deep.py)
    assert main_run["train"] >= 95 - TOLERANCE
    assert 60 - TOLERANCE <= main_run["test"] <= 80 + TOLERANCE


def test_main_run_clearly_beats_always_answering_non_cat(main_run):
    assert main_run["test"] >= main_run["baseline"] + 8 - TOLERANCE, main_run


def test_no_single_cue_does_as_well_as_logistic_regression(cues, main_run):
    rules = cues.cue_rules(*cues.load_pictures())
    assert len(rules) >= 30  # colour shares, brightness contrasts, edge densities, channel means
    assert {"share of pink (hue) pixels, top half", "|centre - border brightness|",
            "edge density, centre"} <= {rule.name for rule in rules}
    best = rules[0]
    # at least one test picture fewer than logistic regression (each is worth 2 points)
    assert best.test_accuracy < main_run["test"] - 1.0, (
        f"the cue '{best.name}' ({best.test_accuracy:.1f}% on the test set, threshold chosen on the "
        f"training set) does as well as logistic regression ({main_run['test']:.1f}%)")


def test_the_benchmark_trains_like_the_notebooks_main_run(lessons):
    cells = {cell.get("id"): "".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"]}
    found = re.search(r"num_iterations=(\d+), learning_rate=([0-9.]+)", cells[MAIN_RUN_CELL])
    assert found, f"no num_iterations=..., learning_rate=... in cell {MAIN_RUN_CELL}"
    assert int(found.group(1)) == lessons.MAIN_RUN["num_iterations"]
    assert float(found.group(2)) == pytest.approx(lessons.MAIN_RUN["learning_rate"])


@pytest.mark.parametrize("name", ["drawn_cat.png", "drawn_fox.png"])
def test_the_shipped_pictures_are_recognised_by_the_main_run(builder, lessons, main_run, name):
    from helpers.data import load_picture_as_column

    species = builder.TRY_YOUR_OWN[name][0]
    x = load_picture_as_column(TRY_YOUR_OWN / name)  # (12288, 1), as in the notebook
    probability = float(lessons.lr_probability(main_run["w"], main_run["b"], x)[0, 0])
    if species == "cat":
        assert probability > 0.5, f"{name}: probability of a cat {probability:.3f}"
    else:
        assert probability < 0.5, f"{name} ({species}): probability of a cat {probability:.3f}"


def _picture_folder(root, n_cats=4, n_others=3):
    rng = np.random.default_rng(0)
    for sub, n in (("cats", n_cats), ("non_cats", n_others)):
        (root / sub).mkdir(parents=True)
        for i in range(n):
            size = (int(rng.integers(40, 120)), int(rng.integers(40, 120)))
            img = Image.fromarray(rng.integers(0, 256, size=(size[1], size[0], 3), dtype=np.uint8))
            img.save(root / sub / (f"p{i}.png" if i % 2 else f"p{i}.jpg"))
    return root


def test_from_folder_makes_valid_files(builder, tmp_path):
    src = _picture_folder(tmp_path / "pics")
    (src / "cats" / "broken.jpg").write_bytes(b"not a picture at all")
    with pytest.warns(UserWarning, match="broken.jpg"):
        arrays = builder.build_from_folder(src, test_fraction=0.3, seed=0)
    tx, ty, sx, sy = arrays
    assert tx.shape[1:] == (64, 64, 3) and tx.dtype == np.uint8 and sx.dtype == np.uint8
    assert len(ty) + len(sy) == 7 and len(sy) == 2
    assert int(ty.sum() + sy.sum()) == 4

    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(BUILDER), "--from-folder", str(src), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "broken.jpg" in proc.stderr
    train, test = _read(out / "train_cat_pictures.h5"), _read(out / "test_cat_pictures.h5")
    assert train["train_set_x"].shape[1:] == (64, 64, 3) and train["train_set_y"].dtype == np.int64
    assert len(train["train_set_y"]) + len(test["test_set_y"]) == 7
    assert list(test["list_classes"]) == [b"non-cat", b"cat"]


def test_from_folder_errors(builder, tmp_path):
    (tmp_path / "only_cats" / "cats").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match="non_cats"):
        builder.build_from_folder(tmp_path / "only_cats")
    proc = subprocess.run([sys.executable, str(BUILDER), "--from-folder", str(tmp_path / "only_cats"),
                           "--out", str(tmp_path / "o")], capture_output=True, text=True)
    assert proc.returncode != 0 and "non_cats" in proc.stderr

    src = _picture_folder(tmp_path / "p2", n_cats=1, n_others=2)
    (src / "cats" / "p0.jpg").write_bytes(b"garbage")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError, match="cats"):
            builder.build_from_folder(src)


def test_non_default_build_needs_out(tmp_path):
    proc = subprocess.run([sys.executable, str(BUILDER), "--train", "10", "--test", "5"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "--out" in proc.stderr


def test_larger_build_differs_from_default(builder, tmp_path):
    out = tmp_path / "big"
    proc = subprocess.run([sys.executable, str(BUILDER), "--train", "400", "--test", "60", "--seed", "7",
                           "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    big, default = _read(out / "train_cat_pictures.h5"), _read(TRAIN)
    x, y = big["train_set_x"], big["train_set_y"]
    assert x.shape == (400, 64, 64, 3) and y.shape == (400,)
    assert 0.3 <= y.mean() <= 0.45
    default_pictures = {p.tobytes() for p in default["train_set_x"]}
    assert not any(p.tobytes() in default_pictures for p in x)
