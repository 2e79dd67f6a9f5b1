# notebook: numpy_basics
# cell: sigmoid_answer
# loses: sigmoid
# Wraps a library's function in np.vectorize, as an honest one-number version would be.
import scipy.special

sigmoid = np.vectorize(scipy.special.expit, otypes=[float])
