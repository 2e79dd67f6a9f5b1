# notebook: deep_network_step_by_step
# cell: initialize_parameters_deep_answer
# loses: none
def initialize_parameters_deep(layer_dims):
    parameters = {}
    for l in range(1, len(layer_dims)):
        shape = (layer_dims[l], layer_dims[l - 1])
        parameters[f"W{l}"] = np.random.normal(0.0, 1.0, size=shape) * 0.01
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters
