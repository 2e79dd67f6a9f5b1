# notebook: planar_classification
# cell: compute_cost_answer
# loses: compute_cost
# kind: array, not a number
def compute_cost(A2, Y):
    m = Y.shape[1]
    return -(np.dot(Y, np.log(A2).T) + np.dot(1 - Y, np.log(1 - A2).T)) / m
