"""Loading the course's data sets: pictures, your own pictures, and 2-D point sets.

Contract: every loader returns numpy arrays in the course's layout. Pictures
come as ``(m, num_px, num_px, 3)`` uint8 arrays and labels as ``(1, m)``; a
single picture for "try your own" comes as one column ``(num_px*num_px*3, 1)``
with values in [0, 1], in the same pixel order as ``X.reshape(m, -1).T / 255``.
2-D point sets come as ``X`` of shape ``(2, m)`` (float64, one point per column)
and ``Y`` of shape ``(1, m)`` (int64, 0 or 1); they are drawn from an explicit
seed, so the same call gives the same points on every machine, and so is the daily
series of temperatures, a float64 array of shape ``(days,)``.
"""

import os
from pathlib import Path

import h5py
import numpy as np

__all__ = [
    "datasets_dir",
    "load_cat_dataset",
    "load_picture_as_column",
    "load_planar_dataset",
    "load_extra_datasets",
    "load_circles_dataset",
    "load_goalkeeper_dataset",
    "load_moons_dataset",
    "load_daily_temperatures",
]

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


def load_planar_dataset(seed=7, m=400, petal_radius=4.0, noise=0.2):
    """The two-class "flower": points on the petals of r = petal_radius * sin(4 t).

    Class 0 takes the angles t in [0, pi], class 1 those in [pi, 2 pi], half of the m
    points each; both the angle and the radius get Gaussian noise of standard deviation
    ``noise``. A point sits at (r sin t, r cos t), so the petals of the two classes
    alternate around the centre and no straight line separates them.

    Arguments:
    seed -- seed of the generator (``np.random.default_rng``); the default 7 gives the set
            the week-2 notebook uses
    m -- number of points (even)
    petal_radius -- length of a petal
    noise -- standard deviation of the noise on the angle and on the radius

    Returns:
    X -- the points, shape (2, m), float64
    Y -- their labels, shape (1, m), int64: 0 for the first m/2 columns, 1 for the rest
    """
    if m % 2:
        raise ValueError(f"m must be even (half the points in each class); got {m}")
    rng = np.random.default_rng(seed)
    half = m // 2
    labels = np.repeat([0, 1], half)  # (m,)
    t = np.pi * (labels + np.tile(np.linspace(0.0, 1.0, half), 2))
    t = t + noise * rng.standard_normal(m)
    r = petal_radius * np.sin(4 * t) + noise * rng.standard_normal(m)
    X = np.vstack([r * np.sin(t), r * np.cos(t)])  # (2, m)
    return X, labels.reshape(1, m).astype(np.int64)


def load_extra_datasets(m=200, seed=3):
    """Four more 2-D, two-class point sets, from scikit-learn's generators.

    - "noisy_circles": a ring of one class around a disc of the other, with noise;
    - "noisy_moons": two interleaved half-moons;
    - "blobs": six Gaussian blobs, labelled by the parity of their index (three per class);
    - "gaussian_quantiles": one Gaussian cloud, labelled by the distance from its centre.

    Arguments:
    m -- number of points in each set
    seed -- seed of the generators (the same for all four)

    Returns:
    datasets -- dict name -> (X, Y) with X of shape (2, m), float64, and Y of shape (1, m),
                int64 with values 0 and 1, in the order listed above
    """
    from sklearn import datasets as generators  # imported here: only this loader needs it

    made = {
        "noisy_circles": generators.make_circles(n_samples=m, factor=0.5, noise=0.3,
                                                 random_state=seed),
        "noisy_moons": generators.make_moons(n_samples=m, noise=0.2, random_state=seed),
        "blobs": generators.make_blobs(n_samples=m, n_features=2, centers=6,
                                       random_state=seed),
        "gaussian_quantiles": generators.make_gaussian_quantiles(
            cov=0.5, n_samples=m, n_features=2, n_classes=2, random_state=seed),
    }
    datasets = {}
    for name, (points, labels) in made.items():
        X = np.asarray(points, dtype=np.float64).T  # (2, m): one point per column
        Y = (np.asarray(labels) % 2).astype(np.int64).reshape(1, m)
        datasets[name] = (X, Y)
    return datasets


def load_circles_dataset(m_train=300, m_test=100, noise=0.05, seeds=(1, 2)):
    """Week 4's circles: a ring of one class around a smaller ring of the other.

    Both sets come from scikit-learn's ``make_circles`` (inner ring at 0.8 of the outer
    radius, Gaussian noise of standard deviation ``noise`` on every coordinate); the
    training set is drawn with ``random_state=seeds[0]``, the test set with ``seeds[1]``.

    Arguments:
    m_train, m_test -- numbers of training and test points
    noise -- standard deviation of the noise
    seeds -- the two sets' seeds

    Returns:
    train_X -- shape (2, m_train), float64; train_Y -- shape (1, m_train), int64 0/1
    test_X -- shape (2, m_test), float64; test_Y -- shape (1, m_test), int64 0/1
    (label 1 is the inner ring)
    """
    from sklearn.datasets import make_circles  # imported here: only this loader needs it

    sets = []
    for m, seed in ((m_train, seeds[0]), (m_test, seeds[1])):
        points, labels = make_circles(n_samples=m, noise=noise, random_state=seed)
        sets += [np.asarray(points, dtype=np.float64).T,
                 np.asarray(labels).astype(np.int64).reshape(1, m)]
    return tuple(sets)


