# notebook: numpy_basics
# cell: softmax_answer
# loses: none
import functools


def _softmax_along(x, axis):
    x_exp = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return x_exp / np.sum(x_exp, axis=axis, keepdims=True)


softmax = functools.partial(_softmax_along, axis=1)
