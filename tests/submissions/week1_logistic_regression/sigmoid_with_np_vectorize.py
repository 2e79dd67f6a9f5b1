# notebook: numpy_basics
# cell: sigmoid_answer
# loses: none
import math


def _sigmoid_of_one_number(x):
    return 1.0 / (1.0 + math.exp(-x))


# np.vectorize applies the one-number version to every entry: slow, but correct
sigmoid = np.vectorize(_sigmoid_of_one_number, otypes=[float])
