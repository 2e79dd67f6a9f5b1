# notebook: initialization
# cell: initialize_parameters_xavier_answer
# loses: none
def initialize_parameters_xavier(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    / np.sqrt(layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
