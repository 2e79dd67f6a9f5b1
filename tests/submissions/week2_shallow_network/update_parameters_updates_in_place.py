# notebook: planar_classification
# cell: update_parameters_answer
# loses: update_parameters
# kind: changed an input in place
def update_parameters(parameters, grads, learning_rate=1.2):
    for name in ("W1", "b1", "W2", "b2"):
        parameters[name] -= learning_rate * grads["d" + name]
    return parameters
