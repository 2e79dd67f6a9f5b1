# notebook: initialization
# cell: initialize_parameters_zeros_answer
# loses: none
def initialize_parameters_zeros(layers_dims):
    sizes = list(zip(layers_dims[1:], layers_dims[:-1]))
    parameters = {}
    for l, (n, n_prev) in enumerate(sizes, start=1):
        parameters.update({f"W{l}": np.zeros((n, n_prev)), f"b{l}": np.zeros((n, 1))})
    return parameters
