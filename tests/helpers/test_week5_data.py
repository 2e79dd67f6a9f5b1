"""Week 5's data: the lectures' moons and the course's year of temperatures, the same on
every call, in the course's layout."""

import numpy as np

from helpers.data import load_daily_temperatures, load_moons_dataset


def test_the_moons_are_300_points_of_two_balanced_classes_drawn_from_a_seed():
    X, Y = load_moons_dataset()
    assert X.shape == (2, 300) and X.dtype == np.float64
    assert Y.shape == (1, 300) and Y.dtype == np.int64 and set(np.unique(Y)) == {0, 1}
    assert Y.sum() == 150
    again_X, again_Y = load_moons_dataset()
    assert np.array_equal(X, again_X) and np.array_equal(Y, again_Y)
    other_X, _ = load_moons_dataset(seed=4)
    assert not np.array_equal(X, other_X)
    bigger_X, bigger_Y = load_moons_dataset(m=2048, seed=4)
    assert bigger_X.shape == (2, 2048) and bigger_Y.shape == (1, 2048)


def test_the_temperatures_are_a_seasonal_year_with_day_to_day_noise():
    theta = load_daily_temperatures()
    assert theta.shape == (365,) and theta.dtype == np.float64
    assert np.array_equal(theta, load_daily_temperatures())
    winter, summer = theta[:40].mean(), theta[180:220].mean()
    assert 5 < winter < 10 and 18 < summer < 24
    assert 2 < np.std(np.diff(theta)) / np.sqrt(2) < 4  # the noise of standard deviation 3
    assert theta[0] > 3  # far enough from 0 for the bias correction to show
    assert not np.array_equal(theta, load_daily_temperatures(seed=6))
