# notebook: numpy_basics
# cell: sigmoid_answer
# loses: sigmoid
# An object of a class written in the notebook, whose __call__ is a library's function.
import scipy.special


class Sigmoid:
    __call__ = staticmethod(scipy.special.expit)


sigmoid = Sigmoid()
