# notebook: deep_network_application
# cell: L_layer_model_answer
# loses: none
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    parameters = initialize_parameters_deep_scaled(layers_dims)
    every_cost = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        every_cost.append(compute_cost(AL, Y))
        if print_cost and i % 100 == 0:
            print(f"Cost after iteration {i}: {every_cost[-1]:.6f}")
        parameters = update_parameters(parameters, L_model_backward(AL, Y, caches),
                                       learning_rate)
    return parameters, every_cost[::100]
