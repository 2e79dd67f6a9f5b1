# notebook: planar_classification
# cell: compute_cost_answer
# loses: compute_cost
# kind: read notebook variables
def compute_cost(A2, Y):
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
