"""The 2-D point sets come in the course's layout, the same on every call."""

import numpy as np
import pytest

from helpers.data import load_extra_datasets, load_planar_dataset


def test_the_flower_has_the_course_layout():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.int64
    assert set(np.unique(Y)) == {0, 1} and Y.sum() == 200
    assert np.all(Y[0, :200] == 0) and np.all(Y[0, 200:] == 1)


def test_the_flower_is_drawn_from_its_seed():
    X, Y = load_planar_dataset()
    again, _ = load_planar_dataset()
    other, _ = load_planar_dataset(seed=8)
    np.testing.assert_array_equal(X, again)
    assert not np.allclose(X, other)


def test_the_points_lie_on_petals_of_radius_four():
    X, _ = load_planar_dataset(noise=0.0)
    radius = np.hypot(X[0], X[1])
    angle = np.arctan2(X[0], X[1])  # the angle t of x = (r sin t, r cos t)
    np.testing.assert_allclose(radius, 4 * np.abs(np.sin(4 * angle)), atol=1e-9)
    assert radius.max() == pytest.approx(4.0, abs=0.01)


def test_the_flower_size_is_a_parameter_and_must_be_even():
    X, Y = load_planar_dataset(m=60)
    assert X.shape == (2, 60) and Y.sum() == 30
    with pytest.raises(ValueError, match="even"):
        load_planar_dataset(m=61)


def test_the_extra_sets_are_four_binary_sets_in_the_course_layout():
    sets = load_extra_datasets()
    assert list(sets) == ["noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles"]
    for name, (X, Y) in sets.items():
        assert X.shape == (2, 200) and X.dtype == np.float64, name
        assert Y.shape == (1, 200) and Y.dtype == np.int64, name
        assert set(np.unique(Y)) == {0, 1}, name


def test_the_extra_sets_are_drawn_from_their_seed():
    first, again = load_extra_datasets(m=50), load_extra_datasets(m=50)
    other = load_extra_datasets(m=50, seed=4)
    for name in first:
        np.testing.assert_array_equal(first[name][0], again[name][0])
        assert first[name][0].shape == (2, 50)
        assert not np.allclose(first[name][0], other[name][0])
