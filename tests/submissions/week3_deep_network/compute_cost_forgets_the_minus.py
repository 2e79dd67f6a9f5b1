# notebook: deep_network_step_by_step
# cell: compute_cost_answer
# loses: compute_cost
# kind: opposite sign
def compute_cost(AL, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
