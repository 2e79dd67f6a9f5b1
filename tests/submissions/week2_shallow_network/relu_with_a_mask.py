# notebook: planar_classification
# cell: relu_answer
# loses: none
def relu(z):
    return z * (z > 0)
