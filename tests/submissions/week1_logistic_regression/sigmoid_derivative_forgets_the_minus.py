# notebook: numpy_basics
# cell: sigmoid_derivative_answer
# loses: sigmoid_derivative
# kind: s (1 + s) instead of s (1 - s)
def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 + s)
