# notebook: planar_classification
# cell: relu_answer
# loses: relu
# kind: changed an input in place
def relu(z):
    z[z < 0] = 0
    return z
