import numpy as np
import pytest

from helpers.gradcheck import (check_gradient, dictionary_to_vector, numerical_gradient,
                               relative_error, vector_to_dictionary)


def test_numerical_gradient_of_a_quadratic_matches_the_formula():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    theta = np.array([[0.5], [-1.5]])
    f = lambda t: float((0.5 * t.T @ A @ t).item())
    np.testing.assert_allclose(numerical_gradient(f, theta), A @ theta, rtol=1e-6, atol=1e-6)


def test_numerical_gradient_leaves_theta_unchanged_and_keeps_its_shape():
    theta = np.arange(6.0).reshape(2, 3)
    before = theta.copy()
    grad = numerical_gradient(lambda t: float(np.sum(np.sin(t))), theta)
    assert grad.shape == (2, 3)
    np.testing.assert_array_equal(theta, before)
    np.testing.assert_allclose(grad, np.cos(theta), rtol=1e-5, atol=1e-8)


def test_relative_error_is_zero_for_equal_and_one_for_opposite_gradients():
    g = np.array([1.0, -2.0, 3.0])
    assert relative_error(g, g) == 0.0
    assert relative_error(g, -g) == pytest.approx(1.0)
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


def test_check_gradient_finds_a_wrong_backward_pass(capsys):
    f = lambda t: float(np.sum(t ** 3))
    theta = np.array([1.0, 2.0, -1.0])
    assert check_gradient(f, 3 * theta ** 2, theta) < 1e-7
    assert check_gradient(f, 2 * theta ** 2, theta, print_msg=True) > 1e-2
    assert "mistake" in capsys.readouterr().out


def test_dictionary_vector_round_trip():
    parameters = {"W1": np.arange(6.0).reshape(3, 2), "b1": np.ones((3, 1))}
    theta, shapes = dictionary_to_vector(parameters, ["W1", "b1"])
    assert theta.shape == (9, 1)
    back = vector_to_dictionary(theta, shapes)
    for key in parameters:
        np.testing.assert_array_equal(back[key], parameters[key])
    with pytest.raises(ValueError):
        vector_to_dictionary(np.ones((10, 1)), shapes)
