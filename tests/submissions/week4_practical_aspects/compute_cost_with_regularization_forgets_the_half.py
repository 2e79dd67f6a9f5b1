# notebook: regularization
# cell: compute_cost_with_regularization_answer
# loses: compute_cost_with_regularization
# kind: L2 term without the 1/2
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.sum(np.square(parameters[key])) for key in ("W1", "W2", "W3"))
    return compute_cost(A3, Y) + lambd / m * squares
