# notebook: numpy_basics
# cell: softmax_answer
# loses: softmax
# Hands in scipy's softmax with the axis filled in by functools.partial.
import functools

import scipy.special

softmax = functools.partial(scipy.special.softmax, axis=1)
