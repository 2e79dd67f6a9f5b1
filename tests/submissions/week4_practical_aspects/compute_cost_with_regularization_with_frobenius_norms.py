# notebook: regularization
# cell: compute_cost_with_regularization_answer
# loses: none
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    norms = [np.linalg.norm(parameters["W" + str(l)], "fro") for l in range(1, 4)]
    return compute_cost(A3, Y) + lambd / (2 * m) * sum(n ** 2 for n in norms)
