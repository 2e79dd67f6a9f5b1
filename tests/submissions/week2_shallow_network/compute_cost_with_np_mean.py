# notebook: planar_classification
# cell: compute_cost_answer
# loses: none
def compute_cost(A2, Y):
    return -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