def _goalkeeper_set(rng, m, pockets, pocket_radius, jitter):
    """m kicks of one set: positions (2, m) and the team (1, m) that headed each ball."""
    X = rng.uniform(-1.0, 1.0, size=(2, m))
    boundary = 0.4 * np.sin(3.0 * X[0] + 0.5)  # where the two teams' zones meet
    Y = X[1] > boundary
    centres = rng.uniform(-0.9, 0.9, size=(2, pockets))
    distances = np.linalg.norm(X[:, :, None] - centres[:, None, :], axis=0)  # (m, pockets)
    in_a_pocket = np.min(distances, axis=1) < pocket_radius if pockets else np.zeros(m, bool)
    Y = Y != in_a_pocket  # inside a pocket, the other team won the ball
    X = X + jitter * rng.standard_normal((2, m))
    return X, Y.astype(np.int64).reshape(1, m)


def load_goalkeeper_dataset(m_train=300, m_dev=200, m_test=300, seed=3, pockets=10,
                            pocket_radius=0.1, jitter=0.05):
    """Week 4's "where should the goalkeeper kick" data: which team heads a long kick.

    A goalkeeper kicks the ball up the field; each point is where the ball came down (both
    coordinates between about -1 and 1) and its label says which team's player headed it:
    1 for ours, 0 for the other. Our players hold the part of the field above the wavy line
    x2 = 0.4 sin(3 x1 + 0.5), the others the part below. Then chance steps in: each set has
    ``pockets`` small discs (radius ``pocket_radius``), at random places of its own, where
    the other side happened to win every ball, and every position is blurred by Gaussian
    noise of standard deviation ``jitter``. The pockets of one set say nothing about those of
    another, so a network that draws islands around the training set's pockets over-fits:
    exactly what regularisation is for.

    The three sets are drawn one after the other (training, dev, test) from
    ``np.random.default_rng(seed)``, so the same call gives the same points everywhere.

    Arguments:
    m_train, m_dev, m_test -- numbers of points in the training, dev and test sets
    seed -- seed of the generator; the default 3 gives the set the regularisation notebook uses
    pockets -- number of pockets in each set
    pocket_radius -- radius of a pocket
    jitter -- standard deviation of the noise on the positions

    Returns:
    train_X (2, m_train), train_Y (1, m_train), dev_X (2, m_dev), dev_Y (1, m_dev),
    test_X (2, m_test), test_Y (1, m_test): X float64, Y int64 0/1
    """
    rng = np.random.default_rng(seed)
    sets = []
    for m in (m_train, m_dev, m_test):
        sets += _goalkeeper_set(rng, m, pockets, pocket_radius, jitter)
    return tuple(sets)


def load_moons_dataset(m=300, noise=0.2, seed=3):
    """Week 5's moons: two interleaved half-moons, one per class (the lectures' data set).

    The points come from scikit-learn's ``make_moons`` with Gaussian noise of standard
    deviation ``noise`` on every coordinate, drawn with ``random_state=seed``.

    Arguments:
    m -- number of points
    noise -- standard deviation of the noise
    seed -- the generator's seed

    Returns:
    X -- shape (2, m), float64; Y -- shape (1, m), int64 0/1 (label 1 is the lower moon)
    """
    from sklearn.datasets import make_moons  # imported here: only this loader needs it

    points, labels = make_moons(n_samples=m, noise=noise, random_state=seed)
    return (np.asarray(points, dtype=np.float64).T,
            np.asarray(labels).astype(np.int64).reshape(1, m))


def load_daily_temperatures(days=365, seed=5):
    """A year of noisy daily temperatures in degrees Celsius, for exponentially weighted averages.

    The course's own series, not a measured one: a seasonal wave (coldest near day 20 at about
    7 degrees, warmest near day 200 at about 21) plus independent Gaussian day-to-day noise of
    standard deviation 3, drawn by ``np.random.default_rng(seed)``.

    Arguments:
    days -- length of the series (day 1 is its first entry)
    seed -- the generator's seed

    Returns:
    theta -- shape (days,), float64: theta[t - 1] is the temperature of day t
    """
    day = np.arange(1, days + 1)
    season = 14.0 - 7.0 * np.cos(2 * np.pi * (day - 20) / 365.0)
    return season + np.random.default_rng(seed).normal(0.0, 3.0, size=days)
