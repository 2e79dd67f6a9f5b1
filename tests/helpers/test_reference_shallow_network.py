"""The reference network and activations are correct: shapes, gradients, conventions.

Later weeks and the grader's stand-ins rely on them, so they are checked against
numerical gradients and against the facts the week-2 notebook teaches.
"""

import numpy as np
import pytest

from helpers.gradcheck import dictionary_to_vector, numerical_gradient, vector_to_dictionary
from helpers.reference import activations as act
from helpers.reference import hidden_activations as hidden
from helpers.reference import shallow_network as sn

KEYS = ("W1", "b1", "W2", "b2")


def _problem(n_x=3, n_h=4, m=7, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {"W1": rng.normal(size=(n_h, n_x)), "b1": rng.normal(size=(n_h, 1)),
                  "W2": rng.normal(size=(1, n_h)), "b2": rng.normal(size=(1, 1))}
    X = rng.normal(size=(n_x, m))
    Y = (rng.uniform(size=(1, m)) > 0.5).astype(float)
    return parameters, X, Y


def test_forward_shapes_and_cache():
    parameters, X, _ = _problem()
    A2, cache = sn.forward_propagation(X, parameters)
    assert A2.shape == (1, 7) and set(cache) == {"Z1", "A1", "Z2", "A2"}
    assert cache["Z1"].shape == cache["A1"].shape == (4, 7)
    np.testing.assert_allclose(cache["A1"], np.tanh(cache["Z1"]))
    assert cache["A2"] is A2


def test_backward_matches_numerical_gradients():
    parameters, X, Y = _problem()
    _, cache = sn.forward_propagation(X, parameters)
    grads = sn.backward_propagation(parameters, cache, X, Y)
    theta, shapes = dictionary_to_vector(parameters, KEYS)

    def cost(vector):
        A2, _ = sn.forward_propagation(X, vector_to_dictionary(vector, shapes))
        return sn.compute_cost(A2, Y)

    numeric = vector_to_dictionary(numerical_gradient(cost, theta, 1e-6), shapes)
    for key in KEYS:
        assert grads["d" + key].shape == parameters[key].shape
        np.testing.assert_allclose(grads["d" + key], numeric[key], rtol=1e-5, atol=1e-8)


def test_cost_is_a_float():
    cost = sn.compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 0]]))
    assert isinstance(cost, float) and cost == pytest.approx(np.log(2))


def test_initialisation_draws_w1_then_w2_without_reseeding():
    np.random.seed(2)
    parameters = sn.initialize_parameters(2, 4, 1)
    np.random.seed(2)
    np.testing.assert_array_equal(parameters["W1"], np.random.randn(4, 2) * 0.01)
    np.testing.assert_array_equal(parameters["W2"], np.random.randn(1, 4) * 0.01)
    assert not parameters["b1"].any() and parameters["b2"].shape == (1, 1)
    np.random.seed(5)
    assert not np.array_equal(sn.initialize_parameters(2, 4, 1)["W1"], parameters["W1"])


def test_update_makes_new_arrays():
    parameters, _, _ = _problem()
    grads = {"d" + key: np.ones_like(value) for key, value in parameters.items()}
    before = {key: value.copy() for key, value in parameters.items()}
    updated = sn.update_parameters(parameters, grads, learning_rate=0.5)
    for key in KEYS:
        np.testing.assert_array_equal(parameters[key], before[key])
        np.testing.assert_allclose(updated[key], before[key] - 0.5)


def test_nn_model_seeds_itself_and_uses_n_h_and_num_iterations():
    _, X, Y = _problem(n_x=2, m=12)
    np.random.seed(123)
    first = sn.nn_model(X, Y, 3, num_iterations=50)
    np.random.seed(456)
    second = sn.nn_model(X, Y, 3, num_iterations=50)
    for key in KEYS:
        np.testing.assert_array_equal(first[key], second[key])
    assert first["W1"].shape == (3, 2)
    longer = sn.nn_model(X, Y, 3, num_iterations=60)
    assert not np.allclose(longer["W1"], first["W1"])


def test_nn_model_prints_every_thousand_iterations(capsys):
    _, X, Y = _problem(n_x=2, m=6)
    sn.nn_model(X, Y, 2, num_iterations=2001, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after iteration 0", "Cost after iteration 1000", "Cost after iteration 2000"]


def test_predict_is_float_and_strict_at_one_half():
    parameters = {"W1": np.ones((2, 2)), "b1": np.zeros((2, 1)),
                  "W2": np.ones((1, 2)), "b2": np.zeros((1, 1))}
    predictions = sn.predict(parameters, np.array([[0.0, 1.0, -1.0], [0.0, 1.0, -1.0]]))
    assert predictions.dtype == np.float64
    np.testing.assert_array_equal(predictions, [[0.0, 1.0, 0.0]])


def test_collapse_equals_the_stack():
    rng = np.random.default_rng(1)
    sizes = [3, 5, 2, 4]
    weights = [rng.normal(size=(n, p)) for p, n in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=(n, 1)) for n in sizes[1:]]
    x = rng.normal(size=(3, 6))
    out = x
    for W, b in zip(weights, biases):
        out = W @ out + b
    W, b = sn.collapse_linear_network(weights, biases)
    assert W.shape == (4, 3) and b.shape == (4, 1)
    np.testing.assert_allclose(W @ x + b, out)
    np.testing.assert_array_equal(sn.collapse_linear_network(weights[:1], biases[:1])[0],
                                  weights[0])


@pytest.mark.parametrize("g, slope", [(np.tanh, hidden.tanh_derivative),
                                      (act.sigmoid, act.sigmoid_derivative),
                                      (hidden.relu, hidden.relu_derivative),
                                      (hidden.leaky_relu, hidden.leaky_relu_derivative)])
def test_slopes_match_centred_differences_away_from_zero(g, slope):
    z = np.array([[-2.5, -0.7, 0.3, 1.9]])
    h = 1e-6
    np.testing.assert_allclose(slope(z), (g(z + h) - g(z - h)) / (2 * h), rtol=1e-6)


def test_the_relu_family_at_zero_and_its_dtypes():
    z = np.array([[-1.0, 0.0, 2.0]])
    np.testing.assert_array_equal(hidden.relu(z), [[0.0, 0.0, 2.0]])
    np.testing.assert_array_equal(hidden.leaky_relu(z, slope=0.1), [[-0.1, 0.0, 2.0]])
    np.testing.assert_array_equal(hidden.relu_derivative(z), [[0.0, 0.0, 1.0]])
    np.testing.assert_array_equal(hidden.leaky_relu_derivative(z), [[0.01, 0.01, 1.0]])
    np.testing.assert_array_equal(hidden.leaky_relu_derivative(z, slope=0.2), [[0.2, 0.2, 1.0]])
    assert hidden.relu_derivative(z).dtype == hidden.leaky_relu_derivative(z).dtype == np.float64
