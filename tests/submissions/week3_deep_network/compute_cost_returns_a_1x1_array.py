# notebook: deep_network_step_by_step
# cell: compute_cost_answer
# loses: compute_cost
# kind: array, not a number
def compute_cost(AL, Y):
    m = Y.shape[1]
    cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
    return cost
