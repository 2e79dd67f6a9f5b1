# notebook: numpy_basics
# cell: sigmoid_derivative_answer
# loses: sigmoid_derivative
def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 + s)
