# notebook: optimization_methods
# cell: update_parameters_with_rmsprop_answer
# loses: update_parameters_with_rmsprop
# kind: RMSprop without the square
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    parameters, s = dict(parameters), dict(s)
    for key in list(parameters):
        s["d" + key] = beta2 * s["d" + key] + (1 - beta2) * grads["d" + key]
        parameters[key] = parameters[key] - learning_rate * grads["d" + key] / (
            np.sqrt(s["d" + key]) + epsilon)
    return parameters, s
