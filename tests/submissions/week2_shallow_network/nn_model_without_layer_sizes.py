# notebook: planar_classification
# cell: nn_model_answer
# loses: none
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    np.random.seed(3)
    parameters = initialize_parameters(X.shape[0], n_h, Y.shape[0])
    i = 0
    while i < num_iterations:
        A2, cache = forward_propagation(X, parameters)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {compute_cost(A2, Y):.6f}")
        parameters = update_parameters(parameters, backward_propagation(parameters, cache, X, Y),
                                       learning_rate=1.2)
        i += 1
    return parameters
