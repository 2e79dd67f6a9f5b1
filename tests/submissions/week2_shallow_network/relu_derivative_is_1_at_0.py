# notebook: planar_classification
# cell: relu_derivative_answer
# loses: relu_derivative
# kind: wrong slope at 0
def relu_derivative(z):
    return (z >= 0).astype(float)
