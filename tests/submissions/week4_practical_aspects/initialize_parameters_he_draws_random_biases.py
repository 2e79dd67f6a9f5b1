# notebook: initialization
# cell: initialize_parameters_he_answer
# loses: initialize_parameters_he
# kind: random biases
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        scale = np.sqrt(2 / layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * scale
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * scale
    return parameters
