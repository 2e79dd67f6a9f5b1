# notebook: planar_classification
# cell: relu_answer
# loses: relu
def relu(z):
    return np.max(z, 0)
