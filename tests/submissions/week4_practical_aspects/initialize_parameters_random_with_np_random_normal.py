# notebook: initialization
# cell: initialize_parameters_random_answer
# loses: none
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.normal(0.0, 10.0, size=shape)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
