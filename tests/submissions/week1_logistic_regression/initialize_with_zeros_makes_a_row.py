# notebook: logistic_regression
# cell: initialize_with_zeros_answer
# loses: initialize_with_zeros partly
# kind: transposed
def initialize_with_zeros(dim):
    return np.zeros((1, dim)), 0.0
