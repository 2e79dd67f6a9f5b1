# notebook: planar_classification
# cell: update_parameters_answer
# loses: update_parameters partly
# kind: step of another size
def update_parameters(parameters, grads, learning_rate=0.5):
    return {name: parameters[name] - learning_rate * grads["d" + name]
            for name in ("W1", "b1", "W2", "b2")}
