# notebook: numpy_basics
# cell: sigmoid_answer
# loses: none
class Logistic:
    """The logistic function with a slope, called like a function."""

    def __init__(self, slope=1.0):
        self.slope = slope

    def __call__(self, x):
        return 1.0 / (1.0 + np.exp(-self.slope * x))


sigmoid = Logistic()
