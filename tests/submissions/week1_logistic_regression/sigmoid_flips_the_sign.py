# notebook: numpy_basics
# cell: sigmoid_answer
# loses: sigmoid
def sigmoid(x):
    return 1 / (1 + np.exp(x))
