"""The shapes of a deep network's arrays, by the lectures' rules, as a dict or a table.

Contract: ``layer_shapes(layer_dims, m)`` returns ``{name: shape}`` for every array of an
L-layer network (``layer_dims`` = [n_0, ..., n_L], n_0 = n_x) trained on m examples:
"A0" = X, and for each layer l = 1 ... L "W{l}", "b{l}", "Z{l}", "A{l}", then the
gradients "dA0", "dW{l}", "db{l}", "dZ{l}", "dA{l}". A gradient has the shape of its
array: W_l and dW_l (n_l, n_{l-1}), b_l and db_l (n_l, 1), Z_l, A_l, dZ_l, dA_l (n_l, m).
``dimension_table(layer_dims, m)`` returns the same as text, one row per layer.
"""

__all__ = ["layer_shapes", "dimension_table"]


def _check(layer_dims, m):
    dims = [int(n) for n in layer_dims]
    if len(dims) < 2 or min(dims) < 1 or int(m) < 1:
        raise ValueError(f"layer_dims needs at least two positive sizes and m must be "
                         f"positive; got {list(layer_dims)} and m = {m}")
    return dims, int(m)


def layer_shapes(layer_dims, m):
    """Every array's shape in a network with these layer sizes, on m examples.

    Arguments:
    layer_dims -- list [n_0, n_1, ..., n_L] of the layers' sizes, n_0 = n_x
    m -- number of examples

    Returns:
    shapes -- dict name -> shape tuple, e.g. {"A0": (n_0, m), "W1": (n_1, n_0), ...}
    """
    dims, m = _check(layer_dims, m)
    shapes = {"A0": (dims[0], m)}
    for l in range(1, len(dims)):
        shapes[f"W{l}"] = (dims[l], dims[l - 1])
        shapes[f"b{l}"] = (dims[l], 1)
        shapes[f"Z{l}"] = (dims[l], m)
        shapes[f"A{l}"] = (dims[l], m)
    return shapes | {"d" + name: shape for name, shape in shapes.items()}


def dimension_table(layer_dims, m):
    """The shapes of ``layer_shapes`` as a text table, one row per layer (layer 0 is X).

    Returns:
    table -- str, one line of titles, then one line per layer
    """
    dims, m = _check(layer_dims, m)
    shapes = layer_shapes(dims, m)
    rows = [("l", "n[l]", "W[l] and dW[l]", "b[l] and db[l]", "Z[l], A[l], dZ[l], dA[l]")]
    rows.append(("0", str(dims[0]), "", "", f"{shapes['A0']} (A[0] = X, and dA[0])"))
    for l in range(1, len(dims)):
        rows.append((str(l), str(dims[l]), str(shapes[f"W{l}"]), str(shapes[f"b{l}"]),
                     str(shapes[f"Z{l}"])))
    widths = [max(len(row[k]) for row in rows) for k in range(4)]
    lines = ["  ".join([row[0].rjust(widths[0]), row[1].rjust(widths[1]),
                        row[2].ljust(widths[2]), row[3].ljust(widths[3]), row[4]]).rstrip()
             for row in rows]
    return "\n".join(lines)
