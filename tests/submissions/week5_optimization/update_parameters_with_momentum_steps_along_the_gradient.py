# notebook: optimization_methods
# cell: update_parameters_with_momentum_answer
# loses: update_parameters_with_momentum
# kind: stepped along the gradient, not v
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    parameters, v = dict(parameters), dict(v)
    for l in range(1, len(parameters) // 2 + 1):
        for name in ("W" + str(l), "b" + str(l)):
            v["d" + name] = beta * v["d" + name] + (1 - beta) * grads["d" + name]
            parameters[name] = parameters[name] - learning_rate * grads["d" + name]
    return parameters, v
