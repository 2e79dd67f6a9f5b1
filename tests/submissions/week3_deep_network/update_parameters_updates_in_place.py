# notebook: deep_network_step_by_step
# cell: update_parameters_answer
# loses: update_parameters
# kind: changed an input in place
def update_parameters(params, grads, learning_rate):
    for l in range(1, len(params) // 2 + 1):
        params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return params
