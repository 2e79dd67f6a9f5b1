# notebook: deep_network_step_by_step
# cell: update_parameters_answer
# loses: none
def update_parameters(params, grads, learning_rate):
    return {key: value - learning_rate * grads["d" + key] for key, value in params.items()}
