# notebook: numpy_basics
# cell: sigmoid_answer
# loses: none
# A function written in the notebook may call any library inside it.
import scipy.special


def sigmoid(x):
    return scipy.special.expit(x)
