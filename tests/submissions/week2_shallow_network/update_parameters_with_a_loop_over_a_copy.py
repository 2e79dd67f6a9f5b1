# notebook: planar_classification
# cell: update_parameters_answer
# loses: none
def update_parameters(parameters, grads, learning_rate=1.2):
    updated = {}
    for name, value in parameters.items():
        updated[name] = value.copy()
        updated[name] -= learning_rate * grads["d" + name]
    return updated
