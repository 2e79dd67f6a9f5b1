# notebook: initialization
# cell: initialize_parameters_zeros_answer
# loses: initialize_parameters_zeros
# kind: transposed
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
