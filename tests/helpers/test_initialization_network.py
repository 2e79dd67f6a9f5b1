"""Week 4's circles and the 3-layer network the initialisation notebook trains."""

import copy

import numpy as np

from helpers.data import load_circles_dataset
from helpers.gradcheck import (dictionary_to_vector, numerical_gradient, relative_error,
                               vector_to_dictionary)
from helpers.reference.initialization_network import (_gradients, cost_from_logits,
                                                      layer_spreads, train_network)
from helpers.reference.deep_network import L_model_forward, compute_cost


def _parameters(rng, dims, scale=1.0):
    return {key: value for l in range(1, len(dims)) for key, value in (
        (f"W{l}", rng.normal(0.0, scale, size=(dims[l], dims[l - 1]))),
        (f"b{l}", rng.normal(0.0, scale, size=(dims[l], 1))))}


def test_the_circles_come_in_the_course_layout_and_the_same_every_time():
    train_X, train_Y, test_X, test_Y = load_circles_dataset()
    assert train_X.shape == (2, 300) and train_Y.shape == (1, 300)
    assert test_X.shape == (2, 100) and test_Y.shape == (1, 100)
    assert train_X.dtype == np.float64 and train_Y.dtype == np.int64
    assert set(np.unique(train_Y)) == {0, 1} and abs(train_Y.mean() - 0.5) < 0.01
    assert not np.array_equal(train_X[:, :100], test_X)  # two seeds, two sets
    again = load_circles_dataset()
    for first, second in zip((train_X, train_Y, test_X, test_Y), again):
        np.testing.assert_array_equal(first, second)


def test_the_cost_from_logits_is_the_cross_entropy_and_finite_when_it_saturates():
    rng = np.random.default_rng(0)
    Z = rng.normal(size=(1, 7))
    Y = (rng.random((1, 7)) > 0.5).astype(float)
    assert np.isclose(cost_from_logits(Z, Y), compute_cost(1 / (1 + np.exp(-Z)), Y))
    huge = cost_from_logits(np.array([[800.0, -900.0]]), np.array([[0.0, 1.0]]))
    assert np.isclose(huge, (800.0 + 900.0) / 2)


def test_the_gradients_are_those_of_the_cost():
    rng = np.random.default_rng(1)
    dims = [2, 4, 3, 1]
    X, Y = rng.normal(size=(2, 6)), np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0]])
    parameters = _parameters(rng, dims)
    keys = list(parameters)
    theta, shapes = dictionary_to_vector(parameters, keys)
    AL, caches = L_model_forward(X, parameters)
    grads, _ = dictionary_to_vector(_gradients(AL, Y, caches), ["d" + key for key in keys])

    def cost(theta):
        _, caches = L_model_forward(X, vector_to_dictionary(theta, shapes))
        return cost_from_logits(caches[-1][1], Y)
    assert relative_error(grads, numerical_gradient(cost, theta)) < 1e-7


def test_training_lowers_the_cost_and_changes_none_of_its_arguments():
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(2, 20)), (rng.random((1, 20)) > 0.5).astype(np.int64)
    start = _parameters(rng, [2, 5, 3, 1], scale=0.5)
    kept = copy.deepcopy((X, Y, start))
    state = np.random.get_state()
    trained, costs = train_network(X, Y, start, learning_rate=0.1, num_iterations=3001)
    assert len(costs) == 4 and costs[-1] < costs[0]
    assert set(trained) == set(start)
    for before, after in zip(kept, (X, Y, start)):
        if isinstance(before, dict):
            assert all(np.array_equal(before[k], after[k]) for k in before)
        else:
            np.testing.assert_array_equal(before, after)
    assert np.array_equal(state[1], np.random.get_state()[1])  # draws nothing


def test_layer_spreads_follow_the_scale_of_the_weights():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(50, 40))
    dims = [50] * 11
    he = {key: value * np.sqrt(2 / 50) if key[0] == "W" else 0 * value
          for key, value in _parameters(rng, dims).items()}
    spreads = layer_spreads(X, he)
    assert len(spreads) == 10 and all(0.2 < s < 5 for s in spreads)
    large = {key: value * 1e40 for key, value in he.items()}
    assert layer_spreads(X, large)[-1] == float("inf")
