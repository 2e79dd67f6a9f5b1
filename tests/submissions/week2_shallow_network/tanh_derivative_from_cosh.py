# notebook: planar_classification
# cell: tanh_derivative_answer
# loses: none
def tanh_derivative(z):
    return 1 / np.cosh(z) ** 2
