# notebook: regularization
# cell: compute_cost_with_regularization_answer
# loses: compute_cost_with_regularization
# kind: L2 term without 1/m
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    squares = sum(np.sum(np.square(parameters[key])) for key in ("W1", "W2", "W3"))
    return compute_cost(A3, Y) + lambd / 2 * squares
