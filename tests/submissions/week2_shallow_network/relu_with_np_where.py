# notebook: planar_classification
# cell: relu_answer
# loses: none
def relu(z):
    return np.where(z > 0, z, 0.0)
