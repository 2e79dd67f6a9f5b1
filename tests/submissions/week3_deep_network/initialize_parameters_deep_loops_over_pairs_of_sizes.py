# notebook: deep_network_step_by_step
# cell: initialize_parameters_deep_answer
# loses: none
def initialize_parameters_deep(layer_dims):
    parameters = {}
    sizes = zip(layer_dims[:-1], layer_dims[1:])  # (n[l-1], n[l]) for l = 1, ..., L
    for l, (n_prev, n) in enumerate(sizes, start=1):
        parameters.update({f"W{l}": 0.01 * np.random.randn(n, n_prev),
                           f"b{l}": np.zeros((n, 1))})
    return parameters
