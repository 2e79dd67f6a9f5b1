# notebook: planar_classification
# cell: leaky_relu_derivative_answer
# loses: leaky_relu_derivative partly
# kind: used the default slope
def leaky_relu_derivative(z, slope=0.01):
    return np.where(z > 0, 1.0, 0.01)
