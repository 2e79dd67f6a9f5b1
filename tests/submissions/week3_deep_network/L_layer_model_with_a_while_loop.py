# notebook: deep_network_application
# cell: L_layer_model_answer
# loses: none
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False):
    parameters = initialize_parameters_deep_scaled(layers_dims)
    costs, i = [], 0
    while i < num_iterations:
        AL, caches = L_model_forward(X, parameters)
        if i % 100 == 0:
            costs.append(compute_cost(AL, Y))
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        i += 1
    return parameters, costs
