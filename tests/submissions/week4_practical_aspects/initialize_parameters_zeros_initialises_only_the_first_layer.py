# notebook: initialization
# cell: initialize_parameters_zeros_answer
# loses: initialize_parameters_zeros partly
# kind: missing keys
def initialize_parameters_zeros(layers_dims):
    parameters = {"W1": np.zeros((layers_dims[1], layers_dims[0])),
                  "b1": np.zeros((layers_dims[1], 1))}
    return parameters
