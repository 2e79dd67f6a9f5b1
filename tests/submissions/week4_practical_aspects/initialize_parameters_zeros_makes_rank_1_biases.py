# notebook: initialization
# cell: initialize_parameters_zeros_answer
# loses: initialize_parameters_zeros
# kind: rank-1 array
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros(layers_dims[l])
    return parameters
