# notebook: optimization_methods
# cell: update_parameters_with_momentum_answer
# loses: update_parameters_with_momentum
# kind: momentum without (1 - beta)
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    parameters, v = dict(parameters), dict(v)
    for l in range(1, len(parameters) // 2 + 1):
        for name in ("W" + str(l), "b" + str(l)):
            v["d" + name] = beta * v["d" + name] + grads["d" + name]
            parameters[name] = parameters[name] - learning_rate * v["d" + name]
    return parameters, v
