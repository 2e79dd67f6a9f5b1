# notebook: deep_network_step_by_step
# cell: compute_cost_answer
# loses: compute_cost
# kind: forgot 1/m
def compute_cost(AL, Y):
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
