# notebook: deep_network_step_by_step
# cell: initialize_parameters_deep_answer
# loses: initialize_parameters_deep
# kind: missing keys
def initialize_parameters_deep(layer_dims):
    parameters = {}
    L = len(layer_dims) - 1
    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters
