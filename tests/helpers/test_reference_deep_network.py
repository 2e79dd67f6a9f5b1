"""The week-3 reference code is correct: caches, shapes, gradients, conventions.

The application notebook, later weeks and the grader's stand-ins rely on it, so the
backward pass is checked against numerical gradients, and the models against the facts the
notebooks teach (the two models agree on two layers; the caller seeds).
"""

import numpy as np
import pytest

from helpers.gradcheck import dictionary_to_vector, numerical_gradient, vector_to_dictionary
from helpers.reference import deep_models as models
from helpers.reference import deep_network as dn
from helpers.reference.layer_activations import relu_backward, sigmoid, sigmoid_backward
from helpers.reference.scaled_initialization import initialize_parameters_deep_scaled
from helpers.shapes import layer_shapes

LAYER_DIMS = [4, 5, 3, 1]


def _problem(layer_dims=LAYER_DIMS, m=6, seed=0):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = rng.normal(size=(layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(size=(layer_dims[l], 1))
    X = rng.normal(size=(layer_dims[0], m))
    Y = np.zeros((1, m))
    Y[0, ::2] = 1.0
    return parameters, X, Y


def test_forward_caches_and_every_shape_follow_the_table():
    parameters, X, Y = _problem()
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    shapes = layer_shapes(LAYER_DIMS, 6)
    assert len(caches) == 3 and AL.shape == shapes["A3"]
    for l, (linear_cache, Z) in enumerate(caches, start=1):
        A_prev, W, b = linear_cache
        assert W is parameters[f"W{l}"] and b is parameters[f"b{l}"]
        assert A_prev.shape == shapes[f"A{l - 1}"] and Z.shape == shapes[f"Z{l}"]
        np.testing.assert_allclose(Z, W @ A_prev + b)
    for l in range(1, 3):  # ReLU inside, the next layer's input is relu(Z)
        np.testing.assert_array_equal(caches[l][0][0], np.maximum(0, caches[l - 1][1]))
    np.testing.assert_allclose(AL, sigmoid(caches[-1][1]))
    assert set(grads) == {"dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"}
    for name, gradient in grads.items():
        assert gradient.shape == shapes[name], name


def test_backward_matches_numerical_gradients():
    parameters, X, Y = _problem()
    keys = sorted(parameters)
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    theta, shapes = dictionary_to_vector(parameters, keys)

    def cost(vector):
        return dn.compute_cost(dn.L_model_forward(X, vector_to_dictionary(vector, shapes))[0],
                               Y)

    numeric = vector_to_dictionary(numerical_gradient(cost, theta, 1e-6), shapes)
    for key in keys:
        np.testing.assert_allclose(grads["d" + key], numeric[key], rtol=1e-5, atol=1e-8)


def test_the_gradient_with_respect_to_x_is_da0():
    parameters, X, Y = _problem(seed=1)
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    numeric = numerical_gradient(lambda x: dn.compute_cost(
        dn.L_model_forward(x, parameters)[0], Y), X, 1e-6)
    # the cost averages over the m examples, so each column's dA0 is m times its share
    np.testing.assert_allclose(grads["dA0"] / X.shape[1], numeric, rtol=1e-5, atol=1e-8)


def test_backward_steps_take_z_and_leave_their_arguments_alone():
    Z = np.array([[-1.0, 0.0, 2.0]])
    dA = np.array([[0.5, 0.5, 0.5]])
    before = dA.copy(), Z.copy()
    np.testing.assert_array_equal(relu_backward(dA, Z), [[0.0, 0.0, 0.5]])  # 0 at Z = 0
    s = sigmoid(Z)
    np.testing.assert_allclose(sigmoid_backward(dA, Z), 0.5 * s * (1 - s))
    np.testing.assert_array_equal(dA, before[0])
    np.testing.assert_array_equal(Z, before[1])


def test_cost_is_a_float_and_update_builds_new_arrays():
    assert isinstance(dn.compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 0]])), float)
    parameters, _, _ = _problem()
    copies = {k: v.copy() for k, v in parameters.items()}
    grads = {"d" + k: np.ones_like(v) for k, v in parameters.items()}
    updated = dn.update_parameters(parameters, grads, 0.5)
    for key in parameters:
        np.testing.assert_array_equal(parameters[key], copies[key])
        np.testing.assert_allclose(updated[key], copies[key] - 0.5)


@pytest.mark.parametrize("initialize, scale", [
    (dn.initialize_parameters_deep, lambda n_prev: 0.01),
    (initialize_parameters_deep_scaled, lambda n_prev: 1 / np.sqrt(n_prev)),
])
def test_initialisation_draws_w1_first_from_the_global_generator(initialize, scale):
    np.random.seed(4)
    parameters = initialize([3, 4, 2])
    np.random.seed(4)
    W1 = np.random.randn(4, 3) * scale(3)
    W2 = np.random.randn(2, 4) * scale(4)
    np.testing.assert_allclose(parameters["W1"], W1)
    np.testing.assert_allclose(parameters["W2"], W2)
    assert not parameters["b1"].any() and parameters["b2"].shape == (2, 1)


def test_predict_thresholds_above_one_half():
    parameters = {"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))}
    X = np.ones((2, 3))
    assert dn.predict(parameters, X).tolist() == [[0.0, 0.0, 0.0]]  # AL = 0.5 exactly
    parameters["b1"] = np.array([[0.1]])
    assert dn.predict(parameters, X).tolist() == [[1.0, 1.0, 1.0]]


def test_the_two_models_agree_on_two_layers_and_learn():
    _, X, Y = _problem([3, 4, 1], m=8)
    np.random.seed(1)
    two, two_costs = models.two_layer_model(X, Y, [3, 4, 1], learning_rate=0.5,
                                            num_iterations=301)
    np.random.seed(1)
    deep, deep_costs = models.L_layer_model(X, Y, [3, 4, 1], learning_rate=0.5,
                                            num_iterations=301)
    assert two_costs == deep_costs and len(two_costs) == 4
    for key in two:
        np.testing.assert_array_equal(two[key], deep[key])
    assert two_costs[-1] < two_costs[0] - 0.1
