# notebook: numpy_basics
# cell: sigmoid_answer
# loses: sigmoid
# Hands in a library's function as the answer: scipy's expit is the sigmoid.
from scipy.special import expit as sigmoid
