# notebook: deep_network_step_by_step
# cell: update_parameters_answer
# loses: update_parameters
# kind: unexpected keys
def update_parameters(params, grads, learning_rate):
    updated = dict(params)
    for name, gradient in grads.items():  # grads also holds dA0, dA1, ...
        key = name[1:]
        updated[key] = params.get(key, 0) - learning_rate * gradient
    return updated
