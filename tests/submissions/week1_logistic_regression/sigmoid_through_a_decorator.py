# notebook: numpy_basics
# cell: sigmoid_answer
# loses: none
import functools


def checked(function):
    """Refuse lists: the exercise is about numpy arrays."""
    @functools.wraps(function)
    def wrapper(x):
        if isinstance(x, list):
            raise TypeError("pass a numpy array")
        return function(x)
    return wrapper


@checked
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))
