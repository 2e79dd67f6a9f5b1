# notebook: planar_classification
# cell: relu_derivative_answer
# loses: none
def relu_derivative(z):
    return np.heaviside(z, 0.0)
