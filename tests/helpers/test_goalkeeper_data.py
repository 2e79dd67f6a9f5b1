"""The goalkeeper data of week 4's regularisation notebook: the course's layout, drawn from
its seed, labelled by the wavy line except in each set's own pockets."""

import numpy as np

from helpers.data import load_goalkeeper_dataset


def test_the_three_sets_have_the_course_layout_and_the_requested_sizes():
    sets = load_goalkeeper_dataset(m_train=50, m_dev=20, m_test=30)
    for (X, Y), m in zip(zip(sets[::2], sets[1::2]), (50, 20, 30)):
        assert X.shape == (2, m) and X.dtype == np.float64
        assert Y.shape == (1, m) and Y.dtype == np.int64
        assert set(np.unique(Y)) == {0, 1}


def test_the_same_seed_gives_the_same_points_and_another_seed_others():
    first, again = load_goalkeeper_dataset(), load_goalkeeper_dataset()
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    other = load_goalkeeper_dataset(seed=4)
    assert not np.array_equal(first[0], other[0])


def test_without_pockets_or_noise_the_label_is_the_side_of_the_wavy_line():
    X, Y, *_ = load_goalkeeper_dataset(m_train=400, pockets=0, jitter=0.0)
    above = X[1] > 0.4 * np.sin(3.0 * X[0] + 0.5)
    assert np.array_equal(Y[0] == 1, above)


def test_the_pockets_turn_a_few_percent_of_the_labels():
    X, Y, *_ = load_goalkeeper_dataset(m_train=2000, jitter=0.0)
    above = X[1] > 0.4 * np.sin(3.0 * X[0] + 0.5)
    turned = float(np.mean((Y[0] == 1) != above))
    assert 0.02 < turned < 0.15, turned
