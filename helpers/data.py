"""Loading the course's picture sets and your own pictures.

Contract: every loader returns numpy arrays in the course's layout. Pictures
come as ``(m, num_px, num_px, 3)`` uint8 arrays and labels as ``(1, m)``; a
single picture for "try your own" comes as one column ``(num_px*num_px*3, 1)``
with values in [0, 1], in the same pixel order as ``X.reshape(m, -1).T / 255``.
"""

import os
from pathlib import Path

import h5py
import numpy as np

__all__ = ["datasets_dir", "load_cat_dataset", "load_picture_as_column"]

# The widely circulated files of these lectures; used when an instructor adds them.
ORIGINAL_FILES = ("train_catvnoncat.h5", "test_catvnoncat.h5")
# The pictures this project draws itself (datasets/build_cat_pictures.py).
DRAWN_FILES = ("train_cat_pictures.h5", "test_cat_pictures.h5")


def datasets_dir():
    """The folder that holds the data sets.

    ``COURSE_DATASETS_DIR`` overrides it; otherwise it is ``datasets/`` at the
    top of the course repository.
    """
    override = os.environ.get("COURSE_DATASETS_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "datasets"


def _read_split(path, split):
    try:
        with h5py.File(path, "r") as f:
            x = np.array(f[f"{split}_set_x"][:])
            y = np.array(f[f"{split}_set_y"][:])
            classes = np.array(f["list_classes"][:]) if "list_classes" in f else None
    except OSError as error:
        raise OSError(f"Could not read {path}: {error}. Rebuild the pictures with "
                      f"`python datasets/build_cat_pictures.py`.") from None
    except KeyError as error:
        raise KeyError(f"{path} has no dataset {error}: expected the keys "
                       f"{split}_set_x, {split}_set_y and list_classes.") from None
    return x, y.reshape(1, -1), classes


def load_cat_dataset(data_dir=None):
    """Load the cat / non-cat pictures.

    Uses the original ``train_catvnoncat.h5``/``test_catvnoncat.h5`` when both are
    in the folder, and otherwise the course's own drawn pictures.

    Arguments:
    data_dir -- folder with the .h5 files (default: ``datasets_dir()``)

    Returns:
    train_x -- training pictures, shape (m_train, num_px, num_px, 3), uint8
    train_y -- training labels, shape (1, m_train), 1 for cat and 0 for non-cat
    test_x -- test pictures, shape (m_test, num_px, num_px, 3), uint8
    test_y -- test labels, shape (1, m_test)
    classes -- class names, shape (2,): [b'non-cat', b'cat']
    """
    folder = Path(data_dir) if data_dir is not None else datasets_dir()
    for train_name, test_name in (ORIGINAL_FILES, DRAWN_FILES):
        train_path, test_path = folder / train_name, folder / test_name
        if train_path.exists() and test_path.exists():
            break
    else:
        raise FileNotFoundError(
            f"No picture files in {folder}: expected {DRAWN_FILES[0]} and {DRAWN_FILES[1]} "
            f"(or {ORIGINAL_FILES[0]} and {ORIGINAL_FILES[1]}). Rebuild them with "
            f"`python datasets/build_cat_pictures.py`.")
    train_x, train_y, classes = _read_split(train_path, "train")
    test_x, test_y, test_classes = _read_split(test_path, "test")
    if classes is None:
        classes = test_classes
    return train_x, train_y, test_x, test_y, classes


def load_picture_as_column(path, num_px=64):
    """Load any picture file as one input column for the cat classifier.

    The picture is centre-cropped to a square, resized to num_px x num_px RGB and
    scaled to [0, 1].

    Arguments:
    path -- a picture file Pillow can open (PNG, JPEG, ...)
    num_px -- the side of the square the classifier expects

    Returns:
    x -- shape (num_px*num_px*3, 1), float64 in [0, 1]
    """
    from PIL import Image, ImageOps

    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No picture at {path}: check the path, or put your "
                                f"picture next to this notebook.")
    with Image.open(path) as picture:
        square = ImageOps.fit(picture.convert("RGB"), (num_px, num_px),
                              method=Image.Resampling.LANCZOS)
        pixels = np.asarray(square, dtype=np.float64)  # (num_px, num_px, 3)
    return pixels.reshape(num_px * num_px * 3, 1) / 255.0
