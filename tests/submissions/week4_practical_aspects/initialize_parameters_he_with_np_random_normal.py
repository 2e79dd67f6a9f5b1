# notebook: initialization
# cell: initialize_parameters_he_answer
# loses: none
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        parameters[f"W{l}"] = np.random.normal(0.0, np.sqrt(2.0 / layers_dims[l - 1]), shape)
        parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
    return parameters
