# notebook: planar_classification
# cell: leaky_relu_derivative_answer
# loses: leaky_relu_derivative
# kind: wrong slope at 0
def leaky_relu_derivative(z, slope=0.01):
    return np.where(z >= 0, 1.0, slope)
