# notebook: logistic_regression
# cell: initialize_with_zeros_answer
# loses: initialize_with_zeros
# kind: rank-1 array
def initialize_with_zeros(dim):
    return np.zeros(dim), 0.0
