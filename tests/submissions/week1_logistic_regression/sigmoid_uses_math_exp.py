# notebook: numpy_basics
# cell: sigmoid_answer
# loses: sigmoid
# kind: raised an error
import math


def sigmoid(x):
    return 1 / (1 + math.exp(-x))
