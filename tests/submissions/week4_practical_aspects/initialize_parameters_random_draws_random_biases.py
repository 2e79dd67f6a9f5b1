# notebook: initialization
# cell: initialize_parameters_random_answer
# loses: initialize_parameters_random
# kind: random biases
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1)
    return parameters
