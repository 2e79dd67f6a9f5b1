# notebook: deep_network_step_by_step
# cell: update_parameters_answer
# loses: update_parameters
# kind: not updated
def update_parameters(params, grads, learning_rate):
    updated = dict(params)
    for l in range(1, len(params) // 2 + 1):
        updated["W" + str(l)] = params["W" + str(l)] - learning_rate * grads["dW" + str(l)]
    return updated
