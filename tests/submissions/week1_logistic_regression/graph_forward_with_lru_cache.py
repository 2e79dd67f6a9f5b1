# notebook: numpy_basics
# cell: graph_forward_answer
# loses: none
import functools


@functools.lru_cache(maxsize=None)
def graph_forward(a, b, c):
    u = b * c
    v = a + u
    J = 3 * v
    return u, v, J
