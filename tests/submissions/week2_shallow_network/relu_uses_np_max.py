# notebook: planar_classification
# cell: relu_answer
# loses: relu
# kind: lost an axis
def relu(z):
    return np.max(z, 0)
