# notebook: planar_classification
# cell: tanh_derivative_answer
# loses: tanh_derivative
# kind: tanh slope from z, not tanh(z)
def tanh_derivative(z):
    return 1 - z ** 2
