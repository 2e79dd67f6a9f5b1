"""The shapes of a deep network's arrays, as a dict and as the notebook's table."""

import pytest

from helpers.shapes import dimension_table, layer_shapes


def test_every_array_and_its_gradient_has_its_shape():
    shapes = layer_shapes([3, 4, 1], 5)
    assert shapes["A0"] == shapes["dA0"] == (3, 5)
    assert shapes["W1"] == shapes["dW1"] == (4, 3) and shapes["b1"] == shapes["db1"] == (4, 1)
    assert shapes["Z2"] == shapes["A2"] == shapes["dZ2"] == (1, 5) and shapes["W2"] == (1, 4)
    assert len(shapes) == 2 * (1 + 4 * 2)


def test_the_table_lists_every_layer():
    table = dimension_table([12288, 20, 7, 5, 1], 209).splitlines()
    assert len(table) == 6
    assert "(20, 12288)" in table[2] and "(20, 1)" in table[2] and "(20, 209)" in table[2]
    assert "(1, 5)" in table[5]
    with pytest.raises(ValueError):
        dimension_table([5], 3)
