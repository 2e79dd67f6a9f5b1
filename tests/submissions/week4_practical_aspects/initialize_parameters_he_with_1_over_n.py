# notebook: initialization
# cell: initialize_parameters_he_answer
# loses: initialize_parameters_he
# kind: He with 1/n
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                    * np.sqrt(1 / layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
