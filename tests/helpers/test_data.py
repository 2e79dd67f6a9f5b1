"""The loaders give the course's layout and say what to do when something is missing."""

import h5py
import numpy as np
import pytest
from PIL import Image

from helpers.data import load_cat_dataset, load_picture_as_column


def _write_pair(folder, train_name, test_name, m_train=4, m_test=3, value=0):
    classes = np.array([b"non-cat", b"cat"])
    with h5py.File(folder / train_name, "w") as f:
        f["train_set_x"] = np.full((m_train, 64, 64, 3), value, np.uint8)
        f["train_set_y"] = np.arange(m_train) % 2
        f["list_classes"] = classes
    with h5py.File(folder / test_name, "w") as f:
        f["test_set_x"] = np.full((m_test, 64, 64, 3), value, np.uint8)
        f["test_set_y"] = np.arange(m_test) % 2
        f["list_classes"] = classes


def test_the_course_pictures_load_in_the_course_layout():
    train_x, train_y, test_x, test_y, classes = load_cat_dataset()
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3)
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50)
    assert set(np.unique(train_y)) == {0, 1}
    assert list(classes) == [b"non-cat", b"cat"]


def test_the_original_files_are_preferred_when_an_instructor_adds_them(tmp_path):
    _write_pair(tmp_path, "train_cat_pictures.h5", "test_cat_pictures.h5", value=1)
    _write_pair(tmp_path, "train_catvnoncat.h5", "test_catvnoncat.h5", m_train=5, value=2)
    train_x, train_y, test_x, _, _ = load_cat_dataset(tmp_path)
    assert train_x.shape[0] == 5 and train_x.max() == 2 and train_y.shape == (1, 5)


def test_missing_files_say_how_to_rebuild_them(tmp_path):
    with pytest.raises(FileNotFoundError, match="build_cat_pictures.py"):
        load_cat_dataset(tmp_path)


def test_a_picture_becomes_one_column_in_the_training_order(tmp_path):
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(tmp_path / "mine.png")
    column = load_picture_as_column(tmp_path / "mine.png")
    assert column.shape == (12288, 1) and 0 <= column.min() and column.max() <= 1
    same_as_training = pixels[None].reshape(1, -1).T / 255  # X = x.reshape(m, -1).T / 255
    np.testing.assert_allclose(column, same_as_training)


def test_any_size_and_mode_is_cropped_and_resized(tmp_path):
    Image.new("L", (300, 120), 200).save(tmp_path / "wide.jpg")
    column = load_picture_as_column(tmp_path / "wide.jpg", num_px=32)
    assert column.shape == (32 * 32 * 3, 1)
    with pytest.raises(FileNotFoundError, match="No picture"):
        load_picture_as_column(tmp_path / "nothing.png")
