# notebook: planar_classification
# cell: compute_cost_answer
# loses: compute_cost
# kind: opposite sign
def compute_cost(A2, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
