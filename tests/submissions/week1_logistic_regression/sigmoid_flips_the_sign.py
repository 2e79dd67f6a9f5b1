# notebook: numpy_basics
# cell: sigmoid_answer
# loses: sigmoid
# kind: 1 minus the expected value
def sigmoid(x):
    return 1 / (1 + np.exp(x))
