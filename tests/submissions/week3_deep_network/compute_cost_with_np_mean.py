# notebook: deep_network_step_by_step
# cell: compute_cost_answer
# loses: none
def compute_cost(AL, Y):
    return float(-np.mean(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))
