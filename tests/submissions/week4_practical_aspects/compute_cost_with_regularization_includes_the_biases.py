# notebook: regularization
# cell: compute_cost_with_regularization_answer
# loses: compute_cost_with_regularization
# kind: regularised the biases
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = sum(np.sum(np.square(value)) for value in parameters.values())
    return compute_cost(A3, Y) + lambd / (2 * m) * squares
