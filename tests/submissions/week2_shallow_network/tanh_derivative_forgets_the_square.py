# notebook: planar_classification
# cell: tanh_derivative_answer
# loses: tanh_derivative
# kind: tanh slope not squared
def tanh_derivative(z):
    return 1 - np.tanh(z)
