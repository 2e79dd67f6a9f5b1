# notebook: initialization
# cell: initialize_parameters_he_answer
# loses: initialize_parameters_he partly
# kind: missing keys
def initialize_parameters_he(layers_dims):
    parameters = {}
    fan_in = layers_dims[0]
    parameters["W1"] = np.random.randn(layers_dims[1], fan_in) * np.sqrt(2 / fan_in)
    parameters["b1"] = np.zeros((layers_dims[1], 1))
    return parameters
