# notebook: deep_network_step_by_step
# cell: initialize_parameters_deep_answer
# loses: initialize_parameters_deep
# kind: rank-1 array
def initialize_parameters_deep(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros(layer_dims[l])
    return parameters
