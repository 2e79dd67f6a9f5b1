# notebook: deep_network_application
# cell: two_layer_model_answer
# loses: none
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False):
    parameters, costs = initialize_parameters_deep_scaled(layers_dims), []
    for i in range(num_iterations):
        A2, caches = L_model_forward(X, parameters)  # two layers: relu, then sigmoid
        grads = L_model_backward(A2, Y, caches)
        if i % 100 == 0:
            costs.append(compute_cost(A2, Y))
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs
