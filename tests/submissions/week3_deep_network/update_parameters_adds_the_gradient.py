# notebook: deep_network_step_by_step
# cell: update_parameters_answer
# loses: update_parameters
# kind: opposite sign
def update_parameters(params, grads, learning_rate):
    updated = dict(params)
    for l in range(1, len(params) // 2 + 1):
        updated["W" + str(l)] = params["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        updated["b" + str(l)] = params["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return updated
