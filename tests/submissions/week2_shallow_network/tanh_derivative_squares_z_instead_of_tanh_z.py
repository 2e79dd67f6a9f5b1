# notebook: planar_classification
# cell: tanh_derivative_answer
# loses: tanh_derivative
def tanh_derivative(z):
    return 1 - z ** 2
