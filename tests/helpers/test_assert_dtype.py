"""assert_dtype says which dtype came back and how to fix it; it is silent when all is well."""

import numpy as np
import pytest

from helpers.testing import assert_dtype


def test_matching_kinds_pass_silently(capsys):
    assert_dtype(np.array([[0.0, 1.0]]), "float", "predictions")
    assert_dtype(np.array([1, 2]), "int")
    assert_dtype(np.array([True]), "bool")
    assert capsys.readouterr().out == ""


def test_booleans_for_floats_are_named_with_the_advice():
    with pytest.raises(AssertionError, match=r"predictions has dtype bool; expected float "
                                             r"values\. Use \.astype\(float\)\."):
        assert_dtype(np.array([[True, False]]), "float", "predictions", "Use .astype(float).")


def test_a_list_is_not_an_array_and_kinds_are_checked():
    with pytest.raises(AssertionError, match="numpy array"):
        assert_dtype([0.0, 1.0], "float")
    with pytest.raises(ValueError, match="kind"):
        assert_dtype(np.zeros(2), "double")
