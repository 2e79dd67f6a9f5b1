# notebook: planar_classification
# cell: relu_answer
# loses: relu
def relu(z):
    z[z < 0] = 0
    return z
