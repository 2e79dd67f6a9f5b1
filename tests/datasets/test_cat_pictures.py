"""The drawn cat pictures: reproducible, right layout, the lessons hold, own-folder import."""

import importlib.util
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
TRAIN = ROOT / "datasets" / "train_cat_pictures.h5"
TEST = ROOT / "datasets" / "test_cat_pictures.h5"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def builder():
    return _load("build_cat_pictures", BUILDER)


@pytest.fixture(scope="module")
def lessons():
    return _load("cat_pictures_lessons", LESSONS)


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


def test_lessons_hold(lessons):
    res = lessons.run_all(verbose=False, networks=("net4",))
    assert res["lr_train"] >= 95
    assert 60 <= res["lr_test"] <= 80
    assert res["net4_test"] >= res["lr_test"] + 6


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
